/**
 * Vertex fit of any set of STRAW tracks, the kinematics of the set, and the backward extrapolation
 * of its total momentum (the beam-dump analysis points a di-muon back to the TAX with it).
 *
 * Each track is a straight line measured at STRAW1 (z₁): position (x, y) with resolution σ_pos and
 * slopes (tx, ty) with σ_θ (multiple scattering in the first chamber ⊕ hit resolution, straw.ts),
 * measured independently (the line pivots at the STRAW1 hit). Upstream of STRAW1, in vacuum, its
 * position at z has the variance σ_pos² + (z − z₁)²·σ_θ² per projection. The fit minimises
 *
 *   χ² = Σ_tracks [(x_i + tx_i·d − x_v)² + (y_i + ty_i·d − y_v)²] / (σ_pos,i² + d²·σ_θ,i²),  d = z_v − z₁,
 *
 * linear in (x_v, y_v, d) for fixed weights: the 3×3 normal equations are solved, the weights
 * re-evaluated at the new d, three times (the weights change slowly with d). ndf = 2n − 3; the
 * covariance of (x_v, y_v, z_v) is the inverse normal matrix at the last weights.
 *
 * No allocation per call: results go to the `out` array of the fitter (indices V below).
 */
import type { TrackList } from "../core/track-list.ts";
import { closestApproach } from "./vertex.ts";

/** fields of VertexFit.out */
export const V = {
  x: 0,
  y: 1,
  z: 2,
  chi2: 3,
  ndf: 4,
  /** σ of x, y, z from the covariance (mm) */
  sx: 5,
  sy: 6,
  sz: 7,
  /** total momentum (GeV/c) and energy (GeV, from the mass hypotheses), |P|, invariant mass */
  px: 8,
  py: 9,
  pz: 10,
  e: 11,
  p: 12,
  mass: 13,
  /** set by extrapolate(): position of the total-momentum line at z, its CDA to the beam line and the z there */
  xAt: 14,
  yAt: 15,
  cda: 16,
  zCda: 17,
} as const;

const ITERATIONS = 3;

/** transverse momentum of (px, py, pz) to an axis of slopes (tx, ty): |P × n|, n the unit vector of (tx, ty, 1) */
export function ptToAxis(px: number, py: number, pz: number, tx: number, ty: number): number {
  const nz = 1 / Math.sqrt(1 + tx * tx + ty * ty);
  const nx = tx * nz;
  const ny = ty * nz;
  const cx = py * nz - pz * ny;
  const cy = pz * nx - px * nz;
  const cz = px * ny - py * nx;
  return Math.sqrt(cx * cx + cy * cy + cz * cz);
}

export class VertexFit {
  /** z of the plane where the tracks are measured (STRAW1, mm) */
  readonly z1: number;
  readonly out = new Float64Array(18);
  private readonly ca = new Float64Array(4);

  constructor(zStraw1: number) {
    this.z1 = zStraw1;
  }

  /**
   * Fit the common vertex of tracks idx[0..n) (absolute TrackList indices). Returns false (out
   * untouched beyond NaN position) with fewer than two tracks or parallel tracks.
   */
  fit(tl: TrackList, idx: ArrayLike<number>, n: number): boolean {
    const out = this.out;
    out[V.x] = Number.NaN;
    out[V.y] = Number.NaN;
    out[V.z] = Number.NaN;
    out[V.chi2] = Number.NaN;
    out[V.ndf] = 2 * n - 3;
    if (n < 2) return false;
    const X = tl.x;
    const Y = tl.y;
    const TX = tl.tx;
    const TY = tl.ty;
    let d = 0;
    let xv = 0;
    let yv = 0;
    let i00 = 0;
    let i11 = 0;
    let i22 = 0;
    for (let it = 0; it <= ITERATIONS; it++) {
      // weights at the current d (the first pass: equal weights)
      let S = 0;
      let Sx = 0;
      let Sy = 0;
      let Sq = 0;
      let Bx = 0;
      let By = 0;
      let Bd = 0;
      for (let j = 0; j < n; j++) {
        const k = idx[j];
        const sp = tl.sigmaPos[k];
        const ss = tl.sigmaSlope[k];
        const w = it === 0 ? 1 : 1 / (sp * sp + d * d * ss * ss);
        const tx = TX[k];
        const ty = TY[k];
        S += w;
        Sx += w * tx;
        Sy += w * ty;
        Sq += w * (tx * tx + ty * ty);
        Bx += w * X[k];
        By += w * Y[k];
        Bd -= w * (tx * X[k] + ty * Y[k]);
      }
      // N = [[S, 0, −Sx], [0, S, −Sy], [−Sx, −Sy, Sq]]: inverse by cofactors
      const c00 = S * Sq - Sy * Sy;
      const c01 = Sx * Sy; // cofactor (0,1) of the symmetric N
      const c02 = S * Sx;
      const c11 = S * Sq - Sx * Sx;
      const c12 = S * Sy;
      const c22 = S * S;
      const det = S * c00 - Sx * c02;
      if (!(Math.abs(det) > 1e-300) || !(det > 0)) return false;
      const inv = 1 / det;
      xv = (c00 * Bx + c01 * By + c02 * Bd) * inv;
      yv = (c01 * Bx + c11 * By + c12 * Bd) * inv;
      d = (c02 * Bx + c12 * By + c22 * Bd) * inv;
      i00 = c00 * inv;
      i11 = c11 * inv;
      i22 = c22 * inv;
    }
    let chi2 = 0;
    for (let j = 0; j < n; j++) {
      const k = idx[j];
      const sp = tl.sigmaPos[k];
      const ss = tl.sigmaSlope[k];
      const w = 1 / (sp * sp + d * d * ss * ss);
      const rx = X[k] + TX[k] * d - xv;
      const ry = Y[k] + TY[k] * d - yv;
      chi2 += w * (rx * rx + ry * ry);
    }
    out[V.x] = xv;
    out[V.y] = yv;
    out[V.z] = this.z1 + d;
    out[V.chi2] = chi2;
    out[V.sx] = Math.sqrt(i00);
    out[V.sy] = Math.sqrt(i11);
    out[V.sz] = Math.sqrt(i22);
    return true;
  }

  /**
   * Total momentum, energy and invariant mass of tracks idx[0..n) with the masses m[0..n) (GeV/c²)
   * as hypotheses, into out (V.px … V.mass)
   */
  kinematics(tl: TrackList, idx: ArrayLike<number>, n: number, m: ArrayLike<number>): void {
    let px = 0;
    let py = 0;
    let pz = 0;
    let e = 0;
    for (let j = 0; j < n; j++) {
      const k = idx[j];
      const tx = tl.tx[k];
      const ty = tl.ty[k];
      const p = tl.p[k];
      const z = p / Math.sqrt(1 + tx * tx + ty * ty);
      px += z * tx;
      py += z * ty;
      pz += z;
      e += Math.sqrt(p * p + m[j] * m[j]);
    }
    const out = this.out;
    out[V.px] = px;
    out[V.py] = py;
    out[V.pz] = pz;
    out[V.e] = e;
    const p2 = px * px + py * py + pz * pz;
    out[V.p] = Math.sqrt(p2);
    const m2 = e * e - p2;
    out[V.mass] = m2 > 0 ? Math.sqrt(m2) : -Math.sqrt(-m2);
  }

  /** Δp = |P_vertex| − p_beam of the last kinematics() (GeV/c) */
  deltaP(pBeam: number): number {
    return this.out[V.p] - pBeam;
  }

  /** transverse momentum of the last kinematics() to an axis of slopes (tx, ty) (GeV/c) */
  pt(tx: number, ty: number): number {
    const o = this.out;
    return ptToAxis(o[V.px], o[V.py], o[V.pz], tx, ty);
  }

  /**
   * Extrapolate the line of the total momentum of the last kinematics() from the last fitted
   * vertex back (or forward) to z: V.xAt, V.yAt; and its closest approach to the beam line through
   * (bx, by, bz) with slopes (btx, bty): V.cda and the z of the closest point, V.zCda (the midpoint
   * of the two closest points). The dump analysis uses z = z_TAX and the beam axis.
   */
  extrapolate(z: number, bx: number, by: number, bz: number, btx: number, bty: number): void {
    const o = this.out;
    const tx = o[V.px] / o[V.pz];
    const ty = o[V.py] / o[V.pz];
    o[V.xAt] = o[V.x] + tx * (z - o[V.z]);
    o[V.yAt] = o[V.y] + ty * (z - o[V.z]);
    const ca = this.ca;
    closestApproach(o[V.x], o[V.y], o[V.z], tx, ty, bx, by, bz, btx, bty, ca);
    o[V.cda] = ca[0];
    o[V.zCda] = ca[3];
  }
}

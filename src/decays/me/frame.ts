/**
 * Rest-frame building blocks for the matrix-element generators: a small set of four-vectors in
 * the kaon rest frame (scratch columns, allocated once per generator), two-body splittings of a
 * moving system at given angles, Lorentz products, and the hand-over to the event batch (random
 * overall rotation, boost into the lab). Nothing here allocates per event.
 */
import type { EventBatch } from "../../core/batch.ts";
import { boostFromRest, randomRotation, rotate, twoBodyMomentum } from "../../core/kinematics.ts";
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import { boostDaughter } from "../phase-space.ts";

const rot = new Float64Array(9);

/** n four-vectors (px, py, pz, e) in one frame, as typed columns */
export class FourVectors {
  readonly n: number;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;
  readonly e: Float64Array;

  constructor(n: number) {
    this.n = n;
    this.px = new Float64Array(n);
    this.py = new Float64Array(n);
    this.pz = new Float64Array(n);
    this.e = new Float64Array(n);
  }

  set(i: number, x: number, y: number, z: number, E: number): void {
    this.px[i] = x;
    this.py[i] = y;
    this.pz[i] = z;
    this.e[i] = E;
  }

  /** exchange vectors i and j */
  swap(i: number, j: number): void {
    const x = this.px[i];
    const y = this.py[i];
    const z = this.pz[i];
    const E = this.e[i];
    this.set(i, this.px[j], this.py[j], this.pz[j], this.e[j]);
    this.set(j, x, y, z, E);
  }

  /** Minkowski product pᵢ·pⱼ */
  dot(i: number, j: number): number {
    return (
      this.e[i] * this.e[j] - this.px[i] * this.px[j] - this.py[i] * this.py[j] - this.pz[i] * this.pz[j]
    );
  }

  /** (pᵢ + pⱼ)² */
  mass2(i: number, j: number): number {
    const E = this.e[i] + this.e[j];
    const x = this.px[i] + this.px[j];
    const y = this.py[i] + this.py[j];
    const z = this.pz[i] + this.pz[j];
    return E * E - x * x - y * y - z * z;
  }

  /** |p⃗ᵢ| */
  momentum(i: number): number {
    return Math.hypot(this.px[i], this.py[i], this.pz[i]);
  }

  /** cosine of the angle between the three-momenta of i and j */
  cosAngle(i: number, j: number): number {
    const d = this.px[i] * this.px[j] + this.py[i] * this.py[j] + this.pz[i] * this.pz[j];
    return d / (this.momentum(i) * this.momentum(j));
  }

  /** boost vector i from the rest frame of a system with four-momentum (X, Y, Z, E) and mass M */
  boost(i: number, X: number, Y: number, Z: number, E: number, M: number): void {
    boostFromRest(this.px, this.py, this.pz, this.e, i, X, Y, Z, E, M);
  }

  /**
   * Write vectors [0, n) (given in the rest frame of the parent at global index P) into the batch at
   * global indices g, g+1, …: one common random rotation, then the boost into the lab. Only the
   * first `count` vectors are written.
   */
  emit(b: EventBatch, rng: Xoshiro128, P: number, g: number, count = this.n): void {
    randomRotation(rng, rot);
    for (let k = 0; k < count; k++) {
      const d = g + k;
      b.px[d] = this.px[k];
      b.py[d] = this.py[k];
      b.pz[d] = this.pz[k];
      b.e[d] = this.e[k];
      rotate(b.px, b.py, b.pz, d, rot);
      boostDaughter(b, P, d);
    }
  }
}

/**
 * An orthonormal basis (a, c) of the plane perpendicular to the unit vector u, written to
 * out = [ax, ay, az, cx, cy, cz] with c = u × a; a is perpendicular to the z axis (to x when u is
 * near z).
 */
export function perpendicularBasis(ux: number, uy: number, uz: number, out: Float64Array): void {
  let ax: number;
  let ay: number;
  let az: number;
  if (Math.abs(uz) < 0.9) {
    ax = -uy;
    ay = ux;
    az = 0;
  } else {
    ax = 0;
    ay = -uz;
    az = uy;
  }
  const n = Math.hypot(ax, ay, az);
  ax /= n;
  ay /= n;
  az /= n;
  out[0] = ax;
  out[1] = ay;
  out[2] = az;
  out[3] = uy * az - uz * ay;
  out[4] = uz * ax - ux * az;
  out[5] = ux * ay - uy * ax;
}

const basis = new Float64Array(6);

/**
 * Split a system of four-momentum (X, Y, Z, E) and mass M (in the frame of `v`) into daughters i
 * and j of masses m1, m2: daughter i is emitted at polar angle acos(cosT) from the system's flight
 * direction (the z axis if the system is at rest) and azimuth phi about it, measured from the
 * plane spanned by the flight direction and the frame's z axis (or x axis when the flight is along
 * z). Both daughters are then boosted into the frame of `v`. Returns the daughters' momentum in
 * the system's rest frame.
 */
export function splitSystem(
  v: FourVectors,
  i: number,
  j: number,
  X: number,
  Y: number,
  Z: number,
  E: number,
  M: number,
  m1: number,
  m2: number,
  cosT: number,
  phi: number,
): number {
  const q = twoBodyMomentum(M, m1, m2);
  const p = Math.hypot(X, Y, Z);
  // unit vector u along the flight direction, and an orthonormal pair (a, c) perpendicular to it
  let ux = 0;
  let uy = 0;
  let uz = 1;
  if (p > 0) {
    ux = X / p;
    uy = Y / p;
    uz = Z / p;
  }
  perpendicularBasis(ux, uy, uz, basis);
  const ax = basis[0];
  const ay = basis[1];
  const az = basis[2];
  const cx = basis[3];
  const cy = basis[4];
  const cz = basis[5];
  const sT = Math.sqrt(Math.max(0, 1 - cosT * cosT));
  const s1 = sT * Math.cos(phi);
  const s2 = sT * Math.sin(phi);
  const dx = q * (s1 * ax + s2 * cx + cosT * ux);
  const dy = q * (s1 * ay + s2 * cy + cosT * uy);
  const dz = q * (s1 * az + s2 * cz + cosT * uz);
  v.set(i, dx, dy, dz, Math.sqrt(q * q + m1 * m1));
  v.set(j, -dx, -dy, -dz, Math.sqrt(q * q + m2 * m2));
  v.boost(i, X, Y, Z, E, M);
  v.boost(j, X, Y, Z, E, M);
  return q;
}

/**
 * Three-body kinematics in the parent rest frame from the rest-frame energies of daughters i and
 * k (j balances): i along +z, k in the xz plane. Returns false outside the physical region.
 */
export function threeBodyFromEnergies(
  v: FourVectors,
  i: number,
  j: number,
  k: number,
  M: number,
  mi: number,
  mj: number,
  mk: number,
  Ei: number,
  Ek: number,
): boolean {
  const Ej = M - Ei - Ek;
  const pi2 = Ei * Ei - mi * mi;
  const pk2 = Ek * Ek - mk * mk;
  const pj2 = Ej * Ej - mj * mj;
  if (pi2 < 0 || pk2 < 0 || pj2 < 0) return false;
  const pi = Math.sqrt(pi2);
  const pk = Math.sqrt(pk2);
  let c = pi > 0 && pk > 0 ? (pj2 - pi2 - pk2) / (2 * pi * pk) : 0;
  if (c > 1 || c < -1) {
    if (c > 1 + 1e-9 || c < -1 - 1e-9) return false;
    c = c > 0 ? 1 : -1;
  }
  const s = Math.sqrt(Math.max(0, 1 - c * c));
  v.set(i, 0, 0, pi, Ei);
  v.set(k, pk * s, 0, pk * c, Ek);
  v.set(j, -pk * s, 0, -pi - pk * c, Ej);
  return true;
}

/** range of the rest-frame energy of daughter a when a system of mass² s recoils against energy Eo */
export function energyRange(
  M: number,
  Eo: number,
  po: number,
  s: number,
  ma: number,
  mb: number,
  out: Float64Array,
): boolean {
  if (s < (ma + mb) ** 2) return false;
  const m = Math.sqrt(s);
  const E = M - Eo;
  const qa = twoBodyMomentum(m, ma, mb);
  const Ea = Math.sqrt(qa * qa + ma * ma);
  out[0] = (E * Ea - po * qa) / m;
  out[1] = (E * Ea + po * qa) / m;
  return true;
}

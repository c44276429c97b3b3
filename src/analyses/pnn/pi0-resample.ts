/**
 * π⁰ resampling: the photon-veto survival pv of an event with a π⁰→γγ is a product of
 * inefficiencies over its photons, 10⁻¹⁰…1 depending on where the two photons go (LKr at high
 * energy, a LAV ring, a beam hole, below the LKr threshold). A plain weighted sample therefore
 * estimates the π⁺π⁰ background from the handful of events whose photons happened to take a
 * rare, poorly vetoed configuration (0.3% of the events carry 96% of Σpv).
 *
 * For the events whose kinematics already place them in the regions of interest (one positive
 * track with a kaon association, a π⁺ PID probability and a fiducial vertex in R1 or R2 — reconstructed quantities that do not depend on the photons), the
 * π⁰→γγ decay is re-done K times in the π⁰ rest frame, with cos θ* (the angle to the π⁰ flight
 * direction, which fixes the energy sharing) stratified over K equal strata (uniform when the event has
 * two π⁰) and φ uniform; each
 * photon pair is propagated through the same straight-line transport and veto response as the
 * detector (Transport.photon, Detector.photonIneff), and pv is replaced by the mean over the K
 * decays. The estimate is unbiased: the mean is an unbiased estimate of E[pv | everything but the
 * π⁰ decay angles], and in the PNN selection nothing but pv depends on those angles (the PNN
 * trigger is evaluated on the track only, the photons convert nowhere; src/trigger/l0.ts). The
 * per-event MC error stays honest: one event is one entry of the tally, its K decays averaged
 * before the weight is squared.
 *
 * Kept as they are: Dalitz (e⁺e⁻γ) and double-Dalitz π⁰ decays (their e± are tracked charged
 * particles); the original photons are restored after the passes, so the batch is unchanged but
 * for pv. Weighted mode only (in the sample mode pv is a 0/1 draw).
 */

import type { EventBatch } from "../../core/batch.ts";
import { MAX_SLOTS, Status } from "../../core/batch.ts";
import type { RecoBatch } from "../../core/reco-batch.ts";
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import type { Detector } from "../../detector/detector.ts";
import type { Transport } from "../../detector/transport.ts";
import { Hit, type TransportBatch } from "../../detector/transport-batch.ts";
import type { SelectionParams } from "./conditions.ts";
import { Region, type RegionClassifier } from "./regions.ts";

const PDG_PI0 = 111;
const PDG_GAMMA = 22;
/** at most this many π⁰→γγ per event are resampled (K⁺→π⁺π⁰π⁰ has two) */
const MAX_PI0 = 4;

/**
 * which events are resampled: by default one positive track, kaon-associated, π⁺-like, with its vertex
 * in the fiducial volume, in R1 or R2
 */
export type ResampleFilter = (r: RecoBatch, i: number) => boolean;

export function regionFilter(cls: RegionClassifier, params: SelectionParams): ResampleFilter {
  const fv = params.fiducial;
  const cdaMax = params.kaon.cdaMax;
  return (r, i) => {
    if (r.nTracks[i] !== 1 || r.trackQ[i] <= 0 || r.gtkMatch[i] < 0 || !(r.pidPi[i] > 0)) return false;
    const z = r.zVtx[i];
    if (!(z >= fv.zMin && z <= fv.zMax && r.cda[i] < cdaMax)) return false;
    const p = r.pTrack[i];
    if (cls.bin(p) < 0) return false;
    const reg = cls.region(p, r.m2miss[i], r.m2missRich[i], r.m2missBeam[i]);
    return reg === Region.R1 || reg === Region.R2;
  };
}

export class Pi0Resampler {
  readonly passes: number;
  /** events resampled so far */
  resampled = 0;
  private readonly pi0 = new Int32Array(MAX_PI0);
  private readonly g1 = new Int32Array(MAX_PI0);
  private readonly g2 = new Int32Array(MAX_PI0);
  /** saved photon momenta (px, py, pz, e) of the pairs */
  private readonly saved = new Float64Array(MAX_PI0 * 8);

  constructor(
    private readonly transport: Transport,
    private readonly detector: Detector,
    passes: number,
    private readonly filter: ResampleFilter,
  ) {
    if (!Number.isInteger(passes) || passes < 1)
      throw new RangeError(`π⁰ resamples: expected an integer ≥ 1, got ${passes}`);
    this.passes = passes;
  }

  /** replace pv of the selected events of [0, n) by its mean over `passes` π⁰→γγ decays */
  apply(b: EventBatch, tb: TransportBatch, r: RecoBatch, n: number, rng: Xoshiro128): void {
    if (this.passes === 1) return;
    for (let i = 0; i < n; i++) {
      if (!this.filter(r, i)) continue;
      const np = this.findPairs(b, tb, i);
      if (np === 0) continue;
      r.pv[i] = this.meanPv(b, tb, i, np, rng);
      this.resampled++;
    }
  }

  /** the π⁰→γγ of event i whose photons were transported; returns their number */
  private findPairs(b: EventBatch, tb: TransportBatch, i: number): number {
    const base = i * MAX_SLOTS;
    const n = b.nParticles[i];
    let np = 0;
    for (let k = 1; k < n && np < MAX_PI0; k++) {
      if (b.pdg[base + k] !== PDG_PI0 || b.status[base + k] !== Status.INTERMEDIATE) continue;
      let a = -1;
      let c = -1;
      let other = false;
      for (let j = k + 1; j < n; j++) {
        if (b.parent[base + j] !== k) continue;
        if (b.pdg[base + j] !== PDG_GAMMA || !(tb.mask[base + j] & Hit.PHOTON)) other = true;
        else if (a < 0) a = base + j;
        else if (c < 0) c = base + j;
        else other = true;
      }
      if (other || c < 0) continue;
      this.pi0[np] = base + k;
      this.g1[np] = a;
      this.g2[np] = c;
      np++;
    }
    return np;
  }

  private meanPv(b: EventBatch, tb: TransportBatch, i: number, np: number, rng: Xoshiro128): number {
    const base = i * MAX_SLOTS;
    const n = b.nParticles[i];
    const s = this.saved;
    for (let q = 0; q < np; q++) {
      const o = q * 8;
      for (const [h, g] of [
        [0, this.g1[q]],
        [4, this.g2[q]],
      ]) {
        s[o + h] = b.px[g];
        s[o + h + 1] = b.py[g];
        s[o + h + 2] = b.pz[g];
        s[o + h + 3] = b.e[g];
      }
    }
    const K = this.passes;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      for (let q = 0; q < np; q++) {
        // stratified cos θ* for a single π⁰, uniform φ; with several π⁰ the strata of one pass
        // would be correlated (biased for a product), so they are drawn uniformly
        const c = np === 1 ? -1 + (2 * (k + rng.uniform())) / K : 2 * rng.uniform() - 1;
        this.decay(b, this.pi0[q], this.g1[q], this.g2[q], c, 2 * Math.PI * rng.uniform());
        this.transport.photon(b, tb, this.g1[q]);
        this.transport.photon(b, tb, this.g2[q]);
      }
      let pv = 1;
      for (let j = 1; j < n; j++) {
        const g = base + j;
        if (b.pdg[g] === PDG_GAMMA) pv *= this.detector.photonIneff(tb, g);
      }
      sum += pv;
    }
    // restore the original photons and their transport
    for (let q = 0; q < np; q++) {
      const o = q * 8;
      for (const [h, g] of [
        [0, this.g1[q]],
        [4, this.g2[q]],
      ]) {
        b.px[g] = s[o + h];
        b.py[g] = s[o + h + 1];
        b.pz[g] = s[o + h + 2];
        b.e[g] = s[o + h + 3];
        this.transport.photon(b, tb, g);
      }
    }
    return sum / K;
  }

  /** π⁰ at P → γ(g1) γ(g2) with cos θ* = c to the π⁰ direction and azimuth phi */
  decay(b: EventBatch, P: number, g1: number, g2: number, c: number, phi: number): void {
    const px = b.px[P];
    const py = b.py[P];
    const pz = b.pz[P];
    const E = b.e[P];
    const p = Math.sqrt(px * px + py * py + pz * pz);
    const m = Math.sqrt(Math.max(E * E - p * p, 0));
    const half = m / 2;
    // unit vectors: n along the π⁰, u and v perpendicular
    const nx = px / p;
    const ny = py / p;
    const nz = pz / p;
    // u = normalised (n × x̂) unless n is along x̂
    let ux: number;
    let uy: number;
    let uz: number;
    if (Math.abs(nx) < 0.9) {
      const l = Math.sqrt(nz * nz + ny * ny);
      ux = 0;
      uy = nz / l;
      uz = -ny / l;
    } else {
      const l = Math.sqrt(nz * nz + nx * nx);
      ux = -nz / l;
      uy = 0;
      uz = nx / l;
    }
    const vx = ny * uz - nz * uy;
    const vy = nz * ux - nx * uz;
    const vz = nx * uy - ny * ux;
    const sn = Math.sqrt(Math.max(1 - c * c, 0));
    const cp = Math.cos(phi) * sn * half;
    const sp = Math.sin(phi) * sn * half;
    const tx = cp * ux + sp * vx;
    const ty = cp * uy + sp * vy;
    const tz = cp * uz + sp * vz;
    const gamma = E / m;
    const bg = p / m;
    // longitudinal momenta and energies of the two photons (cos θ* = ±c)
    const pl1 = gamma * half * c + bg * half;
    const pl2 = -gamma * half * c + bg * half;
    b.px[g1] = pl1 * nx + tx;
    b.py[g1] = pl1 * ny + ty;
    b.pz[g1] = pl1 * nz + tz;
    b.e[g1] = gamma * half + bg * half * c;
    b.px[g2] = pl2 * nx - tx;
    b.py[g2] = pl2 * ny - ty;
    b.pz[g2] = pl2 * nz - tz;
    b.e[g2] = gamma * half - bg * half * c;
  }
}

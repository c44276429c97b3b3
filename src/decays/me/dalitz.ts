/**
 * Three-body decays K⁺ → 1 2 3 by accept/reject in the Dalitz plane. Points are drawn uniformly
 * in the rest-frame energies (E₁, E₂), which is uniform in phase space (dΦ₃ ∝ dE₁ dE₂), and kept
 * with probability |M|²(E₁, E₂, E₃)/w_max. w_max is found by scanning the plane at construction
 * and raised by a safety factor; the AcceptReject book-keeper counts any weight above it.
 */

import { type EventBatch, MAX_SLOTS, Status } from "../../core/batch.ts";
import { AcceptReject } from "../../core/rng/samplers.ts";
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import { type ChannelGenerator, type ChannelInfo, type DecayContext, daughterArrays } from "../channel.ts";

export abstract class DalitzGenerator implements ChannelGenerator {
  readonly M: number;
  readonly m1: number;
  readonly m2: number;
  readonly m3: number;
  readonly pdgs: Int32Array;
  readonly masses: Float64Array;
  readonly e1Max: number;
  readonly e2Max: number;
  sampler!: AcceptReject;
  /** per event of a block: E₁, E₃, a validity flag and the rotation's three uniforms */
  private scratch = new Float64Array(6 * 4096);
  /** M, m₁, m₂, m₃, 2π for the emission loop (a Float64Array: V8 holds them unboxed) */
  private readonly par: Float64Array;

  constructor(info: ChannelInfo, ctx: DecayContext) {
    if (info.daughters.length !== 3) throw new Error(`${info.name}: a Dalitz generator needs 3 daughters`);
    const { pdgs, masses } = daughterArrays(info.daughters, ctx.particles);
    this.pdgs = pdgs;
    this.masses = masses;
    this.M = ctx.particles.mass("K+");
    [this.m1, this.m2, this.m3] = masses;
    if (this.m1 + this.m2 + this.m3 >= this.M) {
      throw new RangeError(`${info.name}: the daughters are heavier than the kaon`);
    }
    const M = this.M;
    this.e1Max = (M * M + this.m1 * this.m1 - (this.m2 + this.m3) ** 2) / (2 * M);
    this.e2Max = (M * M + this.m2 * this.m2 - (this.m1 + this.m3) ** 2) / (2 * M);
    this.par = Float64Array.of(M, this.m1, this.m2, this.m3, 2 * Math.PI);
  }

  /** |M|² at rest-frame energies; called only inside the physical region */
  abstract weight(E1: number, E2: number, E3: number): number;

  /** call at the end of a subclass constructor, once weight() can run */
  protected init(safety = 1.05, grid = 500): void {
    let wmax = 0;
    for (let i = 0; i <= grid; i++) {
      const E1 = this.m1 + ((this.e1Max - this.m1) * i) / grid;
      for (let j = 0; j <= grid; j++) {
        const E2 = this.m2 + ((this.e2Max - this.m2) * j) / grid;
        const E3 = this.M - E1 - E2;
        if (this.physical(E1, E2, E3)) wmax = Math.max(wmax, this.weight(E1, E2, E3));
      }
    }
    this.sampler = new AcceptReject(wmax * safety);
  }

  /** inside the Dalitz region: |p₁ − p₂| ≤ p₃ ≤ p₁ + p₂ */
  physical(E1: number, E2: number, E3: number): boolean {
    if (E3 < this.m3) return false;
    const p1 = Math.sqrt(Math.max(0, E1 * E1 - this.m1 * this.m1));
    const p2 = Math.sqrt(Math.max(0, E2 * E2 - this.m2 * this.m2));
    const p3 = Math.sqrt(E3 * E3 - this.m3 * this.m3);
    return p3 <= p1 + p2 && p3 >= Math.abs(p1 - p2);
  }

  decay(b: EventBatch, start: number, end: number, rng: Xoshiro128, zSkip = Number.POSITIVE_INFINITY): void {
    // 1. the random numbers, event by event in the order of the original single loop: the
    //    accept/reject point (E₁, E₃), then the three uniforms of the random rotation (not drawn
    //    when the point is outside the physical region, where decayThreeBody writes nothing)
    const n = end - start;
    if (this.scratch.length < 6 * n) this.scratch = new Float64Array(6 * Math.max(n, 4096));
    const D = this.scratch;
    const M = this.M;
    const lo1 = this.m1;
    const w1 = this.e1Max - lo1;
    const lo2 = this.m2;
    const w2 = this.e2Max - lo2;
    const ar = this.sampler;
    for (let j = 0; j < n; j++) {
      let E1 = 0;
      let E3 = 0;
      for (;;) {
        E1 = lo1 + w1 * rng.uniform();
        const E2 = lo2 + w2 * rng.uniform();
        E3 = M - E1 - E2;
        if (!this.physical(E1, E2, E3)) continue;
        if (ar.accept(rng, this.weight(E1, E2, E3))) break;
      }
      const o = 6 * j;
      D[o] = E1;
      D[o + 1] = E3;
      if (this.valid(E1, E3)) {
        D[o + 2] = 1;
        D[o + 3] = rng.uniform();
        D[o + 4] = rng.uniform();
        D[o + 5] = rng.uniform();
      } else {
        D[o + 2] = 0;
      }
    }
    this.emit(b, start, n, zSkip);
  }

  /** decayThreeBody's check that the Dalitz point of (E₁, E₃) gives a real configuration */
  private valid(E1in: number, E3in: number): boolean {
    const M = this.M;
    const m1 = this.m1;
    const m2 = this.m2;
    const m3 = this.m3;
    const M2 = M * M;
    const s12 = M2 + m3 * m3 - 2 * M * E3in;
    const s23 = M2 + m1 * m1 - 2 * M * E1in;
    const E1 = (M * M + m1 * m1 - s23) / (2 * M);
    const E3 = (M * M + m3 * m3 - s12) / (2 * M);
    const E2 = M - E1 - E3;
    const q1s = E1 * E1 - m1 * m1;
    const q3s = E3 * E3 - m3 * m3;
    const q2s = E2 * E2 - m2 * m2;
    if (q1s < 0 || q3s < 0 || q2s < 0) return false;
    const q1 = Math.sqrt(q1s);
    const q3 = Math.sqrt(q3s);
    const c13 = q1 > 0 && q3 > 0 ? (q2s - q1s - q3s) / (2 * q1 * q3) : 0;
    return !(c13 > 1 + 1e-9 || c13 < -1 - 1e-9);
  }

  /**
   * 2. The daughters of events [start, start + n) from the numbers of step 1: addDaughters and
   * decayThreeBody (src/decays/phase-space.ts, randomRotation, rotate, boostFromRest of
   * src/core/kinematics.ts) written out, the same operations in the same order, in a loop without
   * calls over the batch's shared float64 buffers.
   */
  private emit(b: EventBatch, start: number, n: number, zSkip: number): void {
    const D = this.scratch;
    const F = b.f64;
    const { mass: oMass, px: oPx, py: oPy, pz: oPz, e: oE, vx: oVx, vy: oVy, vz: oVz, t: oT } = b.col;
    const V = b.e64;
    const { vtxX: oX, vtxY: oY, vtxZ: oZ, vtxT: oTv } = b.ecol;
    const pdg = b.pdg;
    const status = b.status;
    const parent = b.parent;
    const nPart = b.nParticles;
    const slots = MAX_SLOTS | 0;
    const fin = Status.FINAL | 0;
    const par = this.par;
    const M = par[0];
    const m1 = par[1];
    const m2 = par[2];
    const m3 = par[3];
    const twoPi = par[4];
    const id1 = this.pdgs[0] | 0;
    const id2 = this.pdgs[1] | 0;
    const id3 = this.pdgs[2] | 0;
    for (let j = 0; j < n; j++) {
      const ev = start + j;
      const P = ev * slots;
      const slot = nPart[ev];
      if (slot + 3 > slots) throw new RangeError(`event ${ev}: more than ${slots} particles`);
      nPart[ev] = slot + 3;
      const g1 = P + slot;
      const g2 = g1 + 1;
      const g3 = g1 + 2;
      pdg[g1] = id1;
      pdg[g2] = id2;
      pdg[g3] = id3;
      status[g1] = fin;
      status[g2] = fin;
      status[g3] = fin;
      parent[g1] = 0;
      parent[g2] = 0;
      parent[g3] = 0;
      const z = V[oZ + ev];
      if (z >= zSkip) continue; // decays beyond every detector: the kinematics are not needed
      const x = V[oX + ev];
      const y = V[oY + ev];
      const t = V[oTv + ev];
      F[oMass + g1] = m1;
      F[oMass + g2] = m2;
      F[oMass + g3] = m3;
      F[oVx + g1] = x;
      F[oVx + g2] = x;
      F[oVx + g3] = x;
      F[oVy + g1] = y;
      F[oVy + g2] = y;
      F[oVy + g3] = y;
      F[oVz + g1] = z;
      F[oVz + g2] = z;
      F[oVz + g3] = z;
      F[oT + g1] = t;
      F[oT + g2] = t;
      F[oT + g3] = t;
      const o = 6 * j;
      if (D[o + 2] === 0) {
        // outside the physical region: decayThreeBody writes nothing (addParticle zeroed the momenta)
        F[oPx + g1] = 0;
        F[oPy + g1] = 0;
        F[oPz + g1] = 0;
        F[oE + g1] = 0;
        F[oPx + g2] = 0;
        F[oPy + g2] = 0;
        F[oPz + g2] = 0;
        F[oE + g2] = 0;
        F[oPx + g3] = 0;
        F[oPy + g3] = 0;
        F[oPz + g3] = 0;
        F[oE + g3] = 0;
        continue;
      }
      // the Dalitz point: s12 and s23 as in decay(), then decayThreeBody
      const E1in = D[o];
      const E3in = D[o + 1];
      const M2 = M * M;
      const s12 = M2 + m3 * m3 - 2 * M * E3in;
      const s23 = M2 + m1 * m1 - 2 * M * E1in;
      const Mp = F[oMass + P];
      const E1 = (Mp * Mp + m1 * m1 - s23) / (2 * Mp);
      const E3 = (Mp * Mp + m3 * m3 - s12) / (2 * Mp);
      const E2 = Mp - E1 - E3;
      const q1s = E1 * E1 - m1 * m1;
      const q3s = E3 * E3 - m3 * m3;
      const q2s = E2 * E2 - m2 * m2;
      const q1 = Math.sqrt(q1s);
      const q3 = Math.sqrt(q3s);
      let c13 = q1 > 0 && q3 > 0 ? (q2s - q1s - q3s) / (2 * q1 * q3) : 0;
      if (c13 > 1 || c13 < -1) c13 = c13 > 0 ? 1 : -1;
      const s13 = Math.sqrt(Math.max(0, 1 - c13 * c13));
      // particle 1 along z, particle 3 in the xz plane, particle 2 balances
      const x1 = 0;
      const y1 = 0;
      const z1 = q1;
      const x3 = q3 * s13;
      const y3 = 0;
      const z3 = q3 * c13;
      const x2 = -x3;
      const y2 = 0;
      const z2 = -q1 - z3;
      // randomRotation
      const ra = twoPi * D[o + 3];
      const cb = 2 * D[o + 4] - 1;
      const rg = twoPi * D[o + 5];
      const sb = Math.sqrt(Math.max(0, 1 - cb * cb));
      const ca = Math.cos(ra);
      const sa = Math.sin(ra);
      const cg = Math.cos(rg);
      const sg = Math.sin(rg);
      const r0 = ca * cb * cg - sa * sg;
      const r1 = -ca * cb * sg - sa * cg;
      const r2 = ca * sb;
      const r3 = sa * cb * cg + ca * sg;
      const r4 = -sa * cb * sg + ca * cg;
      const r5 = sa * sb;
      const r6 = -sb * cg;
      const r7 = sb * sg;
      const r8 = cb;
      // rotate, then boostFromRest with the kaon's four-momentum
      const Px = F[oPx + P];
      const Py = F[oPy + P];
      const Pz = F[oPz + P];
      const EP = F[oE + P];
      let qx = r0 * x1 + r1 * y1 + r2 * z1;
      let qy = r3 * x1 + r4 * y1 + r5 * z1;
      let qz = r6 * x1 + r7 * y1 + r8 * z1;
      let pq = Px * qx + Py * qy + Pz * qz;
      let f = (E1 + pq / (EP + Mp)) / Mp;
      F[oE + g1] = (EP * E1 + pq) / Mp;
      F[oPx + g1] = qx + f * Px;
      F[oPy + g1] = qy + f * Py;
      F[oPz + g1] = qz + f * Pz;
      qx = r0 * x2 + r1 * y2 + r2 * z2;
      qy = r3 * x2 + r4 * y2 + r5 * z2;
      qz = r6 * x2 + r7 * y2 + r8 * z2;
      pq = Px * qx + Py * qy + Pz * qz;
      f = (E2 + pq / (EP + Mp)) / Mp;
      F[oE + g2] = (EP * E2 + pq) / Mp;
      F[oPx + g2] = qx + f * Px;
      F[oPy + g2] = qy + f * Py;
      F[oPz + g2] = qz + f * Pz;
      qx = r0 * x3 + r1 * y3 + r2 * z3;
      qy = r3 * x3 + r4 * y3 + r5 * z3;
      qz = r6 * x3 + r7 * y3 + r8 * z3;
      pq = Px * qx + Py * qy + Pz * qz;
      f = (E3 + pq / (EP + Mp)) / Mp;
      F[oE + g3] = (EP * E3 + pq) / Mp;
      F[oPx + g3] = qx + f * Px;
      F[oPy + g3] = qy + f * Py;
      F[oPz + g3] = qz + f * Pz;
    }
  }
}

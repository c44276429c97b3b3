/**
 * Three-body decays K⁺ → 1 2 3 by accept/reject in the Dalitz plane. Points are drawn uniformly
 * in the rest-frame energies (E₁, E₂), which is uniform in phase space (dΦ₃ ∝ dE₁ dE₂), and kept
 * with probability |M|²(E₁, E₂, E₃)/w_max. w_max is found by scanning the plane at construction
 * and raised by a safety factor; the AcceptReject book-keeper counts any weight above it.
 */

import type { EventBatch } from "../../core/batch.ts";
import { MAX_SLOTS } from "../../core/batch.ts";
import { AcceptReject } from "../../core/rng/samplers.ts";
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import {
  addDaughters,
  type ChannelGenerator,
  type ChannelInfo,
  type DecayContext,
  daughterArrays,
} from "../channel.ts";
import { decayThreeBody } from "../phase-space.ts";

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

  decay(b: EventBatch, start: number, end: number, rng: Xoshiro128): void {
    const M = this.M;
    const M2 = M * M;
    const lo1 = this.m1;
    const w1 = this.e1Max - lo1;
    const lo2 = this.m2;
    const w2 = this.e2Max - lo2;
    const ar = this.sampler;
    for (let ev = start; ev < end; ev++) {
      let E1 = 0;
      let E3 = 0;
      for (;;) {
        E1 = lo1 + w1 * rng.uniform();
        const E2 = lo2 + w2 * rng.uniform();
        E3 = M - E1 - E2;
        if (!this.physical(E1, E2, E3)) continue;
        if (ar.accept(rng, this.weight(E1, E2, E3))) break;
      }
      const g = addDaughters(b, ev, this.pdgs, this.masses);
      const s12 = M2 + this.m3 * this.m3 - 2 * M * E3;
      const s23 = M2 + this.m1 * this.m1 - 2 * M * E1;
      decayThreeBody(b, rng, ev * MAX_SLOTS, g, g + 1, g + 2, s12, s23);
    }
  }
}

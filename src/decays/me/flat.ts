/**
 * Uniform phase space, as NA62 assumes for the LFV/LNV modes (NA62MC kch3body.F; arXiv:2409.12981):
 * three bodies by uniform sampling of the Dalitz plane, four or more by GENBOD with accept/reject
 * on the phase-space weight.
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
  type GeneratorFactory,
} from "../channel.ts";
import { boostDaughter, genbod, genbodMaxWeight } from "../phase-space.ts";
import { DalitzGenerator } from "./dalitz.ts";

class FlatDalitz extends DalitzGenerator {
  constructor(info: ChannelInfo, ctx: DecayContext) {
    super(info, ctx);
    this.init(1, 2);
  }
  weight(): number {
    return 1;
  }
}

/** n-body uniform phase space (n ≥ 2), GENBOD + accept/reject; `extraWeight` may reshape it */
class FlatNBody implements ChannelGenerator {
  readonly n: number;
  readonly pdgs: Int32Array;
  readonly masses: Float64Array;
  readonly M: number;
  readonly sampler: AcceptReject;
  private readonly qx: Float64Array;
  private readonly qy: Float64Array;
  private readonly qz: Float64Array;
  private readonly qe: Float64Array;
  private readonly u: Float64Array;
  private readonly inv: Float64Array;

  constructor(info: ChannelInfo, ctx: DecayContext) {
    const { pdgs, masses } = daughterArrays(info.daughters, ctx.particles);
    this.n = masses.length;
    this.pdgs = pdgs;
    this.masses = masses;
    this.M = ctx.particles.mass("K+");
    let sum = 0;
    for (const m of masses) sum += m;
    if (sum >= this.M) throw new RangeError(`${info.name}: the daughters are heavier than the kaon`);
    this.sampler = new AcceptReject(genbodMaxWeight(this.M, masses));
    const n = this.n;
    this.qx = new Float64Array(n);
    this.qy = new Float64Array(n);
    this.qz = new Float64Array(n);
    this.qe = new Float64Array(n);
    this.u = new Float64Array(n);
    this.inv = new Float64Array(n);
  }

  decay(b: EventBatch, start: number, end: number, rng: Xoshiro128): void {
    const n = this.n;
    for (let ev = start; ev < end; ev++) {
      for (;;) {
        const w = genbod(rng, this.M, this.masses, n, this.qx, this.qy, this.qz, this.qe, this.u, this.inv);
        if (this.sampler.accept(rng, w)) break;
      }
      const g = addDaughters(b, ev, this.pdgs, this.masses);
      const P = ev * MAX_SLOTS;
      for (let k = 0; k < n; k++) {
        b.px[g + k] = this.qx[k];
        b.py[g + k] = this.qy[k];
        b.pz[g + k] = this.qz[k];
        b.e[g + k] = this.qe[k];
        boostDaughter(b, P, g + k);
      }
    }
  }
}

export const flat: GeneratorFactory = (info, ctx) =>
  info.daughters.length === 3 ? new FlatDalitz(info, ctx) : new FlatNBody(info, ctx);

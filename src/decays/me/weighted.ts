/**
 * Base class of the importance-sampled generators of the rarer channels. A subclass proposes a
 * configuration in the kaon rest frame (the daughters' four-momenta in `v`, in catalogue order) and
 * returns its weight w = |M|² × (phase space)/(proposal density); the event is kept with
 * probability w/w_max. w_max is the largest weight of a fixed-seed pre-scan times a safety factor,
 * cached per channel; the AcceptReject book-keeper counts any weight above it (the tests require
 * none). The kept configuration is rotated at random and boosted into the lab.
 *
 * The rare channels deliberately do not share the decay loop of DalitzGenerator, so that its call
 * sites stay monomorphic for the frequent K3π and Kℓ3 channels.
 */
import type { EventBatch } from "../../core/batch.ts";
import { MAX_SLOTS } from "../../core/batch.ts";
import { AcceptReject } from "../../core/rng/samplers.ts";
import { stream } from "../../core/rng/streams.ts";
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import {
  addDaughters,
  type ChannelGenerator,
  type ChannelInfo,
  type DecayContext,
  daughterArrays,
} from "../channel.ts";
import { FourVectors } from "./frame.ts";

const maxCache = new Map<string, number>();

export abstract class WeightedGenerator implements ChannelGenerator {
  readonly name: string;
  readonly M: number;
  readonly pdgs: Int32Array;
  readonly masses: Float64Array;
  /** number of primary daughters */
  readonly nd: number;
  /** rest-frame four-vectors: the daughters first, then any scratch vectors of the subclass */
  readonly v: FourVectors;
  sampler!: AcceptReject;
  private scan: { safety: number; n: number; key: string } | null = null;

  constructor(info: ChannelInfo, ctx: DecayContext, scratch = 0) {
    const { pdgs, masses } = daughterArrays(info.daughters, ctx.particles);
    this.name = info.name;
    this.pdgs = pdgs;
    this.masses = masses;
    this.nd = masses.length;
    this.M = ctx.particles.mass("K+");
    let sum = 0;
    for (const m of masses) sum += m;
    if (sum >= this.M) throw new RangeError(`${info.name}: the daughters are heavier than the kaon`);
    this.v = new FourVectors(this.nd + scratch);
  }

  /** propose one configuration into `v` and return its weight (0 outside the generated region) */
  abstract trial(rng: Xoshiro128): number;

  /** called once a trial is kept, before the four-vectors are written (lazy kinematics) */
  protected accepted(): void {}

  /**
   * Declare how w_max is found: the largest weight of `n` trials from a fixed stream, times
   * `safety`, at the first decay. Call at the end of the subclass constructor. `key` distinguishes
   * parameter sets of the same channel.
   */
  protected init(safety = 1.5, n = 40_000, key = ""): void {
    this.scan = { safety, n, key };
  }

  /** run the pre-scan now (if it has not run) and return the sampler */
  prepare(): AcceptReject {
    if (this.sampler) return this.sampler;
    if (!this.scan) throw new Error(`${this.name}: init() was not called`);
    const { safety, n, key } = this.scan;
    const id = `${this.name}|${key}|${safety}|${n}`;
    let wmax = maxCache.get(id);
    if (wmax === undefined) {
      const rng = stream(0, 0, `init ${this.name}`);
      wmax = 0;
      for (let i = 0; i < n; i++) {
        const w = this.trial(rng);
        if (w > wmax) wmax = w;
      }
      wmax *= safety;
      maxCache.set(id, wmax);
    }
    this.sampler = new AcceptReject(wmax);
    return this.sampler;
  }

  decay(b: EventBatch, start: number, end: number, rng: Xoshiro128): void {
    const ar = this.sampler ?? this.prepare();
    for (let ev = start; ev < end; ev++) {
      while (!ar.accept(rng, this.trial(rng)));
      this.accepted();
      const g = addDaughters(b, ev, this.pdgs, this.masses);
      this.v.emit(b, rng, ev * MAX_SLOTS, g, this.nd);
    }
  }
}

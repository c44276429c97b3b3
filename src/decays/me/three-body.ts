/**
 * Three-body rare channels: uniform proposal in the rest-frame energies (E₁, E₂) of daughters 1 and
 * 2 (dΦ₃ ∝ dE₁dE₂), optionally restricted to a window of E₁, weighted by |M|²(E₁, E₂, E₃).
 */
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import type { ChannelInfo, DecayContext } from "../channel.ts";
import { threeBodyFromEnergies } from "./frame.ts";
import { WeightedGenerator } from "./weighted.ts";

export abstract class ThreeBodyWeighted extends WeightedGenerator {
  readonly m1: number;
  readonly m2: number;
  readonly m3: number;
  /** largest rest-frame energies of daughters 1 and 2 */
  readonly e1Max: number;
  readonly e2Max: number;
  protected lo1: number;
  protected hi1: number;

  constructor(info: ChannelInfo, ctx: DecayContext) {
    super(info, ctx);
    if (this.nd !== 3) throw new Error(`${info.name}: a three-body generator needs 3 daughters`);
    [this.m1, this.m2, this.m3] = this.masses;
    const M = this.M;
    this.e1Max = (M * M + this.m1 * this.m1 - (this.m2 + this.m3) ** 2) / (2 * M);
    this.e2Max = (M * M + this.m2 * this.m2 - (this.m1 + this.m3) ** 2) / (2 * M);
    this.lo1 = this.m1;
    this.hi1 = this.e1Max;
  }

  /** restrict the generated region to lo ≤ E₁ ≤ hi (call before init) */
  protected windowE1(lo: number, hi: number): void {
    if (!(lo < hi) || hi <= this.m1 || lo >= this.e1Max)
      throw new RangeError(`${this.name}: empty energy window [${lo}, ${hi}]`);
    this.lo1 = Math.max(lo, this.m1);
    this.hi1 = Math.min(hi, this.e1Max);
  }

  /** |M|² at rest-frame energies inside the physical region (0 to reject a region) */
  abstract me(E1: number, E2: number, E3: number): number;

  trial(rng: Xoshiro128): number {
    const E1 = this.lo1 + (this.hi1 - this.lo1) * rng.uniform();
    const E2 = this.m2 + (this.e2Max - this.m2) * rng.uniform();
    if (!threeBodyFromEnergies(this.v, 0, 2, 1, this.M, this.m1, this.m3, this.m2, E1, E2)) return 0;
    return this.me(E1, E2, this.M - E1 - E2);
  }
}

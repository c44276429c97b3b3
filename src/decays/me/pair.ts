/**
 * Four-body channels K⁺ → a b γ*(→ ℓ⁺ℓ⁻) with a virtual photon. Proposal, in the kaon rest frame:
 *   q² = m²_ℓℓ log-uniform in [q²_min, (m_K − m_a − m_b)²];
 *   E* (the γ* energy) log-uniform in [√q², E*_max(q²)];
 *   E_a uniform in its range at fixed (q², E*);
 *   the ℓ⁺ direction isotropic in the γ* rest frame.
 * With dΦ₄ ∝ dq² dE_a dE* β dΩ*, the weight is |M|² β · q² ln(q²_max/q²_min) · E* ln(E*_max/√q²) · ΔE_a.
 * The 1/q² photon pole and the 1/E* soft-photon behaviour of bremsstrahlung are thus flattened.
 * Subclasses give |M|² from the four-vectors in `v` (a, b, ℓ⁺, ℓ⁻ at their catalogue positions;
 * the γ* in the scratch slot `iq`).
 */
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import type { ChannelInfo, DecayContext } from "../channel.ts";
import { energyRange, splitSystem, threeBodyFromEnergies } from "./frame.ts";
import { WeightedGenerator } from "./weighted.ts";

interface PairLayout {
  /** catalogue positions of a, b, ℓ⁺, ℓ⁻ */
  a: number;
  b: number;
  lp: number;
  lm: number;
  /** smallest m²_ℓℓ generated (defaults to threshold) */
  q2Min?: number;
}

export abstract class PairGenerator extends WeightedGenerator {
  readonly ia: number;
  readonly ib: number;
  readonly ilp: number;
  readonly ilm: number;
  /** scratch slot of the virtual photon */
  readonly iq: number;
  readonly ma: number;
  readonly mb: number;
  readonly ml: number;
  readonly q2Min: number;
  readonly q2Max: number;
  private readonly lnQ: number;
  private readonly range = new Float64Array(2);
  /** the proposal of the current trial */
  q2 = 0;
  eStar = 0;

  constructor(info: ChannelInfo, ctx: DecayContext, layout: PairLayout) {
    super(info, ctx, 1);
    this.ia = layout.a;
    this.ib = layout.b;
    this.ilp = layout.lp;
    this.ilm = layout.lm;
    this.iq = this.nd;
    this.ma = this.masses[this.ia];
    this.mb = this.masses[this.ib];
    this.ml = this.masses[this.ilp];
    if (this.masses[this.ilm] !== this.ml) throw new Error(`${info.name}: the pair leptons differ in mass`);
    this.q2Min = Math.max(layout.q2Min ?? 0, 4 * this.ml * this.ml * (1 + 1e-12));
    this.q2Max = (this.M - this.ma - this.mb) ** 2;
    if (!(this.q2Max > this.q2Min)) throw new RangeError(`${info.name}: no phase space above q²_min`);
    this.lnQ = Math.log(this.q2Max / this.q2Min);
  }

  /** |M|² of the configuration in `v` */
  abstract me(): number;

  /**
   * 1/density of the proposal, W = β q² ln(q²_max/q²_min) E* ln(E*_max/√q²) ΔE_a, for the
   * configuration in `v` read with a different labelling (a at ia2, the pair at lp2, lm2); 0 outside
   * the proposal's support. Used to symmetrise the proposal over identical particles.
   */
  protected inverseDensity(ia2: number, lp2: number, lm2: number): number {
    const v = this.v;
    const M = this.M;
    const q2 = v.mass2(lp2, lm2);
    if (q2 < this.q2Min || q2 > this.q2Max) return 0;
    const mq = Math.sqrt(q2);
    const eStar = v.e[lp2] + v.e[lm2];
    const eMax = (M * M + q2 - (this.ma + this.mb) ** 2) / (2 * M);
    if (!(eMax > mq)) return 0;
    const pStar = Math.sqrt(Math.max(0, eStar * eStar - q2));
    if (!energyRange(M, eStar, pStar, M * M + q2 - 2 * M * eStar, this.masses[ia2], this.mb, this.range))
      return 0;
    const beta = Math.sqrt(Math.max(0, 1 - (4 * this.ml * this.ml) / q2));
    return beta * q2 * this.lnQ * eStar * Math.log(eMax / mq) * (this.range[1] - this.range[0]);
  }

  trial(rng: Xoshiro128): number {
    const M = this.M;
    const q2 = this.q2Min * Math.exp(this.lnQ * rng.uniform());
    const mq = Math.sqrt(q2);
    const eMax = (M * M + q2 - (this.ma + this.mb) ** 2) / (2 * M);
    if (!(eMax > mq)) return 0;
    const lnE = Math.log(eMax / mq);
    const eStar = mq * Math.exp(lnE * rng.uniform());
    const pStar = Math.sqrt(Math.max(0, eStar * eStar - q2));
    const s = M * M + q2 - 2 * M * eStar;
    if (!energyRange(M, eStar, pStar, s, this.ma, this.mb, this.range)) return 0;
    const dEa = this.range[1] - this.range[0];
    const Ea = this.range[0] + dEa * rng.uniform();
    const v = this.v;
    if (!threeBodyFromEnergies(v, this.ia, this.ib, this.iq, M, this.ma, this.mb, mq, Ea, eStar)) return 0;
    const cosT = 2 * rng.uniform() - 1;
    const phi = 2 * Math.PI * rng.uniform();
    const iq = this.iq;
    splitSystem(
      v,
      this.ilp,
      this.ilm,
      v.px[iq],
      v.py[iq],
      v.pz[iq],
      v.e[iq],
      mq,
      this.ml,
      this.ml,
      cosT,
      phi,
    );
    this.q2 = q2;
    this.eStar = eStar;
    const beta = Math.sqrt(Math.max(0, 1 - (4 * this.ml * this.ml) / q2));
    const m2 = this.me();
    if (m2 === 0) return 0;
    return m2 * beta * q2 * this.lnQ * eStar * lnE * dEa;
  }
}

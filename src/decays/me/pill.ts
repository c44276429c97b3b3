/**
 * K⁺ → π⁺ℓ⁺ℓ⁻ (D'Ambrosio, Ecker, Isidori, Portolés, JHEP 08 (1998) 004, "DEIP"):
 *   d²Γ/dz dcosθ ∝ λ^{3/2}(1, z, r²_π) β (1 − β² cos²θ) |W(z)|²,
 *   W(z) = G_F m²_K (a₊ + b₊ z) + W^ππ(z),  W^ππ(z) = (1/r²_π)[α₊ + β₊ (z − z₀)/r²_π] χ(z),
 * z = m²_ℓℓ/m²_K, z₀ = 1/3 + r²_π, r_π = m_π/m_K, β = √(1 − 4m²_ℓ/m²_ℓℓ), θ the angle between the π⁺
 * and a lepton in the ℓℓ rest frame, χ the ππ loop (loops.ts). In rest-frame energies the
 * density is |W|²(p²_π − (E₊ − E₋)²) on the Dalitz plot (p_π the pion momentum).
 * Parameters: form-factors.json "pill" (a₊, b₊ per lepton flavour; α₊, β₊ from K → 3π).
 */
import { ALPHA_EM, G_FERMI } from "../../core/units.ts";
import type { ChannelInfo, DecayContext, GeneratorFactory } from "../channel.ts";
import { loopChi } from "./loops.ts";
import { ffBlock, ffValue } from "./params.ts";
import { ThreeBodyWeighted } from "./three-body.ts";

interface PillParams {
  aPlus: number;
  bPlus: number;
  alphaPlus: number;
  betaPlus: number;
}

export function pillParams(channel: string): PillParams {
  const b = ffBlock("pill");
  const key = channel.replace("K+ -> ", "");
  const c = ffBlock("pill", key);
  return {
    aPlus: ffValue(c, "aPlus"),
    bPlus: ffValue(c, "bPlus"),
    alphaPlus: ffValue(b, "alphaPlus"),
    betaPlus: ffValue(b, "betaPlus"),
  };
}

/** W(z) of DEIP as [re, im] */
export class FormFactorW {
  readonly p: PillParams;
  readonly r2: number;
  readonly z0: number;
  readonly gfm2: number;
  private readonly chi = new Float64Array(2);

  constructor(p: PillParams, mK: number, mPi: number) {
    this.p = p;
    this.r2 = (mPi / mK) ** 2;
    this.z0 = 1 / 3 + this.r2;
    this.gfm2 = G_FERMI * mK * mK;
  }

  /** W(z) into out = [re, im] */
  eval(z: number, out: Float64Array): void {
    const { aPlus, bPlus, alphaPlus, betaPlus } = this.p;
    loopChi(z, this.r2, this.chi);
    const c = (alphaPlus + (betaPlus * (z - this.z0)) / this.r2) / this.r2;
    out[0] = this.gfm2 * (aPlus + bPlus * z) + c * this.chi[0];
    out[1] = c * this.chi[1];
  }

  /** |W(z)|² */
  abs2(z: number): number {
    this.eval(z, tmp);
    return tmp[0] * tmp[0] + tmp[1] * tmp[1];
  }
}
const tmp = new Float64Array(2);

/**
 * dΓ/dz in GeV (DEIP eq. 2.x): α² m_K/(12π(4π)⁴) λ^{3/2}(1, z, r²_π) √(1 − 4r²_ℓ/z)(1 + 2r²_ℓ/z)|W(z)|²,
 * r_ℓ = m_ℓ/m_K; used to check the parameters against the measured branching ratios.
 */
export function pillRate(W: FormFactorW, z: number, mK: number, mLep: number): number {
  const rl2 = (mLep / mK) ** 2;
  if (z <= 4 * rl2) return 0;
  const r2 = W.r2;
  const lam = 1 + z * z + r2 * r2 - 2 * (z + r2 + z * r2);
  if (lam <= 0) return 0;
  const pre = (ALPHA_EM * ALPHA_EM * mK) / (12 * Math.PI * (4 * Math.PI) ** 4);
  return pre * lam ** 1.5 * Math.sqrt(1 - (4 * rl2) / z) * (1 + (2 * rl2) / z) * W.abs2(z);
}

class PillGenerator extends ThreeBodyWeighted {
  readonly W: FormFactorW;
  private readonly w = new Float64Array(2);

  constructor(info: ChannelInfo, ctx: DecayContext, params: PillParams) {
    super(info, ctx);
    if (info.daughters[1] !== info.daughters[2].replace("-", "+"))
      throw new Error(`${info.name}: expected daughters π, ℓ⁺, ℓ⁻`);
    this.W = new FormFactorW(params, this.M, this.m1);
    this.init(1.3, 40_000);
  }

  /** z = m²_ℓℓ/m²_K from the pion energy */
  z(Epi: number): number {
    const M = this.M;
    return (M * M + this.m1 * this.m1 - 2 * M * Epi) / (M * M);
  }

  me(Epi: number, Ep: number, Em: number): number {
    this.W.eval(this.z(Epi), this.w);
    const p2 = Epi * Epi - this.m1 * this.m1;
    const d = Ep - Em;
    return (this.w[0] * this.w[0] + this.w[1] * this.w[1]) * Math.max(0, p2 - d * d);
  }
}

export const pill: GeneratorFactory = (info, ctx) => new PillGenerator(info, ctx, pillParams(info.name));

/**
 * K⁺ → π⁺γγ at O(p⁴) of chiral perturbation theory (Ecker, Pich, de Rafael, Nucl. Phys. B 303
 * (1988) 665; D'Ambrosio, Portolés, Nucl. Phys. B 492 (1997) 417):
 *   d²Γ/dy dz ∝ z² |A(z)|²,  A ∝ (1/z)[(z + 1 − r²)F(z/r²) + (z + r² − 1)F(z) − ĉ z],
 * z = m²_γγ/m²_K, r = m_π/m_K, F the meson loop (loops.ts): flat in y at fixed z, i.e. uniform on the
 * Dalitz plot at fixed z. The O(p⁶) unitarity corrections, the B amplitude and the pole-subtracted
 * C amplitude are not included (docs/decays.md).
 *
 * K⁺ → π⁺e⁺e⁻γ: the same amplitude with one photon virtual, as K⁺ → π⁺γγ*, γ* → e⁺e⁻:
 *   M = A(s)[(ε·J)(q₁·q₂) − (J·q₂)(ε·q₁)]/q², J = ū(e⁻)γ^μ v(e⁺), q₁ = p₊ + p₋, q₂ the photon,
 * s = (q₁ + q₂)² = m²_eeγ; spin-summed |M|² ∝ |A(s)|²[(q₁·q₂)²(q² + 2m²_e) − 2q²(p₋·q₂)(p₊·q₂)]/q⁴.
 * Approximation: A is evaluated at z = s/m²_K with the on-shell loop functions (its q² dependence,
 * computed by F. Gabbiani, Phys. Rev. D 59 (1999) 094022, is neglected). Generated for m_eeγ above
 * the cut of the measured BR (form-factors.json "piggstar").
 */
import type { ChannelInfo, DecayContext, GeneratorFactory } from "../channel.ts";
import { loopF } from "./loops.ts";
import { PairGenerator } from "./pair.ts";
import { ffBlock, ffValue } from "./params.ts";
import { ThreeBodyWeighted } from "./three-body.ts";

/** |z·A(z)|² up to a constant: |(z + 1 − r²)F(z/r²) + (z + r² − 1)F(z) − ĉ z|² */
export class PiggAmplitude {
  readonly r2: number;
  readonly cHat: number;
  private readonly f1 = new Float64Array(2);
  private readonly f2 = new Float64Array(2);

  constructor(mK: number, mPi: number, cHat: number) {
    this.r2 = (mPi / mK) ** 2;
    this.cHat = cHat;
  }

  zA2(z: number): number {
    const r2 = this.r2;
    loopF(z / r2, this.f1);
    loopF(z, this.f2);
    const a = z + 1 - r2;
    const b = z + r2 - 1;
    const re = a * this.f1[0] + b * this.f2[0] - this.cHat * z;
    const im = a * this.f1[1] + b * this.f2[1];
    return re * re + im * im;
  }
}

export function cHat(): number {
  return ffValue(ffBlock("pigg"), "cHat");
}

class PiggGenerator extends ThreeBodyWeighted {
  readonly amp: PiggAmplitude;

  constructor(info: ChannelInfo, ctx: DecayContext, c: number) {
    super(info, ctx);
    this.amp = new PiggAmplitude(this.M, this.m1, c);
    this.init(1.3, 40_000);
  }

  z(Epi: number): number {
    const M = this.M;
    return (M * M + this.m1 * this.m1 - 2 * M * Epi) / (M * M);
  }

  me(Epi: number): number {
    return this.amp.zA2(this.z(Epi));
  }
}

export class PiGammaEEGenerator extends PairGenerator {
  readonly amp: PiggAmplitude;
  readonly sMin: number;
  readonly ig: number;

  constructor(info: ChannelInfo, ctx: DecayContext, c: number, mEEGammaMin: number) {
    // daughters: π⁺, e⁺, e⁻, γ
    super(info, ctx, { a: 0, b: 3, lp: 1, lm: 2 });
    this.ig = 3;
    this.amp = new PiggAmplitude(this.M, this.masses[0], c);
    this.sMin = mEEGammaMin * mEEGammaMin;
    this.init(1.5, 60_000);
  }

  me(): number {
    const v = this.v;
    const M = this.M;
    const mPi = this.ma;
    // s = m²_eeγ = (P − p_π)²
    const s = M * M + mPi * mPi - 2 * M * v.e[this.ia];
    if (s < this.sMin) return 0;
    const q2 = this.q2;
    const q1q2 = v.dot(this.iq, this.ig);
    const mq2 = this.ml * this.ml;
    const t = q1q2 * q1q2 * (q2 + 2 * mq2) - 2 * q2 * v.dot(this.ilm, this.ig) * v.dot(this.ilp, this.ig);
    // |A(s)|² = |zA|²/z², z = s/M²
    const z = s / (M * M);
    return (this.amp.zA2(z) / (z * z)) * (t / (q2 * q2));
  }
}

export const pigg: GeneratorFactory = (info, ctx) => new PiggGenerator(info, ctx, cHat());

export const piggstar: GeneratorFactory = (info, ctx) =>
  new PiGammaEEGenerator(info, ctx, cHat(), ffValue(ffBlock("piggstar"), "mEEGammaMin"));

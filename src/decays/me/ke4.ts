/**
 * K⁺ → ππℓ⁺ν (Kℓ4) in the Cabibbo–Maksymowicz variables s_π = M²_ππ, s_ℓ = M²_ℓν, θ_π (π⁺, or the
 * first π⁰, in the dipion rest frame relative to the dipion flight direction in the kaon frame),
 * θ_ℓ (ℓ⁺ in the dilepton rest frame relative to the dilepton flight direction) and φ (angle
 * between the planes: cos φ = ĉ·d̂, sin φ = (ĉ × v̂)·d̂ with v̂ the dipion direction and ĉ, d̂ the
 * components of the π⁺ and ℓ⁺ momenta transverse to it). The rate (Pais–Treiman; Bijnens,
 * Colangelo, Gasser, Nucl. Phys. B 427 (1994) 427, eqs. for I₁…I₉) is
 *   d⁵Γ ∝ X σ_π (1 − z_ℓ) J₅,  J₅ = 2(1 − z_ℓ)[I₁ + I₂ cos2θ_ℓ + I₃ sin²θ_ℓ cos2φ + I₄ sin2θ_ℓ cosφ
 *        + I₅ sinθ_ℓ cosφ + I₆ cosθ_ℓ + I₇ sinθ_ℓ sinφ + I₈ sin2θ_ℓ sinφ + I₉ sin²θ_ℓ sin2φ],
 * X = ½λ^{1/2}(m²_K, s_π, s_ℓ), σ_π = √(1 − 4m²_π/s_π), z_ℓ = m²_ℓ/s_ℓ, P·L = ½(m²_K − s_π − s_ℓ),
 *   F₁ = X F + σ_π (P·L) cosθ_π G,  F₂ = σ_π √(s_π s_ℓ) G,  F₃ = σ_π X √(s_π s_ℓ) H/m²_K,
 *   F₄ = −(P·L) F − s_ℓ R − σ_π X cosθ_π G.
 * Form factors (NA48/2, relative to f_s; q² = s_π/4m²_π± − 1):
 *   F = F_s e^{iδ} + F_p cosθ_π, G = G_p, H = H_p, F_s = 1 + f′_s q² + f″_s q⁴ + f′_e s_ℓ/4m²_π±,
 *   F_p = f_p, G_p = g_p + g′_p q², H_p = h_p; δ = δ⁰₀ − δ¹₁ from the threshold expansions
 *   tan δ⁰₀ = σ_π(a⁰₀ + b⁰₀ q²), tan δ¹₁ = σ_π q² a¹₁.
 * π⁰π⁰e⁺ν: S wave only (G = H = 0, F = F_s; NA48/2 2014). Kμ4: the π⁺π⁻e⁺ν form factors with the
 * lepton-mass terms (z_ℓ) kept and R = 0 (R is unmeasured). Parameters: form-factors.json "ke4".
 */
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import type { ChannelInfo, DecayContext, GeneratorFactory } from "../channel.ts";
import { ffBlock, ffValue } from "./params.ts";
import { WeightedGenerator } from "./weighted.ts";

interface Ke4Params {
  fsPrime: number;
  fsDoublePrime: number;
  fe: number;
  fp: number;
  gp: number;
  gpPrime: number;
  hp: number;
  /** ππ phase parameters (in m_π± units) */
  a00: number;
  b00: number;
  a11: number;
  /** S wave only (π⁰π⁰) */
  sWaveOnly: boolean;
}

export function ke4Params(channel: string): Ke4Params {
  const neutral = channel.includes("pi0 pi0");
  const b = ffBlock("ke4", neutral ? "pi0 pi0 l+ nu" : "pi+ pi- l+ nu");
  const ph = ffBlock("ke4", "phases");
  const v = (k: string) => (neutral && !["fsPrime", "fsDoublePrime", "fe"].includes(k) ? 0 : ffValue(b, k));
  return {
    fsPrime: v("fsPrime"),
    fsDoublePrime: v("fsDoublePrime"),
    fe: v("fe"),
    fp: v("fp"),
    gp: v("gp"),
    gpPrime: v("gpPrime"),
    hp: v("hp"),
    a00: ffValue(ph, "a00"),
    b00: ffValue(ph, "b00"),
    a11: ffValue(ph, "a11"),
    sWaveOnly: neutral,
  };
}

/** Cabibbo–Maksymowicz point */
interface CMPoint {
  sPi: number;
  sL: number;
  cosPi: number;
  cosL: number;
  phi: number;
}

export class Ke4Generator extends WeightedGenerator {
  readonly p: Ke4Params;
  readonly mPi: number;
  readonly mPiC: number;
  readonly ml: number;
  private readonly sPiMin: number;
  private readonly sPiMax: number;
  private readonly sLMin: number;
  private readonly sLMax: number;
  /** last trial's variables */
  readonly point: CMPoint = { sPi: 0, sL: 0, cosPi: 0, cosL: 0, phi: 0 };

  constructor(info: ChannelInfo, ctx: DecayContext, params: Ke4Params) {
    super(info, ctx);
    if (this.nd !== 4 || this.masses[0] !== this.masses[1] || this.masses[3] !== 0)
      throw new Error(`${info.name}: expected daughters π π ℓ⁺ ν`);
    this.p = params;
    this.mPi = this.masses[0];
    this.mPiC = ctx.particles.mass("pi+");
    this.ml = this.masses[2];
    const M = this.M;
    this.sPiMin = 4 * this.mPi * this.mPi;
    this.sPiMax = (M - this.ml) ** 2;
    this.sLMin = this.ml * this.ml;
    this.sLMax = (M - 2 * this.mPi) ** 2;
    this.init(1.4, 80_000);
  }

  /** the rate density X σ_π (1 − z_ℓ) J₅ at a Cabibbo–Maksymowicz point (0 outside) */
  density(sPi: number, sL: number, cosPi: number, cosL: number, phi: number): number {
    const M = this.M;
    const PL = 0.5 * (M * M - sPi - sL);
    const X2 = PL * PL - sPi * sL;
    if (X2 <= 0) return 0;
    const X = Math.sqrt(X2);
    const sig = Math.sqrt(Math.max(0, 1 - (4 * this.mPi * this.mPi) / sPi));
    const zl = (this.ml * this.ml) / sL;
    return Math.max(0, X * sig * (1 - zl) * this.j5(sPi, sL, cosPi, cosL, phi, X, PL, sig, zl));
  }

  /** J₅ (the angular and form-factor structure; the phase-space factor is in density) */
  j5(
    sPi: number,
    sL: number,
    cosPi: number,
    cosL: number,
    phi: number,
    X: number,
    PL: number,
    sig: number,
    zl: number,
  ): number {
    const M = this.M;
    const P = this.p;
    const mpc2 = 4 * this.mPiC * this.mPiC;
    const q2 = sPi / mpc2 - 1;
    // form factors: F = Fs e^{iδ} + Fp cosθπ, G, H real
    const Fs = 1 + P.fsPrime * q2 + P.fsDoublePrime * q2 * q2 + (P.fe * sL) / mpc2;
    let Fr = Fs;
    let Fi = 0;
    let G = 0;
    let H = 0;
    if (!P.sWaveOnly) {
      const qq = Math.max(q2, 0);
      const d0 = Math.atan(sig * (P.a00 + P.b00 * qq));
      const d1 = Math.atan(sig * qq * P.a11);
      const d = d0 - d1;
      Fr = Fs * Math.cos(d) + P.fp * cosPi;
      Fi = Fs * Math.sin(d);
      G = P.gp + P.gpPrime * q2;
      H = P.hp;
    }
    const sinPi = Math.sqrt(Math.max(0, 1 - cosPi * cosPi));
    const rt = Math.sqrt(sPi * sL);
    // F1..F4 (complex: only F carries a phase)
    const f1r = X * Fr + sig * PL * cosPi * G;
    const f1i = X * Fi;
    const f2 = sig * rt * G;
    const f3 = (sig * X * rt * H) / (M * M);
    const f4r = -PL * Fr - sig * X * cosPi * G;
    const f4i = -PL * Fi;
    const a1 = f1r * f1r + f1i * f1i;
    const a2 = f2 * f2;
    const a3 = f3 * f3;
    const a4 = f4r * f4r + f4i * f4i;
    const s2 = sinPi * sinPi;
    const i1 = 0.25 * ((1 + zl) * a1 + 0.5 * (3 + zl) * s2 * (a2 + a3) + 2 * zl * a4);
    const i2 = -0.25 * (1 - zl) * (a1 - 0.5 * s2 * (a2 + a3));
    const i3 = -0.25 * (1 - zl) * s2 * (a2 - a3);
    // Re/Im(F_a* F_b) with F2, F3 real
    const i4 = 0.5 * (1 - zl) * f1r * f2 * sinPi;
    const i5 = -(f1r * f3 + zl * f4r * f2) * sinPi;
    const i6 = -(f2 * f3 * s2 - zl * (f1r * f4r + f1i * f4i));
    // Im(F1* F2) = −f1i f2, Im(F4* F3) = −f4i f3
    const i7 = -(-f1i * f2 + zl * -f4i * f3) * sinPi;
    const i8 = 0.5 * (1 - zl) * -f1i * f3 * sinPi;
    const i9 = 0;
    const cL = cosL;
    const sL2 = Math.sqrt(Math.max(0, 1 - cL * cL));
    const cphi = Math.cos(phi);
    const sphi = Math.sin(phi);
    const J5 =
      2 *
      (1 - zl) *
      (i1 +
        i2 * (2 * cL * cL - 1) +
        i3 * sL2 * sL2 * (2 * cphi * cphi - 1) +
        i4 * 2 * sL2 * cL * cphi +
        i5 * sL2 * cphi +
        i6 * cL +
        i7 * sL2 * sphi +
        i8 * 2 * sL2 * cL * sphi +
        i9);
    return J5;
  }

  trial(rng: Xoshiro128): number {
    const sPi = this.sPiMin + (this.sPiMax - this.sPiMin) * rng.uniform();
    const sL = this.sLMin + (this.sLMax - this.sLMin) * rng.uniform();
    const M = this.M;
    const mpp = Math.sqrt(sPi);
    const mln = Math.sqrt(sL);
    if (mpp + mln >= M) return 0;
    const cosPi = 2 * rng.uniform() - 1;
    const cosL = 2 * rng.uniform() - 1;
    const phi = 2 * Math.PI * rng.uniform();
    const w = this.density(sPi, sL, cosPi, cosL, phi);
    if (w === 0) return 0;
    const pt = this.point;
    pt.sPi = sPi;
    pt.sL = sL;
    pt.cosPi = cosPi;
    pt.cosL = cosL;
    pt.phi = phi;
    return w;
  }

  protected override accepted(): void {
    const pt = this.point;
    this.build(pt.sPi, pt.sL, pt.cosPi, pt.cosL, pt.phi);
  }

  /** four-momenta in the kaon frame: dipion along +z, π⁺ transverse along +x, ℓ⁺ transverse along (cos φ, −sin φ) */
  build(sPi: number, sL: number, cosPi: number, cosL: number, phi: number): void {
    const M = this.M;
    const v = this.v;
    const mpp = Math.sqrt(sPi);
    const mln = Math.sqrt(sL);
    const Epp = (M * M + sPi - sL) / (2 * M);
    const Eln = M - Epp;
    const p = Math.sqrt(Math.max(0, Epp * Epp - sPi));
    // dipion rest frame
    const k = Math.sqrt(Math.max(0, sPi / 4 - this.mPi * this.mPi));
    const sPiT = Math.sqrt(Math.max(0, 1 - cosPi * cosPi));
    const Ek = Math.sqrt(k * k + this.mPi * this.mPi);
    v.set(0, k * sPiT, 0, k * cosPi, Ek);
    v.set(1, -k * sPiT, 0, -k * cosPi, Ek);
    v.boost(0, 0, 0, p, Epp, mpp);
    v.boost(1, 0, 0, p, Epp, mpp);
    // dilepton rest frame: flight direction −z
    const ml = this.ml;
    const ql = (sL - ml * ml) / (2 * mln);
    const sLT = Math.sqrt(Math.max(0, 1 - cosL * cosL));
    const dx = Math.cos(phi);
    const dy = -Math.sin(phi);
    const lx = ql * sLT * dx;
    const ly = ql * sLT * dy;
    const lz = -ql * cosL;
    v.set(2, lx, ly, lz, Math.sqrt(ql * ql + ml * ml));
    v.set(3, -lx, -ly, -lz, ql);
    v.boost(2, 0, 0, -p, Eln, mln);
    v.boost(3, 0, 0, -p, Eln, mln);
  }
}

export const ke4: GeneratorFactory = (info, ctx) => new Ke4Generator(info, ctx, ke4Params(info.name));

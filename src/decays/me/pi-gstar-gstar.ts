/**
 * K⁺ → π⁺e⁺e⁻e⁺e⁻ through the two-photon amplitude, K⁺ → π⁺γ*γ*, each γ* → e⁺e⁻ (the double-Dalitz
 * analogue of K⁺ → π⁺γγ, as π⁰ → e⁺e⁻e⁺e⁻ is of π⁰ → γγ, double-dalitz.ts):
 *   M = A(s)[(J₁·J₂)(q₁·q₂) − (J₁·q₂)(J₂·q₁)]/(q₁² q₂²) − (e⁺₁ ↔ e⁺₃),
 * J = ū(e⁻)γ^μ v(e⁺), q the pair momenta, s = (q₁ + q₂)² = m²_4e, A the O(p⁴) K⁺ → π⁺γγ amplitude of
 * pigg.ts with NA62's ĉ (form-factors.json "pigg") evaluated at z = s/m²_K with the on-shell loop
 * functions: its q₁², q₂² dependence is neglected, as in piggstar (pigg.ts). Both pairings and their
 * interference (Fermi statistics) are kept, spins summed numerically (dirac.ts). Integrated over the
 * lepton angles and without the exchange term the density is factorised (Kroll–Wada for each γ*):
 *   dΓ ∝ |A(s)|²[2(q₁·q₂)² + q₁²q₂²]/(q₁⁴q₂⁴) · β₁(q₁² + 2m²_e) β₂(q₂² + 2m²_e) · dΦ₃(K; π, q₁, q₂) dq₁² dq₂².
 * Not included: the one-photon-exchange topology K⁺ → π⁺γ*, γ* → e⁺e⁻γ* (Husek [Husek-PI4E-2022]
 * finds it prevails over most of the phase space off the π⁰ pole) and the π⁰ pole itself (kaonlab
 * simulates K⁺ → π⁺π⁰, π⁰ → e⁺e⁻e⁺e⁻ as its own channel).
 *
 * Proposal, in the kaon rest frame: q₁², q₂² log-uniform in [4m²_e, (m_K − m_π − 2m_e)²]; E_π uniform
 * in its range, then E_γ*₁ uniform in its range (flat Dalitz plot of K → πγ*γ*); each pair isotropic
 * in its rest frame; the two positrons' labels swapped with probability ½. The weight is
 * |M|²·dΦ₅/p_sym with p_sym averaged over both labellings, so both pairings' poles are sampled.
 * Daughters (catalogue order): π⁺, e⁺₁, e⁻₂, e⁺₃, e⁻₄; scratch: γ*₁ 5, γ*₂ 6.
 */
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import type { ChannelInfo, DecayContext, GeneratorFactory } from "../channel.ts";
import type { ComplexVector } from "./dirac.ts";
import { dotCC, FourLeptonCurrents, splitPair } from "./four-lepton.ts";
import { energyRange, threeBodyFromEnergies } from "./frame.ts";
import { cHat, PiggAmplitude } from "./pigg.ts";
import { WeightedGenerator } from "./weighted.ts";

export interface PiGstarGstarOptions {
  /** keep the positron-exchange amplitude (Fermi statistics); false only for the factorised test */
  exchange?: boolean;
}

export class PiGstarGstarGenerator extends WeightedGenerator {
  readonly amp: PiggAmplitude;
  readonly mPi: number;
  readonly me: number;
  readonly exchange: boolean;
  private readonly sMin: number;
  private readonly sMax: number;
  private readonly lnS: number;
  private readonly range = new Float64Array(2);
  private readonly leptons = new FourLeptonCurrents();
  private readonly q = Array.from({ length: 4 }, () => new Float64Array(8));
  private readonly r = new Float64Array(2);

  constructor(info: ChannelInfo, ctx: DecayContext, c: number, opts: PiGstarGstarOptions = {}) {
    super(info, ctx, 2);
    if (this.nd !== 5) throw new Error(`${info.name}: expected π⁺ e⁺ e⁻ e⁺ e⁻`);
    this.mPi = this.masses[0];
    this.me = this.masses[1];
    this.exchange = opts.exchange ?? true;
    this.amp = new PiggAmplitude(this.M, this.mPi, c);
    this.sMin = 4 * this.me * this.me * (1 + 1e-12);
    this.sMax = (this.M - this.mPi - 2 * this.me) ** 2;
    this.lnS = Math.log(this.sMax / this.sMin);
    this.init(2, 60_000, this.exchange ? "" : "direct");
  }

  /** 1/density of the proposal per dΦ₅ for the pairing (e⁺ i, e⁻ 2), (e⁺ k, e⁻ 4); 0 outside it */
  inverseDensity(i: number, k: number): number {
    const v = this.v;
    const M = this.M;
    const s1 = v.mass2(i, 2);
    const s2 = v.mass2(k, 4);
    if (s1 < this.sMin || s2 < this.sMin || s1 > this.sMax || s2 > this.sMax) return 0;
    const m1 = Math.sqrt(s1);
    const m2 = Math.sqrt(s2);
    if (this.mPi + m1 + m2 >= M) return 0;
    const ePiMax = (M * M + this.mPi * this.mPi - (m1 + m2) ** 2) / (2 * M);
    const ePi = v.e[0];
    const pPi = Math.sqrt(Math.max(0, ePi * ePi - this.mPi * this.mPi));
    if (!energyRange(M, ePi, pPi, M * M + this.mPi * this.mPi - 2 * M * ePi, m1, m2, this.range)) return 0;
    const b1 = Math.sqrt(1 - (4 * this.me * this.me) / s1);
    const b2 = Math.sqrt(1 - (4 * this.me * this.me) / s2);
    return b1 * b2 * s1 * s2 * this.lnS * this.lnS * (ePiMax - this.mPi) * (this.range[1] - this.range[0]);
  }

  /** load q_ij = p_i + p_j into the complex slot t (imaginary parts 0) */
  private pairVector(t: number, i: number, j: number): ComplexVector {
    const v = this.v;
    const q = this.q[t];
    q[0] = v.e[i] + v.e[j];
    q[2] = v.px[i] + v.px[j];
    q[4] = v.py[i] + v.py[j];
    q[6] = v.pz[i] + v.pz[j];
    return q;
  }

  /** Σ_spins |M|²/|A(s)|² of the configuration in v */
  sum2(): number {
    const v = this.v;
    this.leptons.fill(v, 1, 2, 3, 4, this.me);
    const j = this.leptons.j;
    const qA = this.pairVector(0, 1, 2);
    const qB = this.pairVector(1, 3, 4);
    const qC = this.pairVector(2, 3, 2);
    const qD = this.pairVector(3, 1, 4);
    const sA = v.mass2(1, 2);
    const sB = v.mass2(3, 4);
    const sC = v.mass2(3, 2);
    const sD = v.mass2(1, 4);
    const fAB = 1 / (sA * sB);
    const fCD = this.exchange ? 1 / (sC * sD) : 0;
    // q₁·q₂ is real
    const qAB = this.realDot(qA, qB);
    const qCD = this.realDot(qC, qD);
    const r = this.r;
    let sum = 0;
    for (let e1 = 0; e1 < 2; e1++)
      for (let e2 = 0; e2 < 2; e2++)
        for (let e3 = 0; e3 < 2; e3++)
          for (let e4 = 0; e4 < 2; e4++) {
            this.term(j[e2 * 2 + e1], j[4 + e4 * 2 + e3], qA, qB, qAB);
            let re = r[0] * fAB;
            let im = r[1] * fAB;
            if (fCD !== 0) {
              this.term(j[8 + e2 * 2 + e3], j[12 + e4 * 2 + e1], qC, qD, qCD);
              re -= r[0] * fCD;
              im -= r[1] * fCD;
            }
            sum += re * re + im * im;
          }
    return sum;
  }

  /** (J₁·J₂)(q₁·q₂) − (J₁·q₂)(J₂·q₁) into r, q12 = q₁·q₂ (real) */
  private term(
    J1: ComplexVector,
    J2: ComplexVector,
    q1: ComplexVector,
    q2: ComplexVector,
    q12: number,
  ): void {
    const r = this.r;
    dotCC(J1, J2, r);
    let re = r[0] * q12;
    let im = r[1] * q12;
    dotCC(J1, q2, r);
    const ar = r[0];
    const ai = r[1];
    dotCC(J2, q1, r);
    re -= ar * r[0] - ai * r[1];
    im -= ar * r[1] + ai * r[0];
    r[0] = re;
    r[1] = im;
  }

  private realDot(a: ComplexVector, b: ComplexVector): number {
    return a[0] * b[0] - a[2] * b[2] - a[4] * b[4] - a[6] * b[6];
  }

  trial(rng: Xoshiro128): number {
    const M = this.M;
    const mPi = this.mPi;
    const s1 = this.sMin * Math.exp(this.lnS * rng.uniform());
    const s2 = this.sMin * Math.exp(this.lnS * rng.uniform());
    const m1 = Math.sqrt(s1);
    const m2 = Math.sqrt(s2);
    if (mPi + m1 + m2 >= M) return 0;
    const ePiMax = (M * M + mPi * mPi - (m1 + m2) ** 2) / (2 * M);
    const ePi = mPi + (ePiMax - mPi) * rng.uniform();
    const pPi = Math.sqrt(Math.max(0, ePi * ePi - mPi * mPi));
    const s = M * M + mPi * mPi - 2 * M * ePi;
    if (!energyRange(M, ePi, pPi, s, m1, m2, this.range)) return 0;
    const e1 = this.range[0] + (this.range[1] - this.range[0]) * rng.uniform();
    const v = this.v;
    if (!threeBodyFromEnergies(v, 0, 6, 5, M, mPi, m2, m1, ePi, e1)) return 0;
    const me = this.me;
    splitPair(v, 1, 2, 5, m1, me, 2 * rng.uniform() - 1, 2 * Math.PI * rng.uniform());
    splitPair(v, 3, 4, 6, m2, me, 2 * rng.uniform() - 1, 2 * Math.PI * rng.uniform());
    if (rng.uniform() < 0.5) v.swap(1, 3);
    const wA = this.inverseDensity(1, 3);
    const wB = this.inverseDensity(3, 1);
    const inv = (wA > 0 ? 1 / wA : 0) + (wB > 0 ? 1 / wB : 0);
    if (inv === 0) return 0;
    const z = s / (M * M);
    const a2 = this.amp.zA2(z) / (z * z);
    return (2 * a2 * this.sum2()) / inv;
  }
}

export const pigsgs: GeneratorFactory = (info, ctx) => new PiGstarGstarGenerator(info, ctx, cHat());

/**
 * π⁰ → e⁺e⁻e⁺e⁻ (double Dalitz decay) at leading order in QED: π⁰ → γ*γ*, each γ* → e⁺e⁻, with
 *   M = F(x₁₂, x₃₄) ε_{μναβ} J₁₂^μ J₃₄^ν q₁₂^α q₃₄^β/(q²₁₂ q²₃₄) − (e⁺₁ ↔ e⁺₃),
 * J_ij = ū(e⁻_j)γ^μ v(e⁺_i), q_ij = p_i + p_j, x = q²/m²_π⁰, both pairings and their interference
 * (Fermi statistics), summed over all 16 spin states numerically (dirac.ts); radiative corrections
 * are not included (Kampf, Knecht, Novotný, Zdráhal, Phys. Rev. D 98 (2018) 113005, and the NA62MC
 * generator pi0DDalitz.cc treat them; they change the BR by ~+1%). Transition form factor
 * F = (1 + a x₁₂)(1 + a x₃₄) with the single-Dalitz slope a (form-factors.json "pi0").
 *
 * Proposal in the π⁰ rest frame: q²₁₂, q²₃₄ log-uniform in [4m²_e, (m_π⁰ − 2m_e)²], the two γ*
 * back to back, each pair isotropic in its rest frame, and the two positrons' labels swapped with
 * probability ½. The weight is |M|²/p_sym with p_sym the proposal density (per dΦ₄) averaged over
 * both labellings, so both pairings' 1/(q²q²) poles are sampled.
 */
import type { EventBatch } from "../../core/batch.ts";
import { twoBodyMomentum } from "../../core/kinematics.ts";
import { AcceptReject } from "../../core/rng/samplers.ts";
import { stream } from "../../core/rng/streams.ts";
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import { type ComplexVector, epsilonContract } from "./dirac.ts";
import { dotCC, FourLeptonCurrents, splitPair } from "./four-lepton.ts";
import { FourVectors } from "./frame.ts";

const majorants = new Map<string, number>();

/** positions: e⁺₁ 0, e⁻₂ 1, e⁺₃ 2, e⁻₄ 3; γ* scratch slots 4, 5 */
export class DoubleDalitz {
  readonly M: number;
  readonly me: number;
  readonly slope: number;
  readonly v = new FourVectors(6);
  sampler!: AcceptReject;
  private readonly s2Min: number;
  private readonly s2Max: number;
  private readonly lnS: number;
  private readonly leptons = new FourLeptonCurrents();
  private readonly x = new Float64Array(8);

  constructor(mPi0: number, mE: number, slope: number) {
    this.M = mPi0;
    this.me = mE;
    this.slope = slope;
    this.s2Min = 4 * mE * mE * (1 + 1e-12);
    this.s2Max = (mPi0 - 2 * mE) ** 2;
    this.lnS = Math.log(this.s2Max / this.s2Min);
  }

  /** find the majorant with a fixed-seed pre-scan (once per process and parameter set) */
  init(n = 20_000, safety = 2): void {
    const id = `${this.M}|${this.me}|${this.slope}|${n}|${safety}`;
    let wmax = majorants.get(id);
    if (wmax === undefined) {
      const rng = stream(0, 0, "init pi0 -> e+ e- e+ e-");
      wmax = 0;
      for (let i = 0; i < n; i++) wmax = Math.max(wmax, this.trial(rng));
      wmax *= safety;
      majorants.set(id, wmax);
    }
    this.sampler = new AcceptReject(wmax);
  }

  /** 1/density of the proposal per dΦ₄ for the pairing (i, j), (k, l) of the configuration in v */
  inverseDensity(i: number, j: number, k: number, l: number): number {
    const v = this.v;
    const s1 = v.mass2(i, j);
    const s2 = v.mass2(k, l);
    if (s1 < this.s2Min || s2 < this.s2Min || s1 > this.s2Max || s2 > this.s2Max) return 0;
    const m1 = Math.sqrt(s1);
    const m2 = Math.sqrt(s2);
    if (m1 + m2 >= this.M) return 0;
    const p = twoBodyMomentum(this.M, m1, m2);
    const b1 = Math.sqrt(1 - (4 * this.me * this.me) / s1);
    const b2 = Math.sqrt(1 - (4 * this.me * this.me) / s2);
    return s1 * s2 * p * b1 * b2;
  }

  /** Σ_spins |M|² of the configuration in v (without the overall constants) */
  sum2(): number {
    const v = this.v;
    this.leptons.fill(v, 0, 1, 2, 3, this.me);
    const j = this.leptons.j;
    const M2 = this.M * this.M;
    const a = this.slope;
    // direct pairing (0,1)(2,3) and exchanged (2,1)(0,3)
    const sA = v.mass2(0, 1);
    const sB = v.mass2(2, 3);
    const sC = v.mass2(2, 1);
    const sD = v.mass2(0, 3);
    const fAB = ((1 + (a * sA) / M2) * (1 + (a * sB) / M2)) / (sA * sB);
    const fCD = ((1 + (a * sC) / M2) * (1 + (a * sD) / M2)) / (sC * sD);
    let sum = 0;
    for (let e1 = 0; e1 < 2; e1++)
      for (let e2 = 0; e2 < 2; e2++)
        for (let e3 = 0; e3 < 2; e3++)
          for (let e4 = 0; e4 < 2; e4++) {
            // direct: J(2,1) · ε(J(4,3), q₁₂, q₃₄)
            const d = this.contract(j[e2 * 2 + e1], j[4 + e4 * 2 + e3], 0, 1, 2, 3);
            const dr = d[0] * fAB;
            const di = d[1] * fAB;
            const x = this.contract(j[8 + e2 * 2 + e3], j[12 + e4 * 2 + e1], 2, 1, 0, 3);
            const re = dr - x[0] * fCD;
            const im = di - x[1] * fCD;
            sum += re * re + im * im;
          }
    return sum;
  }

  private readonly res = new Float64Array(2);

  /** A·ε(B, q_ij, q_kl) for complex currents A, B and q_ij = p_i + p_j, q_kl = p_k + p_l */
  private contract(
    A: ComplexVector,
    B: ComplexVector,
    i: number,
    j: number,
    k: number,
    l: number,
  ): Float64Array {
    const v = this.v;
    epsilonContract(
      this.x,
      B,
      v.e[i] + v.e[j],
      v.px[i] + v.px[j],
      v.py[i] + v.py[j],
      v.pz[i] + v.pz[j],
      v.e[k] + v.e[l],
      v.px[k] + v.px[l],
      v.py[k] + v.py[l],
      v.pz[k] + v.pz[l],
    );
    dotCC(A, this.x, this.res);
    return this.res;
  }

  /** propose a configuration in v (π⁰ rest frame) and return its weight */
  trial(rng: Xoshiro128): number {
    const M = this.M;
    const s1 = this.s2Min * Math.exp(this.lnS * rng.uniform());
    const s2 = this.s2Min * Math.exp(this.lnS * rng.uniform());
    const m1 = Math.sqrt(s1);
    const m2 = Math.sqrt(s2);
    if (m1 + m2 >= M) return 0;
    const p = twoBodyMomentum(M, m1, m2);
    const v = this.v;
    const c = 2 * rng.uniform() - 1;
    const sn = Math.sqrt(1 - c * c);
    const ph = 2 * Math.PI * rng.uniform();
    const ux = sn * Math.cos(ph);
    const uy = sn * Math.sin(ph);
    v.set(4, p * ux, p * uy, p * c, Math.sqrt(p * p + s1));
    v.set(5, -p * ux, -p * uy, -p * c, Math.sqrt(p * p + s2));
    const me = this.me;
    splitPair(v, 0, 1, 4, m1, me, 2 * rng.uniform() - 1, 2 * Math.PI * rng.uniform());
    splitPair(v, 2, 3, 5, m2, me, 2 * rng.uniform() - 1, 2 * Math.PI * rng.uniform());
    // swap the positrons' labels
    if (rng.uniform() < 0.5) v.swap(0, 2);
    const wA = this.inverseDensity(0, 1, 2, 3);
    const wB = this.inverseDensity(2, 1, 0, 3);
    // |M|²/p_sym, p_sym = (1/wA + 1/wB)/2 (a labelling outside the proposal has 1/w = 0)
    const inv = (wA > 0 ? 1 / wA : 0) + (wB > 0 ? 1 / wB : 0);
    return (2 * this.sum2()) / inv;
  }

  /** decay the π⁰ at global index P into the four leptons at global indices (e⁺, e⁻, e⁺, e⁻) g..g+3 */
  decay(b: EventBatch, rng: Xoshiro128, P: number, g: number): void {
    if (!this.sampler) this.init();
    const ar = this.sampler;
    while (!ar.accept(rng, this.trial(rng)));
    this.v.emit(b, rng, P, g, 4);
  }
}

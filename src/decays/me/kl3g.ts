/**
 * K⁺ → π⁰ℓ⁺νγ: inner bremsstrahlung at tree level, with the lepton spin (Fearing, Fischbach, Smith,
 * Phys. Rev. D 2 (1970) 542; Bijnens, Ecker, Gasser, Nucl. Phys. B 396 (1993) 81, the IB part):
 *   T = F_ρ ū_ν γ^ρ(1−γ⁵) [(−(ℓ̸ + q̸) + m_ℓ)/(2ℓ·q)] ε̸ v_ℓ          (emission from ℓ⁺)
 *     + (P·ε/P·q) F′_ρ ū_ν γ^ρ(1−γ⁵) v_ℓ                              (emission from K⁺)
 *     + (f₊ + f₋) ε_ρ ū_ν γ^ρ(1−γ⁵) v_ℓ                               (contact term),
 * F = f₊(P + p) + f₋(P − p), F′ = f₊(P − q + p) + f₋(P − q − p), with f₊, f₋ = (f₀ − f₊)(m²_K − m²_π)/t
 * at t = (P − p)² (the Kℓ3 form factors of form-factors.json "kl3"). This set is gauge invariant
 * (T(ε → q) = 0, checked by the tests) and reduces to Low's soft-photon limit; the structure-dependent
 * terms (O(p⁴), a few % of these rates) are not included. |T|² is summed numerically over the lepton
 * spins and two photon polarisations (dirac.ts). Generated in the regions of the PDG BRs:
 * E*_γ > 10 MeV and 0.6 < cos θ*_eγ < 0.9 for e, E*_γ > 30 MeV for μ (form-factors.json "kl3g").
 */
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import type { ChannelInfo, DecayContext, GeneratorFactory } from "../channel.ts";
import {
  barDot,
  type ComplexVector,
  leftProject,
  type Spinor,
  slashC,
  slashR,
  spinor,
  uSpinor,
  vSpinor,
} from "./dirac.ts";
import { type FourVectors, perpendicularBasis, splitSystem } from "./frame.ts";
import { type Kl3Params, kl3Params } from "./kl3.ts";
import { ffBlock, ffValue } from "./params.ts";
import { WeightedGenerator } from "./weighted.ts";

interface Kl3gRegion {
  eGammaMin: number;
  cosMin: number;
  cosMax: number;
}

/** spin-summed |T|² of K⁺ → π⁰ℓ⁺νγ for one real polarisation vector (positions: π 0, ℓ 1, ν 2, γ 3) */
export class Kl3gAmplitude {
  readonly M: number;
  readonly mPi: number;
  readonly ml: number;
  readonly ff: Kl3Params;
  readonly mpiNorm2: number;
  private readonly uNu: Spinor[] = [spinor(), spinor()];
  private readonly vL: Spinor[] = [spinor(), spinor()];
  private readonly w1 = spinor();
  private readonly w2 = spinor();
  private readonly w3 = spinor();
  private readonly x = spinor();
  private readonly y = spinor();
  private readonly c = new Float64Array(2);
  private readonly cv: ComplexVector = new Float64Array(8);
  private readonly basis = new Float64Array(6);

  constructor(M: number, mPi: number, ml: number, ff: Kl3Params, mPiCharged: number) {
    this.M = M;
    this.mPi = mPi;
    this.ml = ml;
    this.ff = ff;
    this.mpiNorm2 = mPiCharged * mPiCharged;
  }

  /** prepare the spinors of the configuration in v */
  setSpinors(v: FourVectors): void {
    for (let s = 0; s < 2; s++) {
      uSpinor(this.uNu[s], v.px[2], v.py[2], v.pz[2], v.e[2], 0, s);
      vSpinor(this.vL[s], v.px[1], v.py[1], v.pz[1], v.e[1], this.ml, s);
    }
  }

  /**
   * Σ_spins |T(ε)|² for a real four-vector ε (ε = q tests gauge invariance). The kaon is at rest.
   * Call setSpinors first.
   */
  sum2(v: FourVectors, e0: number, ex: number, ey: number, ez: number): number {
    const M = this.M;
    const { lambdaPlus1, lambdaPlus2, lambdaZero } = this.ff;
    const t = M * M + this.mPi * this.mPi - 2 * M * v.e[0]; // (P − p)²
    const xt = t / this.mpiNorm2;
    const fp = 1 + lambdaPlus1 * xt + 0.5 * lambdaPlus2 * xt * xt;
    const f0 = 1 + lambdaZero * xt;
    const dm2 = M * M - this.mPi * this.mPi;
    const fm =
      Math.abs(t) > 1e-12 ? ((f0 - fp) * dm2) / t : ((lambdaZero - lambdaPlus1) * dm2) / this.mpiNorm2;
    // F = f₊(P + p) + f₋(P − p), P = (M, 0)
    const F0 = fp * (M + v.e[0]) + fm * (M - v.e[0]);
    const Fx = (fp - fm) * v.px[0];
    const Fy = (fp - fm) * v.py[0];
    const Fz = (fp - fm) * v.pz[0];
    // F′ = F − (f₊ + f₋) q
    const fs = fp + fm;
    const G0 = F0 - fs * v.e[3];
    const Gx = Fx - fs * v.px[3];
    const Gy = Fy - fs * v.py[3];
    const Gz = Fz - fs * v.pz[3];
    const lq = v.dot(1, 3);
    const Pq = M * v.e[3];
    const Pe = M * e0;
    // ℓ + q
    const k0 = v.e[1] + v.e[3];
    const kx = v.px[1] + v.px[3];
    const ky = v.py[1] + v.py[3];
    const kz = v.pz[1] + v.pz[3];
    let sum = 0;
    for (let sl = 0; sl < 2; sl++) {
      const vl = this.vL[sl];
      // lepton emission: F̸ (1−γ⁵) (−(ℓ̸+q̸) + m) ε̸ v / (2ℓ·q)
      slashR(this.w1, e0, ex, ey, ez, vl);
      slashR(this.w2, k0, kx, ky, kz, this.w1);
      for (let k = 0; k < 8; k++) this.w3[k] = (this.ml * this.w1[k] - this.w2[k]) / (2 * lq);
      leftProject(this.w3, this.w3);
      slashR(this.x, F0, Fx, Fy, Fz, this.w3);
      // kaon emission and contact: [(P·ε/P·q) F̸′ + (f₊ + f₋) ε̸](1−γ⁵) v
      leftProject(this.w1, vl);
      const cP = Pe / Pq;
      const cv = this.cv;
      cv[0] = cP * G0 + fs * e0;
      cv[2] = cP * Gx + fs * ex;
      cv[4] = cP * Gy + fs * ey;
      cv[6] = cP * Gz + fs * ez;
      cv[1] = cv[3] = cv[5] = cv[7] = 0;
      slashC(this.y, cv, this.w1);
      for (let k = 0; k < 8; k++) this.x[k] += this.y[k];
      for (let sn = 0; sn < 2; sn++) {
        barDot(this.uNu[sn], this.x, this.c);
        sum += this.c[0] * this.c[0] + this.c[1] * this.c[1];
      }
    }
    return sum;
  }

  /** Σ over two transverse real polarisations of Σ_spins |T|² */
  polarisationSum(v: FourVectors): number {
    this.setSpinors(v);
    const qx = v.px[3];
    const qy = v.py[3];
    const qz = v.pz[3];
    const q = Math.hypot(qx, qy, qz);
    const e = this.basis;
    perpendicularBasis(qx / q, qy / q, qz / q, e);
    return this.sum2(v, 0, e[0], e[1], e[2]) + this.sum2(v, 0, e[3], e[4], e[5]);
  }
}

/**
 * Proposal (kaon rest frame): E_γ log-uniform above the cut, E_ℓ uniform, the ℓ⁺ direction at a
 * cos θ_ℓγ within the generated window (uniform, or 1 − cos log-uniform when the window stays below
 * the collinear peak) and uniform azimuth about the photon, the (π⁰ν)
 * recoil system decayed isotropically. With dΦ₄ ∝ E_γ dE_γ p_ℓ dE_ℓ dcosθ_ℓγ (p* / m_πν) dΩ*, the
 * weight is |T|² · E²_γ ln(E_max/E_cut) · p_ℓ ΔE_ℓ · (Δcos or (1 − cos) ln) · p* / m_πν: the angular cut costs nothing and
 * the collinear enhancement stays within the window.
 */
export class Kl3gGenerator extends WeightedGenerator {
  readonly amp: Kl3gAmplitude;
  readonly region: Kl3gRegion;
  readonly mPi: number;
  readonly ml: number;
  private readonly eMax: number;
  private readonly lnE: number;
  private readonly elMax: number;
  private readonly logCos: boolean;
  private readonly lnCos: number;

  constructor(info: ChannelInfo, ctx: DecayContext, ff: Kl3Params, region: Kl3gRegion) {
    super(info, ctx);
    if (info.daughters[0] !== "pi0" || this.nd !== 4 || this.masses[2] !== 0 || this.masses[3] !== 0)
      throw new Error(`${info.name}: expected π⁰ ℓ⁺ ν γ`);
    this.region = region;
    this.mPi = this.masses[0];
    this.ml = this.masses[1];
    const M = this.M;
    this.eMax = (M * M - (this.mPi + this.ml) ** 2) / (2 * M);
    this.lnE = Math.log(this.eMax / region.eGammaMin);
    this.elMax = (M * M + this.ml * this.ml - this.mPi * this.mPi) / (2 * M);
    this.logCos = region.cosMax < 1;
    this.lnCos = this.logCos ? Math.log((1 - region.cosMax) / (1 - region.cosMin)) : 0;
    this.amp = new Kl3gAmplitude(M, this.mPi, this.ml, ff, ctx.particles.mass("pi+"));
    this.init(1.7, 30_000);
  }

  /** Σ |T|² of the configuration in v */
  me(): number {
    return this.amp.polarisationSum(this.v);
  }

  trial(rng: Xoshiro128): number {
    const M = this.M;
    const v = this.v;
    const { cosMin, cosMax } = this.region;
    const Eg = this.region.eGammaMin * Math.exp(this.lnE * rng.uniform());
    const El = this.ml + (this.elMax - this.ml) * rng.uniform();
    const pl = Math.sqrt(El * El - this.ml * this.ml);
    // cos θ_ℓγ: uniform, or, for a window below the collinear region, 1 − cos log-uniform
    // (IB ∝ 1/(1 − β cos θ) for β → 1)
    let c: number;
    let jc: number;
    if (this.logCos) {
      const d = (1 - cosMin) * Math.exp(this.lnCos * rng.uniform());
      c = 1 - d;
      jc = -d * this.lnCos;
    } else {
      c = cosMin + (cosMax - cosMin) * rng.uniform();
      jc = cosMax - cosMin;
    }
    const phi = 2 * Math.PI * rng.uniform();
    const s = Math.sqrt(Math.max(0, 1 - c * c));
    // photon along +z, lepton at angle θ
    const lx = pl * s * Math.cos(phi);
    const ly = pl * s * Math.sin(phi);
    const lz = pl * c;
    // recoil R = P − q − ℓ
    const R0 = M - Eg - El;
    const Rx = -lx;
    const Ry = -ly;
    const Rz = -Eg - lz;
    const mR2 = R0 * R0 - Rx * Rx - Ry * Ry - Rz * Rz;
    if (!(mR2 > this.mPi * this.mPi) || R0 <= 0) return 0;
    const mR = Math.sqrt(mR2);
    v.set(3, 0, 0, Eg, Eg);
    v.set(1, lx, ly, lz, El);
    const pStar = splitSystem(
      v,
      0,
      2,
      Rx,
      Ry,
      Rz,
      R0,
      mR,
      this.mPi,
      0,
      2 * rng.uniform() - 1,
      2 * Math.PI * rng.uniform(),
    );
    const m2 = this.me();
    return m2 * Eg * Eg * this.lnE * pl * (this.elMax - this.ml) * jc * (pStar / mR);
  }
}

export function kl3gRegion(channel: string): Kl3gRegion {
  const b = ffBlock("kl3g", channel.includes("mu+") ? "mu" : "e");
  return { eGammaMin: ffValue(b, "eGammaMin"), cosMin: ffValue(b, "cosMin"), cosMax: ffValue(b, "cosMax") };
}

export const kl3g: GeneratorFactory = (info, ctx) =>
  new Kl3gGenerator(info, ctx, kl3Params("kl3"), kl3gRegion(info.name));

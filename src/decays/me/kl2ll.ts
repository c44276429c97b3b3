/**
 * K⁺ → ℓ⁺ν ℓ′⁺ℓ′⁻ as K⁺ → ℓ⁺νγ* with γ* → ℓ′⁺ℓ′⁻ (Bijnens, Ecker, Gasser, Nucl. Phys. B 396 (1993)
 * 81, section on K → ℓνℓ′ℓ′). Amplitude, with J^μ = ū(ℓ′⁻)γ^μ v(ℓ′⁺), q = p(ℓ′⁺) + p(ℓ′⁻), P the
 * kaon, L^ρ = ū_ν γ^ρ(1−γ⁵) v_ℓ and constants dropped:
 *   T = (1/q²){ f_K P_ρ ū_ν γ^ρ(1−γ⁵)[(−(ℓ̸ + q̸) + m_ℓ)/(2ℓ·q + q²)] J̸ v_ℓ            (IB, lepton)
 *             + f_K F_K(q²)[((2P − q)·J/(2P·q − q²)) (P − q)·L + J·L]               (IB, kaon + contact)
 *             + (1/m_K)[c_V F_V ε_{μραβ}J^μ q^α P^β L^ρ
 *                       + c_A F_A ((P·q − q²) J·L − (P − q)·J q·L)] }              (SD)
 * f_K the kaon decay constant, F_K(q²) = 1 + ⟨r²⟩ q²/6 the kaon-side form factor (its deviation from
 * 1 is the "R" structure of BEG; ⟨r²⟩ is calibrated on BR(e⁺νe⁺e⁻), form-factors.json "l2ll"), F_V
 * and F_A the structure-dependent form factors in the PDG convention, taken constant. The phases c_V, c_A are fixed so that the real-photon limit reproduces
 * the Bijnens–Ecker–Gasser IB, SD± and INT± densities with the PDG normalisation (tests). For
 * e⁺νe⁺e⁻ the two identical positrons are antisymmetrised and the proposal symmetrised over them.
 * |T|² is summed numerically over all spins (dirac.ts). Generated in the region of the measured
 * BRs (m_ee cut of E865; form-factors.json "l2ll").
 */
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import { HBARC } from "../../core/units.ts";
import type { ChannelInfo, DecayContext, GeneratorFactory } from "../channel.ts";
import {
  barDot,
  type ComplexVector,
  current,
  epsilonContract,
  leftProject,
  type Spinor,
  slashC,
  slashR,
  spinor,
  uSpinor,
  vSpinor,
} from "./dirac.ts";
import type { FourVectors } from "./frame.ts";
import { PairGenerator } from "./pair.ts";
import { ffBlock, ffValue } from "./params.ts";

interface Kl2llParams {
  /** kaon decay constant f_K, GeV */
  fK: number;
  fV: number;
  fA: number;
  /** kaon mean-square charge radius, GeV⁻² */
  r2K: number;
}

export function kl2llParams(): Kl2llParams {
  const b = ffBlock("l2ll");
  return {
    fK: ffValue(b, "fK"),
    fV: ffValue(b, "fV"),
    fA: ffValue(b, "fA"),
    r2K: ffValue(b, "kaonChargeRadius2") / (HBARC * 1e12) ** 2,
  };
}

/** phases c_V, c_A of the SD terms relative to IB (see the file comment; fixed by the tests) */
const SD_PHASE = { vRe: 0, vIm: 1, aRe: 1, aIm: 0 };

/** the amplitude of K⁺ → ℓ⁺νγ* for given spinors and a (complex) photon "polarisation" J */
export class Kl2GammaStarAmplitude {
  readonly M: number;
  readonly ml: number;
  readonly p: Kl2llParams;
  private readonly w1 = spinor();
  private readonly w2 = spinor();
  private readonly w3 = spinor();
  private readonly vec: ComplexVector = new Float64Array(8);
  private readonly eps: ComplexVector = new Float64Array(8);
  private readonly pm = new Float64Array(4);
  private readonly qv = new Float64Array(4);

  constructor(M: number, ml: number, p: Kl2llParams) {
    this.M = M;
    this.ml = ml;
    this.p = p;
  }

  /**
   * The spinor X with T = ū_ν X (without the 1/q²), into out: ℓ⁺ spinor vl with momentum ℓ (index
   * il of v), photon momentum q = (q0, qx, qy, qz) with q² = q2, "polarisation" J; kaon at rest.
   */
  spinorX(
    out: Spinor,
    v: FourVectors,
    il: number,
    vl: Spinor,
    J: ComplexVector,
    q0: number,
    qx: number,
    qy: number,
    qz: number,
    q2: number,
  ): void {
    const M = this.M;
    const { fK, fV, fA, r2K } = this.p;
    const lq = v.e[il] * q0 - v.px[il] * qx - v.py[il] * qy - v.pz[il] * qz;
    // lepton emission: f_K P̸ (1−γ⁵)(−(ℓ̸+q̸) + m) J̸ v / (2ℓ·q + q²)
    slashC(this.w1, J, vl);
    slashR(this.w2, v.e[il] + q0, v.px[il] + qx, v.py[il] + qy, v.pz[il] + qz, this.w1);
    const d = 1 / (2 * lq + q2);
    for (let k = 0; k < 8; k++) this.w3[k] = (this.ml * this.w1[k] - this.w2[k]) * d;
    leftProject(this.w3, this.w3);
    slashR(out, fK * M, 0, 0, 0, this.w3);
    // kaon emission + contact + SD, as one vector V contracted with γ^ρ(1−γ⁵)
    const FK = fK * (1 + (r2K * q2) / 6);
    // (2P − q)·J = (2M − q0)J⁰ + q⃗·J⃗
    const cRe = ((2 * M - q0) * J[0] + qx * J[2] + qy * J[4] + qz * J[6]) / (2 * M * q0 - q2);
    const cIm = ((2 * M - q0) * J[1] + qx * J[3] + qy * J[5] + qz * J[7]) / (2 * M * q0 - q2);
    // (P − q)·J and P·q
    const pjRe = (M - q0) * J[0] + qx * J[2] + qy * J[4] + qz * J[6];
    const pjIm = (M - q0) * J[1] + qx * J[3] + qy * J[5] + qz * J[7];
    const Pq = M * q0;
    const V = this.vec;
    const pm = this.pm;
    pm[0] = M - q0;
    pm[1] = -qx;
    pm[2] = -qy;
    pm[3] = -qz;
    const qv = this.qv;
    qv[0] = q0;
    qv[1] = qx;
    qv[2] = qy;
    qv[3] = qz;
    const { vRe, vIm, aRe, aIm } = SD_PHASE;
    for (let mu = 0; mu < 4; mu++) {
      // F_A structure (P·q − q²)J − ((P − q)·J) q, times c_A F_A/M
      const tr = ((Pq - q2) * J[2 * mu] - pjRe * qv[mu]) * (fA / M);
      const ti = ((Pq - q2) * J[2 * mu + 1] - pjIm * qv[mu]) * (fA / M);
      V[2 * mu] = FK * (cRe * pm[mu] + J[2 * mu]) + aRe * tr - aIm * ti;
      V[2 * mu + 1] = FK * (cIm * pm[mu] + J[2 * mu + 1]) + aRe * ti + aIm * tr;
    }
    // F_V ε-term: X_ρ = ε_{ρμαβ} J^μ q^α P^β
    epsilonContract(this.eps, J, q0, qx, qy, qz, M, 0, 0, 0);
    const e = this.eps;
    for (let k = 0; k < 8; k += 2) {
      // c_V·X / M
      V[k] += (fV * (vRe * e[k] - vIm * e[k + 1])) / M;
      V[k + 1] += (fV * (vRe * e[k + 1] + vIm * e[k])) / M;
    }
    leftProject(this.w1, vl);
    slashC(this.w2, V, this.w1);
    for (let k = 0; k < 8; k++) out[k] += this.w2[k];
  }
}

export class Kl2llGenerator extends PairGenerator {
  readonly amp: Kl2GammaStarAmplitude;
  readonly identical: boolean;
  private readonly uNu: Spinor[] = [spinor(), spinor()];
  private readonly v0: Spinor[] = [spinor(), spinor()];
  private readonly v2: Spinor[] = [spinor(), spinor()];
  private readonly u3: Spinor[] = [spinor(), spinor()];
  /** currents J[sm·2 + sp] of the pairs (3, 2) and (3, 0) */
  private readonly jA: ComplexVector[] = [0, 1, 2, 3].map(() => new Float64Array(8));
  private readonly jB: ComplexVector[] = [0, 1, 2, 3].map(() => new Float64Array(8));
  private readonly xa = spinor();
  private readonly xb = spinor();
  private readonly r = new Float64Array(2);
  swap = false;

  constructor(info: ChannelInfo, ctx: DecayContext, p: Kl2llParams, meeMin: number) {
    // daughters: ℓ⁺, ν, ℓ′⁺, ℓ′⁻
    super(info, ctx, { a: 0, b: 1, lp: 2, lm: 3, q2Min: meeMin * meeMin });
    this.identical = info.daughters[0] === info.daughters[2];
    this.amp = new Kl2GammaStarAmplitude(this.M, this.ma, p);
    this.init(1.8, 30_000);
  }

  override trial(rng: Xoshiro128): number {
    const w = super.trial(rng);
    // identical positrons: which of the two is "the" ℓ⁺ is a coin toss (symmetrised proposal)
    this.swap = this.identical && rng.uniform() < 0.5;
    return w;
  }

  protected override accepted(): void {
    if (!this.swap) return;
    this.v.swap(0, 2);
  }

  /** Σ_spins |T|² of the configuration in v (antisymmetrised for identical leptons) */
  sum2(): number {
    const v = this.v;
    const ml = this.ma;
    const mp = this.ml;
    for (let s = 0; s < 2; s++) {
      uSpinor(this.uNu[s], v.px[1], v.py[1], v.pz[1], v.e[1], 0, s);
      vSpinor(this.v0[s], v.px[0], v.py[0], v.pz[0], v.e[0], ml, s);
      vSpinor(this.v2[s], v.px[2], v.py[2], v.pz[2], v.e[2], mp, s);
      uSpinor(this.u3[s], v.px[3], v.py[3], v.pz[3], v.e[3], mp, s);
    }
    for (let sm = 0; sm < 2; sm++)
      for (let sp = 0; sp < 2; sp++) {
        current(this.jA[sm * 2 + sp], this.u3[sm], this.v2[sp]);
        if (this.identical) current(this.jB[sm * 2 + sp], this.u3[sm], this.v0[sp]);
      }
    // photon momenta of the two pairings
    const qa0 = v.e[2] + v.e[3];
    const qax = v.px[2] + v.px[3];
    const qay = v.py[2] + v.py[3];
    const qaz = v.pz[2] + v.pz[3];
    const qa2 = qa0 * qa0 - qax * qax - qay * qay - qaz * qaz;
    const qb0 = v.e[0] + v.e[3];
    const qbx = v.px[0] + v.px[3];
    const qby = v.py[0] + v.py[3];
    const qbz = v.pz[0] + v.pz[3];
    const qb2 = qb0 * qb0 - qbx * qbx - qby * qby - qbz * qbz;
    const xa = this.xa;
    const xb = this.xb;
    let sum = 0;
    for (let s0 = 0; s0 < 2; s0++)
      for (let s2 = 0; s2 < 2; s2++)
        for (let s3 = 0; s3 < 2; s3++) {
          this.amp.spinorX(xa, v, 0, this.v0[s0], this.jA[s3 * 2 + s2], qa0, qax, qay, qaz, qa2);
          for (let k = 0; k < 8; k++) xa[k] /= qa2;
          if (this.identical) {
            this.amp.spinorX(xb, v, 2, this.v2[s2], this.jB[s3 * 2 + s0], qb0, qbx, qby, qbz, qb2);
            for (let k = 0; k < 8; k++) xa[k] -= xb[k] / qb2;
          }
          for (let sn = 0; sn < 2; sn++) {
            barDot(this.uNu[sn], xa, this.r);
            sum += this.r[0] * this.r[0] + this.r[1] * this.r[1];
          }
        }
    return sum;
  }

  me(): number {
    if (!this.identical) return this.sum2();
    // both e⁺e⁻ pairings above the cut; weight with the proposal symmetrised over the positrons
    const wOther = this.inverseDensity(2, 0, 3);
    if (wOther === 0) return 0;
    const wThis = this.inverseDensity(0, 2, 3);
    return (2 * this.sum2() * wOther) / (wThis + wOther);
  }
}

export const l2ll: GeneratorFactory = (info, ctx) => {
  const key = info.daughters.join(" ");
  return new Kl2llGenerator(info, ctx, kl2llParams(), ffValue(ffBlock("l2ll", key), "meeMin"));
};

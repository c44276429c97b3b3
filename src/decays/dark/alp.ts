/**
 * Axion-like particle a with universal couplings to fermions — the PBC benchmark BC10
 * [PBC2019]: L = (∂_μ a)/(2f_ℓ) Σ_f ψ̄_f γ^μ γ⁵ ψ_f (the same f_ℓ for leptons and quarks), in the
 * notation of [Bauer2017] with c_ff = 1 and Λ = f_ℓ. Widths (m_a the ALP mass, f_ℓ in GeV):
 *   Γ(a → ℓ⁺ℓ⁻) = m_a m²_ℓ β_ℓ / (8π f²_ℓ),  β_ℓ = √(1 − 4m²_ℓ/m²_a)          [Bauer2017]
 *   Γ(a → γγ)   = α² m³_a / (64π³ f²_ℓ) · |Σ_f N_c Q²_f B₁(4m²_f/m²_a)|²     [Bauer2017]
 * with the fermion-loop function B₁ of loop-functions.ts (B₁ → 1 for light, → 0 for heavy fermions).
 * PBC plots BC10 in g_Y, the coupling in units of the SM Yukawa m_f/v: 1/f_ℓ = g_Y/v, i.e. the
 * pseudoscalar Yukawa g_Y m_f/v (as ALPaca's BC10 benchmark [ALPaca2025]: c_Y = g_Y f_a/(2v) on
 * the right-handed fields, −c_Y on the doublets); alpFlFromGY converts.
 * The loop sum runs over e, μ, τ, c, b, t; the u, d, s loops are replaced in QCD by ALP–π⁰/η mixing,
 * which is not included (a γγ contribution below 1% of Γ_μμ above 2m_μ). Hadronic decays
 * (a → 3π opens at 3m_π⁰ ≈ 405 MeV, a → ππγ above 2m_π is tiny) are not modelled: the functions
 * accept m_a < 3m_π⁰ only. The ALP with gluon couplings (BC11) is not implemented.
 */
import { ALPHA_EM } from "../../core/units.ts";
import { higgsVev } from "./electroweak.ts";
import { labDecayLength, pairBeta, properDecayLength, properLifetime, requirePositive } from "./lifetime.ts";
import { abs2, loopB1 } from "./loop-functions.ts";
import { darkParams } from "./params.ts";

export interface AlpWidths {
  /** GeV */
  ee: number;
  mumu: number;
  gammagamma: number;
  total: number;
}

/** f_ℓ [GeV] of the PBC BC10 coupling g_Y (1/f_ℓ = g_Y/v) */
export function alpFlFromGY(gY: number): number {
  requirePositive("g_Y", gY);
  return higgsVev() / gY;
}

/** the upper end of the mass range the model covers: 3m_π⁰ */
export function alpMaxMass(): number {
  return 3 * darkParams().mPi0;
}

function check(mass: number, fl: number): void {
  requirePositive("ALP mass", mass);
  requirePositive("f_l", fl);
  const max = alpMaxMass();
  if (mass >= max)
    throw new RangeError(
      `ALP mass: ${mass} GeV is above 3m_π⁰ = ${max.toFixed(4)} GeV, where hadronic decays (not modelled) open`,
    );
}

/** Γ(a → ℓ⁺ℓ⁻) [GeV] */
export function alpLeptonWidth(mass: number, fl: number, mLepton: number): number {
  check(mass, fl);
  return (mass * mLepton * mLepton * pairBeta(mass, mLepton)) / (8 * Math.PI * fl * fl);
}

/** Γ(a → γγ) [GeV] from the fermion loops */
export function alpPhotonWidth(mass: number, fl: number): number {
  check(mass, fl);
  const p = darkParams();
  const loops: [number, number, number][] = [
    [p.mE, 1, 1],
    [p.mMu, 1, 1],
    [p.mTau, 1, 1],
    ...p.scalar.heavyQuarks.map((q): [number, number, number] => [q.mass, 3, q.charge]),
  ];
  let re = 0;
  let im = 0;
  for (const [m, nc, q] of loops) {
    const [br, bi] = loopB1((4 * m * m) / (mass * mass));
    re += nc * q * q * br;
    im += nc * q * q * bi;
  }
  return ((ALPHA_EM * ALPHA_EM * mass ** 3) / (64 * Math.PI ** 3 * fl * fl)) * abs2([re, im]);
}

export function alpWidths(mass: number, fl: number): AlpWidths {
  const p = darkParams();
  const ee = alpLeptonWidth(mass, fl, p.mE);
  const mumu = alpLeptonWidth(mass, fl, p.mMu);
  const gammagamma = alpPhotonWidth(mass, fl);
  return { ee, mumu, gammagamma, total: ee + mumu + gammagamma };
}

export function alpBranchingRatios(mass: number): { ee: number; mumu: number; gammagamma: number } {
  const w = alpWidths(mass, 1);
  return { ee: w.ee / w.total, mumu: w.mumu / w.total, gammagamma: w.gammagamma / w.total };
}

/** proper lifetime [ns] */
export function alpLifetime(mass: number, fl: number): number {
  return properLifetime(alpWidths(mass, fl).total);
}

/** cτ [mm] */
export function alpCTau(mass: number, fl: number): number {
  return properDecayLength(alpWidths(mass, fl).total);
}

/** βγcτ [mm] at energy E [GeV] */
export function alpDecayLength(mass: number, fl: number, energy: number): number {
  return labDecayLength(alpWidths(mass, fl).total, mass, energy);
}

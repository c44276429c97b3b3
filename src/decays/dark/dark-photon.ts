/**
 * Dark photon A′ of mass m and kinetic mixing ε: partial widths, branching ratios, lifetime and
 * laboratory decay length. Units GeV, mm, ns.
 *   Γ(A′ → ℓ⁺ℓ⁻) = (α ε² m / 3)(1 + 2m²_ℓ/m²)√(1 − 4m²_ℓ/m²)      [Bjorken2009, Batell2009]
 *   Γ(A′ → hadrons) = (α ε² m / 3)·R(m)                              [Bjorken2009]
 * with R the PDG ratio σ(e⁺e⁻→hadrons)/σ_pt (σ_pt = 4πα²/3s, the massless μμ cross section; the
 * form Γ_μμ·R_μ of [Bjorken2009], R_μ relative to the massive μμ cross section, is the same).
 * R(√s) is the coarse vector-meson model of r-ratio.ts. Decays into τ pairs (m > 3.55 GeV) and
 * invisible (dark-matter) channels are not included.
 */
import { ALPHA_EM } from "../../core/units.ts";
import { labDecayLength, pairBeta, properDecayLength, properLifetime, requirePositive } from "./lifetime.ts";
import { darkParams } from "./params.ts";
import { rRatio } from "./r-ratio.ts";

export interface DarkPhotonOptions {
  /** include the hadronic width (default true); false gives the leptonic widths only */
  hadrons?: boolean;
}

export interface DarkPhotonWidths {
  /** GeV */
  ee: number;
  mumu: number;
  hadrons: number;
  total: number;
}

function check(mass: number, epsilon: number): void {
  requirePositive("dark photon mass", mass);
  requirePositive("epsilon", epsilon);
}

/** Γ(A′ → ℓ⁺ℓ⁻) [GeV] for a lepton of mass mLepton; 0 below threshold */
export function darkPhotonLeptonWidth(mass: number, epsilon: number, mLepton: number): number {
  check(mass, epsilon);
  const b = pairBeta(mass, mLepton);
  if (b === 0) return 0;
  const r = (mLepton * mLepton) / (mass * mass);
  return ((ALPHA_EM * epsilon * epsilon * mass) / 3) * (1 + 2 * r) * b;
}

/** Γ(A′ → hadrons) [GeV] = (αε²m/3)·R(m) */
export function darkPhotonHadronWidth(mass: number, epsilon: number): number {
  check(mass, epsilon);
  return ((ALPHA_EM * epsilon * epsilon * mass) / 3) * rRatio(mass);
}

export function darkPhotonWidths(
  mass: number,
  epsilon: number,
  opts: DarkPhotonOptions = {},
): DarkPhotonWidths {
  const p = darkParams();
  const ee = darkPhotonLeptonWidth(mass, epsilon, p.mE);
  const mumu = darkPhotonLeptonWidth(mass, epsilon, p.mMu);
  const hadrons = opts.hadrons === false ? 0 : darkPhotonHadronWidth(mass, epsilon);
  const total = ee + mumu + hadrons;
  if (total === 0)
    throw new RangeError(`dark photon mass: ${mass} GeV is below 2mₑ, no visible decay modelled`);
  return { ee, mumu, hadrons, total };
}

/** branching ratios (independent of ε) */
export function darkPhotonBranchingRatios(
  mass: number,
  opts: DarkPhotonOptions = {},
): { ee: number; mumu: number; hadrons: number } {
  const w = darkPhotonWidths(mass, 1, opts);
  return { ee: w.ee / w.total, mumu: w.mumu / w.total, hadrons: w.hadrons / w.total };
}

/** proper lifetime [ns] */
export function darkPhotonLifetime(mass: number, epsilon: number, opts: DarkPhotonOptions = {}): number {
  return properLifetime(darkPhotonWidths(mass, epsilon, opts).total);
}

/** proper decay length cτ [mm] */
export function darkPhotonCTau(mass: number, epsilon: number, opts: DarkPhotonOptions = {}): number {
  return properDecayLength(darkPhotonWidths(mass, epsilon, opts).total);
}

/** mean laboratory decay length βγcτ [mm] at energy E [GeV] */
export function darkPhotonDecayLength(
  mass: number,
  epsilon: number,
  energy: number,
  opts: DarkPhotonOptions = {},
): number {
  return labDecayLength(darkPhotonWidths(mass, epsilon, opts).total, mass, energy);
}

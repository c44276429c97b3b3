/**
 * The prompt di-muon background of the dump search: μ⁺μ⁻ pairs produced by a halo muon in matter
 * inside the fiducial volume (μ Z → μ μ⁺μ⁻ Z, the muon "trident"), whose vertex is genuine and
 * whose total momentum follows the halo muon. The only matter in the evacuated decay volume is
 * its residual gas; material upstream of the FV gives vertices that the FV cut rejects.
 *
 *   N_prompt = N_POT · k · n_gas·L_FV · σ_trident(⟨E_μ⟩) · P_point,
 *
 * k the halo muons per POT in the STRAW acceptance (the period card), n_gas·L_FV the nuclei per cm²
 * of residual air over the FV (ideal gas at the tank pressure), σ_trident the leading-logarithm
 * cross-section of pair production by a heavy charged particle in the Coulomb field of a nucleus,
 *   σ ≈ (28/27π) (Zα r_μ)² ln³(E/m_μ),   r_μ = α/m_μ  ([Landau1934], [Racah1937]),
 * and P_point the fraction of halo muons whose own line satisfies the signal-region pointing
 * (CDA_TAX and Z_TAX of the SR), from the halo library. The two-track and PID requirements are
 * taken as 1 (an upper estimate). Units: GeV, mm; cross-sections in cm².
 */
import { ALPHA_EM } from "../../core/units.ts";
import { darkParams } from "../../decays/dark/index.ts";
import { dumpConditions } from "./conditions.ts";
import type { HaloLibrary } from "./halo.ts";
import { REGION, regionOf } from "./selection.ts";

/** ħc in GeV·cm */
const HBARC_GEV_CM = 1.973269804e-14;
/** the Boltzmann constant (exact SI value, J/K) */
const K_B = 1.380649e-23;

/** leading-log cross-section (cm²) of μ⁺μ⁻ pair production by a muon of energy E on a nucleus of charge Z */
export function tridentCrossSection(energy: number, Z: number): number {
  const mMu = darkParams().mMu;
  if (!(energy > mMu)) throw new RangeError(`energy: expected > m_μ, got ${energy}`);
  const rMu = (ALPHA_EM * HBARC_GEV_CM) / mMu;
  const l = Math.log(energy / mMu);
  return (28 / (27 * Math.PI)) * (Z * ALPHA_EM * rMu) ** 2 * l * l * l;
}

/** nuclei per cm² of residual gas over a length (mm) at a pressure (mbar) and temperature (K) */
export function gasColumn(
  lengthMm: number,
  pressureMbar: number,
  temperatureK: number,
  atomsPerMolecule: number,
): number {
  const perM3 = (pressureMbar * 100) / (K_B * temperatureK);
  return perM3 * 1e-6 * atomsPerMolecule * (lengthMm / 10);
}

/** the fraction of halo muons whose own line points into the SR (library weights) */
export function haloPointingFraction(l: HaloLibrary, z1: number): number {
  let all = 0;
  let sr = 0;
  for (let i = 0; i < l.n; i++) {
    all += l.w[i];
    // closest approach of the line to the beam axis (x = y = 0)
    const tx = l.tx[i];
    const ty = l.ty[i];
    const t2 = tx * tx + ty * ty;
    const d = t2 > 0 ? -(l.x[i] * tx + l.y[i] * ty) / t2 : 0;
    const x = l.x[i] + tx * d;
    const y = l.y[i] + ty * d;
    if (regionOf(z1 + d, Math.hypot(x, y)) === REGION.SR) sr += l.w[i];
  }
  return all > 0 ? sr / all : 0;
}

export interface PromptEstimate {
  total: number;
  /** halo muons through the FV, interactions per muon, mean muon energy, pointing fraction */
  muons: number;
  probability: number;
  meanEnergy: number;
  pointing: number;
}

export function promptBackground(
  pot: number,
  haloPerPot: number,
  l: HaloLibrary,
  z1: number,
): PromptEstimate {
  const c = dumpConditions();
  const g = c.background.promptModel;
  const [zf0, zf1] = c.geometry.zFiducial.value;
  let sw = 0;
  let se = 0;
  for (let i = 0; i < l.n; i++) {
    sw += l.w[i];
    se += l.w[i] * l.p[i];
  }
  const meanEnergy = sw > 0 ? se / sw : 0;
  const column = gasColumn(zf1 - zf0, g.pressure.value, g.temperature.value, 2);
  const probability = meanEnergy > 0 ? column * tridentCrossSection(meanEnergy, g.nucleusZ.value) : 0;
  const pointing = haloPointingFraction(l, z1);
  const muons = pot * haloPerPot;
  return { total: muons * probability * pointing, muons, probability, meanEnergy, pointing };
}

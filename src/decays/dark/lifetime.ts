/**
 * From a total width to a proper lifetime, a proper decay length cτ and the mean decay length in
 * the laboratory βγcτ = (p/m)·cτ for a particle of energy E. Units GeV, mm, ns.
 */
import { HBAR, HBARC } from "../../core/units.ts";

/** throws a RangeError naming the field unless value is finite and > 0 (≥ 0 with allowZero) */
export function requirePositive(field: string, value: number, allowZero = false): void {
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0))
    throw new RangeError(`${field}: expected a finite number ${allowZero ? "≥" : ">"} 0, got ${value}`);
}

/** proper lifetime τ = ħ/Γ [ns] from a width Γ [GeV] */
export function properLifetime(width: number): number {
  requirePositive("width", width);
  return HBAR / width;
}

/** proper decay length cτ = ħc/Γ [mm] */
export function properDecayLength(width: number): number {
  requirePositive("width", width);
  return HBARC / width;
}

/** βγ = p/m of a particle of mass m and energy E (GeV) */
export function betaGamma(mass: number, energy: number): number {
  requirePositive("mass", mass);
  requirePositive("energy", energy);
  if (energy < mass) throw new RangeError(`energy: ${energy} GeV is below the mass ${mass} GeV`);
  return Math.sqrt(energy * energy - mass * mass) / mass;
}

/** mean laboratory decay length βγcτ [mm] of a particle of mass m, energy E and total width Γ */
export function labDecayLength(width: number, mass: number, energy: number): number {
  return betaGamma(mass, energy) * properDecayLength(width);
}

/** velocity factor β = √(1 − 4m²_d/M²) of a two-body decay into equal masses m_d; 0 below threshold */
export function pairBeta(mass: number, daughterMass: number): number {
  const r = (4 * daughterMass * daughterMass) / (mass * mass);
  return r >= 1 ? 0 : Math.sqrt(1 - r);
}

/** Källén function λ(a, b, c) = a² + b² + c² − 2ab − 2ac − 2bc (of squared masses) */
export function kallen(a: number, b: number, c: number): number {
  return a * a + b * b + c * c - 2 * a * b - 2 * a * c - 2 * b * c;
}

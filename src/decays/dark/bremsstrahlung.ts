/**
 * Dark-photon emission by a proton beam in the quasi-real (Fermi–Weizsäcker–Williams) approximation
 * [Blumlein2014], with the time-like proton form factor of vector-meson dominance including ρ/ω
 * mixing [Faessler2010, Gorbunov2015]. A proton of energy E_p emits an A′ of energy z·E_p and
 * transverse momentum p_T with probability per proton interaction
 *   d²N/(dz dp²_T) = |F₁(m²)|² · σ_pp(s′)/σ_pp(s) · w(z, p²_T),   s = 2M E_p, s′ = 2M E_p(1 − z),
 *   w(z, p²_T) = ε²α/(2πH) · [ (1 + (1 − z)²)/z − 2z(1 − z)((2M² + m²)/H − 2z²M⁴/H²)
 *                 + 2z(1 − z)(1 + (1 − z)²) M²m²/H² + 2z(1 − z)² m⁴/H² ],
 *   H = p²_T + (1 − z)m² + z²M²      (M the proton mass, m the A′ mass; units GeV, w in GeV⁻²).
 * Valid for E_p, zE_p, (1 − z)E_p ≫ M, m, p_T ([Blumlein2014] use 0.1 < z < 0.9, p_T < 1 GeV).
 * σ_pp: conditions/dark/pp-cross-section.json; F₁: conditions/dark/proton-form-factor.json.
 * The M²m²/H² coefficient 2z(1 − z)(1 + (1 − z)²) is ALPINIST's [Jerhot2022]; see docs/dark-sector.md.
 */
import { ALPHA_EM } from "../../core/units.ts";
import { requirePositive } from "./lifetime.ts";
import type { Complex } from "./loop-functions.ts";
import { darkParams } from "./params.ts";

function checkZ(z: number): void {
  if (!(z > 0 && z < 1)) throw new RangeError(`z: expected 0 < z < 1, got ${z}`);
}

/**
 * the splitting function w(z, p²_T) [GeV⁻²]; protonMass defaults to the PDG proton mass (a
 * different value serves the tests of its limits)
 */
export function bremsSplitting(
  z: number,
  pT2: number,
  mass: number,
  epsilon: number,
  protonMass = darkParams().mProton,
): number {
  checkZ(z);
  requirePositive("pT²", pT2, true);
  requirePositive("dark photon mass", mass, true);
  const M2 = protonMass * protonMass;
  const m2 = mass * mass;
  const H = pT2 + (1 - z) * m2 + z * z * M2;
  if (!(H > 0)) throw new RangeError(`bremsstrahlung: H = p²_T + (1−z)m² + z²M² vanishes (pT² = ${pT2})`);
  const zz = 2 * z * (1 - z);
  const bracket =
    (1 + (1 - z) ** 2) / z -
    zz * ((2 * M2 + m2) / H - (2 * z * z * M2 * M2) / (H * H)) +
    (zz * (1 + (1 - z) ** 2) * M2 * m2) / (H * H) +
    (zz * (1 - z) * m2 * m2) / (H * H);
  return ((epsilon * epsilon * ALPHA_EM) / (2 * Math.PI * H)) * bracket;
}

/** ∫₀^{p²_max} w(z, p²_T) dp²_T [dimensionless], in closed form */
export function bremsSplittingIntegral(
  z: number,
  pT2Max: number,
  mass: number,
  epsilon: number,
  protonMass = darkParams().mProton,
): number {
  checkZ(z);
  requirePositive("pT²max", pT2Max, true);
  requirePositive("dark photon mass", mass, true);
  const M2 = protonMass * protonMass;
  const m2 = mass * mass;
  const A = (1 - z) * m2 + z * z * M2;
  const P = pT2Max;
  // ∫dP/H = ln(1 + P/A), ∫dP/H² = P/(A(A+P)), ∫dP/H³ = P(P + 2A)/(2A²(A+P)²)
  const i1 = Math.log1p(P / A);
  const i2 = P / (A * (A + P));
  const i3 = (P * (P + 2 * A)) / (2 * A * A * (A + P) * (A + P));
  const zz = 2 * z * (1 - z);
  const c3 = zz * (2 * z * z * M2 * M2 + (1 + (1 - z) ** 2) * M2 * m2 + (1 - z) * m2 * m2);
  const total = ((1 + (1 - z) ** 2) / z) * i1 - zz * (2 * M2 + m2) * i2 + c3 * i3;
  return ((epsilon * epsilon * ALPHA_EM) / (2 * Math.PI)) * total;
}

/** the time-like proton Dirac form factor F₁(q²) [Faessler2010] as [re, im] */
export function protonFormFactor(q2: number): Complex {
  let re = 0;
  let im = 0;
  for (const v of darkParams().formFactor) {
    const m2 = v.mass * v.mass;
    // f m² / (m² − q² − i m Γ)
    const a = m2 - q2;
    const b = -v.mass * v.width;
    const d = a * a + b * b;
    re += (v.f * m2 * a) / d;
    im += (-v.f * m2 * b) / d;
  }
  return [re, im];
}

/** |F₁(m²)|² */
export function protonFormFactor2(mass: number): number {
  const [re, im] = protonFormFactor(mass * mass);
  return re * re + im * im;
}

/** total pp cross section [mb] at s [GeV²] (conditions/dark/pp-cross-section.json) */
export function ppCrossSection(s: number): number {
  requirePositive("s", s);
  const p = darkParams().pp;
  const l = Math.log(s / p.s0);
  return p.Z + p.B * l * l + p.Y1 * (p.s1 / s) ** p.eta1 - p.Y2 * (p.s1 / s) ** p.eta2;
}

/**
 * d²N/(dz dp²_T) [GeV⁻²] per proton interaction for a proton beam of energy beamEnergy:
 * |F₁(m²)|²·σ_pp(s′)/σ_pp(s)·w(z, p²_T); formFactor false drops |F₁|² (a point-like proton)
 */
export function bremsYield(
  z: number,
  pT2: number,
  mass: number,
  epsilon: number,
  beamEnergy: number,
  formFactor = true,
): number {
  requirePositive("beam energy", beamEnergy);
  const M = darkParams().mProton;
  const s = 2 * M * beamEnergy;
  const sPrime = s * (1 - z);
  const ff = formFactor ? protonFormFactor2(mass) : 1;
  return ff * (ppCrossSection(sPrime) / ppCrossSection(s)) * bremsSplitting(z, pT2, mass, epsilon);
}

export interface BremsRange {
  /** A′ energy fraction range (default 0.1–0.9, the validity range of [Blumlein2014]) */
  zMin?: number;
  zMax?: number;
  /** upper p_T [GeV] (default 1) */
  pTMax?: number;
  /** Simpson intervals in z (even, default 200) */
  steps?: number;
  formFactor?: boolean;
}

/**
 * number of A′ per proton interaction, ∫dz ∫dp²_T d²N/(dz dp²_T) over the range: the p²_T integral
 * in closed form, the z integral by Simpson's rule
 */
export function bremsYieldIntegral(
  mass: number,
  epsilon: number,
  beamEnergy: number,
  range: BremsRange = {},
): number {
  const zMin = range.zMin ?? 0.1;
  const zMax = range.zMax ?? 0.9;
  const pTMax = range.pTMax ?? 1;
  const n = range.steps ?? 200;
  if (!(zMin > 0 && zMax < 1 && zMin < zMax))
    throw new RangeError(`z range: expected 0 < zMin < zMax < 1, got ${zMin}–${zMax}`);
  if (!(Number.isInteger(n) && n >= 2 && n % 2 === 0))
    throw new RangeError(`steps: expected an even integer ≥ 2, got ${n}`);
  requirePositive("beam energy", beamEnergy);
  const M = darkParams().mProton;
  const s = 2 * M * beamEnergy;
  const sigmaS = ppCrossSection(s);
  const ff = range.formFactor === false ? 1 : protonFormFactor2(mass);
  const f = (z: number) =>
    (ppCrossSection(s * (1 - z)) / sigmaS) * bremsSplittingIntegral(z, pTMax * pTMax, mass, epsilon);
  const h = (zMax - zMin) / n;
  let sum = f(zMin) + f(zMax);
  for (let i = 1; i < n; i++) sum += (i % 2 ? 4 : 2) * f(zMin + i * h);
  return (ff * sum * h) / 3;
}

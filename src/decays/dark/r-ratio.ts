/**
 * A coarse model of R(√s) = σ(e⁺e⁻ → hadrons)/σ_pt, σ_pt = 4πα²/(3s) (the PDG definition), for the
 * hadronic width of a dark photon. Zero below 2m_π. Terms (parameters: conditions/dark/vector-mesons.json):
 *   π⁺π⁻ through the ρ:  R_ππ = κ·β³_π/4·|F_π(s)|², F_π the Gounaris–Sakurai form factor [GS1968]
 *     (P-wave width Γ(s) = Γ_ρ (k/k_ρ)³ m_ρ/√s, k = √(s − 4m²_π)/2; F_π(0) = 1 by construction),
 *     κ = 1.19 normalising R_ππ(m_ρ) to 9B(ρ → e⁺e⁻)/α² (the ρ′ and ρ–ω interference that the
 *     single-ρ form lacks raise the peak by about that much);
 *   ω and φ: relativistic Breit–Wigner normalised to their e⁺e⁻ widths,
 *     R_V = 9 B_ee m²_V Γ²_V / (α² [(s − m²_V)² + m²_V Γ²_V])  (its peak 9B_ee/α² is exact);
 *   a continuum R_c = 2(1 + α_s/π) ramped linearly in √s from 1.0 to 1.5 GeV.
 * Not described: ρ–ω interference, ω → π⁰γ below 2m_π, 4π, the ρ′/ω′ region. It is a model with
 * PDG resonance parameters, not the PDG R(s) data compilation; the A′ total width it gives agrees
 * with DarkCast's data-driven one [Ilten2018] within 7% below 1.02 GeV and 15% up to 2 GeV.
 */
import { ALPHA_EM } from "../../core/units.ts";
import { darkParams } from "./params.ts";

function gsK(s: number, mPi: number): number {
  return 0.5 * Math.sqrt(s - 4 * mPi * mPi);
}

function gsH(s: number, mPi: number): number {
  const rs = Math.sqrt(s);
  const k = gsK(s, mPi);
  return (2 / Math.PI) * (k / rs) * Math.log((rs + 2 * k) / (2 * mPi));
}

function gsHPrime(s: number, mPi: number): number {
  const k = gsK(s, mPi);
  return gsH(s, mPi) * (1 / (8 * k * k) - 1 / (2 * s)) + 1 / (2 * Math.PI * s);
}

/** |F_π(s)|² of the Gounaris–Sakurai form factor [GS1968] for s > 4m²_π */
export function pionFormFactor2(s: number): number {
  const p = darkParams();
  const mPi = p.mPi;
  const { mass: m, width: g } = p.vector.rho;
  if (s <= 4 * mPi * mPi) return 0;
  const m2 = m * m;
  const km = gsK(m2, mPi);
  const k = gsK(s, mPi);
  const hm = gsH(m2, mPi);
  const d =
    (((3 / Math.PI) * (mPi * mPi)) / (km * km)) * Math.log((m + 2 * km) / (2 * mPi)) +
    m / (2 * Math.PI * km) -
    (mPi * mPi * m) / (Math.PI * km * km * km);
  const f =
    ((g * m2) / (km * km * km)) * (k * k * (gsH(s, mPi) - hm) + (m2 - s) * km * km * gsHPrime(m2, mPi));
  const gs = g * (k / km) ** 3 * (m / Math.sqrt(s));
  const re = m2 - s + f;
  const im = m * gs;
  const num = m2 * (1 + (d * g) / m);
  return (num * num) / (re * re + im * im);
}

function breitWignerR(s: number, mass: number, width: number, brEE: number): number {
  const m2 = mass * mass;
  const d = (s - m2) ** 2 + m2 * width * width;
  return (9 * brEE * m2 * width * width) / (ALPHA_EM * ALPHA_EM * d);
}

let kappa: number | undefined;

/** κ = [9B(ρ → e⁺e⁻)/α²] / [β³_π/4·|F_π(m²_ρ)|²] */
export function rhoNormalisation(): number {
  if (kappa === undefined) {
    const p = darkParams();
    const m = p.vector.rho.mass;
    const beta = Math.sqrt(1 - (4 * p.mPi * p.mPi) / (m * m));
    kappa = (9 * p.vector.rho.brEE) / (ALPHA_EM * ALPHA_EM) / (0.25 * beta ** 3 * pionFormFactor2(m * m));
  }
  return kappa;
}

export interface RRatioTerms {
  pipi: number;
  omega: number;
  phi: number;
  continuum: number;
  total: number;
}

/** the terms of R at centre-of-mass energy √s [GeV] */
export function rRatioTerms(sqrtS: number): RRatioTerms {
  if (!Number.isFinite(sqrtS) || sqrtS < 0) throw new RangeError(`√s: expected a number ≥ 0, got ${sqrtS}`);
  const p = darkParams();
  const zero = { pipi: 0, omega: 0, phi: 0, continuum: 0, total: 0 };
  if (sqrtS <= 2 * p.mPi) return zero;
  const s = sqrtS * sqrtS;
  const beta = Math.sqrt(1 - (4 * p.mPi * p.mPi) / s);
  const pipi = rhoNormalisation() * 0.25 * beta ** 3 * pionFormFactor2(s);
  const v = p.vector;
  const omega = breitWignerR(s, v.omega.mass, v.omega.width, v.omega.brEE);
  const phi = breitWignerR(s, v.phi.mass, v.phi.width, v.phi.brEE);
  const c = v.continuum;
  const ramp = Math.min(1, Math.max(0, (sqrtS - c.start) / (c.full - c.start)));
  const continuum = c.r * ramp;
  return { pipi, omega, phi, continuum, total: pipi + omega + phi + continuum };
}

/** R(√s) of the coarse model; 0 below 2m_π */
export function rRatio(sqrtS: number): number {
  return rRatioTerms(sqrtS).total;
}

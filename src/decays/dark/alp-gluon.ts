/**
 * Axion-like particle a coupled to gluons only (at the scale of the kaon decay):
 *   L = c_GG (α_s/4π) (a/f) G^b_μν G̃^{b,μν},  one parameter f_G = f/|c_GG| (GeV) besides m_a.
 * Units GeV, ns, mm.
 *
 * Production K⁺ → π⁺a at leading order in the weak chiral Lagrangian [Bauer2021] (the c_GG terms of
 * its amplitude, as coded in [ALPaca2025] Kplustopia, with every quark coupling set to zero):
 *   A = f²_π/(4f D) · { G₈ · 16c(m²_a − m²_K)(m²_K − m²_π)[1 + 8ε(m²_K − m²_π)/(√3 D)]
 *       + G₂₇^{1/2} · [8c(m²_K − m²_π)(m²_a − 4m²_K + 3m²_π) − 32εc(m²_a + 4m²_K − 5m²_π)(m²_K − m²_π)²/(√3 D)]
 *       + G₂₇^{3/2} · [8c(m²_a − m²_K)(m²_K − m²_π) − 32εc(m²_K − m²_π)² P/(√3 (m²_a − m²_π) D)] },
 *   D = 3m²_a − 4m²_K + m²_π,  P = m⁴_a + 12m⁴_K − 13m²_K m²_π + 2m⁴_π + m²_a(9m²_π − 11m²_K),
 *   G_x = −(G_F/√2) V_ud V_us g_x  (g₈, g₂₇ of [Cirigliano2012]; ε the π⁰–η mixing of [Cornella2023]),
 *   Γ(K⁺ → π⁺a) = |A|² λ^{1/2}(1, m²_π/m²_K, m²_a/m²_K)/(16π m_K),  BR = Γ τ_K/ħ ∝ (c/f)².
 * The ε term of the 27-plet has a pole at m_a = m_π (a–π⁰ mixing): the formula is not used within the
 * π⁰ gap of the search (110–154 MeV).
 *
 * Decay a → γγ through the chiral (contact) coupling of [Bauer2017]:
 *   c_γγ^eff = −2·N_c·c_GG·Σ_q κ_q Q²_q,  κ_q = (1/m_q)/Σ_q′(1/m_q′) over u, d, s  (≈ −2.0 c_GG),
 *   Γ(a → γγ) = α² m³_a |c_γγ^eff|²/(64π³ f²).
 * The vector-meson (a–π⁰/η/η′ mixing) part of [ALPaca2025]'s c_γγ^eff and the running of c_GG into quark
 * couplings are not included: near m_π⁰ the width is underestimated. Below 3m_π⁰ a → γγ is the only
 * decay, so τ_a = ħ/Γ_γγ.
 */
import { loadConditions } from "../../core/conditions.ts";
import { ALPHA_EM, G_FERMI, HBAR } from "../../core/units.ts";
import { kallen, properDecayLength, properLifetime, requirePositive } from "./lifetime.ts";
import { darkParams } from "./params.ts";

interface Value {
  value: number;
  source: string;
}

interface GluonAlpInputs {
  g8: Value;
  g27: Value;
  g27Half: Value;
  epsIsospin: Value;
  fPi: Value;
  Vud: Value;
  Vus: Value;
  muOverMd: Value;
  msOverMd: Value;
}

let cached: { [K in keyof GluonAlpInputs]: number } | null = null;

/** the inputs of conditions/dark/alp-gluon.json (values only) */
export function gluonAlpInputs(): { [K in keyof GluonAlpInputs]: number } {
  if (cached) return cached;
  const c = loadConditions<GluonAlpInputs>("dark/alp-gluon.json");
  const out = {} as { [K in keyof GluonAlpInputs]: number };
  for (const k of Object.keys(c) as (keyof GluonAlpInputs)[]) {
    if (k.startsWith("$")) continue;
    out[k] = c[k].value;
  }
  cached = out;
  return out;
}

function checkF(fG: number): void {
  requirePositive("f_G", fG);
}

/** the K⁺ → π⁺a amplitude [GeV] for f/c_GG = fG (GeV) */
export function kaonToPionGluonAlpAmplitude(mass: number, fG: number): number {
  requirePositive("ALP mass", mass, true);
  checkF(fG);
  const p = darkParams();
  const q = gluonAlpInputs();
  const mK2 = p.mK * p.mK;
  const mPi2 = p.mPi * p.mPi;
  const ma2 = mass * mass;
  const ma4 = ma2 * ma2;
  const d = 3 * ma2 - 4 * mK2 + mPi2;
  const dk = mK2 - mPi2;
  const eps = q.epsIsospin;
  const s3 = Math.sqrt(3);
  const gw = -(G_FERMI / Math.SQRT2) * q.Vud * q.Vus;
  const c = 1;
  const t8 = 16 * c * (ma2 - mK2) * dk * (1 + (8 * eps * dk) / (s3 * d));
  const t27h =
    8 * c * dk * (ma2 - 4 * mK2 + 3 * mPi2) -
    (32 * eps * c * (ma2 + 4 * mK2 - 5 * mPi2) * dk * dk) / (s3 * d);
  const poly = ma4 + 12 * mK2 * mK2 - 13 * mK2 * mPi2 + 2 * mPi2 * mPi2 + ma2 * (9 * mPi2 - 11 * mK2);
  const t27 = 8 * c * (ma2 - mK2) * dk - (32 * eps * c * dk * dk * poly) / (s3 * (ma2 - mPi2) * d);
  return ((q.fPi * q.fPi) / (4 * fG * d)) * gw * (q.g8 * t8 + q.g27Half * t27h + q.g27 * t27);
}

/** Γ(K⁺ → π⁺a) [GeV]; 0 above m_K − m_π */
export function kaonToPionGluonAlpWidth(mass: number, fG: number): number {
  const p = darkParams();
  if (mass >= p.mK - p.mPi) {
    checkF(fG);
    return 0;
  }
  const a = kaonToPionGluonAlpAmplitude(mass, fG);
  const mK2 = p.mK * p.mK;
  const lam = kallen(1, (p.mPi * p.mPi) / mK2, (mass * mass) / mK2);
  return ((a * a) / (16 * Math.PI * p.mK)) * Math.sqrt(Math.max(lam, 0));
}

/** BR(K⁺ → π⁺a) for f/c_GG = fG (GeV) */
export function kaonToPionGluonAlpBR(mass: number, fG: number): number {
  return kaonToPionGluonAlpWidth(mass, fG) / (HBAR / darkParams().kaonLifetime);
}

/** c_γγ^eff/c_GG of the chiral contact term: −2N_c Σ κ_q Q²_q */
export function gluonAlpPhotonCoupling(): number {
  const q = gluonAlpInputs();
  // 1/m_q in units of 1/m_d
  const inv = [1 / q.muOverMd, 1, 1 / q.msOverMd];
  const sum = inv[0] + inv[1] + inv[2];
  const charge2 = [4 / 9, 1 / 9, 1 / 9];
  let tr = 0;
  for (let i = 0; i < 3; i++) tr += (inv[i] / sum) * charge2[i];
  return -2 * 3 * tr;
}

/** Γ(a → γγ) [GeV] */
export function gluonAlpPhotonWidth(mass: number, fG: number): number {
  requirePositive("ALP mass", mass);
  checkF(fG);
  const c = gluonAlpPhotonCoupling();
  return (ALPHA_EM * ALPHA_EM * mass ** 3 * c * c) / (64 * Math.PI ** 3 * fG * fG);
}

/** the ALP's proper lifetime [ns] (a → γγ only: m_a < 3m_π⁰) */
export function gluonAlpLifetime(mass: number, fG: number): number {
  if (mass >= 3 * darkParams().mPi0)
    throw new RangeError(`ALP mass: ${mass} GeV is at or above 3m_π⁰, where a → 3π (not modelled) opens`);
  return properLifetime(gluonAlpPhotonWidth(mass, fG));
}

/** cτ [mm] */
export function gluonAlpCTau(mass: number, fG: number): number {
  return properDecayLength(gluonAlpPhotonWidth(mass, fG));
}

/**
 * Dark scalar S mixing with the Higgs boson with angle θ (all its couplings are the Higgs's times
 * sin θ). Units GeV, mm, ns.
 *
 * Production K⁺ → π⁺S through the top-loop s → dS vertex [LeutwylerShifman1990, Bezrukov2010]:
 *   L = C_sd sin θ · S d̄ P_R s + h.c.,  C_sd = 3√2 G_F m²_t V*_ts V_td m_s / (16π² v),  v = (√2 G_F)^{−1/2},
 *   M = C_sd sin θ ⟨π⁺|d̄ P_R s|K⁺⟩,  ⟨π⁺|d̄ P_R s|K⁺⟩ = f₀ (m²_K − m²_π)/(2(m_s − m_d))
 *       (f₀ the K → π scalar form factor, taken at q² = 0; P_R gives the 1/2),
 *   Γ(K⁺ → π⁺S) = |M|² λ^{1/2}(m²_K, m²_π, m²_S)/(16π m³_K),  BR = Γ τ_K/ħ ∝ sin²θ.
 * Decays:
 *   Γ(S → ℓ⁺ℓ⁻) = sin²θ G_F m²_ℓ m_S β³_ℓ/(4√2 π)                                 [Bezrukov2010]
 *   Γ(S → γγ)   = sin²θ G_F α² m³_S/(128√2 π³) · |Σ_f N_c Q²_f A½(4m²_f/m²_S) + A₁(4m²_W/m²_S)|²
 *                 over the loops of e, μ, τ, c, b, t and the W [Djouadi2008]; the light-quark
 *                 (hadronic) loops are not included.
 *   Γ(S → ππ)   = 3 sin²θ G_F m³_S/(16√2 π) · (2/9 + 11m²_π/(9m²_S))² β_π · K(m_S)
 *                 (π⁺π⁻ : π⁰π⁰ = 2 : 1, each with its own pion mass): leading-order chiral
 *                 perturbation theory with the heavy-quark (trace-anomaly) coupling [Voloshin1986,
 *                 Bezrukov2010] times K, the ratio of the dispersive treatment of [Winkler2019]
 *                 (ππ rescattering, the f₀ resonances) to leading order, tabulated in
 *                 conditions/dark/dark-scalar.json (K = 2.3 at threshold, 4.4 at 0.5 GeV, 10 at
 *                 0.9 GeV). { pipi: "lo" } gives the leading-order width alone (K = 1).
 * The width functions accept m_S < 2m_K (above, KK̄ and ηη are not modelled; 4π, open above 4m_π,
 * is neglected).
 */
import { ALPHA_EM, G_FERMI, HBAR } from "../../core/units.ts";
import { higgsVev } from "./electroweak.ts";
import {
  kallen,
  labDecayLength,
  pairBeta,
  properDecayLength,
  properLifetime,
  requirePositive,
} from "./lifetime.ts";
import { abs2, loopA1, loopAHalf } from "./loop-functions.ts";
import { darkParams } from "./params.ts";

function checkMixing(sin2theta: number): void {
  if (!Number.isFinite(sin2theta) || sin2theta < 0 || sin2theta > 1)
    throw new RangeError(`sin²θ: expected a number in [0, 1], got ${sin2theta}`);
}

/** |C_sd| of the effective s → d S vertex [dimensionless] (top loop) */
export function scalarSdCoupling(): number {
  const s = darkParams().scalar;
  return (
    (3 * Math.SQRT2 * G_FERMI * s.mTop * s.mTop * s.Vts * s.Vtd * s.mS) /
    (16 * Math.PI * Math.PI * higgsVev())
  );
}

/** Γ(K⁺ → π⁺S) [GeV]; 0 above m_K − m_π */
export function kaonToPionScalarWidth(mass: number, sin2theta: number): number {
  requirePositive("scalar mass", mass, true);
  checkMixing(sin2theta);
  const p = darkParams();
  if (mass >= p.mK - p.mPi) return 0;
  const mK2 = p.mK * p.mK;
  const mPi2 = p.mPi * p.mPi;
  const matrixElement = (p.scalar.f0 * (mK2 - mPi2)) / (2 * (p.scalar.mS - p.scalar.mD));
  const amp2 = sin2theta * (scalarSdCoupling() * matrixElement) ** 2;
  return (amp2 * Math.sqrt(kallen(mK2, mPi2, mass * mass))) / (16 * Math.PI * p.mK ** 3);
}

/** BR(K⁺ → π⁺S) = f(m_S)·sin²θ */
export function kaonToPionScalarBR(mass: number, sin2theta: number): number {
  const gammaK = HBAR / darkParams().kaonLifetime;
  return kaonToPionScalarWidth(mass, sin2theta) / gammaK;
}

export interface ScalarOptions {
  /** S → ππ: "dispersive" (default, [Winkler2019] via the ratio table) or "lo" (leading order) */
  pipi?: "dispersive" | "lo";
}

/** K(m_S) = Γ_ππ(dispersive)/Γ_ππ(LO), linear interpolation of the table, constant outside it */
export function scalarPionDispersiveRatio(mass: number): number {
  const t = darkParams().scalar.pipiRatio;
  if (mass <= t[0][0]) return t[0][1];
  const last = t[t.length - 1];
  if (mass >= last[0]) return last[1];
  let i = 1;
  while (t[i][0] < mass) i++;
  const [m0, r0] = t[i - 1];
  const [m1, r1] = t[i];
  return r0 + ((r1 - r0) * (mass - m0)) / (m1 - m0);
}

export interface ScalarWidths {
  /** GeV */
  ee: number;
  mumu: number;
  gammagamma: number;
  pipi: number;
  total: number;
}

/** the upper end of the mass range of the width model: 2m_K */
export function scalarMaxMass(): number {
  return 2 * darkParams().mK;
}

function checkScalarMass(mass: number): void {
  requirePositive("scalar mass", mass);
  const max = scalarMaxMass();
  if (mass >= max)
    throw new RangeError(
      `scalar mass: ${mass} GeV is above 2m_K = ${max.toFixed(4)} GeV, where KK̄ and the f₀ resonances (not modelled) matter`,
    );
}

/** Γ(S → ℓ⁺ℓ⁻) [GeV] */
export function scalarLeptonWidth(mass: number, sin2theta: number, mLepton: number): number {
  checkScalarMass(mass);
  checkMixing(sin2theta);
  const b = pairBeta(mass, mLepton);
  return (sin2theta * G_FERMI * mLepton * mLepton * mass * b * b * b) / (4 * Math.SQRT2 * Math.PI);
}

/** Γ(S → γγ) [GeV] from the lepton, heavy-quark and W loops */
export function scalarPhotonWidth(mass: number, sin2theta: number): number {
  checkScalarMass(mass);
  checkMixing(sin2theta);
  const p = darkParams();
  const m2 = mass * mass;
  let re = 0;
  let im = 0;
  const fermions: [number, number, number][] = [
    [p.mE, 1, 1],
    [p.mMu, 1, 1],
    [p.mTau, 1, 1],
    ...p.scalar.heavyQuarks.map((q): [number, number, number] => [q.mass, 3, q.charge]),
  ];
  for (const [m, nc, q] of fermions) {
    const [ar, ai] = loopAHalf((4 * m * m) / m2);
    re += nc * q * q * ar;
    im += nc * q * q * ai;
  }
  const [wr, wi] = loopA1((4 * p.scalar.mW * p.scalar.mW) / m2);
  re += wr;
  im += wi;
  return (
    ((sin2theta * G_FERMI * ALPHA_EM * ALPHA_EM * mass ** 3) / (128 * Math.SQRT2 * Math.PI ** 3)) *
    abs2([re, im])
  );
}

/** Γ(S → ππ) [GeV], π⁺π⁻ plus π⁰π⁰ */
export function scalarPionWidth(mass: number, sin2theta: number, opts: ScalarOptions = {}): number {
  checkScalarMass(mass);
  checkMixing(sin2theta);
  const model = opts.pipi ?? "dispersive";
  if (model !== "dispersive" && model !== "lo")
    throw new RangeError(`pipi: expected "dispersive" or "lo", got "${model as string}"`);
  const k = model === "lo" ? 1 : scalarPionDispersiveRatio(mass);
  const p = darkParams();
  const m2 = mass * mass;
  // one pair of pions of mass mp; `share` = 2/3 for π⁺π⁻, 1/3 for π⁰π⁰ (identical particles)
  const channel = (mp: number, share: number): number => {
    const b = pairBeta(mass, mp);
    if (b === 0) return 0;
    const c = 2 / 9 + (11 * mp * mp) / (9 * m2);
    return ((share * 3 * sin2theta * G_FERMI * mass * m2) / (16 * Math.SQRT2 * Math.PI)) * c * c * b;
  };
  return k * (channel(p.mPi, 2 / 3) + channel(p.mPi0, 1 / 3));
}

export function scalarWidths(mass: number, sin2theta: number, opts: ScalarOptions = {}): ScalarWidths {
  const p = darkParams();
  const ee = scalarLeptonWidth(mass, sin2theta, p.mE);
  const mumu = scalarLeptonWidth(mass, sin2theta, p.mMu);
  const gammagamma = scalarPhotonWidth(mass, sin2theta);
  const pipi = scalarPionWidth(mass, sin2theta, opts);
  return { ee, mumu, gammagamma, pipi, total: ee + mumu + gammagamma + pipi };
}

export function scalarBranchingRatios(
  mass: number,
  opts: ScalarOptions = {},
): {
  ee: number;
  mumu: number;
  gammagamma: number;
  pipi: number;
} {
  const w = scalarWidths(mass, 1, opts);
  return {
    ee: w.ee / w.total,
    mumu: w.mumu / w.total,
    gammagamma: w.gammagamma / w.total,
    pipi: w.pipi / w.total,
  };
}

/** proper lifetime [ns] */
export function scalarLifetime(mass: number, sin2theta: number, opts: ScalarOptions = {}): number {
  return properLifetime(scalarWidths(mass, sin2theta, opts).total);
}

/** cτ [mm] */
export function scalarCTau(mass: number, sin2theta: number, opts: ScalarOptions = {}): number {
  return properDecayLength(scalarWidths(mass, sin2theta, opts).total);
}

/** βγcτ [mm] at energy E [GeV] */
export function scalarDecayLength(
  mass: number,
  sin2theta: number,
  energy: number,
  opts: ScalarOptions = {},
): number {
  return labDecayLength(scalarWidths(mass, sin2theta, opts).total, mass, energy);
}

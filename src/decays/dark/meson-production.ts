/**
 * Light-meson production by high-energy protons on a nuclear target, per inelastic interaction,
 * for the forward centre-of-mass hemisphere (parameters: conditions/dark/mesons.json "production"):
 *   - π⁺ from the BMPT parametrisation of p–Be data ([Bonesini2001]), read as the invariant cross
 *     section E d³σ/dp³ (mb GeV⁻²) in x_R = E*∕E*_max and p_T:
 *       A (1 − x_R)^α (1 + B x_R) x_R^(−β) (1 + a′p_T + b′p_T²) exp(−a′p_T),
 *       a′ = a∕x_R^γ, b′ = a²∕(2x_R^δ);
 *   - π⁻ = π⁺ ∕ (r0 (1 + x_R)^r1), π⁰ = (π⁺ + π⁻)∕2;
 *   - Be → target nucleus A: σ_inv × (A∕9)^α(x_F, p_T) with the BMPT prescription, divided by the
 *     target's inelastic cross section;
 *   - η, η′, ω by m_T scaling: E d³σ/dp³ of M at (y*, p_T) = R_M × that of π⁰ at the same y* and m_T,
 *     R_M the meson's ratio to π⁰ at high p_T.
 * Only the first interaction of the beam proton is modelled: re-interactions of secondaries in a
 * thick target (the cascade) are neglected. Units GeV, mb.
 */
import { loadConditions } from "../../core/conditions.ts";
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import { darkParams } from "./params.ts";

interface Bmpt {
  A: number;
  B: number;
  alpha: number;
  beta: number;
  a: number;
  gamma: number;
  delta: number;
}

export interface MesonProductionParams {
  piPlus: Bmpt;
  piMinusRatio: { r0: number; r1: number };
  aDependence: { c: [number, number, number]; d: [number, number] };
  sigmaInelBe: number;
  targetA: number;
  targetSigmaInel: number;
  mTScaling: { eta: number; etaPrime: number; omega: number };
}

interface Raw {
  production: {
    bmptPiPlus: Bmpt;
    bmptPiMinusRatio: { r0: number; r1: number };
    aDependence: { c: [number, number, number]; d: [number, number] };
    sigmaInelBe: { value: number };
    target: { A: number; sigmaInel: { value: number } };
    mTScaling: { eta: { value: number }; etaPrime: { value: number }; omega: { value: number } };
  };
}

let cached: MesonProductionParams | undefined;

export function mesonProductionParams(): MesonProductionParams {
  if (cached) return cached;
  const p = loadConditions<Raw>("dark/mesons.json").production;
  cached = {
    piPlus: { ...p.bmptPiPlus },
    piMinusRatio: { ...p.bmptPiMinusRatio },
    aDependence: { c: [...p.aDependence.c], d: [...p.aDependence.d] },
    sigmaInelBe: p.sigmaInelBe.value,
    targetA: p.target.A,
    targetSigmaInel: p.target.sigmaInel.value,
    mTScaling: {
      eta: p.mTScaling.eta.value,
      etaPrime: p.mTScaling.etaPrime.value,
      omega: p.mTScaling.omega.value,
    },
  };
  return cached;
}

export type PionCharge = "pi+" | "pi-" | "pi0";

/** BMPT invariant cross section E d³σ/dp³ (mb GeV⁻²) for p–Be at x_R ∈ (0, 1), p_T (GeV) */
export function bmptInvariant(charge: PionCharge, xR: number, pT: number): number {
  if (!(xR > 0 && xR < 1) || pT < 0) return 0;
  const q = mesonProductionParams();
  const b = q.piPlus;
  const ap = b.a / xR ** b.gamma;
  const bp = (b.a * b.a) / (2 * xR ** b.delta);
  const plus =
    b.A *
    (1 - xR) ** b.alpha *
    (1 + b.B * xR) *
    xR ** -b.beta *
    (1 + ap * pT + bp * pT * pT) *
    Math.exp(-ap * pT);
  if (charge === "pi+") return plus;
  const minus = plus / (q.piMinusRatio.r0 * (1 + xR) ** q.piMinusRatio.r1);
  return charge === "pi-" ? minus : 0.5 * (plus + minus);
}

/** BMPT nuclear exponent α(x_F, p_T) of σ_inv ∝ A^α */
export function nuclearExponent(xF: number, pT: number): number {
  const { c, d } = mesonProductionParams().aDependence;
  return (c[0] + c[1] * xF + c[2] * xF * xF) * (d[0] + d[1] * pT * pT);
}

/** nucleon–nucleon kinematics of a meson of mass M from a proton of lab energy E on a nucleon at rest */
function kinematics(E: number, M: number) {
  const mp = darkParams().mProton;
  const s = 2 * mp * E + 2 * mp * mp;
  const rs = Math.sqrt(s);
  return {
    rs,
    eStarMax: (s + M * M - 4 * mp * mp) / (2 * rs),
    gamma: (E + mp) / rs,
    betaGamma: Math.sqrt(E * E - mp * mp) / rs,
  };
}

const NY = 200;
const NPT = 120;
const PT_MAX = 3;

export type LightMeson = "pi0" | "pi+" | "pi-" | "eta" | "etaPrime" | "omega";

export function lightMesonMass(species: LightMeson): number {
  const dp = darkParams();
  const masses: Record<LightMeson, number> = {
    pi0: dp.mPi0,
    "pi+": dp.mPi,
    "pi-": dp.mPi,
    eta: dp.mEta,
    etaPrime: dp.mEtaPrime,
    omega: dp.mOmega,
  };
  return masses[species];
}

/**
 * E d³N/dp³ (GeV⁻²) per inelastic interaction at c.m. rapidity y* and p_T (nucleon–nucleon c.m.,
 * beam energy E): BMPT for pions, m_T scaling of π⁰ (same y*, same m_T) × R_M for η, η′, ω;
 * target "Be" (the fit) or "conditions" (the dump's nucleus, BMPT A-dependence).
 */
export function invariantYield(
  species: LightMeson,
  yStar: number,
  pT: number,
  beamEnergy: number,
  target: "conditions" | "Be" = "conditions",
): number {
  const q = mesonProductionParams();
  const mPi0 = darkParams().mPi0;
  const M = lightMesonMass(species);
  const eMax = kinematics(beamEnergy, M).eStarMax;
  const mT = Math.sqrt(M * M + pT * pT);
  const eS = mT * Math.cosh(yStar);
  if (eS >= eMax) return 0;
  let inv: number;
  if (species === "eta" || species === "etaPrime" || species === "omega") {
    const pTPi = Math.sqrt(mT * mT - mPi0 * mPi0);
    inv = q.mTScaling[species] * bmptInvariant("pi0", eS / kinematics(beamEnergy, mPi0).eStarMax, pTPi);
  } else inv = bmptInvariant(species, eS / eMax, pT);
  if (target === "Be") return inv / q.sigmaInelBe;
  const xF = (mT * Math.sinh(yStar)) / eMax;
  return (inv * (q.targetA / 9.012) ** nuclearExponent(xF, pT)) / q.targetSigmaInel;
}

/**
 * The forward-hemisphere (y* ≥ 0) spectrum of one light meson per inelastic proton interaction on
 * the conditions' target, tabulated in (y*, p_T) as dN/(dy* dp_T) = 2π p_T E d³σ/dp³ / σ_inel.
 */
export class MesonSpectrum {
  readonly species: LightMeson;
  readonly mass: number;
  readonly beamEnergy: number;
  /** mesons per interaction with y* ≥ 0 */
  readonly multiplicity: number;
  private readonly yMax: number;
  private readonly cdf: Float64Array;
  private readonly kin: ReturnType<typeof kinematics>;

  /** target: "conditions" (the dump's nucleus) or "Be" (the BMPT fit, no A-scaling) */
  constructor(species: LightMeson, beamEnergy: number, target: "conditions" | "Be" = "conditions") {
    const M = lightMesonMass(species);
    this.species = species;
    this.mass = M;
    this.beamEnergy = beamEnergy;
    const kin = kinematics(beamEnergy, M);
    this.kin = kin;
    this.yMax = Math.acosh(kin.eStarMax / M);
    const density = (y: number, pT: number): number =>
      2 * Math.PI * pT * invariantYield(species, y, pT, beamEnergy, target);
    const cdf = new Float64Array(NY * NPT + 1);
    const dy = this.yMax / NY;
    const dpt = PT_MAX / NPT;
    let t = 0;
    for (let i = 0; i < NY; i++)
      for (let j = 0; j < NPT; j++) {
        t += density((i + 0.5) * dy, (j + 0.5) * dpt) * dy * dpt;
        cdf[i * NPT + j + 1] = t;
      }
    this.cdf = cdf;
    this.multiplicity = t;
  }

  /** draws one meson: writes its lab (px, py, pz, E) into out (beam along +z) */
  sample(rng: Xoshiro128, out: Float64Array): void {
    const cdf = this.cdf;
    const n = NY * NPT;
    const u = rng.uniform() * cdf[n];
    let lo = 0;
    let hi = n;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] <= u) lo = mid;
      else hi = mid;
    }
    const i = Math.floor(lo / NPT);
    const j = lo - i * NPT;
    const y = (i + rng.uniform()) * (this.yMax / NY);
    const pT = (j + rng.uniform()) * (PT_MAX / NPT);
    const mT = Math.sqrt(this.mass * this.mass + pT * pT);
    const eS = mT * Math.cosh(y);
    const pS = mT * Math.sinh(y);
    const phi = 2 * Math.PI * rng.uniform();
    out[0] = pT * Math.cos(phi);
    out[1] = pT * Math.sin(phi);
    out[2] = this.kin.gamma * pS + this.kin.betaGamma * eS;
    out[3] = this.kin.gamma * eS + this.kin.betaGamma * pS;
  }
}

const spectra = new Map<string, MesonSpectrum>();

/** the spectrum of one meson, built once per (species, beam energy, target) and shared */
export function mesonSpectrum(
  species: LightMeson,
  beamEnergy: number,
  target: "conditions" | "Be" = "conditions",
): MesonSpectrum {
  const key = `${species}|${beamEnergy}|${target}`;
  let s = spectra.get(key);
  if (!s) {
    s = new MesonSpectrum(species, beamEnergy, target);
    spectra.set(key, s);
  }
  return s;
}

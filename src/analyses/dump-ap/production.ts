/**
 * Dark-photon production in the NA62 dump (400 GeV protons on the TAX), per proton on target and
 * at ε = 1 (every yield scales as ε²):
 *   - proton bremsstrahlung: the quasi-real splitting function with the time-like proton form factor
 *     and σ_pp(s′)/σ_pp(s) (src/decays/dark/bremsstrahlung.ts, [Blumlein2014], [Faessler2010]),
 *     integrated over 0.1 < z < 0.9, p_T < 1 GeV;
 *   - meson decays η, η′ → γA′ and ω → π⁰A′ (src/decays/dark/meson-decays.ts) with the mesons'
 *     forward-hemisphere spectra of src/decays/dark/meson-production.ts (BMPT π⁰ on Cu, ratios to π⁰).
 * Neglected: the secondary cascade in the thick target (re-interactions of protons and mesons),
 * π⁰ → γA′ (closed above 2m_μ), ρ/φ production and the backward hemisphere (too soft to reach the
 * detector). Units GeV.
 */
import { isotropic } from "../../core/rng/samplers.ts";
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import {
  bremsSplitting,
  bremsSplittingIntegral,
  bremsYieldIntegral,
  darkParams,
  type LightMeson,
  type MesonSpectrum,
  mesonSpectrum,
  omegaToPi0DarkPhotonBR,
  ppCrossSection,
  pseudoscalarToGammaDarkPhotonBR,
} from "../../decays/dark/index.ts";
import { dumpConditions } from "./conditions.ts";

export const PROCESSES = ["brems", "eta", "etaPrime", "omega"] as const;
export type Process = (typeof PROCESSES)[number];

const TABLE = 512;

interface MesonSampler {
  process: Process;
  mass: number;
  /** daughter recoiling against the A′ (γ: 0, π⁰) */
  recoil: number;
  /** mesons per POT in the forward hemisphere */
  multiplicity: number;
  /** BR(meson → A′ + X) at ε = 1 */
  br: number;
  /** the meson's forward-hemisphere spectrum */
  spectrum: MesonSpectrum;
}

export function inverseCdf(
  f: (x: number) => number,
  lo: number,
  hi: number,
): { inv: Float64Array; integral: number } {
  const n = 4 * TABLE;
  const xs = new Float64Array(n + 1);
  const cdf = new Float64Array(n + 1);
  let prev = f(lo);
  xs[0] = lo;
  for (let i = 1; i <= n; i++) {
    const x = lo + ((hi - lo) * i) / n;
    const v = f(x);
    xs[i] = x;
    cdf[i] = cdf[i - 1] + 0.5 * (v + prev) * ((hi - lo) / n);
    prev = v;
  }
  const total = cdf[n];
  const inv = new Float64Array(TABLE + 1);
  let j = 0;
  for (let k = 0; k <= TABLE; k++) {
    const target = (total * k) / TABLE;
    while (j < n - 1 && cdf[j + 1] < target) j++;
    const span = cdf[j + 1] - cdf[j];
    const t = span > 0 ? (target - cdf[j]) / span : 0;
    inv[k] = xs[j] + Math.min(1, Math.max(0, t)) * (xs[j + 1] - xs[j]);
  }
  return { inv, integral: total };
}

export function drawInverse(inv: Float64Array, u: number): number {
  const x = u * TABLE;
  const k = Math.min(TABLE - 1, Math.floor(x));
  return inv[k] + (x - k) * (inv[k + 1] - inv[k]);
}

/** p_T from dN/dp_T ∝ p_T·exp(−p_T/T), T = ⟨p_T⟩/2 (a Γ(2) variate) */
export function drawPt(rng: Xoshiro128, meanPt: number): number {
  return -0.5 * meanPt * Math.log(Math.max(1e-300, rng.uniform() * rng.uniform()));
}

/** options of a production model: the proton form factor of the bremsstrahlung (dark photon only) */
export interface SourceOptions {
  bremsFormFactor?: "none" | "vmd";
}

/** a source of one mass: the yield per POT at unit coupling and a sampler of lab four-momenta */
export interface DumpSource {
  readonly total: number;
  /** writes (px, py, pz, E) into out; returns the process index */
  sample(rng: Xoshiro128, out: Float64Array): number;
}

/** the A′ source of one mass: yields per POT at ε = 1, and a sampler of the A′ lab four-momentum */
export class DumpProduction implements DumpSource {
  readonly mass: number;
  readonly beamEnergy: number;
  /** A′ per POT at ε = 1, by process (PROCESSES order) */
  readonly yields: Float64Array;
  readonly total: number;
  private readonly cumulative: Float64Array;
  private readonly zInv: Float64Array;
  private readonly mesons: MesonSampler[];
  private readonly pT2Max: number;
  private readonly v = new Float64Array(4);
  private readonly meson = new Float64Array(4);

  constructor(mass: number, options: SourceOptions = {}) {
    const c = dumpConditions();
    const ff = options.bremsFormFactor ?? c.production.bremsFormFactor.value;
    const p = darkParams();
    this.mass = mass;
    const E = c.production.beamEnergy.value;
    this.beamEnergy = E;
    const ipot = c.production.interactionsPerPot.value;
    const [zMin, zMax] = c.production.bremsZRange.value;
    const pTMax = c.production.bremsPtMax.value;
    this.pT2Max = pTMax * pTMax;
    this.yields = new Float64Array(PROCESSES.length);
    this.yields[0] = ipot * bremsYieldIntegral(mass, 1, E, { zMin, zMax, pTMax, formFactor: ff === "vmd" });
    // z marginal of the bremsstrahlung (the form factor is a constant factor at fixed mass)
    const s = 2 * p.mProton * E;
    const sig = ppCrossSection(s);
    this.zInv = inverseCdf(
      (z) => (ppCrossSection(s * (1 - z)) / sig) * bremsSplittingIntegral(z, this.pT2Max, mass, 1),
      zMin,
      zMax,
    ).inv;
    // mesons per POT: the spectra per interaction (src/decays/dark/meson-production.ts) × interactions per POT
    const mk = (process: Process, species: LightMeson, recoil: number, br: number): MesonSampler => {
      const spectrum = mesonSpectrum(species, E);
      return {
        process,
        mass: spectrum.mass,
        recoil,
        multiplicity: ipot * spectrum.multiplicity,
        br,
        spectrum,
      };
    };
    this.mesons = [
      mk("eta", "eta", 0, pseudoscalarToGammaDarkPhotonBR("eta", mass, 1)),
      mk("etaPrime", "etaPrime", 0, pseudoscalarToGammaDarkPhotonBR("etaPrime", mass, 1)),
      mk("omega", "omega", p.mPi0, omegaToPi0DarkPhotonBR(mass, 1)),
    ];
    for (let k = 0; k < this.mesons.length; k++)
      this.yields[k + 1] = this.mesons[k].multiplicity * this.mesons[k].br;
    this.cumulative = new Float64Array(PROCESSES.length);
    let t = 0;
    for (let k = 0; k < PROCESSES.length; k++) {
      t += this.yields[k];
      this.cumulative[k] = t;
    }
    this.total = t;
  }

  /**
   * Draw one A′: writes (px, py, pz, E) into out and returns the process index. The processes are
   * drawn in proportion to their yields, so every A′ has the same weight total/N.
   */
  sample(rng: Xoshiro128, out: Float64Array): number {
    const u = rng.uniform() * this.total;
    let k = 0;
    while (k < PROCESSES.length - 1 && u >= this.cumulative[k]) k++;
    if (k === 0) this.brems(rng, out);
    else this.mesonDecay(rng, this.mesons[k - 1], out);
    return k;
  }

  private brems(rng: Xoshiro128, out: Float64Array): void {
    const m = this.mass;
    const M = darkParams().mProton;
    const z = drawInverse(this.zInv, rng.uniform());
    // p_T² | z: envelope 1/H (drawn exactly), accepted with the rest of the splitting function
    const A = (1 - z) * m * m + z * z * M * M;
    let gMax = 0;
    for (let i = 0; i <= 16; i++) {
      const q = (this.pT2Max * i) / 16;
      gMax = Math.max(gMax, bremsSplitting(z, q, m, 1) * (q + A));
    }
    gMax *= 1.2;
    let pT2 = 0;
    for (let tries = 0; tries < 1000; tries++) {
      pT2 = A * ((1 + this.pT2Max / A) ** rng.uniform() - 1);
      if (rng.uniform() * gMax <= bremsSplitting(z, pT2, m, 1) * (pT2 + A)) break;
    }
    const e = z * this.beamEnergy;
    const pT = Math.sqrt(pT2);
    const phi = 2 * Math.PI * rng.uniform();
    out[0] = pT * Math.cos(phi);
    out[1] = pT * Math.sin(phi);
    out[2] = Math.sqrt(Math.max(0, e * e - m * m - pT2));
    out[3] = e;
  }

  private mesonDecay(rng: Xoshiro128, s: MesonSampler, out: Float64Array): void {
    const P = this.meson;
    s.spectrum.sample(rng, P);
    const Px = P[0];
    const Py = P[1];
    const Pz = P[2];
    const E = P[3];
    // two-body decay, isotropic in the meson rest frame
    const m = this.mass;
    const M = s.mass;
    const l = (M * M - (m + s.recoil) ** 2) * (M * M - (m - s.recoil) ** 2);
    const q = Math.sqrt(Math.max(0, l)) / (2 * M);
    const v = this.v;
    isotropic(rng, v);
    v[0] *= q;
    v[1] *= q;
    v[2] *= q;
    v[3] = Math.sqrt(q * q + m * m);
    const pq = Px * v[0] + Py * v[1] + Pz * v[2];
    const f = (v[3] + pq / (E + M)) / M;
    out[3] = (E * v[3] + pq) / M;
    out[0] = v[0] + f * Px;
    out[1] = v[1] + f * Py;
    out[2] = v[2] + f * Pz;
  }
}

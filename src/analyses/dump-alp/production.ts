/**
 * ALP production in the NA62 dump for the PBC benchmark BC10 (universal pseudoscalar couplings to
 * fermions g_Y·m_f/v): B → K a through the top-loop b → s a vertex,
 *   L = h_bs a s̄ P_R b + h.c.,  h_bs = 3√2 G_F m²_t V*_ts V_tb m_b g_Y ln(Λ²/m²_t) / (16π² v)
 *   Γ(B → K a) = |h_bs|² f₀²(m²_a) (m²_B − m²_K)² λ^{1/2}(m²_B, m²_K, m²_a) / (64π m³_B (m_b − m_s)²)
 * ([Dolan2015]-type vertex with Λ = 1 TeV as [Jerhot2022]; the matrix element as the scalar one of
 * src/decays/dark/dark-scalar.ts; UNCONFIRMED normalisation: the ln Λ term was recalled, not re-read).
 * The B mesons per POT and their spectrum are a parametrisation (conditions/analyses/dump-alp);
 * B → K a is isotropic in the B frame. Neglected: ALP–π⁰/η mixing and photon fusion (Primakoff),
 * K → πa from kaons in the dump (absorbed before decaying), B_s and Λ_b, the cascade. Units GeV.
 */

import { loadConditions } from "../../core/conditions.ts";
import { isotropic } from "../../core/rng/samplers.ts";
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import { G_FERMI, HBAR } from "../../core/units.ts";
import { darkParams, higgsVev } from "../../decays/dark/index.ts";
import { dumpConditions } from "../dump-ap/conditions.ts";
import { type DumpSource, drawInverse, drawPt, inverseCdf } from "../dump-ap/production.ts";

interface V {
  value: number;
  source: string;
}

export interface AlpConditions {
  production: {
    bMesonsPerPot: V;
    bSpectrum: { n: number; meanPt: number; source: string };
    bMass: V;
    bLifetime: V;
    kaonMass: V;
    bQuarkMass: V;
    sQuarkMass: V;
    Vtb: V;
    cutoff: V;
    f0: { r2: number; mFit2: number; source: string };
  };
  statement: { improvedBelow: V };
}

export function alpConditions(): AlpConditions {
  return loadConditions<AlpConditions>("analyses/dump-alp/published.json");
}

/** BR(B → K a) at g_Y = 1 (scales as g²_Y); 0 above threshold */
export function bToKAlpBR(mass: number): number {
  const c = alpConditions().production;
  const p = darkParams();
  const mB = c.bMass.value;
  const mK = c.kaonMass.value;
  if (mass >= mB - mK) return 0;
  const mt = p.scalar.mTop;
  const v = higgsVev();
  const h =
    (3 *
      Math.SQRT2 *
      G_FERMI *
      mt *
      mt *
      p.scalar.Vts *
      c.Vtb.value *
      c.bQuarkMass.value *
      Math.log((c.cutoff.value * c.cutoff.value) / (mt * mt))) /
    (16 * Math.PI * Math.PI * v);
  const q2 = mass * mass;
  const f0 = c.f0.r2 / (1 - q2 / c.f0.mFit2);
  const a = mB * mB;
  const b = mK * mK;
  const lam = a * a + b * b + q2 * q2 - 2 * (a * b + a * q2 + b * q2);
  const width =
    (h * h * f0 * f0 * (a - b) ** 2 * Math.sqrt(Math.max(0, lam))) /
    (64 * Math.PI * mB ** 3 * (c.bQuarkMass.value - c.sQuarkMass.value) ** 2);
  return (width * c.bLifetime.value) / HBAR;
}

/** the ALP source of one mass: ALP per POT at g_Y = 1 and the lab four-momenta */
export class AlpProduction implements DumpSource {
  readonly mass: number;
  readonly total: number;
  private readonly xInv: Float64Array;
  private readonly mB: number;
  private readonly mK: number;
  private readonly meanPt: number;
  private readonly beamEnergy: number;
  private readonly dir = new Float64Array(3);

  constructor(mass: number) {
    const c = alpConditions().production;
    this.mass = mass;
    this.mB = c.bMass.value;
    this.mK = c.kaonMass.value;
    this.meanPt = c.bSpectrum.meanPt;
    this.beamEnergy = dumpConditions().production.beamEnergy.value;
    const p = darkParams();
    const sqrtS = Math.sqrt(2 * p.mProton * this.beamEnergy + 2 * p.mProton * p.mProton);
    const mT = Math.sqrt(this.mB * this.mB + this.meanPt * this.meanPt);
    const x0 = (2 * mT) / sqrtS;
    const n = c.bSpectrum.n;
    // B mesons: forward hemisphere only (half of them; the backward ones are too soft)
    this.xInv = inverseCdf((x) => (1 - x) ** n / Math.sqrt(x * x + x0 * x0), 0, 1 - 1e-9).inv;
    this.total = 0.5 * c.bMesonsPerPot.value * bToKAlpBR(mass);
  }

  sample(rng: Xoshiro128, out: Float64Array): number {
    const xF = drawInverse(this.xInv, rng.uniform());
    const pT = drawPt(rng, this.meanPt);
    const phi = 2 * Math.PI * rng.uniform();
    const Px = pT * Math.cos(phi);
    const Py = pT * Math.sin(phi);
    const Pz = Math.max(xF * this.beamEnergy, 1e-3);
    const M = this.mB;
    const E = Math.sqrt(Px * Px + Py * Py + Pz * Pz + M * M);
    const m = this.mass;
    const l = (M * M - (m + this.mK) ** 2) * (M * M - (m - this.mK) ** 2);
    const q = Math.sqrt(Math.max(0, l)) / (2 * M);
    const d = this.dir;
    isotropic(rng, d);
    const vx = q * d[0];
    const vy = q * d[1];
    const vz = q * d[2];
    const ve = Math.sqrt(q * q + m * m);
    const pq = Px * vx + Py * vy + Pz * vz;
    const f = (ve + pq / (E + M)) / M;
    out[3] = (E * ve + pq) / M;
    out[0] = vx + f * Px;
    out[1] = vy + f * Py;
    out[2] = vz + f * Pz;
    return 0;
  }
}

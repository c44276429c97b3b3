/**
 * The K12 kaon beam at GTK3 and the kaon decay vertex.
 *
 * Kaon at GTK3 (z = 102.4 m): momentum p = p₀(1 + σ_rel·N), slopes dx/dz, dy/dz Gaussian around
 * the beam axis, Gaussian spot. Decay vertex: flight length s along the kaon direction from GTK3
 * with P(s) = exp(−s/L)/L, L = (p/m_K)·cτ_K (563.8 m at 75 GeV/c). With a forced z range [A, B]
 * the flight length is drawn from the truncated exponential and the event weight is the
 * probability P(A < z < B) = exp(−s_A/L) − exp(−s_B/L), so weighted sums stay per kaon decay.
 * Parameters: conditions/beam/k12.json (sources there; docs/beam.md).
 */
import { type EventBatch, MAX_SLOTS, Status } from "../core/batch.ts";
import { loadConditions } from "../core/conditions.ts";
import { type ParticleTable, PDG } from "../core/particles.ts";
import { fillExponential, fillNormal, fillUniform } from "../core/rng/samplers.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";
import { C_LIGHT } from "../core/units.ts";

interface Sourced {
  value: number;
  source: string;
}

export interface K12Beam {
  /** z of GTK3, mm */
  zGTK3: number;
  /** central momentum, GeV/c */
  momentum: number;
  momentumSpreadRel: number;
  slopeX: number;
  slopeY: number;
  slopeSigmaX: number;
  slopeSigmaY: number;
  spotMeanX: number;
  spotMeanY: number;
  spotSigmaX: number;
  spotSigmaY: number;
  composition: { "pi+": number; p: number; "K+": number; other: number };
  nominalRateMHz: number;
  spillSeconds: number;
}

type K12File = Record<string, Sourced | Record<string, Sourced> | string>;

/** the K12 beam of conditions/beam/k12.json, with optional overrides of any scalar */
export function k12Beam(overrides: Partial<K12Beam> = {}): K12Beam {
  const f = loadConditions<K12File>("beam/k12.json");
  const v = (k: string) => (f[k] as Sourced).value;
  const comp = f.composition as Record<string, Sourced>;
  return {
    zGTK3: v("zGTK3"),
    momentum: v("momentum"),
    momentumSpreadRel: v("momentumSpreadRel"),
    slopeX: v("slopeX"),
    slopeY: v("slopeY"),
    slopeSigmaX: v("slopeSigmaX"),
    slopeSigmaY: v("slopeSigmaY"),
    spotMeanX: v("spotMeanX"),
    spotMeanY: v("spotMeanY"),
    spotSigmaX: v("spotSigmaX"),
    spotSigmaY: v("spotSigmaY"),
    composition: {
      "pi+": comp["pi+"].value,
      p: comp.p.value,
      "K+": comp["K+"].value,
      other: comp.other.value,
    },
    nominalRateMHz: v("nominalRateMHz"),
    spillSeconds: v("spillSeconds"),
    ...overrides,
  };
}

interface BeamRates {
  /** total particle rate at GTK3, MHz */
  totalMHz: number;
  kaonMHz: number;
  pionMHz: number;
  protonMHz: number;
  /** K⁺ decays per second in [zMin, zMax] (mm) for kaons at the central momentum, MHz */
  kaonDecaysMHz: number;
}

/**
 * Beam rates at a given intensity (fraction of nominal, e.g. 0.65 for 2018): the rate scales
 * linearly with the primary intensity and the composition is fixed.
 */
export function beamRates(
  beam: K12Beam,
  intensity: number,
  kaonMass: number,
  kaonCTau: number,
  zMin = 105000,
  zMax = 165000,
): BeamRates {
  if (!(intensity >= 0) || !Number.isFinite(intensity))
    throw new RangeError(`intensity: expected a number ≥ 0, got ${intensity}`);
  const total = beam.nominalRateMHz * intensity;
  const L = (beam.momentum / kaonMass) * kaonCTau;
  const frac = Math.exp(-(zMin - beam.zGTK3) / L) - Math.exp(-(zMax - beam.zGTK3) / L);
  const kaon = total * beam.composition["K+"];
  return {
    totalMHz: total,
    kaonMHz: kaon,
    pionMHz: total * beam.composition["pi+"],
    protonMHz: total * beam.composition.p,
    kaonDecaysMHz: kaon * frac,
  };
}

/** mean decay length βγcτ (mm) of a particle of mass m (GeV), cτ (mm) at momentum p (GeV/c) */
export function decayLength(p: number, m: number, ctau: number): number {
  return (p / m) * ctau;
}

/**
 * Parse a z range "A:B" in mm ("105000:165000") or metres with a suffix ("105m:165m").
 * Throws a RangeError naming `what` and the value on bad input.
 */
export function parseZRange(text: string, what = "--z-range", zMin = -Infinity): [number, number] {
  const parts = text.split(":");
  const bad = (why: string) => new RangeError(`${what}: ${why}, got "${text}"`);
  if (parts.length !== 2) throw bad("expected A:B (mm, or with an m suffix: 105m:165m)");
  const vals = parts.map((p) => {
    const t = p.trim();
    const metres = t.endsWith("m") && !t.endsWith("mm");
    const num = Number(metres ? t.slice(0, -1) : t.endsWith("mm") ? t.slice(0, -2) : t);
    if (t === "" || !Number.isFinite(num)) throw bad("both ends must be numbers");
    return metres ? num * 1000 : num;
  });
  if (!(vals[1] > vals[0])) throw bad("expected A < B");
  if (vals[0] < zMin) throw bad(`the range must start downstream of GTK3 (z ≥ ${zMin} mm)`);
  return [vals[0], vals[1]];
}

/**
 * Fills slot 0 (the kaon at GTK3) and the per-event decay vertex of events [start, end), and
 * multiplies the event weight by the z-range probability when a range is forced.
 */
export class KaonSource {
  readonly beam: K12Beam;
  readonly mass: number;
  readonly ctau: number;
  readonly zRange: [number, number] | null;
  /**
   * scratch: 5 normals and 1 uniform per event, drawn in bulk; sized for a 4096-event batch (the
   * generator's default) from the start, so that the growth branch of fill() does not first run
   * in the middle of a long run (a line that runs for the first time deoptimizes V8's code)
   */
  private gauss = new Float64Array(5 * 4096);
  private unif = new Float64Array(4096);
  private readonly par = new Float64Array(15);

  constructor(beam: K12Beam, particles: ParticleTable, zRange: [number, number] | null = null) {
    const k = particles.get("K+");
    this.beam = beam;
    this.mass = k.mass;
    this.ctau = k.lifetime * C_LIGHT;
    if (zRange && zRange[0] < beam.zGTK3) {
      throw new RangeError(
        `--z-range: the range must start downstream of GTK3 (z ≥ ${beam.zGTK3} mm), got ${zRange[0]}:${zRange[1]}`,
      );
    }
    this.zRange = zRange;
  }

  fill(b: EventBatch, start: number, end: number, rng: Xoshiro128): void {
    const n = end - start;
    if (this.gauss.length < 5 * n) {
      this.gauss = new Float64Array(5 * n);
      this.unif = new Float64Array(n);
    }
    const G = this.gauss;
    const U = this.unif;
    fillNormal(rng, G, 5 * n);
    const forced = this.zRange !== null;
    // forced range: uniforms for the truncated-exponential inversion; otherwise unit exponentials
    if (forced) fillUniform(rng, U, n);
    else fillExponential(rng, U, n);
    // the parameters through a Float64Array: V8 then holds them as doubles in the loop (read from
    // object fields they stay tagged numbers, checked and unboxed at every use)
    const bm = this.beam;
    const par = this.par;
    par[0] = bm.momentum;
    par[1] = bm.momentumSpreadRel;
    par[2] = bm.slopeX;
    par[3] = bm.slopeY;
    par[4] = bm.slopeSigmaX;
    par[5] = bm.slopeSigmaY;
    par[6] = bm.spotMeanX;
    par[7] = bm.spotMeanY;
    par[8] = bm.spotSigmaX;
    par[9] = bm.spotSigmaY;
    par[10] = this.mass;
    par[11] = this.ctau;
    par[12] = bm.zGTK3;
    par[13] = forced ? this.zRange![0] - bm.zGTK3 : 0;
    par[14] = forced ? this.zRange![1] - bm.zGTK3 : 0;
    const p0 = par[0];
    const sp = par[1];
    const sx0 = par[2];
    const sy0 = par[3];
    const ssx = par[4];
    const ssy = par[5];
    const x0 = par[6];
    const y0 = par[7];
    const sgx = par[8];
    const sgy = par[9];
    const m = par[10];
    const m2 = m * m;
    const ctau = par[11];
    const z0 = par[12];
    const zA = par[13];
    const zB = par[14];
    const c = C_LIGHT;
    const slots = MAX_SLOTS | 0;
    // the float64 columns through their shared buffers (EventBatch.f64, e64: one typed array to
    // check per iteration), the integer columns in locals
    const F = b.f64;
    const V = b.e64;
    const { mass: oMass, px: oPx, py: oPy, pz: oPz, e: oE, vx: oVx, vy: oVy, vz: oVz, t: oT } = b.col;
    const { weight: oW, vtxX: oX, vtxY: oY, vtxZ: oZ, vtxT: oTv } = b.ecol;
    const pdg = b.pdg;
    const status = b.status;
    const parent = b.parent;
    const nPart = b.nParticles;
    const kp = PDG.Kp | 0;
    const initial = Status.INITIAL | 0;
    for (let j = 0; j < n; j++) {
      const i = start + j;
      const k = 5 * j;
      const p = p0 * (1 + sp * G[k]);
      const tx = sx0 + ssx * G[k + 1];
      const ty = sy0 + ssy * G[k + 2];
      const x = x0 + sgx * G[k + 3];
      const y = y0 + sgy * G[k + 4];
      const pz = p / Math.sqrt(1 + tx * tx + ty * ty);
      const E = Math.sqrt(p * p + m2);
      const px = pz * tx;
      const py = pz * ty;
      const g = i * slots;
      pdg[g] = kp;
      status[g] = initial;
      parent[g] = -1;
      nPart[i] = 1;
      F[oMass + g] = m;
      F[oPx + g] = px;
      F[oPy + g] = py;
      F[oPz + g] = pz;
      F[oE + g] = E;
      F[oVx + g] = x;
      F[oVy + g] = y;
      F[oVz + g] = z0;
      F[oT + g] = 0;
      // flight length s = u·L along the kaon direction; dz = s·pz/p
      const L = (p / m) * ctau;
      let u: number;
      if (forced) {
        // truncated exponential by inversion: u ∈ [a, bb] in units of L
        const a = zA / ((pz / p) * L);
        const bb = zB / ((pz / p) * L);
        const ea = Math.exp(-a);
        const eb = Math.exp(-bb);
        u = -Math.log(ea - U[j] * (ea - eb));
        V[oW + i] *= ea - eb;
      } else {
        u = U[j];
      }
      const f = (u * L) / p;
      V[oX + i] = x + f * px;
      V[oY + i] = y + f * py;
      V[oZ + i] = z0 + f * pz;
      V[oTv + i] = (f * E) / c;
    }
  }
}

export type { EventBatch };

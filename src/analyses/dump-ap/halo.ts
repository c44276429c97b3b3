/**
 * The muon halo of the dump mode and its combinatorial di-muon background.
 *
 * Generation (conditions/analyses/dump-ap/halo.json): a muon leaves the TAX with a momentum from
 * dN/dp ∝ exp(−p/p₀), an angle from its production p_T and the multiple scattering in the 800 mm Cu
 * + 2400 mm Fe of the dump (Highland, [PDG2024]) and the matching lateral offset (L·θ₀/√3), gets one
 * horizontal sweeping kick q·p_kick at z_kick and flies straight to the decay region. Muons whose
 * line misses STRAW1 or STRAW4 are dropped; the others go through the detector chain of the dump
 * card (DumpChain: transport, detector, trigger, reconstruction), one muon per event. Those with a
 * reconstructed track form the halo library: "halo muons in the STRAW acceptance", the muons that
 * halo.muonsPerPot of the period card counts.
 *
 * Pairing: every μ⁺ of the library with every μ⁻ (opposite sign, OS) and every same-sign pair
 * (SS, the control sample with one charge flipped for the selection) go through the analysis'
 * DumpSelection (vertex fit, FV, muon ID weights, Z_TAX/CDA_TAX regions), after a cheap
 * transverse closest-approach prefilter that only drops pairs which cannot pass the vertex χ² or
 * the fiducial volume. Times are left out of the pair: the coincidence is analytic (background.ts),
 *   N_OS = N_POT · k₊k₋ · I · 2δ · P_OS,   P_OS = Σ_pairs w / (n₊n₋),
 * with I the POT rate in the spill and δ the time window; the time sideband replaces 2δ by its
 * width, and the same-sign count uses (k₊² + k₋²)/2 pairs per unit time.
 */

import { chainStreams } from "../../chain/streams.ts";
import { Status } from "../../core/batch.ts";
import { loadConditions } from "../../core/conditions.ts";
import { RecoBatch } from "../../core/reco-batch.ts";
import { normal } from "../../core/rng/samplers.ts";
import { stream } from "../../core/rng/streams.ts";
import { darkParams } from "../../decays/dark/index.ts";
import { geometry } from "../../detector/geometry.ts";
import { highland } from "../../detector/response-math.ts";
import { type DumpChain, startEvent } from "./acceptance.ts";
import { dumpConditions } from "./conditions.ts";
import { REGION } from "./selection.ts";

interface V<T = number> {
  value: T;
  source: string;
  tag?: string;
}

export interface HaloConditions {
  momentum: { slope: V; range: V<[number, number]> };
  dump: { copper: V; iron: V; x0Copper: V; x0Iron: V };
  production: { meanPt: V };
  sweeping: { kick: V; z: V; sourceSpread: V };
  simulation: { muons: V; zStart: V; timeSideband: V<[number, number]> };
}

export function haloConditions(): HaloConditions {
  return loadConditions<HaloConditions>("analyses/dump-ap/halo.json");
}

/** the random family of the halo sample (far from the acceptance families shard·1024 + mass) */
export const HALO_FAMILY = 1_000_000_000;
/** mass-spectrum bins of the selected OS pairs in the SR (GeV) */
export const HALO_MASS_BINS = 56;
export const HALO_MASS_RANGE: [number, number] = [0.2, 3.0];

/** the reconstructed halo muons (one track each), struct of arrays */
export interface HaloLibrary {
  n: number;
  /** muons of each sign in the library: [μ⁺, μ⁻] */
  bySign: [number, number];
  /** generated muons (all lines, before the STRAW-acceptance check) */
  generated: number;
  q: Int8Array;
  p: Float64Array;
  x: Float64Array;
  y: Float64Array;
  tx: Float64Array;
  ty: Float64Array;
  sigmaPos: Float64Array;
  sigmaSlope: Float64Array;
  eff: Float64Array;
  caloMu: Float64Array;
  muv3: Float64Array;
  /** importance weight of each muon (the halo density at its STRAW1 point), and Σw per sign */
  w: Float64Array;
  sumW: [number, number];
}

/**
 * Simulate halo muons until `n` of them are reconstructed (half of each sign), deterministic in
 * (seed): the library of single tracks.
 */
export function simulateHalo(
  chain: DumpChain,
  seed: number,
  n: number,
  spreadOverride?: number,
): HaloLibrary {
  const h = haloConditions();
  const c = dumpConditions();
  const geo = geometry();
  const rng = stream(seed, HALO_FAMILY, "dump-halo");
  const s = chainStreams(seed, HALO_FAMILY);
  const mMu = darkParams().mMu;
  const zT = c.geometry.zTax.value;
  const z0 = h.simulation.zStart.value;
  const zK = h.sweeping.z.value;
  const kick = h.sweeping.kick.value;
  const spread = spreadOverride ?? h.sweeping.sourceSpread.value;
  const [pLo, pHi] = h.momentum.range.value;
  const slope = h.momentum.slope.value;
  const L = h.dump.copper.value + h.dump.iron.value;
  const xOverX0 = h.dump.copper.value / h.dump.x0Copper.value + h.dump.iron.value / h.dump.x0Iron.value;
  const meanPt = h.production.meanPt.value;
  const zS1 = geo.straw.z[0];
  const zS4 = geo.straw.z[3];
  const rMax = geo.straw.rMax;
  const rMax2 = rMax * rMax;
  const D = zS1 - zT;
  const lib: HaloLibrary = {
    n: 0,
    bySign: [0, 0],
    generated: 0,
    q: new Int8Array(n),
    p: new Float64Array(n),
    x: new Float64Array(n),
    y: new Float64Array(n),
    tx: new Float64Array(n),
    ty: new Float64Array(n),
    sigmaPos: new Float64Array(n),
    sigmaSlope: new Float64Array(n),
    eff: new Float64Array(n),
    caloMu: new Float64Array(n),
    muv3: new Float64Array(n),
    w: new Float64Array(n),
    sumW: [0, 0],
  };
  const { b, tb, r } = chain;
  const cap = b.capacity;
  const weights = new Float64Array(cap);
  const want = [Math.ceil(n / 2), Math.floor(n / 2)];
  const eMin = Math.exp(-pLo / slope);
  const eMax = Math.exp(-pHi / slope);
  let guard = 0;
  while (lib.n < n) {
    if (++guard > 1e5) throw new Error("halo: the STRAW acceptance takes no muon of this model");
    b.clear();
    let m = 0;
    const inBatch = [0, 0];
    let tries = 0;
    while (m < cap) {
      if (++tries > 1000 * cap) throw new Error("halo: the STRAW acceptance takes no muon of this model");
      // both signs until each has its share (the last batches may carry one sign only)
      const plus = lib.bySign[0] + inBatch[0] < want[0];
      const minus = lib.bySign[1] + inBatch[1] < want[1];
      if (!plus && !minus) break;
      const q = plus && (!minus || rng.uniform() < 0.5) ? 1 : -1;
      lib.generated++;
      const p = -slope * Math.log(eMin - rng.uniform() * (eMin - eMax));
      // per projection: offset at the TAX a = L·θ₀/√3, angle spread b² = θ₀² + ¾(⟨p_T⟩/p)²
      const th = highland(p, 1, xOverX0);
      const a = Math.sqrt(((L * L) / 3) * th * th + spread * spread);
      const b2 = th * th + 0.75 * (meanPt / p) * (meanPt / p);
      const s2 = a * a + b2 * D * D;
      const sd = Math.sqrt(s2);
      const mx = ((q * kick) / p) * (zS1 - zK);
      // the STRAW1 point uniform in the disc; weight = the Gaussian density there × the disc area
      const rr = rMax * Math.sqrt(rng.uniform());
      const ph = 2 * Math.PI * rng.uniform();
      const x1 = rr * Math.cos(ph);
      const y1 = rr * Math.sin(ph);
      const ux = (x1 - mx) / sd;
      const uy = y1 / sd;
      const w = ((Math.PI * rMax * rMax) / (2 * Math.PI * s2)) * Math.exp(-0.5 * (ux * ux + uy * uy));
      if (!(w > 1e-300)) continue;
      // the angle given the STRAW1 point (a Gaussian conditional), then the kick
      const cs = (b2 * D) / s2;
      const cw = (a * Math.sqrt(b2)) / sd;
      const tx = cs * (x1 - mx) + cw * normal(rng) + (q * kick) / p;
      const ty = cs * y1 + cw * normal(rng);
      const x4 = x1 + tx * (zS4 - zS1);
      const y4 = y1 + ty * (zS4 - zS1);
      if (x4 * x4 + y4 * y4 > rMax2) continue;
      const x = x1 + tx * (z0 - zS1);
      const y = y1 + ty * (z0 - zS1);
      weights[m] = w;
      const pz = p / Math.sqrt(1 + tx * tx + ty * ty);
      startEvent(b, m, x, y, z0);
      inBatch[q > 0 ? 0 : 1]++;
      // slot 0 is the event's primary (never transported): a massless neutral placeholder at rest
      b.addParticle(m, 22, 0, Status.INITIAL, -1, x, y, z0, 0);
      const g = b.addParticle(m, q > 0 ? -13 : 13, mMu, Status.FINAL, 0, x, y, z0, 0);
      b.px[g] = pz * tx;
      b.py[g] = pz * ty;
      b.pz[g] = pz;
      b.e[g] = Math.sqrt(p * p + mMu * mMu);
      m++;
    }
    if (m === 0) break;
    b.size = m;
    r.reset(m);
    const io = { b, tb, r };
    for (const st of chain.stages) st.process(io, 0, m, s);
    const tl = r.tracks;
    for (let i = 0; i < m && lib.n < n; i++) {
      if (tl.count[i] !== 1) continue;
      const k = tl.offset(i);
      const q = tl.q[k] > 0 ? 1 : -1;
      const si = q > 0 ? 0 : 1;
      if (lib.bySign[si] >= want[si]) continue;
      const j = lib.n++;
      lib.bySign[si]++;
      lib.q[j] = q;
      lib.p[j] = tl.p[k];
      lib.x[j] = tl.x[k];
      lib.y[j] = tl.y[k];
      lib.tx[j] = tl.tx[k];
      lib.ty[j] = tl.ty[k];
      lib.sigmaPos[j] = tl.sigmaPos[k];
      lib.sigmaSlope[j] = tl.sigmaSlope[k];
      lib.eff[j] = tl.eff[k];
      lib.caloMu[j] = tl.caloMu[k];
      lib.muv3[j] = tl.muv3[k];
      lib.w[j] = weights[i];
      lib.sumW[si] += weights[i];
    }
  }
  return lib;
}

/** selected pair weights by region, for one sign combination */
export interface PairTally {
  /** pairs tried (n₊n₋ for OS; n₊(n₊−1)/2 + n₋(n₋−1)/2 for SS) */
  pairs: number;
  /** Σ w_i w_j over the pairs tried: W₊W₋ (OS) or ½(W₊² + W₋²) less the diagonal (SS) */
  norm: number;
  /** pairs that reach the full selection after the prefilter */
  fitted: number;
  /** Σ selected weight per region (REGION order) */
  regions: Float64Array;
  /** SR pairs: Σw per mass bin (HALO_MASS_BINS over HALO_MASS_RANGE) */
  massSR: Float64Array;
  /** selected pairs per region (unweighted, for the statistical error) */
  counts: Float64Array;
}

interface Selector {
  select(r: RecoBatch, i: number, flow: null): number;
  out: { mass: number; region: number };
}

/** the transverse closest approach of two lines measured at z₁: fills ca = [d, cda²] */
function approach(l: HaloLibrary, i: number, j: number, ca: Float64Array): void {
  const dx = l.x[i] - l.x[j];
  const dy = l.y[i] - l.y[j];
  const dtx = l.tx[i] - l.tx[j];
  const dty = l.ty[i] - l.ty[j];
  const den = dtx * dtx + dty * dty;
  const d = den > 0 ? -(dx * dtx + dy * dty) / den : 0;
  const rx = dx + dtx * d;
  const ry = dy + dty * d;
  ca[0] = d;
  ca[1] = rx * rx + ry * ry;
}

/**
 * Pair the library through the selection. sameSign false: every μ⁺ with every μ⁻; true: same-sign
 * pairs i < j (one charge flipped so that the opposite-charge requirement passes). chodEff² is the
 * H2 trigger weight of a two-track event (src/trigger/trigger.ts).
 */
export function pairHalo(
  l: HaloLibrary,
  sel: Selector,
  z1: number,
  chodEff: number,
  sameSign: boolean,
  prefilter = true,
): PairTally {
  const c = dumpConditions();
  const [zf0, zf1] = c.geometry.zFiducial.value;
  const chi2Max = c.selection.vertexChi2Max.value;
  const r = new RecoBatch(1);
  const tl = r.tracks;
  const tally: PairTally = {
    pairs: 0,
    norm: 0,
    fitted: 0,
    regions: new Float64Array(REGION.count),
    massSR: new Float64Array(HALO_MASS_BINS),
    counts: new Float64Array(REGION.count),
  };
  const plus: number[] = [];
  const minus: number[] = [];
  for (let i = 0; i < l.n; i++) (l.q[i] > 0 ? plus : minus).push(i);
  const ca = new Float64Array(2);
  // the prefilter: vertex z within the FV ± 2 m, χ²-equivalent of the transverse CDA < 4·χ²_max
  const dLo = zf0 - 2000 - z1;
  const dHi = zf1 + 2000 - z1;
  const trial = (i: number, j: number) => {
    tally.pairs++;
    if (prefilter) {
      approach(l, i, j, ca);
      const d = ca[0];
      if (!(d > dLo && d < dHi)) return;
      const si = l.sigmaPos[i] * l.sigmaPos[i] + d * d * l.sigmaSlope[i] * l.sigmaSlope[i];
      const sj = l.sigmaPos[j] * l.sigmaPos[j] + d * d * l.sigmaSlope[j] * l.sigmaSlope[j];
      if (ca[1] > 4 * chi2Max * (si + sj)) return;
    }
    tally.fitted++;
    r.reset(1);
    tl.count[0] = 2;
    const k0 = tl.offset(0);
    let slot = k0;
    for (const k of [i, j]) {
      tl.q[slot] = slot === k0 ? 1 : -1;
      tl.p[slot] = l.p[k];
      tl.x[slot] = l.x[k];
      tl.y[slot] = l.y[k];
      tl.tx[slot] = l.tx[k];
      tl.ty[slot] = l.ty[k];
      tl.sigmaPos[slot] = l.sigmaPos[k];
      tl.sigmaSlope[slot] = l.sigmaSlope[k];
      tl.eff[slot] = l.eff[k];
      tl.caloMu[slot] = l.caloMu[k];
      tl.muv3[slot] = l.muv3[k];
      tl.t[slot] = 0;
      slot++;
    }
    r.trigH2[0] = chodEff * chodEff;
    const w = sel.select(r, 0, null) * l.w[i] * l.w[j];
    if (!(w > 0)) return;
    const reg = sel.out.region;
    tally.regions[reg] += w;
    tally.counts[reg] += 1;
    if (reg === REGION.SR) {
      const [lo, hi] = HALO_MASS_RANGE;
      const bin = Math.floor(((sel.out.mass - lo) / (hi - lo)) * HALO_MASS_BINS);
      if (bin >= 0 && bin < HALO_MASS_BINS) tally.massSR[bin] += w;
    }
  };
  if (!sameSign) {
    tally.norm = l.sumW[0] * l.sumW[1];
    for (const i of plus) for (const j of minus) trial(i, j);
  } else {
    for (const set of [plus, minus]) {
      let sw = 0;
      let sw2 = 0;
      for (const i of set) {
        sw += l.w[i];
        sw2 += l.w[i] * l.w[i];
      }
      tally.norm += 0.5 * (sw * sw - sw2);
    }
    for (const set of [plus, minus])
      for (let a = 0; a < set.length; a++) for (let b2 = a + 1; b2 < set.length; b2++) trial(set[a], set[b2]);
  }
  return tally;
}

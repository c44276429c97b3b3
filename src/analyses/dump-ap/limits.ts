/**
 * From the acceptance maps to the expected signal over a (m_A′, ε) grid, the 90% CL CLs exclusion
 * (src/stats exact one-bin CLs) with its expected bands, and the contour edges per mass.
 *
 *   s(m, ε) = N_POT · ε² · Y(m) · BR(A′ → μ⁺μ⁻) · (L/cτ) Σ_b V_b exp(−ū_b/cτ) / N_gen(m)
 *
 * with Y the A′ yield per POT at ε = 1 (production.ts), cτ(m, ε) = cτ(m, 1)/ε² the A′ proper decay
 * length with the hadronic width (src/decays/dark) and V_b, ū_b the map of acceptance.ts. The same
 * holds for any coupling g with yield ∝ g² and width ∝ g² (the ALP's g_Y: dump-alp). A mass point is excluded
 * where s exceeds the CLs upper limit on signal events for the events observed in the mass window
 * (±k·σ_m around m, σ_m from the simulation) over the background expected in that window.
 */
import { exactExpectedLimits, exactUpperLimit } from "../../stats/exact.ts";
import { MSTAT, U_BINS } from "./acceptance.ts";

export const BAND_KEYS = ["-2", "-1", "0", "+1", "+2"] as const;

export interface MassMap {
  mass: number;
  /** A′ per POT at ε = 1 (all processes) */
  yieldPerPot: number;
  brMuMu: number;
  /** proper decay length cτ (mm) at unit coupling */
  ctau1: number;
  generated: number;
  /** L (mm) */
  decayLength: number;
  /** V_b and ū_b of the non-empty bins */
  v: Float64Array;
  u: Float64Array;
  /** mass resolution σ_m (GeV) from the selected events */
  sigmaMass: number;
  /** Σ sel of uniform decays in the SR / generated (acceptance × efficiency for decays in [z0, z1]) */
  acceptance: number;
}

export function massMap(
  mass: number,
  k: number,
  yieldPerPot: number,
  decay: { brMuMu: number; ctau1: number },
  decayLength: number,
  accV: Float64Array,
  accVU: Float64Array,
  stats: Float64Array,
): MassMap {
  const v: number[] = [];
  const u: number[] = [];
  for (let b = 0; b < U_BINS; b++) {
    const x = accV[k * U_BINS + b];
    if (x > 0) {
      v.push(x);
      u.push(accVU[k * U_BINS + b] / x);
    }
  }
  const sw = stats[k * MSTAT];
  const gen = stats[k * MSTAT + 3];
  const mean = sw > 0 ? stats[k * MSTAT + 1] / sw : 0;
  const sigma = sw > 0 ? Math.sqrt(Math.max(0, stats[k * MSTAT + 2] / sw - mean * mean)) : Number.NaN;
  return {
    mass,
    yieldPerPot,
    brMuMu: decay.brMuMu,
    ctau1: decay.ctau1,
    generated: gen,
    decayLength,
    v: Float64Array.from(v),
    u: Float64Array.from(u),
    sigmaMass: sigma,
    acceptance: gen > 0 ? sw / gen : 0,
  };
}

/** expected signal events at (m, ε) for pot protons on target */
export function expectedSignal(map: MassMap, epsilon: number, pot: number): number {
  if (map.generated <= 0) return 0;
  const ctau = map.ctau1 / (epsilon * epsilon);
  let sum = 0;
  for (let b = 0; b < map.v.length; b++) sum += map.v[b] * Math.exp(-map.u[b] / ctau);
  return (
    (pot * epsilon * epsilon * map.yieldPerPot * map.brMuMu * (map.decayLength / ctau) * sum) / map.generated
  );
}

export interface Edges {
  mass: number;
  epsilonLow: number | null;
  epsilonHigh: number | null;
}

/**
 * the ε edges of the region where s(m, ε) > sUp, from a log scan over eps (ascending) refined by
 * bisection in log ε; nulls when nothing is excluded
 */
export function exclusionEdges(map: MassMap, sUp: number, pot: number, eps: readonly number[]): Edges {
  const f = (e: number) => expectedSignal(map, e, pot) - sUp;
  const vals = eps.map(f);
  let lo = -1;
  let hi = -1;
  for (let i = 0; i < eps.length; i++) {
    if (vals[i] > 0) {
      if (lo < 0) lo = i;
      hi = i;
    }
  }
  if (lo < 0) return { mass: map.mass, epsilonLow: null, epsilonHigh: null };
  const bisect = (a: number, b: number) => {
    // f(a) and f(b) of opposite signs
    let la = Math.log(a);
    let lb = Math.log(b);
    const fa = f(a);
    for (let it = 0; it < 40; it++) {
      const m = 0.5 * (la + lb);
      if (f(Math.exp(m)) > 0 === fa > 0) la = m;
      else lb = m;
    }
    return Math.exp(0.5 * (la + lb));
  };
  const low = lo > 0 ? bisect(eps[lo - 1], eps[lo]) : eps[0];
  const high = hi < eps.length - 1 ? bisect(eps[hi], eps[hi + 1]) : eps[eps.length - 1];
  return { mass: map.mass, epsilonLow: low, epsilonHigh: high };
}

export interface WindowModel {
  /** total expected background in the SR */
  background: number;
  /** mass span of the flat combinatorial spectrum (GeV), used when no shape is given */
  span: [number, number];
  /** the simulated combinatorial mass spectrum in the SR: weights in equal bins over [lo, hi] (GeV) */
  shape?: { lo: number; hi: number; bins: Float64Array };
  /** half-width of the mass window in σ_m */
  sigmas: number;
  /** observed events: their masses (GeV) */
  observed: number[];
}

/** background and observed count in the mass window of map */
export function massWindow(map: MassMap, w: WindowModel): { b: number; n: number; halfWidth: number } {
  const sigma = Number.isFinite(map.sigmaMass) && map.sigmaMass > 0 ? map.sigmaMass : 0.002;
  const half = w.sigmas * sigma;
  const shaped = w.shape ? shapeFraction(w.shape, map.mass - half, map.mass + half) : null;
  const frac = shaped ?? Math.min(1, (2 * half) / (w.span[1] - w.span[0]));
  const n = w.observed.filter((m) => Math.abs(m - map.mass) < half).length;
  return { b: w.background * frac, n, halfWidth: half };
}

/** the fraction of a binned spectrum between a and b (linear within bins); null for an empty spectrum */
export function shapeFraction(
  shape: { lo: number; hi: number; bins: Float64Array },
  a: number,
  b: number,
): number | null {
  const n = shape.bins.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += shape.bins[i];
  if (!(total > 0)) return null;
  const width = (shape.hi - shape.lo) / n;
  let inside = 0;
  for (let i = 0; i < n; i++) {
    const x0 = shape.lo + i * width;
    const overlap = Math.min(b, x0 + width) - Math.max(a, x0);
    if (overlap > 0) inside += (shape.bins[i] * overlap) / width;
  }
  return inside / total;
}

export interface MassLimit {
  edges: Edges;
  band: Record<(typeof BAND_KEYS)[number], Edges>;
  sUp: number;
  n: number;
  b: number;
}

export function massLimit(
  map: MassMap,
  w: WindowModel,
  pot: number,
  eps: readonly number[],
  cl = 0.9,
): MassLimit {
  const { b, n } = massWindow(map, w);
  const sUp = exactUpperLimit(n, b, cl);
  const exp = exactExpectedLimits(b, cl);
  const band = {} as Record<(typeof BAND_KEYS)[number], Edges>;
  BAND_KEYS.forEach((k, i) => {
    band[k] = exclusionEdges(map, exp[i], pot, eps);
  });
  return { edges: exclusionEdges(map, sUp, pot, eps), band, sUp, n, b };
}

/** log-spaced values from lo to hi (n ≥ 2) */
export function logSpace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
}

/** linearly spaced values from lo to hi (n ≥ 2) */
export function linSpace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/** the edge at mass m of a digitised contour edge (m, ε) by log-linear interpolation; null outside */
export function contourAt(edge: [number, number][], m: number): number | null {
  const pts = [...edge].sort((a, b) => a[0] - b[0]);
  for (let i = 0; i + 1 < pts.length; i++) {
    const [m0, e0] = pts[i];
    const [m1, e1] = pts[i + 1];
    if (m >= m0 && m <= m1) {
      const t = (m - m0) / (m1 - m0);
      return Math.exp(Math.log(e0) + t * (Math.log(e1) - Math.log(e0)));
    }
  }
  return null;
}

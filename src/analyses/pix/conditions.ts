/** conditions/analyses/pix/published.json: the search's parameters and NA62's published limits */
import { loadConditions } from "../../core/conditions.ts";

interface Valued<T> {
  value: T;
  tag: string;
  source: string;
}

/** NA62's published limits for one data set: UL per mass (GeV) and lifetime */
export interface LimitReference {
  source: string;
  tag: string;
  /** τ (ns) of the columns of `ul`; null = stable */
  lifetimes: (number | null)[];
  points: { mass: number; ul: (number | null)[] }[];
}

export interface PixConditions {
  search: {
    ranges: Valued<[number, number][]>;
    windowSigma: Valued<number>;
  };
  tolerance: { factor: number };
  /** per data set (a `--period` of the job: 2017, 2016-22): NA62's limits */
  references: Record<string, LimitReference>;
  /** NA62's dark-scalar exclusion band (Run 1): lower and upper sin²θ edges per m_S (GeV) */
  scalar: { source: string; tag: string; points: { mass: number; lower: number; upper: number }[] };
}

let cached: PixConditions | null = null;
export function pixConditions(): PixConditions {
  cached ??= loadConditions<PixConditions>("analyses/pix/published.json");
  return cached;
}

/** NA62's limits for a period of the job, or null when none are published for it */
export function limitReference(period: string): LimitReference | null {
  return pixConditions().references[period] ?? null;
}

/** NA62's published limit for `period` at (m GeV, τ ns or null); null when none is published there */
export function publishedLimit(period: string, mass: number, lifetime: number | null): number | null {
  const c = limitReference(period);
  if (!c) return null;
  const l = c.lifetimes.indexOf(lifetime);
  if (l < 0) return null;
  const p = c.points.find((q) => Math.abs(q.mass - mass) < 1e-9);
  return p?.ul[l] ?? null;
}

/** conditions/analyses/pix/published.json: the search's parameters and NA62's published limits */
import { loadConditions } from "../../core/conditions.ts";

interface Valued<T> {
  value: T;
  tag: string;
  source: string;
}

export interface PixConditions {
  search: {
    ranges: Valued<[number, number][]>;
    windowSigma: Valued<number>;
  };
  tolerance: { factor: number };
  run1: {
    source: string;
    tag: string;
    /** τ (ns) of the columns of `ul`; null = stable */
    lifetimes: (number | null)[];
    points: { mass: number; ul: (number | null)[] }[];
  };
  /** NA62's dark-scalar exclusion band: lower and upper sin²θ edges per m_S (GeV) */
  scalar: { source: string; tag: string; points: { mass: number; lower: number; upper: number }[] };
}

let cached: PixConditions | null = null;
export function pixConditions(): PixConditions {
  cached ??= loadConditions<PixConditions>("analyses/pix/published.json");
  return cached;
}

/** NA62's published Run 1 limit at (m GeV, τ ns or null); null when none is published there */
export function publishedLimit(mass: number, lifetime: number | null): number | null {
  const c = pixConditions().run1;
  const l = c.lifetimes.indexOf(lifetime);
  if (l < 0) return null;
  const p = c.points.find((q) => Math.abs(q.mass - mass) < 1e-9);
  return p?.ul[l] ?? null;
}

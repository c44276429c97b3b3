/**
 * The backgrounds of the K⁺→π⁺X search normalised to NA62's published expectation (option
 * `background: "published"`, docs/analyses/pix.md): per period and background source the simulated
 * R1+R2 m²miss spectrum is scaled so that its integral is the published expected count of that
 * source (conditions/analyses/pnn/published.json); where the simulation predicts less than
 * `POOL_BELOW` of the published count (its shape then rests on a handful of events, e.g. the
 * 2021–22 upstream background), the source's spectrum summed over all periods of the data set gives
 * the shape. Sources without a published value keep the simulated spectrum.
 */
import { publishedFigures } from "../pnn/conditions.ts";
import { BACKGROUND_SOURCES, type BackgroundSource } from "../pnn/samples.ts";

/** below this simulated / published ratio a source's shape is taken from all periods together */
export const POOL_BELOW = 0.2;

export interface SourceSpectra {
  period: string;
  /** per background source, the simulated expected events per fine m²miss bin (R1+R2) */
  sources: Partial<Record<BackgroundSource, Float64Array>>;
}

export interface NormalisedBackground {
  background: Float64Array;
  /** per source: simulated and used totals (R1+R2), and whether the pooled shape was used */
  sources: { source: BackgroundSource; simulated: number; used: number; pooled: boolean }[];
}

const sum = (a: ArrayLike<number>) => {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k];
  return s;
};

/** the published-normalised background spectrum of every period (same order as `periods`) */
export function publishedBackgrounds(periods: readonly SourceSpectra[], n: number): NormalisedBackground[] {
  const pooled = new Map<BackgroundSource, Float64Array>();
  for (const src of BACKGROUND_SOURCES) {
    const h = new Float64Array(n);
    for (const p of periods) {
      const s = p.sources[src];
      if (s) for (let k = 0; k < n; k++) h[k] += s[k];
    }
    pooled.set(src, h);
  }
  return periods.map((p) => {
    const background = new Float64Array(n);
    const info: NormalisedBackground["sources"] = [];
    const figs = publishedFigures(p.period);
    for (const src of BACKGROUND_SOURCES) {
      const own = p.sources[src] ?? new Float64Array(n);
      const simulated = sum(own);
      const target = figs[`expected.background.${src}`]?.value;
      let shape = own;
      let usePool = false;
      if (target !== undefined && target > 0 && simulated < POOL_BELOW * target) {
        shape = pooled.get(src) ?? own;
        usePool = true;
      }
      const total = sum(shape);
      const scale = target !== undefined && total > 0 ? target / total : 1;
      for (let k = 0; k < n; k++) background[k] += scale * shape[k];
      info.push({ source: src, simulated, used: scale * total, pooled: usePool });
    }
    return { background, sources: info };
  });
}

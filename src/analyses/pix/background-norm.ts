/**
 * The backgrounds of the K⁺→π⁺X search normalised to NA62's published expectation (option
 * `background: "published"`, docs/analyses/pix.md): per period and background source the simulated
 * R1+R2 m²miss spectrum is scaled so that its integral is the published expected count of that
 * source (conditions/analyses/pnn/published.json). Where the simulated spectrum rests on a handful
 * of heavily weighted events — the upstream and K⁺→π⁺π⁺π⁻ sources at the job's sample sizes, or any
 * source simulated below `POOL_BELOW` of its published count — a smooth stand-in gives the shape:
 * the SM K⁺→π⁺νν̄ spectrum of all periods (NA62's m²miss shapes of these sources are not in the
 * inputs). Sources without a published value keep the simulated spectrum.
 */
import { publishedFigures } from "../pnn/conditions.ts";
import { BACKGROUND_SOURCES, type BackgroundSource } from "../pnn/samples.ts";

/** below this simulated / published ratio a source's shape is the smooth stand-in */
export const POOL_BELOW = 0.2;
/** the sources whose simulated shape always rests on a few events (the stand-in shape is used) */
export const FEW_EVENT_SOURCES: readonly BackgroundSource[] = ["upstream", "pipipi"];

export interface SourceSpectra {
  period: string;
  /** per background source, the simulated expected events per fine m²miss bin (R1+R2) */
  sources: Partial<Record<BackgroundSource, Float64Array>>;
  /** the SM K⁺→π⁺νν̄ spectrum (the stand-in shape) */
  sm: Float64Array;
}

export interface NormalisedBackground {
  background: Float64Array;
  /** per source: simulated and used totals (R1+R2), and whether the stand-in shape was used */
  sources: { source: BackgroundSource; simulated: number; used: number; standIn: boolean }[];
}

const sum = (a: ArrayLike<number>) => {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k];
  return s;
};

/** the published-normalised background spectrum of every period (same order as `periods`) */
export function publishedBackgrounds(periods: readonly SourceSpectra[], n: number): NormalisedBackground[] {
  const standIn = new Float64Array(n);
  for (const p of periods) for (let k = 0; k < n; k++) standIn[k] += p.sm[k];
  return periods.map((p) => {
    const background = new Float64Array(n);
    const info: NormalisedBackground["sources"] = [];
    const figs = publishedFigures(p.period);
    for (const src of BACKGROUND_SOURCES) {
      const own = p.sources[src] ?? new Float64Array(n);
      const simulated = sum(own);
      const target = figs[`expected.background.${src}`]?.value;
      const useStandIn =
        target !== undefined &&
        target > 0 &&
        (FEW_EVENT_SOURCES.includes(src) || simulated < POOL_BELOW * target);
      const shape = useStandIn ? standIn : own;
      const total = sum(shape);
      const scale = target !== undefined && total > 0 ? target / total : 1;
      for (let k = 0; k < n; k++) background[k] += scale * shape[k];
      info.push({ source: src, simulated, used: scale * total, standIn: useStandIn });
    }
    return { background, sources: info };
  });
}

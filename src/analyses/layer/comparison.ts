/**
 * The published-vs-kaonlab table every analysis gives: one row per figure with ours (± MC error),
 * NA62's published value, the ratio ours/published and a status with a one-line reason:
 *
 *  - "calibrated": a number of the simulation was tuned on this figure (the conditions say which);
 *  - "reproduced": within the figure's tolerance (relative, or a factor), or within 2σ of the
 *    published value with both errors; for a published upper bound, ours is below it (within the
 *    tolerance);
 *  - "not reproduced": otherwise;
 *  - "no reference": NA62 publishes no value for it.
 */

export type ComparisonStatus = "reproduced" | "calibrated" | "not reproduced" | "no reference";
export const COMPARISON_STATUSES: readonly ComparisonStatus[] = [
  "reproduced",
  "calibrated",
  "not reproduced",
  "no reference",
];

/** how close is close enough: |ours/published − 1| ≤ relative, or 1/factor ≤ ours/published ≤ factor */
export type Tolerance = { relative: number } | { factor: number };

/** a published figure (central value with errors, or an upper bound) */
export interface Reference {
  value?: number;
  limit?: number;
  error?: number;
  errorUp?: number;
  errorDown?: number;
  tag?: string;
  source?: string;
}

export interface ComparisonInput {
  /** stable name (for JSON consumers: the path of the figure in the results) */
  figure: string;
  /** display label */
  label?: string;
  ours: number;
  /** MC statistical error of ours (0 when unknown) */
  uncertainty?: number;
  reference?: Reference | null;
  tolerance: Tolerance;
  /** what was tuned on this figure, when it was */
  calibrated?: string | null;
  /** standard deviations within which the figure counts as reproduced (default PULL_REPRODUCED) */
  pullMax?: number;
}

export interface ComparisonEntry {
  figure: string;
  label: string;
  ours: number;
  uncertainty: number;
  published: number | null;
  publishedLimit: number | null;
  publishedErrorUp: number | null;
  publishedErrorDown: number | null;
  /** ours / published (null without a published central value) */
  ratio: number | null;
  status: ComparisonStatus;
  reason: string;
  tolerance: Tolerance;
  tag: string | null;
  source: string | null;
}

/** standard deviations within which a figure counts as reproduced whatever its tolerance */
export const PULL_REPRODUCED = 2;

export function toleranceText(t: Tolerance): string {
  return "relative" in t ? `±${fmt(t.relative * 100)}%` : `a factor ${fmt(t.factor)}`;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(3).replace(/\.?0+$/, "");
}

function withinTolerance(ratio: number, t: Tolerance): boolean {
  if ("relative" in t) return Math.abs(ratio - 1) <= t.relative;
  return ratio >= 1 / t.factor && ratio <= t.factor;
}

/** the tolerance allowed above a published upper bound */
function limitSlack(t: Tolerance): number {
  return "relative" in t ? 1 + t.relative : t.factor;
}

export function compare(inp: ComparisonInput): ComparisonEntry {
  const ref = inp.reference ?? null;
  const pub = ref?.value ?? null;
  const up = ref ? (ref.errorUp ?? ref.error ?? null) : null;
  const down = ref ? (ref.errorDown ?? ref.error ?? null) : null;
  const ours = inp.ours;
  const unc = inp.uncertainty ?? 0;
  const ratio = pub !== null && pub !== 0 ? ours / pub : null;
  const base = {
    figure: inp.figure,
    label: inp.label ?? inp.figure,
    ours,
    uncertainty: unc,
    published: pub,
    publishedLimit: ref?.limit ?? null,
    publishedErrorUp: up,
    publishedErrorDown: down,
    ratio,
    tolerance: inp.tolerance,
    tag: ref?.tag ?? null,
    source: ref?.source ?? null,
  };
  const tol = toleranceText(inp.tolerance);
  if (!Number.isFinite(ours))
    return {
      ...base,
      status: pub === null ? "no reference" : "not reproduced",
      reason: "kaonlab gives no value",
    };
  // the published error on the side of ours
  const e = pub === null ? null : ours >= pub ? up : down;
  const sigma = Math.sqrt(unc * unc + (e ?? 0) * (e ?? 0));
  const pull = pub !== null && sigma > 0 ? (ours - pub) / sigma : Number.NaN;
  // a pull against a near-zero error (a published value without error, kaonlab's ≈ 0 with a tiny MC
  // error) says nothing beyond "far": shown as "> 100σ"
  const pullText = Number.isFinite(pull)
    ? Math.abs(pull) > 100
      ? ", > 100σ"
      : `, ${Math.abs(pull).toFixed(1)}σ`
    : "";
  if (inp.calibrated) {
    const now = ratio === null ? "" : ` (ratio ${ratio.toFixed(2)}${pullText} here)`;
    return { ...base, status: "calibrated", reason: `tuned on it: ${inp.calibrated}${now}` };
  }
  if (pub !== null) {
    if (ratio !== null && withinTolerance(ratio, inp.tolerance))
      return { ...base, status: "reproduced", reason: `ratio ${ratio.toFixed(2)} within ${tol}${pullText}` };
    const pullMax = inp.pullMax ?? PULL_REPRODUCED;
    if (Number.isFinite(pull) && Math.abs(pull) <= pullMax)
      return {
        ...base,
        status: "reproduced",
        reason: `within ${pullMax}σ (${Math.abs(pull).toFixed(1)}σ) of the reference`,
      };
    const r = ratio === null ? "published value 0" : `ratio ${ratio.toFixed(2)} outside ${tol}`;
    return { ...base, status: "not reproduced", reason: `${r}${pullText}` };
  }
  if (ref?.limit !== undefined) {
    if (ours - (inp.pullMax ?? PULL_REPRODUCED) * unc <= ref.limit * limitSlack(inp.tolerance))
      return { ...base, status: "reproduced", reason: `below the published bound < ${ref.limit}` };
    return { ...base, status: "not reproduced", reason: `above the published bound < ${ref.limit}` };
  }
  return { ...base, status: "no reference", reason: "NA62 publishes no value for it" };
}

/** the conditions of a comparison: default and per-figure tolerances, the calibrated figures per period */
export interface ComparisonConditions {
  tolerance: { default: Tolerance; figures?: Record<string, Tolerance> };
  /** period → figure → what was tuned on it */
  calibrated?: Record<string, Record<string, string>>;
}

export function toleranceFor(c: ComparisonConditions, figure: string): Tolerance {
  return c.tolerance.figures?.[figure] ?? c.tolerance.default;
}

export function calibratedFor(c: ComparisonConditions, period: string, figure: string): string | null {
  return c.calibrated?.[period]?.[figure] ?? null;
}

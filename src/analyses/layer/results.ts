/**
 * The results JSON every analysis job writes (results.json and `--json`), one shape for all:
 *
 *   { analysis, period, seed, events, comparison: [{ figure, ours, published, ratio, status, reason, … }],
 *     cutFlow?: [{ cut, weight, error, fraction }], …the job's own figures }
 *
 * `period` is null for a job that runs without one; `comparison` is empty when the job has nothing
 * published to compare with. JSON has no infinities: non-finite numbers become null.
 */
import { COMPARISON_STATUSES, type ComparisonEntry } from "./comparison.ts";
import type { CutFlowStep } from "./cut-flow.ts";

export interface AnalysisResults {
  analysis: string;
  period: string | null;
  seed: number;
  events: number;
  comparison: ComparisonEntry[];
  cutFlow?: CutFlowStep[];
  [key: string]: unknown;
}

/** a number for JSON: non-finite values become null */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** the comparison rows as JSON (non-finite numbers as null) */
function comparisonJson(rows: ComparisonEntry[]): ComparisonEntry[] {
  return rows.map((r) => ({
    ...r,
    ours: finiteOrNull(r.ours) as number,
    uncertainty: finiteOrNull(r.uncertainty) as number,
    ratio: r.ratio === null ? null : finiteOrNull(r.ratio),
  }));
}

export function analysisResults(
  head: { analysis: string; period: string | null; seed: number; events: number },
  comparison: ComparisonEntry[],
  rest: Record<string, unknown> = {},
  cutFlow?: CutFlowStep[],
): AnalysisResults {
  const out: AnalysisResults = {
    analysis: head.analysis,
    period: head.period,
    seed: head.seed,
    events: head.events,
    ...rest,
    comparison: comparisonJson(comparison),
  };
  if (cutFlow) out.cutFlow = cutFlow;
  return out;
}

/**
 * The problems of a results object against the common shape (empty when it conforms): what a test
 * of every registered job checks.
 */
export function resultsShapeProblems(r: unknown): string[] {
  const p: string[] = [];
  if (r === null || typeof r !== "object" || Array.isArray(r)) return ["results: expected an object"];
  const o = r as Record<string, unknown>;
  if (typeof o.analysis !== "string" || o.analysis === "") p.push("analysis: expected a name");
  if (!(o.period === null || typeof o.period === "string")) p.push("period: expected a string or null");
  for (const k of ["seed", "events"]) if (typeof o[k] !== "number") p.push(`${k}: expected a number`);
  if (!Array.isArray(o.comparison)) p.push("comparison: expected an array");
  else
    o.comparison.forEach((c: Record<string, unknown>, i: number) => {
      const at = `comparison[${i}]`;
      if (typeof c?.figure !== "string") p.push(`${at}.figure: expected a string`);
      for (const k of ["ours", "published", "ratio"])
        if (!(c?.[k] === null || typeof c?.[k] === "number")) p.push(`${at}.${k}: expected a number or null`);
      if (!COMPARISON_STATUSES.includes(c?.status as never))
        p.push(`${at}.status: expected one of ${COMPARISON_STATUSES.join(", ")}, got ${String(c?.status)}`);
      if (typeof c?.reason !== "string" || c.reason === "") p.push(`${at}.reason: expected a sentence`);
    });
  if (o.cutFlow !== undefined) {
    if (!Array.isArray(o.cutFlow)) p.push("cutFlow: expected an array");
    else
      o.cutFlow.forEach((s: Record<string, unknown>, i: number) => {
        if (typeof s?.cut !== "string" || typeof s?.weight !== "number")
          p.push(`cutFlow[${i}]: expected { cut, weight, error, fraction }`);
      });
  }
  return p;
}

/**
 * What a reader of the K⁺→π⁺νν̄ output must know before trusting a number: the MC relative error
 * of the signal and of each background, the categories whose estimate rests on one simulated
 * event (it carries more than half of a source's weight there), the background sources whose
 * comparison with NA62 says "not reproduced" (the BR and significance line warns about them), and
 * what the provenance tags of the published values mean (docs/sources.md).
 */
import type { TextTable } from "../layer/report.ts";
import { type ComparisonRow, compareFigures } from "./compare.ts";
import { BACKGROUND_LABELS, BACKGROUND_SOURCES, type BackgroundSource } from "./samples.ts";
import { type PeriodYields, type PnnFigures, SINGLE_EVENT_SHARE } from "./yields.ts";

interface YieldsLike extends PnnFigures {
  period: string;
  uncertainty: PnnFigures;
  categories: PeriodYields["categories"];
  components?: YieldsLike[];
}

/** the provenance tags of the published values (docs/sources.md, "Provenance tags") */
export const PROVENANCE_TAGS: Record<string, string> = {
  talk: "stated in one of the two NA62 talks the project started from (authoritative where they give a number); formerly `seed`",
  P: "read in the primary source's own text or abstract (or an official CERN/PDG page)",
  S: "a default of NA62's public offline software, not a published result",
  D: "derived by arithmetic from other tagged numbers",
  UNCONFIRMED: "a best estimate, not checked against the cited paper's text",
  "low-confidence": "a best estimate with a known ambiguity",
  secondary:
    "stated in a secondary report of the result (an abstract index or a news report), not yet read in the paper",
  calibrated: "tuned by a script on the figure named beside it",
};

/** MC relative error σ/value per figure; null where the value is 0 (nothing selected) */
export type RelativeErrors = Record<"signal" | BackgroundSource | "total", number | null>;

export function mcRelativeErrors(y: YieldsLike): RelativeErrors {
  const rel = (v: number, u: number) => (v > 0 && Number.isFinite(u) ? u / v : null);
  const out = { signal: rel(y.expected.signal, y.uncertainty.expected.signal) } as RelativeErrors;
  for (const s of BACKGROUND_SOURCES)
    out[s] = rel(y.expected.background[s], y.uncertainty.expected.background[s]);
  out.total = rel(y.expected.background.total, y.uncertainty.expected.background.total);
  return out;
}

const pct = (x: number | null) =>
  x === null ? "— (none selected)" : `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;

/** "MC relative error of this run: signal 1.2%, π⁺π⁰ 8%, …" */
export function precisionLine(y: YieldsLike): string {
  const r = mcRelativeErrors(y);
  const parts = [`signal ${pct(r.signal)}`];
  for (const s of BACKGROUND_SOURCES) parts.push(`${BACKGROUND_LABELS[s]} ${pct(r[s])}`);
  parts.push(`total ${pct(r.total)}`);
  return `MC relative error of this run (${y.period}): ${parts.join(", ")}`;
}

export interface SingleEventFlag {
  period: string;
  region: string;
  pMin: number;
  pMax: number;
  source: BackgroundSource | "total";
  /** share of the source's expected events in the category carried by one simulated event */
  share: number;
  expected: number;
}

/**
 * a (category, source) pair is only flagged where it matters: its expected events are at least this
 * fraction of the total background of the result (a category of 10⁻⁹ events made of one event is
 * no concern)
 */
const FLAG_MIN_SHARE_OF_TOTAL = 0.01;

/**
 * the (category, source) pairs where one simulated event carries more than half of the weight and
 * that hold at least FLAG_MIN_SHARE_OF_TOTAL of the total background
 */
export function singleEventCategories(y: YieldsLike): SingleEventFlag[] {
  const out: SingleEventFlag[] = [];
  const floor = FLAG_MIN_SHARE_OF_TOTAL * y.expected.background.total;
  for (const c of y.categories) {
    for (const s of [...BACKGROUND_SOURCES, "total"] as const) {
      const share = c.maxEventShare?.[s] ?? 0;
      if (share > SINGLE_EVENT_SHARE && c.background[s] > 0 && c.background[s] >= floor)
        out.push({
          period: c.period,
          region: c.region,
          pMin: c.pMin,
          pMax: c.pMax,
          source: s,
          share,
          expected: c.background[s],
        });
    }
  }
  return out;
}

export function singleEventText(flags: SingleEventFlag[]): string {
  if (flags.length === 0)
    return "No category where one simulated event carries more than half of a source's weight.";
  const label = (s: BackgroundSource | "total") => (s === "total" ? "bkg total" : BACKGROUND_LABELS[s]);
  return (
    `⚠ One simulated event carries more than half of the weight in ${flags.length} (category, source) pair(s): ` +
    flags
      .map(
        (f) =>
          `${f.period} ${f.region} ${f.pMin}–${f.pMax} GeV/c ${label(f.source)} (${(100 * f.share).toFixed(0)}% of ${f.expected.toPrecision(2)})`,
      )
      .join("; ") +
    "."
  );
}

/** the comparison rows of the period and of each period of a combination */
function allRows(y: YieldsLike): { period: string; rows: ComparisonRow[] }[] {
  const own = { period: y.period, rows: compareFigures(y.period, y, y.uncertainty) };
  return [own, ...(y.components ?? []).flatMap(allRows)];
}

export interface UnreproducedSource {
  period: string;
  source: BackgroundSource;
  ratio: number | null;
  reason: string;
}

/** the background sources the BR uses (expected > 0 here) whose comparison with NA62 is "not reproduced" */
export function unreproducedBackgrounds(y: YieldsLike): UnreproducedSource[] {
  const out: UnreproducedSource[] = [];
  for (const { period, rows } of allRows(y))
    for (const r of rows) {
      const m = /^expected\.background\.(.+)$/.exec(r.figure);
      if (!m || r.status !== "not reproduced" || m[1] === "total") continue;
      out.push({ period, source: m[1] as BackgroundSource, ratio: r.ratio, reason: r.reason });
    }
  return out;
}

/** the warning appended to the BR and significance line (empty when every source is reproduced) */
export function inferenceWarning(y: YieldsLike): string {
  const u = unreproducedBackgrounds(y);
  if (u.length === 0) return "";
  return (
    "⚠ this BR and significance use background sources that do not reproduce NA62's: " +
    u
      .map(
        (x) =>
          `${BACKGROUND_LABELS[x.source]} ${x.period} (ratio ${x.ratio === null ? "—" : x.ratio.toFixed(2)})`,
      )
      .join(", ")
  );
}

/** the provenance tags as a table (report.md) */
export function provenanceTable(): TextTable {
  return { header: ["tag", "meaning"], rows: Object.entries(PROVENANCE_TAGS).map(([k, v]) => [k, v]) };
}

/** the MC relative errors as a table (report.md) */
export function precisionTable(y: YieldsLike): TextTable {
  const r = mcRelativeErrors(y);
  const rows: string[][] = [["signal", y.expected.signal.toPrecision(3), pct(r.signal)]];
  for (const s of BACKGROUND_SOURCES)
    rows.push([BACKGROUND_LABELS[s], y.expected.background[s].toPrecision(3), pct(r[s])]);
  rows.push(["bkg total", y.expected.background.total.toPrecision(3), pct(r.total)]);
  return { header: ["figure", "expected events", "MC relative error"], rows };
}

/**
 * The outputs of the K⁺→π⁺νν̄ analysis: the results JSON (the analysis layer's common shape,
 * src/analyses/layer/results.ts, with plain numbers, acceptances as fractions) and the terminal tables (each figure beside NA62's published one and
 * the ratio; the categories; for a combination, one line per period).
 */
import { formatTable } from "../../io/terminal.ts";
import { type CategoryKey, categoryText } from "../layer/categories.ts";
import type { CutFlowStep } from "../layer/cut-flow.ts";
import type { NtupleScale } from "../layer/ntuple.ts";
import type { TextTable } from "../layer/report.ts";
import { analysisResults, finiteOrNull } from "../layer/results.ts";
import {
  inferenceWarning,
  mcRelativeErrors,
  precisionLine,
  type RelativeErrors,
  type SingleEventFlag,
  singleEventCategories,
  singleEventText,
  type UnreproducedSource,
  unreproducedBackgrounds,
} from "./caveats.ts";
import type { CombinedYields } from "./combine.ts";
import { type ComparisonRow, compareFigures, compareInference, comparisonTextOf } from "./compare.ts";
import { publishedFigures, publishedInference } from "./conditions.ts";
import type { ObservedInference } from "./inference.ts";
import { BACKGROUND_LABELS, BACKGROUND_SOURCES } from "./samples.ts";
import type { PeriodYields, PnnCategory, PnnFigures } from "./yields.ts";

export type PnnYields = PeriodYields | CombinedYields;

export interface PnnResultJson {
  analysis: "pnn";
  period: string;
  seed: number;
  events: number;
  brSM: number;
  kaonDecays: number;
  acceptance: PnnFigures["acceptance"];
  efficiency: PnnFigures["efficiency"];
  nPiPi: number;
  ses: number | null;
  expected: PnnFigures["expected"];
  uncertainty: PnnFigures;
  categories: PnnCategory[];
  comparison: ComparisonRow[];
  /** expected events after the full selection in every kinematic region (control regions included) */
  regions: PeriodYields["regions"];
  /** the periods of a combination, each in this shape */
  periods?: PnnResultJson[];
  /** the smaller combinations a combination holds (run1 inside 2016-22), each in this shape */
  combinations?: PnnResultJson[];
  /** MC relative error (σ/value) of the signal, of each background source and of the total */
  mcRelativeError: RelativeErrors;
  /** (category, source) pairs where one simulated event carries more than half of the weight */
  singleEventCategories: SingleEventFlag[];
  /** NA62's observed candidates interpreted with kaonlab's SES and backgrounds */
  inference?: ObservedInference & {
    /** NA62's BR and significance; a significance published as a bound ("> 5σ") is in significanceLowerBound */
    published: { br: number | null; significance: number | null; significanceLowerBound: number | null };
    /** the background sources it uses that do not reproduce NA62's, and the warning line */
    unreproducedBackgrounds: UnreproducedSource[];
    warning: string;
  };
  /** the signal selection's cut flow (fractions of the K⁺→π⁺νν̄ decays in the fiducial volume) */
  cutFlow?: CutFlowStep[];
  /** expected events per unit of candidate-ntuple weight, per (period, sample) */
  ntupleScales?: NtupleScale[];
  [key: string]: unknown;
}

function figuresOf(y: PnnYields): PnnFigures {
  return {
    acceptance: y.acceptance,
    efficiency: y.efficiency,
    nPiPi: y.nPiPi,
    ses: y.ses,
    expected: y.expected,
  };
}

export interface ResultMeta {
  seed: number;
  events: number;
  inference?: ObservedInference | null;
  /** the signal cut flow of this period */
  cutFlow?: CutFlowStep[];
  /** of each period of a combination, in order */
  componentCutFlows?: CutFlowStep[][];
  ntupleScales?: NtupleScale[];
}

export function resultJson(y: PnnYields, meta: ResultMeta): PnnResultJson {
  const out = analysisResults(
    { analysis: "pnn", period: y.period, seed: meta.seed, events: meta.events },
    compareFigures(y.period, figuresOf(y), y.uncertainty),
    {
      brSM: y.brSM,
      kaonDecays: y.kaonDecays,
      acceptance: y.acceptance,
      efficiency: y.efficiency,
      nPiPi: y.nPiPi,
      ses: finiteOrNull(y.ses),
      expected: y.expected,
      uncertainty: y.uncertainty,
      categories: y.categories,
      regions: y.regions,
    },
    meta.cutFlow,
  ) as PnnResultJson;
  out.mcRelativeError = mcRelativeErrors(y);
  out.singleEventCategories = singleEventCategories(y);
  if ("components" in y)
    out.periods = y.components.map((c, i) =>
      resultJson(c, { seed: meta.seed, events: meta.events, cutFlow: meta.componentCutFlows?.[i] }),
    );
  if (meta.ntupleScales) out.ntupleScales = meta.ntupleScales;
  if (meta.inference) {
    const pub = publishedInference(y.period);
    // the BR and significance rows join the figures' comparison (same shape, same statuses)
    out.comparison = [...out.comparison, ...compareInference(y.period, meta.inference, mcOf(y))];
    out.inference = {
      ...meta.inference,
      published: {
        br: pub?.br.value ?? null,
        significance: pub?.significance.value ?? null,
        significanceLowerBound: pub?.significance.lowerBound ?? null,
      },
      unreproducedBackgrounds: unreproducedBackgrounds(y),
      warning: inferenceWarning(y),
    };
  }
  return out;
}

/**
 * The main table: figure, published, ours ± MC stat, ratio, status, provenance tag of the published
 * value (and, with `reasons`, why the status)
 */
export function comparisonTable(y: PnnYields, reasons = false): TextTable {
  return comparisonTextOf(compareFigures(y.period, figuresOf(y), y.uncertainty), reasons);
}

const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "—");
const f3 = (x: number) =>
  Number.isFinite(x) ? (x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(1) : x.toFixed(3)) : "—";

/** expected signal and backgrounds per (period, region, momentum bin): the analysis layer's category table */
export function categoryTable(y: PnnYields): TextTable {
  const keys: CategoryKey<PnnCategory>[] = [
    ...("components" in y ? [{ header: "period", cell: (c: PnnCategory) => c.period }] : []),
    { header: "region", cell: (c) => c.region },
    { header: "p [GeV/c]", cell: (c) => `${c.pMin}–${c.pMax}` },
  ];
  return categoryText(
    y.categories,
    keys,
    BACKGROUND_SOURCES.map((s) => ({ key: s, label: BACKGROUND_LABELS[s] })),
  );
}

/** expected events after the full selection in every kinematic region (the control regions included) */
export function regionTable(y: PnnYields): TextTable {
  return {
    header: ["region", "signal", ...BACKGROUND_SOURCES.map((s) => BACKGROUND_LABELS[s]), "bkg total"],
    rows: y.regions.map((r) => [
      r.region,
      f3(r.signal),
      ...BACKGROUND_SOURCES.map((s) => f3(r.background[s])),
      f3(r.background.total),
    ]),
  };
}

/**
 * one line per period of a combination: SES, signal, background, each beside the published value;
 * `inner` adds the smaller combinations it holds (run1 inside 2016-22) before its own total
 */
export function periodsTable(y: CombinedYields, inner: CombinedYields[] = []): TextTable {
  const pub = (p: string, k: string) => publishedFigures(p)[k]?.value;
  const cell = (ours: number, published: number | undefined, scale = 1) =>
    published === undefined ? f2(ours * scale) : `${f2(ours * scale)} (${f2(published * scale)})`;
  const rows = [...y.components, ...inner, y].map((c) => [
    c.period,
    cell(c.ses, pub(c.period, "ses"), 1e11),
    cell(c.expected.signal, pub(c.period, "expected.signal")),
    cell(c.expected.background.total, pub(c.period, "expected.background.total")),
    cell(c.expected.background.upstream, pub(c.period, "expected.background.upstream")),
  ]);
  return {
    header: ["period", "SES × 10¹¹ (NA62)", "N_πνν SM (NA62)", "bkg total (NA62)", "upstream (NA62)"],
    rows,
  };
}

const text = (t: TextTable) => formatTable(t.header, t.rows);

/** one line: the BR and significance NA62's candidates give with our SES and backgrounds */
export function inferenceLine(period: string, inf: ObservedInference): string {
  const pub = publishedInference(period);
  const e = (x: number) => (x * 1e11).toFixed(1);
  const pubBr = pub
    ? `; NA62: ${e(pub.br.value as number)} +${e(pub.br.errorUp as number)} −${e(pub.br.errorDown as number)}`
    : "";
  const z = pub?.significance;
  const pubZ = z ? `; NA62: ${z.lowerBound !== undefined ? `> ${z.lowerBound}` : z.value}σ` : "";
  return (
    `NA62's ${inf.observed.reduce((a, b) => a + b, 0)} candidates (${inf.periods.map((p, i) => `${p}: ${inf.observed[i]}`).join(", ")}) ` +
    `with kaonlab's SES and backgrounds: BR = ${e(inf.brBestFit)} +${e(inf.brInterval[1] - inf.brBestFit)} −${e(inf.brBestFit - inf.brInterval[0])} × 10⁻¹¹ (68% CL${pubBr}), ` +
    `background-only significance ${inf.significance.toFixed(1)}σ (asymptotic${pubZ})`
  );
}

/** everything a terminal shows after `kaonlab run pnn` */
export function terminalReport(
  y: PnnYields,
  inference?: ObservedInference | null,
  inner: CombinedYields[] = [],
): string {
  const parts = [
    `K⁺→π⁺νν̄ ${y.period}: N_K = ${y.kaonDecays.toExponential(3)} K⁺ decays in the fiducial volume, ` +
      `BR_SM = ${y.brSM.toExponential(2)}`,
    text(comparisonTable(y)),
  ];
  if ("components" in y) parts.push("", text(periodsTable(y, inner)));
  parts.push("", text(categoryTable(y)));
  parts.push("", precisionLine(y), singleEventText(singleEventCategories(y)));
  if (inference) {
    parts.push("", inferenceLine(y.period, inference));
    parts.push(text(inferenceTable(y, inference)));
    const w = inferenceWarning(y);
    if (w) parts.push(w);
  }
  return parts.join("\n");
}

/** the MC errors of the total background and the SES (what the BR's MC error comes from) */
function mcOf(y: PnnYields): { background: number; ses: number } {
  return { background: y.uncertainty.expected.background.total, ses: y.uncertainty.ses };
}

/** the BR and significance from NA62's candidates beside NA62's, with their statuses and reasons */
export function inferenceTable(y: PnnYields, inference: ObservedInference): TextTable {
  return comparisonTextOf(compareInference(y.period, inference, mcOf(y)), true);
}

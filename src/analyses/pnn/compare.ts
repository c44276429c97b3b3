/**
 * Our figures beside NA62's published ones, through the analysis layer's comparison
 * (src/analyses/layer/comparison.ts): one row per figure with the ratio ours/published and a status
 * (reproduced, calibrated, not reproduced, no reference) judged with the tolerances and the list of
 * calibrated figures of conditions/analyses/pnn/comparison.json.
 */
import { loadConditions } from "../../core/conditions.ts";
import {
  type ComparisonConditions,
  type ComparisonEntry,
  calibratedFor,
  compare,
  toleranceFor,
} from "../layer/comparison.ts";
import { comparisonText, type FigureFormat, type TextTable } from "../layer/report.ts";
import { type PublishedFigure, publishedFigures } from "./conditions.ts";
import { BACKGROUND_LABELS, BACKGROUND_SOURCES } from "./samples.ts";
import type { PnnFigures } from "./yields.ts";

export interface FigureDef extends FigureFormat {
  /** path in the JSON output */
  path: string;
  label: string;
}

export const FIGURES: readonly FigureDef[] = [
  { path: "nPiPi", label: "N_ππ × 10⁻⁷", scale: 1e-7, digits: 2 },
  { path: "acceptance.pipi", label: "A_ππ × 10²", scale: 1e2, digits: 2 },
  { path: "acceptance.pinunu", label: "A_πνν × 10²", scale: 1e2, digits: 2 },
  { path: "efficiency.trigger", label: "ε_trig (PNN)", scale: 1, digits: 3 },
  { path: "efficiency.randomVeto", label: "ε_RV", scale: 1, digits: 3 },
  { path: "ses", label: "SES × 10¹⁰", scale: 1e10, digits: 3 },
  { path: "expected.signal", label: "N_πνν (SM)", scale: 1, digits: 2 },
  ...BACKGROUND_SOURCES.map((s) => ({
    path: `expected.background.${s}`,
    label: `bkg ${BACKGROUND_LABELS[s]}`,
    scale: 1,
    digits: 3,
  })),
  { path: "expected.background.total", label: "bkg total", scale: 1, digits: 2 },
];

export type ComparisonRow = ComparisonEntry;

export function getPath(o: unknown, path: string): number {
  let v: unknown = o;
  for (const k of path.split(".")) v = (v as Record<string, unknown>)?.[k];
  return typeof v === "number" ? v : Number.NaN;
}

/** tolerances and calibrated figures (conditions/analyses/pnn/comparison.json) */
export function comparisonConditions(): ComparisonConditions {
  return loadConditions<ComparisonConditions>("analyses/pnn/comparison.json");
}

export function compareFigures(
  period: string,
  ours: PnnFigures,
  uncertainty: PnnFigures,
  published: Record<string, PublishedFigure> = publishedFigures(period),
  cond: ComparisonConditions = comparisonConditions(),
): ComparisonRow[] {
  return FIGURES.map((f) =>
    compare({
      figure: f.path,
      label: f.label,
      ours: getPath(ours, f.path),
      uncertainty: getPath(uncertainty, f.path),
      reference: published[f.path] ?? null,
      tolerance: toleranceFor(cond, f.path),
      calibrated: calibratedFor(cond, period, f.path),
    }),
  );
}

/** the comparison rows as text: figure, published, ours ± MC stat, ratio, status, tag */
export function comparisonTextOf(rows: ComparisonRow[], reasons = false): TextTable {
  return comparisonText(rows, (figure) => FIGURES.find((x) => x.path === figure)!, reasons);
}

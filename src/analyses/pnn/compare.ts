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
import { type PublishedFigure, publishedFigures, publishedInference } from "./conditions.ts";
import type { ObservedInference } from "./inference.ts";
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

/**
 * The BR and significance NA62's observed candidates give with kaonlab's SES and backgrounds
 * (inference.ts), compared with NA62's own: rows of the comparison of a period or combination
 * with published candidates.
 */
export const INFERENCE_FIGURES: readonly FigureDef[] = [
  { path: "inference.br", label: "BR × 10¹¹ (NA62's candidates)", scale: 1e11, digits: 1 },
  { path: "inference.significance", label: "significance [σ]", scale: 1, digits: 1 },
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

/**
 * The inference rows: BR (68% CL interval half-width as its uncertainty) and background-only
 * significance against NA62's. A significance published as a lower bound ("> 5σ") is reproduced
 * when ours reaches the bound, and not reproduced otherwise.
 */
export function compareInference(
  period: string,
  inf: ObservedInference,
  /** MC statistical errors of the total background and of the SES the fit used (0 when unknown) */
  mc: { background: number; ses: number } = { background: 0, ses: 0 },
  cond: ComparisonConditions = comparisonConditions(),
): ComparisonRow[] {
  const pub = publishedInference(period);
  const [brDef, zDef] = INFERENCE_FIGURES;
  const br = compare({
    figure: brDef.path,
    label: brDef.label,
    ours: inf.brBestFit,
    // the MC error of ours, from BR ≈ (N − B)·SES: σ² = (SES·σ_B)² + (BR·σ_SES/SES)² (the
    // candidates' Poisson error is the published errors' kind and is not added)
    uncertainty: Math.hypot(inf.ses * mc.background, inf.ses > 0 ? (inf.brBestFit * mc.ses) / inf.ses : 0),
    reference: pub?.br ?? null,
    tolerance: toleranceFor(cond, brDef.path),
    calibrated: null,
  });
  const zRef = pub?.significance ?? null;
  const z = compare({
    figure: zDef.path,
    label: zDef.label,
    ours: inf.significance,
    uncertainty: 0,
    reference: zRef && zRef.lowerBound === undefined ? zRef : null,
    tolerance: toleranceFor(cond, zDef.path),
    calibrated: null,
  });
  if (zRef?.lowerBound !== undefined) {
    const bound = zRef.lowerBound;
    const ok = inf.significance >= bound;
    return [
      br,
      {
        ...z,
        label: `${zDef.label} (NA62: > ${bound})`,
        publishedLimit: null,
        tag: zRef.tag,
        source: zRef.source,
        status: ok ? "reproduced" : "not reproduced",
        reason: `${ok ? "reaches" : "below"} the published bound > ${bound}σ (${inf.significance.toFixed(1)}σ, asymptotic)`,
      },
    ];
  }
  return [br, z];
}

/** the format of a comparison row's figure */
export function figureDef(figure: string): FigureDef {
  const f = FIGURES.find((x) => x.path === figure) ?? INFERENCE_FIGURES.find((x) => x.path === figure);
  if (!f) throw new RangeError(`pnn comparison: unknown figure "${figure}"`);
  return f;
}

/** the comparison rows as text: figure, published, ours ± MC stat, ratio, status, tag */
export function comparisonTextOf(rows: ComparisonRow[], reasons = false): TextTable {
  return comparisonText(rows, figureDef, reasons);
}

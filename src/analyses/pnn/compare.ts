/**
 * Our figures beside NA62's published ones: one row per figure with the ratio ours/published, for
 * the terminal table, the JSON output and the documentation table.
 */
import { type PublishedFigure, publishedFigures } from "./conditions.ts";
import { BACKGROUND_LABELS, BACKGROUND_SOURCES } from "./samples.ts";
import type { PnnFigures } from "./yields.ts";

export interface FigureDef {
  /** path in the JSON output */
  path: string;
  label: string;
  /** display scale (the published tables quote A × 10², SES × 10¹⁰, N_ππ × 10⁻⁷) */
  scale: number;
  digits: number;
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

export interface ComparisonRow {
  figure: string;
  label: string;
  ours: number;
  uncertainty: number;
  /** published central value, or null (unpublished, or an upper bound) */
  published: number | null;
  publishedLimit: number | null;
  publishedErrorUp: number | null;
  publishedErrorDown: number | null;
  /** ours / published, null without a published central value */
  ratio: number | null;
  tag: string | null;
  source: string | null;
}

export function getPath(o: unknown, path: string): number {
  let v: unknown = o;
  for (const k of path.split(".")) v = (v as Record<string, unknown>)?.[k];
  return typeof v === "number" ? v : Number.NaN;
}

export function compareFigures(
  period: string,
  ours: PnnFigures,
  uncertainty: PnnFigures,
  published: Record<string, PublishedFigure> = publishedFigures(period),
): ComparisonRow[] {
  return FIGURES.map((f) => {
    const p = published[f.path];
    const value = getPath(ours, f.path);
    const pub = p?.value ?? null;
    return {
      figure: f.path,
      label: f.label,
      ours: value,
      uncertainty: getPath(uncertainty, f.path),
      published: pub,
      publishedLimit: p?.limit ?? null,
      publishedErrorUp: p ? (p.errorUp ?? p.error ?? null) : null,
      publishedErrorDown: p ? (p.errorDown ?? p.error ?? null) : null,
      ratio: pub !== null && pub !== 0 ? value / pub : null,
      tag: p?.tag ?? null,
      source: p?.source ?? null,
    };
  });
}

/** a number at the figure's display scale */
export function formatScaled(f: FigureDef, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return "—";
  const x = v * f.scale;
  if (x !== 0 && Math.abs(x) < 10 ** -f.digits) return x.toExponential(1);
  return x.toFixed(f.digits);
}

/** rows of strings: figure, published, ours ± MC stat, ratio, tag */
export function comparisonCells(rows: ComparisonRow[]): string[][] {
  return rows.map((r) => {
    const f = FIGURES.find((x) => x.path === r.figure)!;
    let pub = "—";
    if (r.published !== null) {
      pub = formatScaled(f, r.published);
      if (r.publishedErrorUp !== null && r.publishedErrorDown !== null) {
        pub +=
          r.publishedErrorUp === r.publishedErrorDown
            ? ` ± ${formatScaled(f, r.publishedErrorUp)}`
            : ` +${formatScaled(f, r.publishedErrorUp)} −${formatScaled(f, r.publishedErrorDown)}`;
      }
    } else if (r.publishedLimit !== null) {
      pub = `< ${formatScaled(f, r.publishedLimit)}`;
    }
    const ours = `${formatScaled(f, r.ours)} ± ${formatScaled(f, r.uncertainty)}`;
    const ratio = r.ratio === null || !Number.isFinite(r.ratio) ? "—" : r.ratio.toFixed(2);
    return [r.label, pub, ours, ratio, r.tag ?? ""];
  });
}

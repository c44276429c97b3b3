/**
 * Plot specifications: what a job asks the report to draw, in data terms. A spec refers to the
 * histograms it draws; src/io/plot-svg.ts renders it to SVG and src/io/png.ts to PNG.
 *
 * - hist1d: one or more 1D histograms, overlaid or stacked (e.g. m²miss by background source),
 *   optionally with vertical bands (e.g. the signal regions in m²miss).
 * - hist2d: a 2D histogram as a colour map, with labelled region outlines (e.g. the (p_π, m²miss)
 *   plane with the signal and control regions).
 * - efficiency: pass/total ratios per bin with binomial errors (e.g. acceptance vs momentum).
 */
import { binEdge, type Hist1D, type Hist2D } from "./histogram.ts";

/** a labelled region of a 2D plane: a box, or a polygon in data coordinates */
export interface Region {
  label: string;
  x?: [number, number];
  y?: [number, number];
  polygon?: [number, number][];
  /** CSS colour of the outline */
  color?: string;
  /** dashed outline (e.g. control regions); a string is an SVG dash array ("2,3": dotted) */
  dashed?: boolean | string;
  /** a polygon drawn as an open line (e.g. a region's only boundary inside the plot) */
  open?: boolean;
  /** where to put the label, in data coordinates (default: inside the top-left corner) */
  labelAt?: [number, number];
  labelAnchor?: "start" | "middle" | "end";
}

/** a labelled vertical band of a 1D plot */
export interface Band {
  label: string;
  x: [number, number];
  color?: string;
}

export interface Series1D {
  hist: Hist1D;
  label: string;
  color?: string;
}

interface PlotBase {
  /** file stem of the plot (plots/<name>.svg, .png) */
  name: string;
  title: string;
  xLabel?: string;
  yLabel?: string;
  /** a sentence under the figure in report.md */
  caption?: string;
}

export interface Hist1DPlot extends PlotBase {
  kind: "hist1d";
  series: Series1D[];
  /** stack the series (first at the bottom) instead of overlaying them */
  stack?: boolean;
  logY?: boolean;
  /** lower end of a log y axis (default: the smallest content / 2, at most 7 decades below the maximum) */
  yMin?: number;
  /** scale each series to unit area (shapes) */
  normalise?: boolean;
  bands?: Band[];
}

export interface Hist2DPlot extends PlotBase {
  kind: "hist2d";
  hist: Hist2D;
  logZ?: boolean;
  regions?: Region[];
}

export interface EfficiencySeries {
  pass: Hist1D;
  total: Hist1D;
  label: string;
  color?: string;
  /**
   * binomial (default): √(ε(1−ε)/N_eff) with N_eff = (Σw)²/Σw² of the total;
   * weights: √(Σw²_pass)/Σw_total — a selected weighted sum over a fixed generated total (acceptances
   * of weighted samples, where the pass weights are products of probabilities)
   */
  errors?: "binomial" | "weights";
}

export interface EfficiencyPlot extends PlotBase {
  kind: "efficiency";
  series: EfficiencySeries[];
  /** y range (default 0 to 1.05 × the largest ratio + error) */
  yRange?: [number, number];
}

export type PlotSpec = Hist1DPlot | Hist2DPlot | EfficiencyPlot;

/** a report table */
export interface ReportTable {
  title: string;
  header: string[];
  rows: (string | number)[][];
}

/** what a job's merge hands to the report */
export interface ReportContent {
  /** one paragraph or more of markdown at the top of the report */
  summary?: string;
  tables: ReportTable[];
  plots: PlotSpec[];
  /**
   * the exposure written under every plot after "kaonlab simulation" (default: the period and the
   * run's number of simulated decays), e.g. "run1, 4 × 10^{6} simulated K⁺ decays per period"
   */
  exposure?: string;
}

/** per-bin ratio pass/total with a binomial error using the effective number of entries */
export function ratioPoints(
  pass: Hist1D,
  total: Hist1D,
  errors: "binomial" | "weights" = "binomial",
): { x: number; lo: number; hi: number; value: number; error: number }[] {
  const out = [];
  for (let i = 1; i <= total.x.n; i++) {
    const t = total.sumw[i];
    if (!(t > 0)) continue;
    const p = pass.sumw[i];
    const eff = p / t;
    const nEff = (t * t) / total.sumw2[i];
    const lo = binEdge(total.x, i);
    const hi = binEdge(total.x, i + 1);
    out.push({
      x: 0.5 * (lo + hi),
      lo,
      hi,
      value: eff,
      error:
        errors === "weights" ? Math.sqrt(pass.sumw2[i]) / t : Math.sqrt(Math.max(0, eff * (1 - eff)) / nEff),
    });
  }
  return out;
}

/**
 * The series symbols a caption names: an upper-case letter, "_" and a subscript (A_πνν, A_ππ, N_bkg);
 * lower-case ones (p_π) are variables, not series.
 */
export function captionSymbols(caption: string): string[] {
  return [...new Set([...caption.matchAll(/(?<![\p{L}\p{N}_])\p{Lu}_[\p{L}\p{N}⁺⁻⁰]+/gu)].map((m) => m[0]))];
}

/** the caption's series symbols that none of the plot's series labels carries */
export function captionSeriesMissing(p: PlotSpec): string[] {
  if (!p.caption || p.kind === "hist2d") return [];
  const labels = p.series.map((s) => s.label);
  return captionSymbols(p.caption).filter((sym) => !labels.some((l) => l.includes(sym)));
}

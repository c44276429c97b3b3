/**
 * Report pieces every analysis shares: the comparison table and the cut-flow table, as report
 * tables (src/io/plot.ts: markdown and plots in the run folder) and as terminal text.
 */
import type { ReportTable } from "../../io/plot.ts";
import { formatTable } from "../../io/terminal.ts";
import type { ComparisonEntry } from "./comparison.ts";
import type { CutFlowStep } from "./cut-flow.ts";

/** how a figure is shown: a scale (the published tables quote A × 10², SES × 10¹⁰ …) and digits */
export interface FigureFormat {
  scale: number;
  digits: number;
}

export const PLAIN: FigureFormat = { scale: 1, digits: 3 };

/** a number at the figure's display scale */
export function formatScaled(f: FigureFormat, v: number | null): string {
  if (v === null || !Number.isFinite(v)) return "—";
  const x = v * f.scale;
  if (x !== 0 && Math.abs(x) < 10 ** -f.digits) return x.toExponential(1);
  return x.toFixed(f.digits);
}

export interface TextTable {
  header: string[];
  rows: string[][];
}

function publishedCell(f: FigureFormat, r: ComparisonEntry): string {
  if (r.published !== null) {
    let s = formatScaled(f, r.published);
    if (r.publishedErrorUp !== null && r.publishedErrorDown !== null) {
      s +=
        r.publishedErrorUp === r.publishedErrorDown
          ? ` ± ${formatScaled(f, r.publishedErrorUp)}`
          : ` +${formatScaled(f, r.publishedErrorUp)} −${formatScaled(f, r.publishedErrorDown)}`;
    }
    return s;
  }
  if (r.publishedLimit !== null) return `< ${formatScaled(f, r.publishedLimit)}`;
  return "—";
}

/**
 * The comparison table: figure, published, ours ± MC stat, ratio, status, tag (and, with `reasons`,
 * the one-line reason)
 */
export function comparisonText(
  rows: ComparisonEntry[],
  format: (figure: string) => FigureFormat = () => PLAIN,
  reasons = false,
): TextTable {
  return {
    header: [
      "figure",
      "NA62 published",
      "kaonlab ± MC stat",
      "ratio",
      "status",
      "tag",
      ...(reasons ? ["why"] : []),
    ],
    rows: rows.map((r) => {
      const f = format(r.figure);
      const ratio = r.ratio === null || !Number.isFinite(r.ratio) ? "—" : r.ratio.toFixed(2);
      return [
        r.label,
        publishedCell(f, r),
        `${formatScaled(f, r.ours)} ± ${formatScaled(f, r.uncertainty)}`,
        ratio,
        r.status,
        r.tag ?? "",
        ...(reasons ? [r.reason] : []),
      ];
    }),
  };
}

/** the cut flow as a table: one column per flow (e.g. per sample), fractions of each flow's reference */
export function cutFlowText(flows: { label: string; steps: CutFlowStep[] }[]): TextTable {
  const cuts = flows[0]?.steps.map((s) => s.cut) ?? [];
  return {
    header: ["step", ...flows.map((f) => f.label)],
    rows: cuts.map((c, i) => [
      c,
      ...flows.map((f) => {
        const s = f.steps[i];
        return s.fraction === null ? "—" : s.fraction.toExponential(3);
      }),
    ]),
  };
}

export function reportTable(title: string, t: TextTable): ReportTable {
  return { title, header: t.header, rows: t.rows };
}

export function terminalText(t: TextTable): string {
  return formatTable(t.header, t.rows);
}

/** one line per status: how many figures are reproduced, calibrated, … */
export function statusSummary(rows: ComparisonEntry[]): string {
  const n = new Map<string, number>();
  for (const r of rows) n.set(r.status, (n.get(r.status) ?? 0) + 1);
  return [...n.entries()].map(([s, k]) => `${k} ${s}`).join(", ");
}

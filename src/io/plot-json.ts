/**
 * A report figure as JSON (plots/<name>.json beside its SVG and PNG): what an interactive viewer
 * (`kaonlab serve`) needs to redraw it — the series with their resolved colours and histograms in
 * the plain layout of histograms/<name>.json, the y label, log axes, bands, the plane's regions,
 * efficiency points with errors, and the "kaonlab simulation" stamp.
 */
import { histToPlain } from "./histogram.ts";
import { type PlotSpec, ratioPoints } from "./plot.ts";
import { PALETTE, perBinLabel } from "./plot-svg.ts";

export function plotToJson(p: PlotSpec, stamp: string): Record<string, unknown> {
  const base = { name: p.name, kind: p.kind, title: p.title, caption: p.caption ?? null, stamp };
  if (p.kind === "hist1d") {
    // the axis titles of the SVG (src/io/plot-svg.ts)
    const first = p.series[0].hist;
    const xLabel = p.xLabel ?? first.x.label;
    const per = /^(expected )?events$/i.exec(first.yLabel);
    const defaultY = per ? perBinLabel(first, xLabel, per[1] ? "Expected events" : "Events") : first.yLabel;
    return {
      ...base,
      xLabel,
      yLabel: p.yLabel ?? (p.normalise ? perBinLabel(first, xLabel, "Fraction") : defaultY),
      stack: p.stack ?? false,
      logY: p.logY ?? false,
      yMin: p.yMin ?? null,
      normalise: p.normalise ?? false,
      bands: p.bands ?? [],
      series: p.series.map((s, k) => ({
        label: s.label,
        color: s.color ?? PALETTE[k % PALETTE.length],
        hist: histToPlain(s.hist),
      })),
    };
  }
  if (p.kind === "hist2d") {
    return {
      ...base,
      xLabel: p.xLabel ?? p.hist.x.label ?? "",
      yLabel: p.yLabel ?? p.hist.y.label ?? "",
      logZ: p.logZ ?? false,
      regions: p.regions ?? [],
      hist: histToPlain(p.hist),
    };
  }
  return {
    ...base,
    xLabel: p.xLabel ?? p.series[0]?.total.x.label ?? "",
    yLabel: p.yLabel ?? "efficiency",
    yRange: p.yRange ?? null,
    series: p.series.map((s, k) => ({
      label: s.label,
      color: s.color ?? PALETTE[k % PALETTE.length],
      points: ratioPoints(s.pass, s.total, s.errors),
    })),
  };
}

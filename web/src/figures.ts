/** A run's figure (plots/<name>.json) as an interactive plot model. */
import type { FigureJson, PlainHist } from "./api.ts";
import type { Layer, PlotModel } from "./plot.ts";

/** the bins 1..n of a plain histogram (index 0 and n+1 are under- and overflow) */
function bins(h: PlainHist): { values: number[]; errors: number[] } {
  const n = h.x.edges.length - 1;
  return {
    values: h.sumw.slice(1, n + 1),
    errors: h.sumw2.slice(1, n + 1).map((v) => Math.sqrt(v)),
  };
}

export function figureModel(f: FigureJson): PlotModel {
  const base = { title: f.title, xLabel: f.xLabel, yLabel: f.yLabel, stamp: f.stamp };
  if (f.kind === "hist2d" && f.hist) {
    const h = f.hist;
    const nx = h.x.edges.length - 1;
    const ny = (h.y?.edges.length ?? 2) - 1;
    const values: number[] = new Array(nx * ny);
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) values[i + nx * j] = h.sumw[i + 1 + (nx + 2) * (j + 1)];
    return {
      ...base,
      logY: f.logZ ?? false,
      regions: f.regions ?? [],
      layers: [
        {
          kind: "heat",
          label: h.zLabel ?? "content",
          xEdges: h.x.edges,
          yEdges: h.y?.edges ?? [0, 1],
          values,
        },
      ],
    };
  }
  if (f.kind === "efficiency") {
    const layers: Layer[] = (f.series ?? []).map((s) => ({
      kind: "points",
      label: s.label,
      color: s.color,
      x: (s.points ?? []).map((p) => p.x),
      y: (s.points ?? []).map((p) => p.value),
      yErr: (s.points ?? []).map((p) => p.error),
      xLo: (s.points ?? []).map((p) => p.lo),
      xHi: (s.points ?? []).map((p) => p.hi),
    }));
    return { ...base, layers, ...(f.yRange ? { yRange: f.yRange } : {}) };
  }
  const layers: Layer[] = [];
  let below: number[] | null = null;
  for (const s of f.series ?? []) {
    if (!s.hist) continue;
    let { values, errors } = bins(s.hist);
    if (f.normalise) {
      const sum = values.reduce((a, b) => a + b, 0) || 1;
      values = values.map((v) => v / sum);
      errors = errors.map((v) => v / sum);
    }
    const layer: Layer = {
      kind: "step",
      label: s.label,
      color: s.color,
      edges: s.hist.x.edges,
      values,
      errors,
    };
    if (f.stack) {
      const base: number[] = below ?? values.map(() => 0);
      layer.base = base;
      below = values.map((v, i) => v + base[i]);
    }
    layers.push(layer);
  }
  return {
    ...base,
    layers,
    logY: f.logY ?? false,
    ...(f.yMin ? { yMin: f.yMin } : {}),
    bands: f.bands ?? [],
  };
}

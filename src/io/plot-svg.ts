/**
 * SVG rendering of plot specs (src/io/plot.ts): axes with nice ticks, linear or log scales, step
 * histograms (overlaid or stacked) with a legend, colour maps with a colour bar and region outlines,
 * efficiency points with error bars. Pure string output, deterministic (same spec → same bytes), no
 * DOM: it runs in a worker, in Node and in the browser alike.
 */
import { binEdge, type Hist1D } from "./histogram.ts";
import { type EfficiencyPlot, type Hist1DPlot, type Hist2DPlot, type PlotSpec, ratioPoints } from "./plot.ts";

export const PLOT_WIDTH = 800;
export const PLOT_HEIGHT = 560;
const FONT = "Liberation Sans, DejaVu Sans, Arial, Helvetica, sans-serif";
/** default dynamic range of a log-y 1D plot, decades below its maximum */
export const LOG_DECADES = 7;

/** colours for series (colour-blind friendly, Okabe–Ito then Tol) */
export const PALETTE = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#F0E442",
  "#000000",
  "#882255",
  "#44AA99",
  "#999933",
  "#AA4499",
];

/** viridis, sampled at 9 stops */
const VIRIDIS = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** the viridis colour at t in [0, 1] (clamped), as CSS rgb() */
export function colourMap(t: number): string {
  const u = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - i;
  const c = VIRIDIS[i].map((v, k) => Math.round(v + f * (VIRIDIS[i + 1][k] - v)));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * SVG text content of a label with sub- and superscripts: "p_π", "p_{track}", "m^2_{miss}",
 * "10^{-11}" become raised or lowered smaller text (no underscores or carets left in the picture).
 */
export function richText(s: string): string {
  const re = /([_^])(\{([^}]*)\}|([^\s_^{}()[\],/]+))/g;
  let out = "";
  let at = 0;
  let shift = 0;
  const plain = (text: string) => {
    if (text === "") return;
    out += shift === 0 ? esc(text) : `<tspan dy="${-shift}em">${esc(text)}</tspan>`;
    shift = 0;
  };
  for (const m of s.matchAll(re)) {
    plain(s.slice(at, m.index));
    const target = m[1] === "^" ? -0.4 : 0.3;
    const dy = Math.round((target - shift) * 100) / 100;
    out += `<tspan dy="${dy}em" font-size="75%">${esc(m[3] ?? m[4] ?? "")}</tspan>`;
    shift = target;
    at = (m.index ?? 0) + m[0].length;
  }
  plain(s.slice(at));
  return out;
}

/** a number short enough for SVG coordinates (deterministic) */
function f(v: number): string {
  return (Math.round(v * 100) / 100).toString();
}

/** tick label: no float noise (0.30000000000000004 → 0.3) */
function tickLabel(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) {
    const e = Math.floor(Math.log10(a));
    const m = v / 10 ** e;
    const ms = Number(m.toPrecision(3)).toString();
    return ms === "1" ? `10^${e}` : `${ms}×10^${e}`; // rendered with a superscript by tickSvg
  }
  return Number(v.toPrecision(6)).toString();
}

/** tick label in scientific form whatever its size (1e4 → 10^4, 2e4 → 2×10^4) */
function sciLabel(v: number): string {
  if (v === 0) return "0";
  const e = Math.floor(Math.log10(Math.abs(v)) + 1e-12);
  const ms = Number((v / 10 ** e).toPrecision(3)).toString();
  return ms === "1" ? `10^${e}` : `${ms}×10^${e}`;
}

/** the labels of an axis's ticks: all in scientific form when any of them needs it */
function tickLabels(values: number[]): string[] {
  const plain = values.map(tickLabel);
  return plain.some((t) => t.includes("^")) ? values.map(sciLabel) : plain;
}

/** tick label as SVG text content: a^b becomes a with a raised exponent */
function tickSvg(v: number, label = tickLabel(v)): string {
  const t = label;
  const k = t.indexOf("^");
  if (k < 0) return esc(t);
  return `${esc(t.slice(0, k))}<tspan dy="-6" font-size="10">${esc(t.slice(k + 1))}</tspan>`;
}

/** "nice" linear ticks over [lo, hi] */
export function niceTicks(lo: number, hi: number, target = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++)
    out.push(Number((k * step).toPrecision(12)) + 0);
  return out;
}

interface Scale {
  lo: number;
  hi: number;
  log: boolean;
  /** pixel range */
  p0: number;
  p1: number;
}

function map(s: Scale, v: number): number {
  const t = s.log
    ? (Math.log10(v) - Math.log10(s.lo)) / (Math.log10(s.hi) - Math.log10(s.lo))
    : (v - s.lo) / (s.hi - s.lo);
  return s.p0 + t * (s.p1 - s.p0);
}

function ticksOf(s: Scale): number[] {
  // a scale with an infinite or undefined end has no ticks (it would never end on a log axis)
  if (!Number.isFinite(s.lo) || !Number.isFinite(s.hi)) return [];
  if (!s.log) return niceTicks(s.lo, s.hi);
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(s.lo) - 1e-9); 10 ** e <= s.hi * (1 + 1e-9); e++) out.push(10 ** e);
  return out;
}

interface Frame {
  x: Scale;
  y: Scale;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** rough width of a text in the sans-serif fonts used (mean advance ≈ 0.55 em) */
export function textWidth(text: string, fontSize: number): number {
  return 0.55 * fontSize * [...text].length;
}

/**
 * The title: centred over the plot area at 17 px when it fits there, else centred on the canvas
 * and shrunk to fit its width (long titles must not run off the picture).
 */
function titleSvg(title: string, left: number, right: number): string {
  let size = 17;
  let cx = (left + right) / 2;
  if (textWidth(title, size) > right - left) {
    cx = PLOT_WIDTH / 2;
    size = Math.max(9, Math.min(17, Math.floor((10 * (PLOT_WIDTH - 16)) / (0.55 * [...title].length)) / 10));
  }
  return `<text x="${f(cx)}" y="24" text-anchor="middle" font-size="${size}">${richText(title)}</text>`;
}

/** a label readable on any background: a halo of the contrasting colour under the text */
function haloText(x: number, y: number, text: string, color: string, attrs = ""): string[] {
  const halo = isLight(color) ? "#000" : "#fff";
  const a = `x="${f(x)}" y="${f(y)}" font-size="13" font-weight="bold"${attrs ? ` ${attrs}` : ""}`;
  return [
    `<text ${a} fill="${halo}" stroke="${halo}" stroke-width="2.5" stroke-linejoin="round" opacity="0.85">${esc(text)}</text>`,
    `<text ${a} fill="${color}">${esc(text)}</text>`,
  ];
}

function isLight(color: string): boolean {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (!m) return false;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(h.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b > 150;
}

/** "kaonlab simulation" and the period/exposure, under the plot on the left */
function stampSvg(stamp: string, x: number, y: number): string {
  return `<text x="${x - 80}" y="${y}" font-size="12"><tspan font-weight="bold" font-style="italic">kaonlab simulation</tspan><tspan dx="6">${richText(stamp)}</tspan></text>`;
}

/** the axes box, ticks, labels and title */
function axes(fr: Frame, title: string, xLabel: string, yLabel: string, stamp?: string): string[] {
  const o: string[] = [];
  const { left, right, top, bottom } = fr;
  o.push(
    `<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#000" stroke-width="1"/>`,
  );
  const xt = ticksOf(fr.x).filter((t) => {
    const px = map(fr.x, t);
    return px >= left - 0.5 && px <= right + 0.5;
  });
  const xl = tickLabels(xt);
  xt.forEach((t, k) => {
    const px = map(fr.x, t);
    o.push(`<line x1="${f(px)}" y1="${bottom}" x2="${f(px)}" y2="${bottom - 6}" stroke="#000"/>`);
    o.push(
      `<text x="${f(px)}" y="${bottom + 18}" text-anchor="middle" font-size="13">${tickSvg(t, xl[k])}</text>`,
    );
  });
  const yt = ticksOf(fr.y).filter((t) => {
    const py = map(fr.y, t);
    return py <= bottom + 0.5 && py >= top - 0.5;
  });
  const yl = tickLabels(yt);
  yt.forEach((t, k) => {
    const py = map(fr.y, t);
    o.push(`<line x1="${left}" y1="${f(py)}" x2="${left + 6}" y2="${f(py)}" stroke="#000"/>`);
    o.push(
      `<text x="${left - 6}" y="${f(py + 4)}" text-anchor="end" font-size="13">${tickSvg(t, yl[k])}</text>`,
    );
  });
  o.push(titleSvg(title, left, right));
  o.push(`<text x="${right}" y="${bottom + 42}" text-anchor="end" font-size="15">${richText(xLabel)}</text>`);
  o.push(
    `<text x="${18}" y="${top}" text-anchor="end" font-size="15" transform="rotate(-90 18 ${top})">${richText(yLabel)}</text>`,
  );
  if (stamp) o.push(stampSvg(stamp, left, bottom + 42));
  return o;
}

function svgDoc(body: string[], width = PLOT_WIDTH, height = PLOT_HEIGHT): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">\n` +
    `<rect width="${width}" height="${height}" fill="#fff"/>\n` +
    body.join("\n") +
    "\n</svg>\n"
  );
}

/** the width of a legend of these labels */
export function legendWidth(labels: string[]): number {
  if (labels.length === 0) return 0;
  // sub/superscript markers take no room
  return Math.min(300, 40 + 7.2 * Math.max(...labels.map((l) => l.replace(/[_^{}]/g, "").length)));
}

/** the right edge of the plot area: the legend, when there is one, sits to the right of it (off the data) */
function plotRight(labels: string[]): number {
  const w = legendWidth(labels);
  return w > 0 ? PLOT_WIDTH - 16 - w - 12 : PLOT_WIDTH - 30;
}

function legend(
  items: { label: string; color: string; kind: "line" | "fill" | "point" }[],
  x: number,
  y: number,
): string[] {
  const o: string[] = [];
  if (items.length === 0) return o;
  const w = legendWidth(items.map((i) => i.label));
  o.push(
    `<rect x="${f(x - w)}" y="${y}" width="${f(w)}" height="${items.length * 20 + 8}" fill="#fff" fill-opacity="0.85" stroke="#999"/>`,
  );
  items.forEach((it, k) => {
    const cy = y + 14 + k * 20;
    const sx = x - w + 8;
    if (it.kind === "fill")
      o.push(
        `<rect x="${f(sx)}" y="${cy - 6}" width="20" height="12" fill="${it.color}" fill-opacity="0.75" stroke="${it.color}"/>`,
      );
    else if (it.kind === "point")
      o.push(`<circle cx="${f(sx + 10)}" cy="${cy}" r="3.5" fill="${it.color}"/>`);
    else
      o.push(
        `<line x1="${f(sx)}" y1="${cy}" x2="${f(sx + 20)}" y2="${cy}" stroke="${it.color}" stroke-width="2"/>`,
      );
    o.push(`<text x="${f(sx + 28)}" y="${cy + 4}" font-size="13">${richText(it.label)}</text>`);
  });
  return o;
}

function positiveMin(values: number[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const v of values) if (v > 0 && v < m) m = v;
  return Number.isFinite(m) ? m : 1;
}

function renderHist1D(p: Hist1DPlot, stamp?: string): string {
  const left = 90;
  const withLegend = p.series.length > 1 || Boolean(p.series[0]?.label);
  const right = plotRight(withLegend ? p.series.map((s) => s.label) : []);
  const top = 40;
  const bottom = PLOT_HEIGHT - 60;
  const first = p.series[0]?.hist;
  if (!first) return svgDoc([`<text x="40" y="40">${esc(p.title)}: no data</text>`]);
  const n = first.x.n;
  // bin contents per series (scaled), then cumulative when stacked
  const contents = p.series.map((s) => {
    const c = new Float64Array(n);
    let area = 0;
    for (let i = 1; i <= n; i++) area += s.hist.sumw[i];
    const k = p.normalise && area > 0 ? 1 / area : 1;
    for (let i = 1; i <= n; i++) c[i - 1] = s.hist.sumw[i] * k;
    return c;
  });
  const drawn = contents.map((c) => c.slice());
  if (p.stack)
    for (let s = 1; s < drawn.length; s++) for (let i = 0; i < n; i++) drawn[s][i] += drawn[s - 1][i];
  // the axis range from the finite contents only (a non-finite bin is not drawn to scale)
  const all = drawn.flatMap((c) => Array.from(c)).filter(Number.isFinite);
  const ymax = Math.max(0, ...all);
  const log = Boolean(p.logY);
  // log scale: down to half the smallest content, but at most LOG_DECADES decades below the maximum
  // (weighted backgrounds reach 10⁻²⁰ in far tails, which would squash the interesting range)
  const ylo = log ? (p.yMin ?? Math.max(positiveMin(all) / 2, ymax > 0 ? ymax * 10 ** -LOG_DECADES : 0)) : 0;
  const yhi = log ? Math.max(ylo * 10, ymax * 3) : ymax > 0 ? ymax * 1.15 : 1;
  // a non-finite bin is drawn off scale: +∞ at the top of the axis, NaN and −∞ as empty
  for (const c of drawn)
    for (let i = 0; i < n; i++)
      if (!Number.isFinite(c[i])) c[i] = c[i] === Number.POSITIVE_INFINITY ? yhi : 0;
  const [xlo, xhi] = fittedRange(
    p.series.map((s) => s.hist),
    (p.bands ?? []).map((b) => b.x),
  );
  const fr: Frame = {
    x: { lo: xlo, hi: xhi, log: false, p0: left, p1: right },
    y: { lo: ylo, hi: yhi, log, p0: bottom, p1: top },
    left,
    right,
    top,
    bottom,
  };
  const o: string[] = [];
  const yOf = (v: number) => {
    if (log) return v > 0 ? map(fr.y, Math.max(v, ylo)) : bottom;
    return map(fr.y, v);
  };
  const order = p.stack ? [...drawn.keys()].reverse() : [...drawn.keys()];
  for (const s of order) {
    const c = p.series[s].color ?? PALETTE[s % PALETTE.length];
    const h = p.series[s].hist;
    // the bins inside the drawn x range
    let i0 = 1;
    while (i0 < n && binEdge(h.x, i0 + 1) <= xlo) i0++;
    let i1 = n;
    while (i1 > i0 && binEdge(h.x, i1) >= xhi) i1--;
    const xOf = (v: number) => map(fr.x, Math.min(xhi, Math.max(xlo, v)));
    let d = `M${f(xOf(binEdge(h.x, i0)))},${bottom}`;
    for (let i = i0; i <= i1; i++) {
      const y = f(Math.max(top, yOf(drawn[s][i - 1])));
      d += ` L${f(xOf(binEdge(h.x, i)))},${y} L${f(xOf(binEdge(h.x, i + 1)))},${y}`;
    }
    d += ` L${f(xOf(binEdge(h.x, i1 + 1)))},${bottom} Z`;
    o.push(
      p.stack
        ? `<path d="${d}" fill="${c}" stroke="${c}" stroke-width="1"/>`
        : `<path d="${d}" fill="none" stroke="${c}" stroke-width="1.6"/>`,
    );
  }
  for (const b of p.bands ?? []) {
    const x0 = map(fr.x, Math.max(b.x[0], xlo));
    const x1 = map(fr.x, Math.min(b.x[1], xhi));
    const c = b.color ?? "#888";
    o.push(
      `<rect x="${f(x0)}" y="${top}" width="${f(x1 - x0)}" height="${bottom - top}" fill="${c}" fill-opacity="0.12"/>`,
    );
    o.push(
      `<text x="${f((x0 + x1) / 2)}" y="${top + 16}" text-anchor="middle" font-size="12" fill="${c}">${esc(b.label)}</text>`,
    );
  }
  const xLabel = p.xLabel ?? first.x.label;
  const per = /^(expected )?events$/i.exec(first.yLabel);
  const defaultY = per ? perBinLabel(first, xLabel, per[1] ? "Expected events" : "Events") : first.yLabel;
  const yLabel = p.yLabel ?? (p.normalise ? perBinLabel(first, xLabel, "Fraction") : defaultY);
  o.push(...axes(fr, p.title, xLabel, yLabel, stamp));
  if (withLegend) {
    const items = p.series.map((s, k) => ({
      label: s.label,
      color: s.color ?? PALETTE[k % PALETTE.length],
      kind: (p.stack ? "fill" : "line") as "fill" | "line",
    }));
    o.push(...legend(p.stack ? items.reverse() : items, PLOT_WIDTH - 12, top));
  }
  return svgDoc(o);
}

function renderHist2D(p: Hist2DPlot, stamp?: string): string {
  const h = p.hist;
  const left = 90;
  const right = PLOT_WIDTH - 110;
  const top = 52; // room for the colour bar label under the title
  const bottom = PLOT_HEIGHT - 60;
  const fr: Frame = {
    x: { lo: h.x.lo, hi: h.x.hi, log: false, p0: left, p1: right },
    y: { lo: h.y.lo, hi: h.y.hi, log: false, p0: bottom, p1: top },
    left,
    right,
    top,
    bottom,
  };
  const nx = h.x.n + 2;
  let zmax = 0;
  let zmin = Number.POSITIVE_INFINITY;
  for (let iy = 1; iy <= h.y.n; iy++)
    for (let ix = 1; ix <= h.x.n; ix++) {
      const v = h.sumw[ix + nx * iy];
      if (v > zmax) zmax = v;
      if (v > 0 && v < zmin) zmin = v;
    }
  const log = Boolean(p.logZ);
  if (!Number.isFinite(zmin)) zmin = 1;
  const zlo = log ? zmin : 0;
  const zhi = zmax > zlo ? zmax : zlo * 10 || 1;
  const zt = (v: number) => (log ? Math.log10(v / zlo) / Math.log10(zhi / zlo || 10) : v / zhi);
  const o: string[] = [];
  for (let iy = 1; iy <= h.y.n; iy++) {
    const y0 = map(fr.y, binEdge(h.y, iy + 1));
    const y1 = map(fr.y, binEdge(h.y, iy));
    for (let ix = 1; ix <= h.x.n; ix++) {
      const v = h.sumw[ix + nx * iy];
      if (!(v > 0)) continue;
      const x0 = map(fr.x, binEdge(h.x, ix));
      const x1 = map(fr.x, binEdge(h.x, ix + 1));
      o.push(
        `<rect x="${f(x0)}" y="${f(y0)}" width="${f(x1 - x0 + 0.3)}" height="${f(y1 - y0 + 0.3)}" fill="${colourMap(zt(v))}"/>`,
      );
    }
  }
  for (const [k, r] of (p.regions ?? []).entries()) {
    const c = r.color ?? (k % 2 === 0 ? "#d00" : "#e60");
    const pts: [number, number][] = r.polygon ?? [
      [r.x![0], r.y![0]],
      [r.x![1], r.y![0]],
      [r.x![1], r.y![1]],
      [r.x![0], r.y![1]],
    ];
    const clip = (v: number, s: Scale) =>
      Math.min(Math.max(map(s, v), Math.min(s.p0, s.p1)), Math.max(s.p0, s.p1));
    const d =
      pts.map(([x, y], i) => `${i === 0 ? "M" : "L"}${f(clip(x, fr.x))},${f(clip(y, fr.y))}`).join(" ") +
      (r.open ? "" : " Z");
    o.push(
      `<path d="${d}" fill="none" stroke="${c}" stroke-width="2"${r.dashed ? ` stroke-dasharray="${typeof r.dashed === "string" ? r.dashed : "6,4"}"` : ""}/>`,
    );
    if (r.labelAt) {
      const anchor = r.labelAnchor ?? "start";
      o.push(
        ...haloText(
          clip(r.labelAt[0], fr.x),
          clip(r.labelAt[1], fr.y) + 4,
          r.label,
          c,
          anchor === "start" ? "" : `text-anchor="${anchor}"`,
        ),
      );
    } else {
      const lx = Math.min(...pts.map((q) => clip(q[0], fr.x)));
      const ly = Math.min(...pts.map((q) => clip(q[1], fr.y)));
      o.push(...haloText(lx + 4, ly + 14, r.label, c));
    }
  }
  o.push(...axes(fr, p.title, p.xLabel ?? h.x.label, p.yLabel ?? h.y.label, stamp));
  // colour bar
  const bx = right + 20;
  const steps = 64;
  for (let i = 0; i < steps; i++) {
    const y = bottom - ((i + 1) * (bottom - top)) / steps;
    o.push(
      `<rect x="${bx}" y="${f(y)}" width="18" height="${f((bottom - top) / steps + 0.5)}" fill="${colourMap((i + 0.5) / steps)}"/>`,
    );
  }
  o.push(`<rect x="${bx}" y="${top}" width="18" height="${bottom - top}" fill="none" stroke="#000"/>`);
  const zs: Scale = { lo: log ? zlo : 0, hi: zhi, log, p0: bottom, p1: top };
  const zt2 = ticksOf(zs).filter((t) => t >= zs.lo && t <= zs.hi);
  const zl = tickLabels(zt2);
  zt2.forEach((t, k) => {
    const py = map(zs, t);
    o.push(`<text x="${bx + 22}" y="${f(py + 4)}" font-size="12">${tickSvg(t, zl[k])}</text>`);
  });
  o.push(`<text x="${bx + 18}" y="${top - 9}" text-anchor="end" font-size="12">${richText(h.zLabel)}</text>`);
  return svgDoc(o);
}

function renderEfficiency(p: EfficiencyPlot, stamp?: string): string {
  const left = 90;
  const right = plotRight(p.series.map((s) => s.label));
  const top = 40;
  const bottom = PLOT_HEIGHT - 60;
  const series = p.series.map((s) => ratioPoints(s.pass, s.total, s.errors));
  const first: Hist1D | undefined = p.series[0]?.total;
  if (!first) return svgDoc([`<text x="40" y="40">${esc(p.title)}: no data</text>`]);
  const ymaxData = Math.max(0, ...series.flatMap((pts) => pts.map((q) => q.value + q.error)));
  const [ylo, yhi] = p.yRange ?? [0, ymaxData > 0 ? Math.min(1.05, ymaxData * 1.15) : 1];
  const fr: Frame = {
    x: { lo: first.x.lo, hi: first.x.hi, log: false, p0: left, p1: right },
    y: { lo: ylo, hi: yhi, log: false, p0: bottom, p1: top },
    left,
    right,
    top,
    bottom,
  };
  const o: string[] = [];
  const clampY = (v: number) => Math.min(bottom, Math.max(top, map(fr.y, v)));
  series.forEach((pts, k) => {
    const c = p.series[k].color ?? PALETTE[k % PALETTE.length];
    for (const q of pts) {
      const px = map(fr.x, q.x);
      o.push(
        `<line x1="${f(map(fr.x, q.lo))}" y1="${f(clampY(q.value))}" x2="${f(map(fr.x, q.hi))}" y2="${f(clampY(q.value))}" stroke="${c}"/>`,
      );
      o.push(
        `<line x1="${f(px)}" y1="${f(clampY(q.value - q.error))}" x2="${f(px)}" y2="${f(clampY(q.value + q.error))}" stroke="${c}"/>`,
      );
      o.push(`<circle cx="${f(px)}" cy="${f(clampY(q.value))}" r="3" fill="${c}"/>`);
    }
  });
  o.push(...axes(fr, p.title, p.xLabel ?? first.x.label, p.yLabel ?? "efficiency", stamp));
  o.push(
    ...legend(
      p.series.map((s, k) => ({
        label: s.label,
        color: s.color ?? PALETTE[k % PALETTE.length],
        kind: "point" as const,
      })),
      PLOT_WIDTH - 12,
      top,
    ),
  );
  return svgDoc(o);
}

export interface RenderOptions {
  /** the period/exposure written after "kaonlab simulation" under the plot (none: no label) */
  stamp?: string;
}

/** SVG text of a plot */
export function renderSvg(p: PlotSpec, opts: RenderOptions = {}): string {
  switch (p.kind) {
    case "hist1d":
      return renderHist1D(p, opts.stamp);
    case "hist2d":
      return renderHist2D(p, opts.stamp);
    case "efficiency":
      return renderEfficiency(p, opts.stamp);
  }
}

/** the unit in a label's brackets: "m²miss [GeV²/c⁴]" → "GeV²/c⁴" ("" without one) */
function unitOf(label: string): string {
  const m = /\[([^\]]+)\]\s*$/.exec(label);
  return m ? m[1] : "";
}

/** "Events / 0.001 GeV²/c⁴" for uniform bins of width w (plain "Events" for variable bins) */
export function perBinLabel(h: Hist1D, xLabel: string, what = "Events"): string {
  if (h.x.edges) return what;
  const w = (h.x.hi - h.x.lo) / h.x.n;
  const unit = unitOf(xLabel);
  const width = Number(w.toPrecision(3)).toString();
  return `${what} / ${width}${unit ? ` ${unit}` : ""}`;
}

/**
 * The x range that fits the data: the full axis when the non-empty bins span most of it, else the
 * non-empty span with a margin of 10% of it on each side (within the axis).
 */
export function fittedRange(hists: Hist1D[], keep: [number, number][] = []): [number, number] {
  const h0 = hists[0];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const h of hists)
    for (let i = 1; i <= h.x.n; i++)
      if (h.sumw[i] !== 0) {
        lo = Math.min(lo, binEdge(h.x, i));
        hi = Math.max(hi, binEdge(h.x, i + 1));
      }
  for (const [a, b] of keep) {
    lo = Math.min(lo, Math.max(a, h0.x.lo));
    hi = Math.max(hi, Math.min(b, h0.x.hi));
  }
  const full = h0.x.hi - h0.x.lo;
  if (!(hi > lo) || hi - lo > 0.6 * full) return [h0.x.lo, h0.x.hi];
  const pad = 0.1 * (hi - lo);
  const ticks = niceTicks(lo - pad, hi + pad, 8);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : pad;
  const a = Math.max(h0.x.lo, Math.floor((lo - pad) / step) * step);
  const b = Math.min(h0.x.hi, Math.ceil((hi + pad) / step) * step);
  return [Number(a.toPrecision(12)), Number(b.toPrecision(12))];
}

/**
 * Weighted 1D and 2D histograms as plain data (typed arrays), so that a shard can fill them in a
 * worker thread and hand them back by structured clone, and a merge can add them exactly.
 *
 * Bin layout is ROOT's: bin 0 is the underflow, bins 1..n the visible bins, bin n+1 the overflow;
 * in 2D the global bin is ix + (nx + 2)·iy. Each histogram keeps the sum of weights (sumw), the sum
 * of squared weights (sumw2) and the number of fills (entries). Axes are uniform (lo, hi, n) or
 * variable (explicit edges).
 */

export interface Axis {
  n: number;
  lo: number;
  hi: number;
  /** variable bin edges (n + 1 values), or null for uniform bins */
  edges: number[] | null;
  label: string;
}

export interface Hist1D {
  kind: "h1";
  name: string;
  title: string;
  x: Axis;
  /** label of the y axis (e.g. "events / 1 GeV") */
  yLabel: string;
  sumw: Float64Array;
  sumw2: Float64Array;
  entries: number;
}

export interface Hist2D {
  kind: "h2";
  name: string;
  title: string;
  x: Axis;
  y: Axis;
  zLabel: string;
  sumw: Float64Array;
  sumw2: Float64Array;
  entries: number;
}

export type Hist = Hist1D | Hist2D;

export interface AxisSpec {
  /** number of uniform bins (ignored when edges are given) */
  n?: number;
  lo?: number;
  hi?: number;
  edges?: number[];
  label?: string;
}

export function makeAxis(what: string, s: AxisSpec): Axis {
  if (s.edges) {
    const e = s.edges;
    if (e.length < 2 || e.some((v, i) => !Number.isFinite(v) || (i > 0 && v <= e[i - 1]))) {
      throw new RangeError(
        `${what}: edges must be at least two increasing numbers, got ${JSON.stringify(e)}`,
      );
    }
    return { n: e.length - 1, lo: e[0], hi: e[e.length - 1], edges: [...e], label: s.label ?? "" };
  }
  const { n, lo, hi } = s;
  if (n === undefined || !Number.isInteger(n) || n < 1)
    throw new RangeError(`${what}: expected a positive number of bins, got ${n}`);
  if (lo === undefined || hi === undefined || !Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo))
    throw new RangeError(`${what}: expected lo < hi, got ${lo}, ${hi}`);
  return { n, lo, hi, edges: null, label: s.label ?? "" };
}

export function h1(name: string, title: string, x: AxisSpec, yLabel = "events"): Hist1D {
  const ax = makeAxis(`${name}.x`, x);
  return {
    kind: "h1",
    name,
    title,
    x: ax,
    yLabel,
    sumw: new Float64Array(ax.n + 2),
    sumw2: new Float64Array(ax.n + 2),
    entries: 0,
  };
}

export function h2(name: string, title: string, x: AxisSpec, y: AxisSpec, zLabel = "events"): Hist2D {
  const ax = makeAxis(`${name}.x`, x);
  const ay = makeAxis(`${name}.y`, y);
  const cells = (ax.n + 2) * (ay.n + 2);
  return {
    kind: "h2",
    name,
    title,
    x: ax,
    y: ay,
    zLabel,
    sumw: new Float64Array(cells),
    sumw2: new Float64Array(cells),
    entries: 0,
  };
}

/** bin index (0 underflow, n+1 overflow; NaN goes to the overflow as in ROOT's convention of "not in range") */
export function findBin(a: Axis, v: number): number {
  if (!(v >= a.lo)) return v < a.lo ? 0 : a.n + 1;
  if (v >= a.hi) return a.n + 1;
  const e = a.edges;
  if (e === null) {
    const b = 1 + Math.floor(((v - a.lo) / (a.hi - a.lo)) * a.n);
    return Math.min(b, a.n);
  }
  let lo = 0;
  let hi = a.n;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (v >= e[mid]) lo = mid;
    else hi = mid;
  }
  return lo + 1;
}

export function fill1(h: Hist1D, x: number, w = 1): void {
  const b = findBin(h.x, x);
  h.sumw[b] += w;
  h.sumw2[b] += w * w;
  h.entries++;
}

export function fill2(h: Hist2D, x: number, y: number, w = 1): void {
  const b = findBin(h.x, x) + (h.x.n + 2) * findBin(h.y, y);
  h.sumw[b] += w;
  h.sumw2[b] += w * w;
  h.entries++;
}

/** lower edge of visible bin i (1-based) and of bin n+1 = upper edge of the axis */
export function binEdge(a: Axis, i: number): number {
  if (a.edges) return a.edges[i - 1];
  return a.lo + ((i - 1) * (a.hi - a.lo)) / a.n;
}

export function axisEdges(a: Axis): number[] {
  return Array.from({ length: a.n + 1 }, (_, i) => binEdge(a, i + 1));
}

function sameAxis(a: Axis, b: Axis): boolean {
  return a.n === b.n && a.lo === b.lo && a.hi === b.hi && JSON.stringify(a.edges) === JSON.stringify(b.edges);
}

/** add `src` into `dst` (same binning required); used by merges, in shard order */
export function addInto(dst: Hist, src: Hist): void {
  if (
    dst.kind !== src.kind ||
    !sameAxis(dst.x, src.x) ||
    (dst.kind === "h2" && src.kind === "h2" && !sameAxis(dst.y, src.y))
  ) {
    throw new Error(`histogram ${dst.name}: cannot add ${src.name} with a different binning`);
  }
  for (let i = 0; i < dst.sumw.length; i++) {
    dst.sumw[i] += src.sumw[i];
    dst.sumw2[i] += src.sumw2[i];
  }
  dst.entries += src.entries;
}

export function cloneHist<H extends Hist>(h: H): H {
  return { ...h, sumw: h.sumw.slice(), sumw2: h.sumw2.slice() } as H;
}

/** sum a list of histograms of the same binning (order fixed by the caller: shard order) */
export function sumHists<H extends Hist>(list: H[]): H {
  if (list.length === 0) throw new Error("sumHists: no histograms");
  const out = cloneHist(list[0]);
  for (let i = 1; i < list.length; i++) addInto(out, list[i]);
  return out;
}

/** sum of weights over the visible bins (no under/overflow) */
export function integral(h: Hist): number {
  let s = 0;
  if (h.kind === "h1") {
    for (let i = 1; i <= h.x.n; i++) s += h.sumw[i];
    return s;
  }
  const nx = h.x.n + 2;
  for (let iy = 1; iy <= h.y.n; iy++) for (let ix = 1; ix <= h.x.n; ix++) s += h.sumw[ix + nx * iy];
  return s;
}

/** plain JSON of a histogram: edges, sums of weights and of squared weights (with under/overflow) */
export function histToPlain(h: Hist): Record<string, unknown> {
  const axis = (a: Axis) => ({ label: a.label, edges: axisEdges(a) });
  return h.kind === "h1"
    ? {
        kind: "h1",
        name: h.name,
        title: h.title,
        x: axis(h.x),
        yLabel: h.yLabel,
        layout: "index 0 = underflow, 1..n = bins, n+1 = overflow",
        entries: h.entries,
        sumw: Array.from(h.sumw),
        sumw2: Array.from(h.sumw2),
      }
    : {
        kind: "h2",
        name: h.name,
        title: h.title,
        x: axis(h.x),
        y: axis(h.y),
        zLabel: h.zLabel,
        layout: "global bin = ix + (nx + 2)·iy; index 0 = underflow, n+1 = overflow on each axis",
        entries: h.entries,
        sumw: Array.from(h.sumw),
        sumw2: Array.from(h.sumw2),
      };
}

/** inverse of histToPlain (round trip is exact: JSON numbers are shortest round-trip doubles) */
export function histFromPlain(o: Record<string, unknown>): Hist {
  const ax = (a: { label: string; edges: number[] }): Axis => {
    const n = a.edges.length - 1;
    const uniform = a.edges.every((e, i) => e === a.edges[0] + (i * (a.edges[n] - a.edges[0])) / n);
    return {
      n,
      lo: a.edges[0],
      hi: a.edges[n],
      edges: uniform ? null : a.edges,
      label: a.label,
    };
  };
  const common = {
    name: o.name as string,
    title: o.title as string,
    entries: o.entries as number,
    sumw: Float64Array.from(o.sumw as number[]),
    sumw2: Float64Array.from(o.sumw2 as number[]),
  };
  if (o.kind === "h1") {
    return { kind: "h1", ...common, x: ax(o.x as never), yLabel: o.yLabel as string };
  }
  return { kind: "h2", ...common, x: ax(o.x as never), y: ax(o.y as never), zLabel: o.zLabel as string };
}

/**
 * An interactive plot on a canvas: step histograms (overlaid or stacked), points with error bars,
 * scatter points, a 2D colour map, region outlines and bands. Drag a box to zoom, double-click to
 * reset, the log/lin button switches the y axis (the z scale of a colour map), and hovering shows
 * the value under the cursor.
 */
import type { Region } from "../../src/io/plot.ts";
import { colourMap, niceTicks } from "../../src/io/plot-svg.ts";
import { drawRich } from "./rich-text.ts";

export interface StepLayer {
  kind: "step";
  label: string;
  color: string;
  edges: number[];
  values: number[];
  errors?: number[];
  /** fill down to the layer below (stacked histograms) */
  base?: number[];
}
export interface PointLayer {
  kind: "points";
  label: string;
  color: string;
  x: number[];
  y: number[];
  yErr?: number[];
  xLo?: number[];
  xHi?: number[];
  /** scatter markers without error bars */
  radius?: number;
  /** extra text per point for the hover box */
  info?: string[];
}
export interface HeatLayer {
  kind: "heat";
  label: string;
  xEdges: number[];
  yEdges: number[];
  /** values[ix + nx·iy] */
  values: number[];
}
/** a labelled region of a 2D plane, as in the report plots */
export type RegionOutline = Region;
export type Layer = StepLayer | PointLayer | HeatLayer;

export interface PlotModel {
  title: string;
  xLabel: string;
  yLabel: string;
  stamp?: string;
  layers: Layer[];
  regions?: RegionOutline[];
  bands?: { label: string; x: [number, number]; color?: string }[];
  logY?: boolean;
  /** lower end of the log y axis (default: half the smallest content, at most 7 decades below the top) */
  yMin?: number;
  xRange?: [number, number];
  yRange?: [number, number];
}

function tickText(v: number, log: boolean): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (log || a >= 1e5 || a < 1e-3) {
    const e = Math.floor(Math.log10(a) + 1e-9);
    const m = Number((v / 10 ** e).toPrecision(3));
    return m === 1 ? `10^{${e}}` : `${m}×10^{${e}}`;
  }
  return Number(v.toPrecision(6)).toString();
}

export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(3) : Number(v.toPrecision(4)).toString();
}

interface Frame {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** data extents of the layers (y over the finite positive values on a log axis) */
function extents(m: PlotModel, logY: boolean): { x: [number, number]; y: [number, number] } {
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  const addY = (v: number) => {
    if (!Number.isFinite(v) || (logY && v <= 0)) return;
    y0 = Math.min(y0, v);
    y1 = Math.max(y1, v);
  };
  for (const l of m.layers) {
    if (l.kind === "step") {
      let any = false;
      for (let i = 0; i < l.values.length; i++)
        if (l.values[i] !== 0 && Number.isFinite(l.values[i])) {
          any = true;
          x0 = Math.min(x0, l.edges[i]);
          x1 = Math.max(x1, l.edges[i + 1]);
          addY(l.values[i] + (l.errors?.[i] ?? 0));
          addY(l.values[i]);
        }
      if (!any) {
        x0 = Math.min(x0, l.edges[0]);
        x1 = Math.max(x1, l.edges[l.edges.length - 1]);
      }
      if (!logY) addY(0);
    } else if (l.kind === "points") {
      for (let i = 0; i < l.x.length; i++) {
        x0 = Math.min(x0, l.xLo?.[i] ?? l.x[i]);
        x1 = Math.max(x1, l.xHi?.[i] ?? l.x[i]);
        addY(l.y[i] + (l.yErr?.[i] ?? 0));
        addY(l.y[i] - (l.yErr?.[i] ?? 0));
      }
    } else {
      x0 = Math.min(x0, l.xEdges[0]);
      x1 = Math.max(x1, l.xEdges[l.xEdges.length - 1]);
      y0 = Math.min(y0, l.yEdges[0]);
      y1 = Math.max(y1, l.yEdges[l.yEdges.length - 1]);
    }
  }
  if (!Number.isFinite(x0)) [x0, x1] = [0, 1];
  if (!Number.isFinite(y0)) [y0, y1] = logY ? [0.1, 1] : [0, 1];
  const heat = m.layers.some((l) => l.kind === "heat");
  if (!heat) {
    if (logY) {
      y0 = m.yMin ?? Math.max(y0 / 2, y1 * 1e-7);
      y1 *= 3;
    } else {
      const pad = (y1 - y0 || Math.abs(y1) || 1) * 0.08;
      y1 += pad;
      if (y0 < 0) y0 -= pad;
    }
  }
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) y1 = y0 + 1;
  return { x: [x0, x1], y: [y0, y1] };
}

export class InteractivePlot {
  readonly root: HTMLElement;
  readonly canvas: HTMLCanvasElement;
  private readonly tip: HTMLDivElement;
  private readonly logButton: HTMLButtonElement;
  private model: PlotModel;
  private log: boolean;
  private view!: { x: [number, number]; y: [number, number] };
  private drag: { x: number; y: number; x1: number; y1: number } | null = null;
  private readonly width: number;
  private readonly height: number;

  constructor(parent: HTMLElement, model: PlotModel, size: [number, number] = [640, 420]) {
    this.model = model;
    this.log = model.logY ?? false;
    [this.width, this.height] = size;
    this.root = document.createElement("div");
    this.root.className = "plot";
    const bar = document.createElement("div");
    bar.className = "plot-bar";
    this.logButton = document.createElement("button");
    this.logButton.addEventListener("click", () => {
      this.log = !this.log;
      this.reset();
    });
    const reset = document.createElement("button");
    reset.textContent = "reset zoom";
    reset.addEventListener("click", () => this.reset());
    bar.append(this.logButton, reset);
    this.canvas = document.createElement("canvas");
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = this.width * dpr;
    this.canvas.height = this.height * dpr;
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    this.tip = document.createElement("div");
    this.tip.className = "plot-tip";
    this.tip.hidden = true;
    const wrap = document.createElement("div");
    wrap.className = "plot-canvas";
    wrap.append(this.canvas, this.tip);
    this.root.append(bar, wrap);
    parent.append(this.root);
    this.canvas.addEventListener("mousedown", (e) => {
      const [x, y] = this.pos(e);
      this.drag = { x, y, x1: x, y1: y };
    });
    this.canvas.addEventListener("mousemove", (e) => this.move(e));
    this.canvas.addEventListener("mouseleave", () => {
      this.tip.hidden = true;
    });
    window.addEventListener("mouseup", () => this.release());
    this.canvas.addEventListener("dblclick", () => this.reset());
    this.reset();
  }

  /** replace the content (e.g. other sources or periods selected), keeping the zoom if asked */
  update(model: PlotModel, keepView = false): void {
    this.model = model;
    if (keepView) this.draw();
    else this.reset();
  }

  reset(): void {
    const heat = this.model.layers.some((l) => l.kind === "heat");
    const e = extents(this.model, this.log && !heat);
    this.view = { x: this.model.xRange ?? e.x, y: this.model.yRange ?? e.y };
    this.logButton.textContent = heat ? (this.log ? "z: log" : "z: lin") : this.log ? "y: log" : "y: lin";
    this.draw();
  }

  private pos(e: MouseEvent): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  private frame(): Frame {
    return { left: 78, top: 48, right: this.width - 16, bottom: this.height - 52 };
  }

  private logAxis(): boolean {
    return this.log && !this.model.layers.some((l) => l.kind === "heat");
  }

  private sx(v: number): number {
    const f = this.frame();
    return f.left + ((v - this.view.x[0]) / (this.view.x[1] - this.view.x[0])) * (f.right - f.left);
  }

  private sy(v: number): number {
    const f = this.frame();
    if (this.logAxis()) {
      const a = Math.log10(this.view.y[0]);
      const b = Math.log10(this.view.y[1]);
      const t = v > 0 ? (Math.log10(v) - a) / (b - a) : -1;
      return f.bottom - t * (f.bottom - f.top);
    }
    return f.bottom - ((v - this.view.y[0]) / (this.view.y[1] - this.view.y[0])) * (f.bottom - f.top);
  }

  private ix(px: number): number {
    const f = this.frame();
    return this.view.x[0] + ((px - f.left) / (f.right - f.left)) * (this.view.x[1] - this.view.x[0]);
  }

  private iy(py: number): number {
    const f = this.frame();
    const t = (f.bottom - py) / (f.bottom - f.top);
    if (this.logAxis()) {
      const a = Math.log10(this.view.y[0]);
      const b = Math.log10(this.view.y[1]);
      return 10 ** (a + t * (b - a));
    }
    return this.view.y[0] + t * (this.view.y[1] - this.view.y[0]);
  }

  private release(): void {
    const d = this.drag;
    this.drag = null;
    if (!d) return;
    if (Math.abs(d.x1 - d.x) > 6 && Math.abs(d.y1 - d.y) > 6) {
      const xa = this.ix(Math.min(d.x, d.x1));
      const xb = this.ix(Math.max(d.x, d.x1));
      const ya = this.iy(Math.max(d.y, d.y1));
      const yb = this.iy(Math.min(d.y, d.y1));
      this.view = { x: [xa, xb], y: [ya, yb] };
    }
    this.draw();
  }

  private move(e: MouseEvent): void {
    const [px, py] = this.pos(e);
    if (this.drag) {
      this.drag.x1 = px;
      this.drag.y1 = py;
      this.draw();
      return;
    }
    const text = this.hover(px, py);
    if (!text) {
      this.tip.hidden = true;
      return;
    }
    this.tip.hidden = false;
    this.tip.textContent = text;
    this.tip.style.left = `${Math.min(px + 14, this.width - 220)}px`;
    this.tip.style.top = `${py + 12}px`;
  }

  /** the value under the cursor, as text */
  hover(px: number, py: number): string | null {
    const f = this.frame();
    if (px < f.left || px > f.right || py < f.top || py > f.bottom) return null;
    const x = this.ix(px);
    const y = this.iy(py);
    const lines: string[] = [];
    let best: { d: number; text: string } | null = null;
    for (const l of this.model.layers) {
      if (l.kind === "step") {
        const i = l.edges.findIndex((e, k) => k < l.edges.length - 1 && x >= e && x < l.edges[k + 1]);
        if (i >= 0) {
          const err = l.errors ? ` ± ${formatValue(l.errors[i])}` : "";
          lines.push(
            `${l.label}: ${formatValue(l.values[i])}${err}  [${formatValue(l.edges[i])}, ${formatValue(l.edges[i + 1])})`,
          );
        }
      } else if (l.kind === "heat") {
        const i = l.xEdges.findIndex((e, k) => k < l.xEdges.length - 1 && x >= e && x < l.xEdges[k + 1]);
        const j = l.yEdges.findIndex((e, k) => k < l.yEdges.length - 1 && y >= e && y < l.yEdges[k + 1]);
        if (i >= 0 && j >= 0)
          lines.push(
            `${l.label}: ${formatValue(l.values[i + (l.xEdges.length - 1) * j])} at x [${formatValue(l.xEdges[i])}, ${formatValue(l.xEdges[i + 1])}), y [${formatValue(l.yEdges[j])}, ${formatValue(l.yEdges[j + 1])})`,
          );
      } else {
        for (let i = 0; i < l.x.length; i++) {
          const d = Math.hypot(this.sx(l.x[i]) - px, this.sy(l.y[i]) - py);
          if (d < 10 && (!best || d < best.d)) {
            const err = l.yErr ? ` ± ${formatValue(l.yErr[i])}` : "";
            best = {
              d,
              text: `${l.label}: x ${formatValue(l.x[i])}, y ${formatValue(l.y[i])}${err}${l.info ? `  ${l.info[i]}` : ""}`,
            };
          }
        }
      }
    }
    if (best) lines.unshift(best.text);
    return lines.length ? lines.slice(0, 8).join("\n") : null;
  }

  draw(): void {
    const ctx = this.canvas.getContext("2d");
    if (!ctx) return;
    const dpr = this.canvas.width / this.width;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, this.width, this.height);
    const f = this.frame();
    const m = this.model;
    ctx.save();
    ctx.beginPath();
    ctx.rect(f.left, f.top, f.right - f.left, f.bottom - f.top);
    ctx.clip();
    for (const b of m.bands ?? []) {
      ctx.fillStyle = b.color ?? "#888";
      ctx.globalAlpha = 0.12;
      ctx.fillRect(this.sx(b.x[0]), f.top, this.sx(b.x[1]) - this.sx(b.x[0]), f.bottom - f.top);
      ctx.globalAlpha = 1;
      ctx.font = "12px sans-serif";
      ctx.textAlign = "center";
      ctx.fillText(b.label, (this.sx(b.x[0]) + this.sx(b.x[1])) / 2, f.top + 14);
    }
    for (const l of m.layers) this.drawLayer(ctx, l);
    for (const r of m.regions ?? []) this.drawRegion(ctx, r);
    if (this.drag) {
      ctx.strokeStyle = "#333";
      ctx.setLineDash([4, 3]);
      ctx.strokeRect(this.drag.x, this.drag.y, this.drag.x1 - this.drag.x, this.drag.y1 - this.drag.y);
      ctx.setLineDash([]);
    }
    ctx.restore();
    this.drawAxes(ctx, f);
    this.drawLegend(ctx, f);
  }

  private drawLayer(ctx: CanvasRenderingContext2D, l: Layer): void {
    if (l.kind === "heat") {
      let max = 0;
      let minPos = Number.POSITIVE_INFINITY;
      for (const v of l.values)
        if (v > 0) {
          max = Math.max(max, v);
          minPos = Math.min(minPos, v);
        }
      const nx = l.xEdges.length - 1;
      for (let j = 0; j < l.yEdges.length - 1; j++)
        for (let i = 0; i < nx; i++) {
          const v = l.values[i + nx * j];
          if (!(v > 0)) continue;
          const t = this.log ? (max > minPos ? Math.log(v / minPos) / Math.log(max / minPos) : 1) : v / max;
          ctx.fillStyle = colourMap(t);
          const x0 = this.sx(l.xEdges[i]);
          const y0 = this.sy(l.yEdges[j + 1]);
          ctx.fillRect(x0, y0, this.sx(l.xEdges[i + 1]) - x0 + 0.5, this.sy(l.yEdges[j]) - y0 + 0.5);
        }
      return;
    }
    ctx.strokeStyle = l.color;
    ctx.fillStyle = l.color;
    ctx.lineWidth = 1.6;
    if (l.kind === "step") {
      const log = this.logAxis();
      const floor = log ? this.view.y[0] : 0;
      if (l.base) {
        ctx.globalAlpha = 0.55;
        for (let i = 0; i < l.values.length; i++) {
          const top = l.base[i] + l.values[i];
          if (!(l.values[i] > 0)) continue;
          const x0 = this.sx(l.edges[i]);
          const yb = this.sy(Math.max(l.base[i], floor));
          const yt = this.sy(top);
          ctx.fillRect(x0, yt, this.sx(l.edges[i + 1]) - x0, yb - yt);
        }
        ctx.globalAlpha = 1;
      }
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < l.values.length; i++) {
        const v = (l.base?.[i] ?? 0) + l.values[i];
        const y = this.sy(log && !(v > 0) ? floor : v);
        const x0 = this.sx(l.edges[i]);
        const x1 = this.sx(l.edges[i + 1]);
        if (!pen) {
          ctx.moveTo(x0, y);
          pen = true;
        } else ctx.lineTo(x0, y);
        ctx.lineTo(x1, y);
      }
      ctx.stroke();
      if (l.errors && !l.base)
        for (let i = 0; i < l.values.length; i++) {
          if (!(l.values[i] !== 0)) continue;
          const xc = this.sx((l.edges[i] + l.edges[i + 1]) / 2);
          ctx.beginPath();
          ctx.moveTo(xc, this.sy(Math.max(l.values[i] - l.errors[i], log ? floor : -Infinity)));
          ctx.lineTo(xc, this.sy(l.values[i] + l.errors[i]));
          ctx.stroke();
        }
      return;
    }
    const r = l.radius ?? 3;
    for (let i = 0; i < l.x.length; i++) {
      const x = this.sx(l.x[i]);
      const y = this.sy(l.y[i]);
      if (l.yErr) {
        ctx.beginPath();
        ctx.moveTo(x, this.sy(l.y[i] - l.yErr[i]));
        ctx.lineTo(x, this.sy(l.y[i] + l.yErr[i]));
        if (l.xLo && l.xHi) {
          ctx.moveTo(this.sx(l.xLo[i]), y);
          ctx.lineTo(this.sx(l.xHi[i]), y);
        }
        ctx.stroke();
      }
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fill();
    }
  }

  private drawRegion(ctx: CanvasRenderingContext2D, r: RegionOutline): void {
    ctx.strokeStyle = r.color ?? "#e00000";
    ctx.fillStyle = r.color ?? "#e00000";
    ctx.lineWidth = 1.8;
    ctx.setLineDash(
      r.dashed === true ? [6, 4] : typeof r.dashed === "string" ? r.dashed.split(",").map(Number) : [],
    );
    const pts: [number, number][] =
      r.polygon ??
      (r.x && r.y
        ? [
            [r.x[0], r.y[0]],
            [r.x[1], r.y[0]],
            [r.x[1], r.y[1]],
            [r.x[0], r.y[1]],
          ]
        : []);
    if (pts.length === 0) return;
    ctx.beginPath();
    for (let k = 0; k < pts.length; k++) {
      const [x, y] = pts[k];
      if (k === 0) ctx.moveTo(this.sx(x), this.sy(y));
      else ctx.lineTo(this.sx(x), this.sy(y));
    }
    if (!r.open) ctx.closePath();
    ctx.stroke();
    ctx.setLineDash([]);
    const at = r.labelAt ?? [pts[0][0], Math.max(...pts.map((p) => p[1]))];
    ctx.font = "bold 12px sans-serif";
    ctx.textAlign = r.labelAnchor === "end" ? "right" : r.labelAnchor === "middle" ? "center" : "left";
    ctx.fillText(r.label, this.sx(at[0]) + (r.labelAt ? 0 : 3), this.sy(at[1]) + (r.labelAt ? 4 : 13));
  }

  private drawAxes(ctx: CanvasRenderingContext2D, f: Frame): void {
    ctx.strokeStyle = "#000";
    ctx.lineWidth = 1;
    ctx.strokeRect(f.left, f.top, f.right - f.left, f.bottom - f.top);
    ctx.fillStyle = "#000";
    ctx.font = "12px sans-serif";
    for (const v of niceTicks(this.view.x[0], this.view.x[1], 7)) {
      const x = this.sx(v);
      ctx.beginPath();
      ctx.moveTo(x, f.bottom);
      ctx.lineTo(x, f.bottom - 5);
      ctx.stroke();
      drawRich(ctx, tickText(v, false), x, f.bottom + 16, "center", 12);
    }
    const log = this.logAxis();
    let yt: number[];
    if (log) {
      yt = [];
      for (let e = Math.ceil(Math.log10(this.view.y[0])); e <= Math.floor(Math.log10(this.view.y[1])); e++)
        yt.push(10 ** e);
      if (yt.length > 8) yt = yt.filter((_, k) => k % Math.ceil(yt.length / 8) === 0);
    } else yt = niceTicks(this.view.y[0], this.view.y[1], 6);
    for (const v of yt) {
      const y = this.sy(v);
      ctx.beginPath();
      ctx.moveTo(f.left, y);
      ctx.lineTo(f.left + 5, y);
      ctx.stroke();
      drawRich(ctx, tickText(v, log), f.left - 6, y + 4, "right", 12);
    }
    drawRich(ctx, this.model.xLabel, (f.left + f.right) / 2, f.bottom + 38, "center", 14);
    ctx.save();
    ctx.translate(18, (f.top + f.bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    drawRich(ctx, this.model.yLabel, 0, 0, "center", 14);
    ctx.restore();
    drawRich(ctx, this.model.title, f.left, f.top - 26, "left", 14);
    if (this.model.stamp) {
      ctx.fillStyle = "#555";
      drawRich(ctx, `kaonlab simulation — ${this.model.stamp}`, f.right, f.top - 7, "right", 11);
    }
  }

  private drawLegend(ctx: CanvasRenderingContext2D, f: Frame): void {
    const items = this.model.layers.filter((l) => l.kind !== "heat" && l.label) as (StepLayer | PointLayer)[];
    if (items.length < 2) return;
    ctx.font = "12px sans-serif";
    const w = Math.max(...items.map((l) => ctx.measureText(l.label).width)) + 30;
    const x = f.right - w - 6;
    let y = f.top + 8;
    ctx.fillStyle = "rgba(255,255,255,0.85)";
    ctx.fillRect(x - 4, y - 4, w + 8, items.length * 16 + 6);
    for (const l of items) {
      ctx.fillStyle = l.color;
      ctx.fillRect(x, y + 3, 14, 8);
      ctx.fillStyle = "#000";
      drawRich(ctx, l.label, x + 20, y + 11, "left", 12);
      y += 16;
    }
  }
}

/**
 * The (p, m²miss) plane of a run's candidates (its ntuples: selected candidates and control-region
 * events), selectable by source and period, with the πνν̄ signal, control and background regions of
 * a chosen period drawn over them.
 */
import { PALETTE as REPORT_PALETTE } from "../../src/io/plot-svg.ts";
import { type Candidates, getJson, type RunSummary } from "./api.ts";
import { formatValue, InteractivePlot, type Layer, type RegionOutline } from "./plot.ts";

/**
 * the colour-blind-safe palette of the report figures without its yellow (unreadable as scatter
 * points on white), ten colours
 */
const PALETTE = REPORT_PALETTE.filter((c) => c !== "#F0E442").slice(0, 10);

export class PlaneView {
  private readonly controls = document.createElement("div");
  private readonly plotBox = document.createElement("div");
  private readonly info = document.createElement("div");
  private plot: InteractivePlot | null = null;
  private data: Candidates | null = null;
  private runId: string | null = null;
  private runs: RunSummary[] = [];
  private readonly off = { source: new Set<string>(), period: new Set<string>() };
  private regionsPeriod = "";
  private regions: RegionOutline[] = [];

  constructor(root: HTMLElement) {
    this.controls.className = "controls";
    this.plotBox.setAttribute("data-testid", "plane");
    this.info.className = "muted";
    root.append(this.controls, this.plotBox, this.info);
  }

  setRuns(runs: RunSummary[]): void {
    const withNtuples = runs.filter((r) => r.ntuples > 0 && r.state === "done");
    const changed = withNtuples.map((r) => r.id).join() !== this.runs.map((r) => r.id).join();
    this.runs = withNtuples;
    if (changed) this.renderControls();
    if (!this.runId && withNtuples.length > 0) void this.load(withNtuples[0].id);
  }

  private select(label: string, options: string[], value: string, on: (v: string) => void): HTMLLabelElement {
    const l = document.createElement("label");
    l.textContent = `${label} `;
    const s = document.createElement("select");
    s.name = label;
    for (const o of options) s.append(new Option(o, o, false, o === value));
    s.addEventListener("change", () => on(s.value));
    l.append(s);
    return l;
  }

  private renderControls(): void {
    this.controls.replaceChildren();
    if (this.runs.length === 0) {
      this.controls.textContent = "No finished run folder with ntuples (kaonlab run pnn … writes them).";
      return;
    }
    this.controls.append(
      this.select(
        "run",
        this.runs.map((r) => r.id),
        this.runId ?? "",
        (v) => void this.load(v),
      ),
    );
    if (!this.data) return;
    const periods = [...new Set(this.data.period)].sort();
    this.controls.append(
      this.select(
        "regions of",
        ["none", ...periods],
        this.regionsPeriod || "none",
        (v) => void this.loadRegions(v),
      ),
    );
    for (const [kind, values] of [
      ["source", [...new Set(this.data.source)].sort()],
      ["period", periods],
    ] as const) {
      const box = document.createElement("fieldset");
      box.append(Object.assign(document.createElement("legend"), { textContent: kind }));
      for (const v of values) {
        const l = document.createElement("label");
        const c = document.createElement("input");
        c.type = "checkbox";
        c.checked = !this.off[kind].has(v);
        c.dataset[kind] = v;
        c.addEventListener("change", () => {
          if (c.checked) this.off[kind].delete(v);
          else this.off[kind].add(v);
          this.draw(true);
        });
        l.append(c, ` ${v}`);
        box.append(l);
      }
      this.controls.append(box);
    }
  }

  async load(id: string): Promise<void> {
    this.runId = id;
    this.data = await getJson<Candidates>(`api/runs/${encodeURIComponent(id)}/candidates`);
    const periods = [...new Set(this.data.period)].sort();
    const run = this.runs.find((r) => r.id === id);
    await this.loadRegions(
      periods.includes(run?.period ?? "") ? (run?.period ?? "") : (periods.at(-1) ?? "none"),
      false,
    );
    this.renderControls();
    this.draw(false);
  }

  private async loadRegions(period: string, redraw = true): Promise<void> {
    this.regionsPeriod = period;
    this.regions =
      period === "none"
        ? []
        : await getJson<RegionOutline[]>(`api/regions?period=${encodeURIComponent(period)}&top=0.1`);
    if (redraw) this.draw(true);
  }

  private draw(keepView: boolean): void {
    const d = this.data;
    if (!d) return;
    const sources = [...new Set(d.source)].sort();
    const layers: Layer[] = [];
    const lines: string[] = [];
    let weightsOnly = false;
    sources.forEach((src, k) => {
      if (this.off.source.has(src)) return;
      const x: number[] = [];
      const y: number[] = [];
      const info: string[] = [];
      let w = 0;
      for (let i = 0; i < d.p.length; i++) {
        if (d.source[i] !== src || this.off.period.has(d.period[i])) continue;
        x.push(d.p[i]);
        y.push(d.m2miss[i]);
        const e = d.expected[i];
        info.push(
          `${d.period[i]} ${d.category[i]}, ${e === null ? `weight ${formatValue(d.weight[i])}` : `${formatValue(e)} expected events`}`,
        );
        w += e ?? d.weight[i];
        if (e === null) weightsOnly = true;
      }
      layers.push({
        kind: "points",
        label: src,
        color: PALETTE[k % PALETTE.length],
        x,
        y,
        radius: 2.5,
        info,
      });
      lines.push(
        `${src}: ${x.length} rows, ${weightsOnly ? "Σweight" : "expected events"} ${formatValue(w)}`,
      );
    });
    const model = {
      title: `Candidates of ${this.runId}`,
      xLabel: "p_π [GeV/c]",
      yLabel: "m^2_{miss} [GeV^2/c^4]",
      stamp: this.regionsPeriod !== "none" ? `regions of ${this.regionsPeriod}` : "",
      layers,
      regions: this.regions,
      xRange: [10, 50] as [number, number],
      yRange: [-0.1, 0.1] as [number, number],
    };
    if (this.plot) this.plot.update(model, keepView);
    else this.plot = new InteractivePlot(this.plotBox, model, [760, 520]);
    this.info.textContent = `${lines.join(" · ")}${d.truncated ? ` · ${d.truncated} rows not shown` : ""}`;
    this.plotBox.dataset.points = String(
      layers.reduce((a, l) => a + (l.kind === "points" ? l.x.length : 0), 0),
    );
  }
}

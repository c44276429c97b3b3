/**
 * The run browser: every served run folder with its state and live progress (polled), and for the
 * chosen run its results against NA62's published values, the report tables (categories, cut flows)
 * and every figure as an interactive plot; the limit and exclusion plots of search jobs first.
 */
import { superscriptInteger } from "../../src/io/numbers.ts";
import { type FigureJson, getJson, type RunSummary, type TableJson } from "./api.ts";
import { figureModel } from "./figures.ts";
import { formatValue, InteractivePlot } from "./plot.ts";
import { richHtml } from "./rich-text.ts";

const POLL_MS = 2000;
const LIMIT_PLOT = /limit|exclusion|sensitivity|reach|(^|[-_])ul([-_]|$)|upper/i;

interface Comparison {
  figure: string;
  label: string;
  ours: number | null;
  uncertainty: number | null;
  published: number | null;
  publishedLimit?: number | null;
  publishedErrorUp?: number | null;
  publishedErrorDown?: number | null;
  ratio: number | null;
  status: string;
  reason?: string;
  tag?: string | null;
  source?: string | null;
}

/** the factor a label such as "N_ππ × 10⁻⁷" or "SES × 10¹⁰" asks the numbers to be shown with */
export function labelScale(label: string): number {
  const m = /× 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*$/.exec(label);
  if (!m) return 1;
  return 10 ** superscriptInteger(m[1]);
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string,
  html?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (html !== undefined) e.innerHTML = html;
  return e;
}

function progressBar(r: RunSummary): HTMLElement {
  const box = el("div", "progress");
  const f = r.progress.events > 0 ? r.progress.eventsDone / r.progress.events : 0;
  box.innerHTML = `<div class="bar"><div style="width:${(100 * f).toFixed(1)}%"></div></div>
    <span>${r.progress.shardsDone}/${r.progress.shards} shards, ${r.progress.eventsDone.toLocaleString("en")}/${r.progress.events.toLocaleString("en")} events</span>`;
  return box;
}

export class RunBrowser {
  private readonly list = el("div", "run-list");
  private readonly view = el("div", "run-view");
  private current: string | null = null;
  private currentState: string | null = null;
  private runs: RunSummary[] = [];
  onRuns: (runs: RunSummary[]) => void = () => {};

  constructor(root: HTMLElement) {
    root.append(this.list, this.view);
    this.list.setAttribute("data-testid", "run-list");
    void this.poll();
  }

  private async poll(): Promise<void> {
    try {
      this.runs = await getJson<RunSummary[]>("api/runs");
      this.renderList();
      this.onRuns(this.runs);
      const cur = this.runs.find((r) => r.id === this.current);
      if (!this.current && this.runs.length > 0) await this.open(this.runs[0].id);
      else if (cur && cur.state !== this.currentState) await this.open(cur.id);
      else if (cur) this.updateLive(cur);
    } catch (e) {
      this.list.textContent = `cannot read the runs: ${(e as Error).message}`;
    }
    setTimeout(() => void this.poll(), POLL_MS);
  }

  private renderList(): void {
    this.list.replaceChildren();
    const h = el("h2", undefined, `Run folders (${this.runs.length})`);
    this.list.append(h);
    if (this.runs.length === 0)
      this.list.append(
        el("p", "muted", "No run folder yet: start one with <code>kaonlab run pnn --events 20000</code>."),
      );
    for (const r of this.runs) {
      const item = el("button", `run-item${r.id === this.current ? " selected" : ""}`);
      item.setAttribute("data-run", r.id);
      item.innerHTML = `<b>${r.id}</b><br><span class="state ${r.state}">${r.state}</span> ${r.job}${r.period ? `, ${r.period}` : ""}, ${r.events.toLocaleString("en")} events`;
      if (r.state !== "done") item.append(progressBar(r));
      item.addEventListener("click", () => void this.open(r.id));
      this.list.append(item);
    }
  }

  private updateLive(r: RunSummary): void {
    const live = this.view.querySelector(".live");
    if (live) live.replaceChildren(progressBar(r));
  }

  async open(id: string): Promise<void> {
    this.current = id;
    this.renderList();
    const { summary: s, results } = await getJson<{
      summary: RunSummary;
      results: Record<string, unknown> | null;
    }>(`api/runs/${encodeURIComponent(id)}`);
    this.currentState = s.state;
    this.view.replaceChildren();
    this.view.setAttribute("data-testid", "run-view");
    this.view.append(
      el(
        "h2",
        undefined,
        `${s.job} <span class="state ${s.state}">${s.state}</span> <small>${s.period ?? ""} · seed ${s.seed} · ${s.events.toLocaleString("en")} events · ${s.dir}</small>`,
      ),
    );
    if (s.state !== "done") {
      const live = el("div", "live");
      live.append(progressBar(s));
      this.view.append(
        live,
        el("p", "muted", "Live: the page re-reads the run folder every 2 s; results appear after the merge."),
      );
      return;
    }
    if (results) this.renderResults(results);
    const limits = s.plots.filter((n) => LIMIT_PLOT.test(n));
    const others = s.plots.filter((n) => !LIMIT_PLOT.test(n));
    const grids = new Map<string, HTMLElement>();
    for (const [title, names] of [
      ["Limits and exclusions", limits],
      [limits.length > 0 ? "Other figures" : "Figures", others],
    ] as const) {
      if (names.length === 0) continue;
      const grid = el("div", "figures");
      this.view.append(el("h3", undefined, `${title} (${names.length})`), grid);
      for (const n of names) grids.set(n, grid);
    }
    for (const name of [...limits, ...others]) {
      const grid = grids.get(name) as HTMLElement;
      const box = el("figure");
      box.setAttribute("data-plot", name);
      grid.append(box);
      try {
        const f = await getJson<FigureJson>(
          `api/runs/${encodeURIComponent(id)}/plots/${encodeURIComponent(name)}.json`,
        );
        new InteractivePlot(box, figureModel(f));
        if (f.caption) box.append(el("figcaption", undefined, richHtml(f.caption)));
      } catch {
        // a run folder from before plots/<name>.json: the static SVG
        box.append(el("img"));
        (box.lastChild as HTMLImageElement).src =
          `api/runs/${encodeURIComponent(id)}/plots/${encodeURIComponent(name)}.svg`;
        box.append(
          el("figcaption", "muted", "static figure (this run folder predates the interactive figures)"),
        );
      }
    }
    if (s.tables.length > 0) {
      this.view.append(el("h3", undefined, `Tables (${s.tables.length})`));
      for (const t of s.tables) {
        const d = el("details");
        d.append(el("summary", undefined, t));
        d.addEventListener(
          "toggle",
          async () => {
            const tab = await getJson<TableJson>(
              `api/runs/${encodeURIComponent(id)}/tables/${encodeURIComponent(t)}`,
            );
            d.replaceChildren(el("summary", undefined, richHtml(tab.title)), tableOf(tab.header, tab.rows));
          },
          { once: true },
        );
        this.view.append(d);
      }
    }
  }

  private renderResults(r: Record<string, unknown>): void {
    const comparison = r.comparison as Comparison[] | undefined;
    if (Array.isArray(comparison) && comparison.length > 0) {
      this.view.append(el("h3", undefined, "kaonlab against NA62's published figures"));
      const rows = comparison.map((c) => {
        const k = labelScale(c.label);
        const v = (x: number) => formatValue(x * k);
        const pub =
          c.published !== null && c.published !== undefined
            ? `${v(c.published)}${c.publishedErrorUp ? ` +${v(c.publishedErrorUp)} −${v(c.publishedErrorDown ?? c.publishedErrorUp)}` : ""}`
            : c.publishedLimit
              ? `< ${v(c.publishedLimit)}`
              : "—";
        return [
          richHtml(c.label),
          c.ours === null ? "—" : `${v(c.ours)}${c.uncertainty ? ` ± ${v(c.uncertainty)}` : ""}`,
          pub,
          c.ratio === null ? "—" : formatValue(c.ratio),
          `<span class="status s-${c.status.replace(/\W+/g, "-")}" title="${(c.reason ?? "").replace(/"/g, "&quot;")}">${c.status}</span>`,
          c.source ?? "",
        ];
      });
      const t = tableOf(["figure", "kaonlab", "NA62", "ratio", "status", "source"], rows, true);
      t.setAttribute("data-testid", "comparison");
      this.view.append(t);
    }
    const cats = r.categories as Record<string, unknown>[] | undefined;
    if (Array.isArray(cats) && cats.length > 0) {
      const d = el("details");
      d.append(el("summary", undefined, `Categories (${cats.length})`));
      const keys = Object.keys(cats[0]).filter((k) => typeof cats[0][k] !== "object");
      const hasBkg = cats[0].background && typeof cats[0].background === "object";
      const header = [...keys, ...(hasBkg ? ["background total"] : [])];
      const rows = cats.map((c) => [
        ...keys.map((k) => (typeof c[k] === "number" ? formatValue(c[k] as number) : String(c[k]))),
        ...(hasBkg
          ? [formatValue(Number((c.background as Record<string, number>).total ?? Number.NaN))]
          : []),
      ]);
      d.append(tableOf(header, rows, true));
      this.view.append(d);
    }
  }
}

function tableOf(header: string[], rows: (string | number)[][], html = false): HTMLTableElement {
  const t = el("table");
  const head = el("tr");
  for (const h of header) head.append(el("th", undefined, richHtml(h)));
  t.append(head);
  for (const r of rows) {
    const tr = el("tr");
    for (const c of r) {
      const td = el("td");
      if (html) td.innerHTML = String(c);
      else td.innerHTML = richHtml(String(c));
      tr.append(td);
    }
    t.append(tr);
  }
  return t;
}

/**
 * The merged outputs of a run folder, each written atomically, the manifest last:
 *   results.json              the job's results with the run identity (exact JSON, no timings)
 *   histograms/<name>.json    plain JSON: edges, sums of weights and of squared weights
 *   histograms/<name>.root.json  ROOT JSON (TBufferJSON) of TH1D/TH2D for JSROOT and ROOT
 *   plots/<name>.svg, .png    the report's figures; .json the same figure for interactive viewers
 *                             (`kaonlab serve`: series, colours, histograms, regions; src/io/plot-json.ts)
 *   tables/<name>.csv, .tex, .json  the report's tables (CSV, LaTeX tabular, JSON for `export hepdata`)
 *   report.md                 summary, tables, figures
 *   manifest.json             version, git commit, card and hash, seed, shards with checksums, timings
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { MergeOutput } from "../analyses/job.ts";
import { getJob } from "../analyses/registry.ts";
import { UsageError } from "../core/errors.ts";
import { stageFile } from "../io/atomic.ts";
import { histToPlain } from "../io/histogram.ts";
import { exposureText } from "../io/numbers.ts";
import type { ReportContent } from "../io/plot.ts";
import { plotToJson } from "../io/plot-json.ts";
import { renderSvg } from "../io/plot-svg.ts";
import { svgToPng } from "../io/png.ts";
import { tableCsv, tableJson, tableLatex, tableSlugs } from "../io/report-tables.ts";
import { histToRootJson } from "../io/root-json.ts";
import { orderedJson } from "../io/terminal.ts";
import { VERSION } from "../version.ts";
import { sha256 } from "./card.ts";
import {
  fsReason,
  HIST_DIR,
  MANIFEST_FILE,
  PLOT_DIR,
  REPORT_FILE,
  RESULTS_FILE,
  type RunPlan,
} from "./plan.ts";
import { type ShardHeader, shardFileName, shardPath } from "./shard-file.ts";

/** the report's tables as files (tables/<slug>.csv, .tex, .json) */
export const TABLE_DIR = "tables";

let commit: string | null | undefined;

/** the git commit of the kaonlab sources, when they sit in a git checkout */
export function gitCommit(): string | null {
  if (commit !== undefined) return commit;
  try {
    const root = fileURLToPath(new URL("../../", import.meta.url));
    commit = execFileSync("git", ["-C", root, "rev-parse", "HEAD"], {
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 5000,
    })
      .toString()
      .trim();
  } catch {
    commit = null;
  }
  return commit;
}

function cell(v: string | number): string {
  return String(v).replace(/\|/g, "\\|");
}

/**
 * The options of a run that differ from the job's defaults, as (path, JSON value) pairs: every
 * config entry that differs (nested objects key by key; lists such as period-card overrides whole).
 */
export function cardOverrides(plan: RunPlan): [string, string][] {
  let defaults: Record<string, unknown> = {};
  try {
    defaults = getJob(plan.job).schema.parse({}) as Record<string, unknown>;
  } catch {
    defaults = {};
  }
  const out: [string, string][] = [];
  const walk = (v: unknown, d: unknown, path: string) => {
    if (JSON.stringify(v) === JSON.stringify(d)) return;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const dd = (d !== null && typeof d === "object" ? d : {}) as Record<string, unknown>;
      for (const [k, x] of Object.entries(v)) walk(x, dd[k], path ? `${path}.${k}` : k);
      return;
    }
    out.push([path, JSON.stringify(v)]);
  };
  walk(plan.config, defaults, "");
  return out;
}

/** report.md text */
export function reportMarkdown(plan: RunPlan, report: ReportContent): string {
  const lines: string[] = [];
  lines.push(`# kaonlab run: ${plan.job}`, "");
  lines.push(
    `Job \`${plan.job}\`, ${plan.events} events in ${plan.shards.length} shards, seed ${plan.seed}` +
      `${plan.period ? `, period ${plan.period}` : ""}; card hash \`${plan.cardHash.slice(0, 16)}\`. ` +
      `Provenance, checksums and timings: [manifest.json](${MANIFEST_FILE}); numbers: [results.json](${RESULTS_FILE}).`,
    "",
  );
  const overrides = cardOverrides(plan);
  lines.push("## Run card", "");
  if (overrides.length === 0) lines.push("Every option at the job's default.", "");
  else {
    lines.push("Options that differ from the job's defaults:", "");
    for (const [k, v] of overrides) lines.push(`- \`${k}\` = \`${v}\``);
    lines.push("");
  }
  if (report.summary) lines.push(report.summary, "");
  for (const t of report.tables) {
    lines.push(`## ${t.title}`, "");
    lines.push(`| ${t.header.map(cell).join(" | ")} |`);
    lines.push(`| ${t.header.map((_, j) => (j === 0 ? "---" : "---:")).join(" | ")} |`);
    for (const r of t.rows) lines.push(`| ${r.map(cell).join(" | ")} |`);
    lines.push("");
  }
  if (report.plots.length > 0) lines.push("## Figures", "");
  for (const p of report.plots) {
    lines.push(`### ${p.title}`, "");
    lines.push(`![${p.title}](${PLOT_DIR}/${p.name}.svg)`, "");
    lines.push(`${p.caption ? `${p.caption} ` : ""}([PNG](${PLOT_DIR}/${p.name}.png))`, "");
  }
  lines.push("## Files", "");
  lines.push(
    `- \`${HIST_DIR}/*.json\`: histograms as plain JSON (edges, sums of weights and of squared weights, under/overflow);` +
      ` \`${HIST_DIR}/*.root.json\`: the same as ROOT JSON (TH1D/TH2D), for JSROOT and ROOT (\`TBufferJSON::FromJSON\`).`,
  );
  lines.push(
    "- `ntuples/shard-*.parquet`: per-event ntuples, one file per shard (when the job writes them).",
  );
  lines.push("");
  return lines.join("\n");
}

/** "2018-S2, 2 × 10^{6} simulated K⁺ decays": the period/exposure under every plot */
export function plotStamp(plan: Pick<RunPlan, "period" | "events">): string {
  return exposureText(plan.period, plan.events);
}

export function writeOutputs(
  dir: string,
  plan: RunPlan,
  shards: ShardHeader[],
  out: MergeOutput,
  t0: number,
): string[] {
  const files: { file: string; sha256: string }[] = [];
  // every output is written to a temporary first; only when all of them are on disk are they
  // renamed into place (renames need no space), so a full or read-only disk leaves no half set
  const staged: { tmp: string; dest: string }[] = [];
  const madeDirs = [HIST_DIR, PLOT_DIR, TABLE_DIR].filter((d) => !existsSync(join(dir, d)));
  const put = (rel: string, data: string | Uint8Array) => {
    staged.push(stageFile(join(dir, rel), data));
    files.push({ file: rel, sha256: sha256(data) });
  };
  const phase = { renaming: false };
  try {
    return writeStaged(dir, plan, shards, out, t0, files, staged, put, phase);
  } catch (e) {
    for (const f of staged) rmSync(f.tmp, { force: true });
    for (const d of madeDirs) rmSync(join(dir, d), { recursive: true, force: true });
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === "string") {
      throw new UsageError(
        `merge: cannot write the outputs into ${dir}: ${fsReason(e)}; nothing was written`,
      );
    }
    throw e;
  }
}

function writeStaged(
  dir: string,
  plan: RunPlan,
  shards: ShardHeader[],
  out: MergeOutput,
  t0: number,
  files: { file: string; sha256: string }[],
  staged: { tmp: string; dest: string }[],
  put: (rel: string, data: string | Uint8Array) => void,
  phase: { renaming: boolean },
): string[] {
  mkdirSync(join(dir, HIST_DIR), { recursive: true });
  mkdirSync(join(dir, PLOT_DIR), { recursive: true });
  if (out.report.tables.length > 0) mkdirSync(join(dir, TABLE_DIR), { recursive: true });
  const names = new Set<string>();
  for (const h of out.hists) {
    if (names.has(h.name)) throw new Error(`job ${plan.job}: two histograms named ${h.name}`);
    names.add(h.name);
    put(`${HIST_DIR}/${h.name}.json`, JSON.stringify(histToPlain(h)) + "\n");
    put(`${HIST_DIR}/${h.name}.root.json`, histToRootJson(h) + "\n");
  }
  const stamp = out.report.exposure ?? plotStamp(plan);
  for (const p of out.report.plots) {
    const svg = renderSvg(p, { stamp });
    put(`${PLOT_DIR}/${p.name}.svg`, svg);
    put(`${PLOT_DIR}/${p.name}.png`, svgToPng(svg));
    put(`${PLOT_DIR}/${p.name}.json`, JSON.stringify(plotToJson(p, stamp)) + "\n");
  }
  const results = {
    run: {
      job: plan.job,
      kaonlab: plan.kaonlab,
      cardHash: plan.cardHash,
      seed: plan.seed,
      events: plan.events,
      shards: plan.shards.length,
      period: plan.period,
    },
    ...out.results,
  };
  put(RESULTS_FILE, orderedJson(results, 2) + "\n");
  const slugs = tableSlugs(out.report.tables);
  out.report.tables.forEach((t, k) => {
    put(`${TABLE_DIR}/${slugs[k]}.csv`, tableCsv(t));
    put(`${TABLE_DIR}/${slugs[k]}.tex`, tableLatex(t));
    put(`${TABLE_DIR}/${slugs[k]}.json`, tableJson(t));
  });
  put(REPORT_FILE, reportMarkdown(plan, out.report));
  const mergedAt = new Date();
  const shardInfo = shards.map((h) => {
    const sp = plan.shards[h.index];
    return {
      index: h.index,
      firstEvent: sp.firstEvent,
      events: h.events,
      file: `shards/${shardFileName(h.index)}`,
      sha256: sha256(readFileSync(shardPath(dir, h.index))),
      ntuple: h.ntuple,
      seconds: h.seconds,
      startedAt: h.startedAt,
      host: h.host,
      engine: h.engine,
      maxRssBytes: h.maxRssBytes,
    };
  });
  const manifest = {
    format: plan.format,
    kaonlab: VERSION,
    gitCommit: gitCommit(),
    job: plan.job,
    card: plan.card,
    cardHash: plan.cardHash,
    seed: plan.seed,
    events: plan.events,
    period: plan.period,
    shards: shardInfo,
    outputs: files,
    timings: {
      createdAt: plan.createdAt,
      mergedAt: mergedAt.toISOString(),
      wallSeconds: (mergedAt.getTime() - Date.parse(plan.createdAt)) / 1000,
      shardSecondsTotal: shards.reduce((a, h) => a + h.seconds, 0),
      maxShardRssBytes: Math.max(0, ...shards.map((h) => h.maxRssBytes)),
      mergeSeconds: (performance.now() - t0) / 1000,
      mergeMaxRssBytes: process.resourceUsage().maxRSS * 1024,
      /** CPU time (user + system, all threads) of the process that merged: for a local run, the
       *  whole run — a figure that, unlike wall time, barely depends on the load of the machine */
      mergeProcessCpuSeconds: (() => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1e6;
      })(),
    },
  };
  // the manifest last: its presence means the run is complete
  staged.push(stageFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n"));
  phase.renaming = true;
  for (const f of staged) renameSync(f.tmp, f.dest);
  return [...files.map((f) => f.file), MANIFEST_FILE];
}

/**
 * What `kaonlab serve` shows of a run folder, read from its files only (no Monte Carlo here):
 *
 *   runSummary(dir)     job, period, seed, events; state (planned, running, done, stopped) and the
 *                       progress of the shards (from plan.json, shards/, the lock and manifest.json);
 *                       the names of its histograms, tables and plots
 *   runCandidates(dir)  the selected candidates and control-region events of its ntuples, as columns
 *                       (period, sample, source, category, p, m²miss, weight) for the (p, m²miss) plane
 *
 * A folder that is still running is read as it stands: files appear atomically (temp + rename), so
 * whatever is listed is complete.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { UsageError } from "../core/errors.ts";
import type { Candidates, RunState, RunSummary } from "./explorer-types.ts";
import { LOCK_FILE } from "./lock.ts";
import { TABLE_DIR } from "./outputs.ts";
import { HIST_DIR, MANIFEST_FILE, NTUPLE_DIR, PLAN_FILE, PLOT_DIR, RESULTS_FILE, SHARD_DIR } from "./plan.ts";

interface PlanShape {
  job: string;
  period?: string | null;
  seed: number;
  events: number;
  shards: { index: number; events: number }[];
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

function listNames(dir: string, suffix: string, skip?: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix) && !(skip && f.endsWith(skip)) && !f.includes(".tmp"))
    .map((f) => f.slice(0, -suffix.length))
    .sort();
}

/** the plan of a run folder; UsageError naming the folder when it is not one */
export function readRunPlan(dir: string): PlanShape {
  const p = join(dir, PLAN_FILE);
  if (!existsSync(p))
    throw new UsageError(`RUN_DIR: "${dir}" holds no ${PLAN_FILE} (not a kaonlab run folder)`);
  try {
    const plan = readJson(p) as PlanShape;
    if (typeof plan.job !== "string" || !Array.isArray(plan.shards)) throw new Error("no job or shards");
    return plan;
  } catch (e) {
    throw new UsageError(`RUN_DIR: "${p}" is not a readable run plan (${(e as Error).message})`);
  }
}

/** state and progress of a run folder, with the names of its outputs */
export function runSummary(dir: string, id = basename(resolve(dir))): RunSummary {
  const plan = readRunPlan(dir);
  const done = new Set(
    listNames(join(dir, SHARD_DIR), ".json").map((n) => Number(/^shard-(\d+)$/.exec(n)?.[1] ?? -1)),
  );
  let eventsDone = 0;
  let shardsDone = 0;
  for (const s of plan.shards) {
    if (done.has(s.index)) {
      shardsDone++;
      eventsDone += s.events;
    }
  }
  const manifest = join(dir, MANIFEST_FILE);
  const finished = existsSync(manifest);
  const locked = existsSync(join(dir, LOCK_FILE));
  const state: RunState = finished ? "done" : locked ? "running" : shardsDone > 0 ? "stopped" : "planned";
  let updated = 0;
  for (const f of finished ? [manifest] : [...done].map((i) => join(dir, SHARD_DIR, shardName(i)))) {
    try {
      updated = Math.max(updated, statSync(f).mtimeMs);
    } catch {
      // a shard file replaced between the listing and here
    }
  }
  return {
    id,
    dir: resolve(dir),
    job: plan.job,
    period: plan.period ?? null,
    seed: plan.seed,
    events: plan.events,
    state,
    progress: { shardsDone, shards: plan.shards.length, eventsDone, events: plan.events },
    updatedAt: updated > 0 ? new Date(updated).toISOString() : null,
    histograms: listNames(join(dir, HIST_DIR), ".json", ".root.json"),
    tables: listNames(join(dir, TABLE_DIR), ".json"),
    plots: listNames(join(dir, PLOT_DIR), ".svg"),
    ntuples: listNames(join(dir, NTUPLE_DIR), ".parquet").length,
  };
}

function shardName(i: number): string {
  return `shard-${String(i).padStart(6, "0")}.json`;
}

/** results.json of a finished run, null before the merge */
export function runResults(dir: string): unknown {
  const p = join(dir, RESULTS_FILE);
  return existsSync(p) ? readJson(p) : null;
}

/** a histogram (plain JSON) or table (JSON) of a run folder by name; null if there is none */
export function runArtefact(dir: string, kind: "histograms" | "tables", name: string): unknown {
  if (!/^[\w.+-]+$/.test(name) || name.includes("..")) return null;
  const p = join(dir, kind === "histograms" ? HIST_DIR : TABLE_DIR, `${name}.json`);
  return existsSync(p) ? readJson(p) : null;
}

const CANDIDATE_COLUMNS = ["period", "sample", "source", "category", "p", "m2miss", "weight"] as const;

/** the rows of the run's ntuples (every shard), at most `limit` of them */
export async function runCandidates(dir: string, limit = 50000): Promise<Candidates> {
  const out: Candidates = {
    period: [],
    sample: [],
    source: [],
    category: [],
    p: [],
    m2miss: [],
    weight: [],
    expected: [],
    truncated: 0,
  };
  const scales = new Map<string, number>();
  const results = runResults(dir) as {
    ntupleScales?: { period: string; sample: string; scale: number }[];
  } | null;
  for (const s of results?.ntupleScales ?? []) scales.set(`${s.period}|${s.sample}`, s.scale);
  const nd = join(dir, NTUPLE_DIR);
  for (const name of listNames(nd, ".parquet")) {
    const buf = readFileSync(join(nd, `${name}.parquet`));
    const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    const names = new Set(parquetMetadata(file).schema.map((c) => c.name));
    if (!names.has("p") || !names.has("m2miss")) continue; // an ntuple without the plane's columns
    const columns = CANDIDATE_COLUMNS.filter((c) => names.has(c));
    const rows = (await parquetReadObjects({ file, columns })) as Record<string, unknown>[];
    for (const row of rows) {
      if (out.p.length >= limit) {
        out.truncated++;
        continue;
      }
      out.period.push(String(row.period ?? ""));
      out.sample.push(String(row.sample ?? ""));
      out.source.push(String(row.source ?? ""));
      out.category.push(String(row.category ?? ""));
      out.p.push(Number(row.p));
      out.m2miss.push(Number(row.m2miss));
      const w = row.weight === undefined ? 1 : Number(row.weight);
      out.weight.push(w);
      const scale = scales.get(`${row.period}|${row.sample}`);
      out.expected.push(scale === undefined ? null : w * scale);
    }
  }
  return out;
}

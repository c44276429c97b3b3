/**
 * Completeness and merge. The merge decides completeness itself: every planned shard index exactly
 * once, each shard file from the same card hash and seed, with the planned number of events, its
 * payload and ntuple checksums verified. Otherwise it refuses, naming the shards to re-run, and
 * writes nothing. Shard results are merged in shard order, so the result does not depend on which
 * worker, node or engine ran which shard, nor on when.
 */
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync } from "node:fs";
import { join } from "node:path";
import type { ShardResult } from "../analyses/job.ts";
import { getJob } from "../analyses/registry.ts";
import { UsageError } from "../core/errors.ts";
import { ShardCombiner } from "./combine.ts";
import { acquireRunLock } from "./lock.ts";
import { writeOutputs } from "./outputs.ts";
import { type RunPlan, readPlan, SHARD_DIR } from "./plan.ts";
import { shellQuote } from "./script-safety.ts";
import { decodeExact, readShardHeader, type ShardHeader, shardFileName, shardPath } from "./shard-file.ts";
import { fileSha256 } from "./shard-task.ts";

export interface ShardProblem {
  index: number;
  reason: string;
}

export interface ShardStatus {
  plan: RunPlan;
  complete: ShardHeader[];
  /** planned shards that are missing or unusable, by index */
  problems: ShardProblem[];
  /** files in shards/ that do not belong to the plan */
  strays: string[];
}

/** the state of every planned shard of a run folder */
export function shardStatus(dir: string, plan: RunPlan = readPlan(dir)): ShardStatus {
  const complete: ShardHeader[] = [];
  const problems: ShardProblem[] = [];
  for (const sp of plan.shards) {
    const r = readShardHeader(shardPath(dir, sp.index));
    if ("error" in r) {
      problems.push({ index: sp.index, reason: r.error });
      continue;
    }
    const h = r.header;
    const why =
      h.index !== sp.index
        ? `holds shard ${h.index}`
        : h.cardHash !== plan.cardHash
          ? `from another run (card hash ${h.cardHash.slice(0, 12)}…, expected ${plan.cardHash.slice(0, 12)}…)`
          : h.seed !== plan.seed
            ? `seed ${h.seed}, expected ${plan.seed}`
            : h.events !== sp.events
              ? `${h.events} events, expected ${sp.events}`
              : null;
    if (why) {
      problems.push({ index: sp.index, reason: why });
      continue;
    }
    if (h.ntuple) {
      const p = join(dir, h.ntuple.file);
      if (!existsSync(p)) {
        problems.push({ index: sp.index, reason: `ntuple ${h.ntuple.file} missing` });
        continue;
      }
      if (fileSha256(p) !== h.ntuple.sha256) {
        problems.push({ index: sp.index, reason: `ntuple ${h.ntuple.file} checksum mismatch` });
        continue;
      }
      const bad = parquetProblem(p);
      if (bad) {
        problems.push({ index: sp.index, reason: `ntuple ${h.ntuple.file} ${bad}` });
        continue;
      }
    }
    try {
      JSON.parse(r.payload);
    } catch {
      problems.push({ index: sp.index, reason: "payload is not valid JSON" });
      continue;
    }
    complete.push(h);
  }
  const expected = new Set(plan.shards.map((s) => shardFileName(s.index)));
  const strays = existsSync(join(dir, SHARD_DIR))
    ? readdirSync(join(dir, SHARD_DIR)).filter(
        (f) => f.startsWith("shard-") && f.endsWith(".json") && !expected.has(f),
      )
    : [];
  return { plan, complete, problems, strays };
}

/**
 * Why a file is not a Parquet file, or null: "PAR1" at both ends, a footer length that fits the
 * file (the checksum alone would accept a file damaged before it was checksummed).
 */
export function parquetProblem(path: string): string | null {
  let fd: number | null = null;
  try {
    fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    if (size < 12) return `is not a Parquet file (${size} bytes)`;
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(8);
    readSync(fd, head, 0, 4, 0);
    readSync(fd, tail, 0, 8, size - 8);
    if (head.toString("latin1") !== "PAR1") return "is not a Parquet file (does not start with PAR1)";
    if (tail.subarray(4).toString("latin1") !== "PAR1")
      return "is not a Parquet file (does not end with PAR1)";
    const footer = tail.readUInt32LE(0);
    if (footer === 0 || footer > size - 12)
      return `is not a Parquet file (footer length ${footer} in ${size} bytes)`;
    return null;
  } catch (e) {
    return `cannot be read (${(e as NodeJS.ErrnoException).code ?? e})`;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** compact list of indices: 0-3,7,9-10 (Slurm's --array syntax) */
export function indexList(indices: number[]): string {
  const s = [...indices].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    parts.push(i === j ? `${s[i]}` : `${s[i]}-${s[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

export class IncompleteRunError extends UsageError {
  constructor(
    message: string,
    readonly shards: number[],
  ) {
    super(message);
  }
}

/** throw IncompleteRunError naming the shards to re-run unless every shard is complete */
export function assertComplete(dir: string, st: ShardStatus): void {
  if (st.problems.length === 0 && st.strays.length === 0) return;
  const idx = st.problems.map((p) => p.index);
  const lines = st.problems.slice(0, 20).map((p) => `  shard ${p.index}: ${p.reason}`);
  if (st.problems.length > 20) lines.push(`  … and ${st.problems.length - 20} more`);
  for (const f of st.strays) lines.push(`  ${SHARD_DIR}/${f}: not a shard of this run (remove it)`);
  throw new IncompleteRunError(
    `merge: ${dir} is incomplete: ${st.complete.length} of ${st.plan.shards.length} shards complete` +
      (idx.length ? `; shards to re-run: ${indexList(idx)} (kaonlab resume ${shellQuote(dir)})` : "") +
      `\n${lines.join("\n")}`,
    idx,
  );
}

export interface MergeSummary {
  dir: string;
  job: string;
  events: number;
  shards: number;
  seconds: number;
  files: string[];
  results: Record<string, unknown>;
  /** the job's text for a terminal (MergeOutput.terminal) */
  terminal?: string;
}

/** verify completeness, merge the shards and write results, histograms, plots, report, manifest */
export function mergeRun(dir: string): MergeSummary {
  const plan = readPlan(dir);
  const release = acquireRunLock(dir, "merge");
  try {
    return mergeLocked(dir, plan);
  } finally {
    release();
  }
}

function mergeLocked(dir: string, plan: RunPlan): MergeSummary {
  const t0 = performance.now();
  const st = shardStatus(dir, plan);
  assertComplete(dir, st);
  const job = getJob(plan.job);
  const combiner = new ShardCombiner();
  for (const h of st.complete) {
    const r = readShardHeader(shardPath(dir, h.index));
    if ("error" in r) throw new Error(`shard ${h.index}: ${r.error}`);
    combiner.add(decodeExact<ShardResult>(r.payload));
  }
  const { total, extras } = combiner.result();
  const out = job.merge(plan.config, total, {
    seed: plan.seed,
    events: plan.events,
    shards: plan.shards.length,
    period: plan.period,
    extras,
  });
  const files = writeOutputs(dir, plan, st.complete, out, t0);
  return {
    dir,
    job: plan.job,
    events: plan.events,
    shards: plan.shards.length,
    seconds: (performance.now() - t0) / 1000,
    files,
    results: out.results,
    terminal: out.terminal,
  };
}

/**
 * One shard of a planned run, in whichever thread or process runs it (a worker thread of the local
 * engine, a Slurm array task, an HTCondor job): read the plan, run the job's shard, write the shard's
 * ntuple (Parquet) and then its shard file, each atomically. A shard's output depends only on
 * (plan, index), so re-running a shard anywhere gives the same bytes.
 *
 * For tests of failure handling, KAONLAB_FAULT_SHARDS="2,5" makes those shard indices fail before
 * writing anything.
 */
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, readSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import type { NtupleSink, ShardContext } from "../analyses/job.ts";
import { getJob } from "../analyses/registry.ts";
import { ExitCodeError } from "../core/errors.ts";
import { type ColumnData, type ColumnSpec, openTable, type TableWriter } from "../io/table.ts";
import { NTUPLE_DIR, readPlan } from "./plan.ts";
import { writeShardFile } from "./shard-file.ts";

export interface ShardTaskArg {
  dir: string;
  index: number;
  engine: string;
  /** shared progress counters (events done), one slot per task; optional */
  progress?: Int32Array | null;
  slot?: number;
}

export interface ShardTaskResult {
  index: number;
  events: number;
  seconds: number;
}

/** rows per Parquet row group */
const ROW_GROUP = 65536;

/** buffers rows into row groups of ROW_GROUP rows */
class BufferedNtuple implements NtupleSink {
  private readonly buf: Record<string, ColumnData> = {};
  private fill = 0;
  rows = 0;

  constructor(
    private readonly table: TableWriter,
    private readonly columns: ColumnSpec[],
  ) {
    for (const c of columns) this.buf[c.name] = allocate(c, ROW_GROUP);
  }

  append(data: Record<string, ColumnData>, n: number): void {
    let done = 0;
    while (done < n) {
      const k = Math.min(n - done, ROW_GROUP - this.fill);
      for (const c of this.columns) {
        const src = data[c.name];
        const dst = this.buf[c.name];
        if (src === undefined) throw new Error(`ntuple: column ${c.name} missing`);
        if (Array.isArray(dst))
          for (let i = 0; i < k; i++) dst[this.fill + i] = (src as unknown[])[done + i] as never;
        else (dst as Float64Array).set((src as Float64Array).subarray(done, done + k), this.fill);
      }
      this.fill += k;
      done += k;
      if (this.fill === ROW_GROUP) this.flush();
    }
    this.rows += n;
  }

  flush(): void {
    if (this.fill > 0) this.table.append(this.buf, this.fill);
    this.fill = 0;
  }
}

function allocate(c: ColumnSpec, n: number): ColumnData {
  switch (c.type) {
    case "DOUBLE":
      return new Float64Array(n);
    case "FLOAT":
      return new Float32Array(n);
    case "INT32":
      return new Int32Array(n);
    case "INT64":
      return new BigInt64Array(n);
    case "BOOLEAN":
      return new Array<boolean>(n).fill(false);
    case "STRING":
      return new Array<string>(n).fill("");
  }
}

/** sha256 of a file, read in chunks (ntuples can be large) */
export function fileSha256(path: string): string {
  const h = createHash("sha256");
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return h.digest("hex");
}

/** KAONLAB_FAULT_SHARDS="2,5:exit": shard 2 throws, shard 5 ends its thread or process (exit 70) */
export function faultShards(): Map<number, "throw" | "exit"> {
  const s = process.env.KAONLAB_FAULT_SHARDS ?? "";
  const out = new Map<number, "throw" | "exit">();
  for (const x of s.split(",").map((v) => v.trim())) {
    if (x === "") continue;
    const [i, how] = x.split(":");
    out.set(Number(i), how === "exit" ? "exit" : "throw");
  }
  return out;
}

export async function runShardTask(arg: ShardTaskArg): Promise<ShardTaskResult> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const plan = readPlan(arg.dir);
  const sp = plan.shards[arg.index];
  if (!sp || sp.index !== arg.index) {
    throw new RangeError(
      `shard: index ${arg.index} is outside the run's shards 0..${plan.shards.length - 1}`,
    );
  }
  const fault = faultShards().get(arg.index);
  if (fault === "exit") process.exit(70);
  if (fault) throw new ExitCodeError(`shard ${arg.index}: failure injected by KAONLAB_FAULT_SHARDS`, 1);
  const job = getJob(plan.job);
  const columns = job.ntupleColumns?.(plan.config) ?? null;
  const ntupleFile = join(NTUPLE_DIR, `shard-${String(arg.index).padStart(6, "0")}.parquet`);
  let table: TableWriter | null = null;
  let sink: BufferedNtuple | null = null;
  if (columns) {
    mkdirSync(join(arg.dir, NTUPLE_DIR), { recursive: true });
    table = openTable(join(arg.dir, ntupleFile), columns, {
      job: plan.job,
      cardHash: plan.cardHash,
      seed: String(plan.seed),
      shard: String(arg.index),
    });
    sink = new BufferedNtuple(table, columns);
  }
  const progress = arg.progress ?? null;
  const slot = arg.slot ?? 0;
  const ctx: ShardContext = {
    period: plan.period,
    ntuple: sink,
    progress: progress ? (done) => Atomics.store(progress, slot, done) : () => {},
  };
  let result: Awaited<ReturnType<typeof job.runShard>>;
  try {
    result = await job.runShard(plan.config, plan.seed, arg.index, sp.events, ctx);
    if (result.ntuple) {
      if (!sink)
        throw new Error(`job ${plan.job}: a shard returned an ntuple but the job declares no columns`);
      sink.append(result.ntuple.data, result.ntuple.rows);
      result = { ...result, ntuple: undefined };
    }
    sink?.flush();
    table?.close();
  } catch (e) {
    table?.abort();
    throw e;
  }
  if (result.events !== sp.events) {
    throw new Error(
      `job ${plan.job}: shard ${arg.index} reports ${result.events} events, planned ${sp.events}`,
    );
  }
  const seconds = (performance.now() - t0) / 1000;
  writeShardFile(
    arg.dir,
    {
      cardHash: plan.cardHash,
      seed: plan.seed,
      index: arg.index,
      events: sp.events,
      ntuple: sink
        ? { file: ntupleFile, sha256: fileSha256(join(arg.dir, ntupleFile)), rows: sink.rows }
        : null,
      seconds,
      startedAt,
      host: hostname(),
      engine: arg.engine,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    },
    result,
  );
  if (progress) Atomics.store(progress, slot, sp.events);
  return { index: arg.index, events: sp.events, seconds };
}

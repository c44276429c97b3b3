/**
 * The local engine: shards on a pool of worker threads (src/core/worker-pool.ts), then the merge.
 * Progress comes back through a SharedArrayBuffer of per-task event counters, polled by the main
 * thread. An abort (SIGINT) terminates the workers; complete shards stay on disk (each is written
 * atomically when it finishes) and `kaonlab resume` runs the rest.
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { WorkerPool } from "../../core/worker-pool.ts";
import { HOST_TAG, temporaryWriter } from "../../io/atomic.ts";
import { NTUPLE_DIR, type RunPlan, SHARD_DIR } from "../plan.ts";
import { createProgress, type ProgressMode } from "../progress.ts";
import type { ShardTaskArg, ShardTaskResult } from "../shard-task.ts";

const TASK_MODULE = new URL(
  `../shard-task${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`,
  import.meta.url,
).href;

export interface LocalRunOptions {
  workers: number;
  progress: ProgressMode;
  signal?: AbortSignal;
  /** progress line writer (tests) */
  write?: (line: string) => void;
}

export interface LocalRunResult {
  done: number[];
  failed: { index: number; error: string }[];
  aborted: boolean;
  seconds: number;
}

/** run the given shards of a planned run folder on `workers` threads */
export async function runShardsLocal(
  dir: string,
  plan: RunPlan,
  indices: number[],
  opts: LocalRunOptions,
): Promise<LocalRunResult> {
  const t0 = performance.now();
  const done: number[] = [];
  const failed: { index: number; error: string }[] = [];
  if (indices.length === 0) return { done, failed, aborted: false, seconds: 0 };
  const counters = new Int32Array(new SharedArrayBuffer(4 * indices.length));
  const total = indices.reduce((a, i) => a + plan.shards[i].events, 0);
  const bar = createProgress(`${plan.job}`, total, indices.length, opts.progress, opts.write);
  const poll = () => {
    let ev = 0;
    for (let k = 0; k < counters.length; k++) ev += Atomics.load(counters, k);
    bar.update(ev, done.length + failed.length);
  };
  const timer = setInterval(poll, 200);
  const pool = new WorkerPool(Math.max(1, Math.min(opts.workers, indices.length)));
  let aborted = false;
  try {
    const aborting = new Promise<"aborted">((res) => {
      if (opts.signal?.aborted) res("aborted");
      opts.signal?.addEventListener("abort", () => res("aborted"), { once: true });
    });
    const all = Promise.all(
      indices.map((index, slot) => {
        const arg: ShardTaskArg = { dir, index, engine: "local", progress: counters, slot };
        return pool.run<ShardTaskResult>(TASK_MODULE, "runShardTask", arg).then(
          () => {
            done.push(index);
            poll();
          },
          (e: unknown) => {
            failed.push({ index, error: e instanceof Error ? e.message : String(e) });
            bar.log(`shard ${index} failed: ${e instanceof Error ? e.message : String(e)}`);
            poll();
          },
        );
      }),
    );
    aborted = (await Promise.race([all.then(() => "done" as const), aborting])) === "aborted";
  } finally {
    clearInterval(timer);
    bar.stop();
    await pool.close();
    // every thread of this run is gone: temporaries it left (a thread that died) go too
    removeTemporaries(dir, true);
  }
  done.sort((a, b) => a - b);
  failed.sort((a, b) => a.index - b.index);
  return { done, failed, aborted, seconds: (performance.now() - t0) / 1000 };
}

/**
 * Remove temporary files left by dead writers (dot-files ending in .tmp written by a process of
 * this host that is gone); temporaries of live writers, of other hosts or of unknown origin stay.
 */
export function removeTemporaries(dir: string, includeOwn = false): number {
  let n = 0;
  for (const sub of [SHARD_DIR, NTUPLE_DIR]) {
    let names: string[] = [];
    try {
      names = readdirSync(join(dir, sub));
    } catch {
      continue;
    }
    for (const f of names) {
      if (!(f.startsWith(".") && f.endsWith(".tmp"))) continue;
      const w = temporaryWriter(f);
      if (!w || w.hostTag !== HOST_TAG) continue;
      if (!(includeOwn && w.pid === process.pid) && pidAlive(w.pid)) continue;
      rmSync(join(dir, sub, f), { force: true });
      n++;
    }
  }
  return n;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

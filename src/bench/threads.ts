/**
 * Thread scaling of generation: the natural mix split into shards run on 1 and 2 worker threads
 * (src/core/worker-pool.ts). Rate = events / wall time, workers warmed up first.
 */
import { siblingModule, WorkerPool } from "../core/worker-pool.ts";
import type { BenchSection } from "./section.ts";

const TASK = siblingModule(import.meta.url, "threads-task");

async function rate(workers: number, eventsPerWorker: number): Promise<number> {
  const pool = new WorkerPool(workers);
  try {
    // warm-up: compile the generator in every worker
    await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        pool.run(TASK, "generateMixShard", { seed: 1, shard: 1000 + i, events: 300_000 }),
      ),
    );
    let best = 0;
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: workers }, (_, i) =>
          pool.run(TASK, "generateMixShard", { seed: 1, shard: i, events: eventsPerWorker }),
        ),
      );
      best = Math.max(best, (workers * eventsPerWorker) / ((performance.now() - t0) / 1000));
    }
    return best;
  } finally {
    await pool.close();
  }
}

export const threadsBench: BenchSection = {
  name: "threads",
  description: "natural-mix generation on 1 and 2 worker threads (events/s) and the speed-up",
  async run(opts) {
    const n = opts.quick ? 300_000 : 3_000_000;
    const one = await rate(1, n);
    const two = await rate(2, n);
    opts.log(
      `threads: 1 → ${(one / 1e6).toFixed(2)} M/s, 2 → ${(two / 1e6).toFixed(2)} M/s, ×${(two / one).toFixed(2)}`,
    );
    return { "1": Math.round(one), "2": Math.round(two), speedup: two / one };
  },
};

/**
 * Scale benchmark: `kaonlab run mix` through the longest chain available (generation, then every
 * stage registered in src/chain/stages.ts: the detector's `simulate` on the 2018-S2 card) on 2 worker
 * threads, at growing event counts, each in a fresh process: wall time, throughput and the peak
 * resident memory of the whole process (main thread + workers, from the run's manifest). Memory
 * must stay flat as the count grows: shards are bounded (default ≤ 2·10⁶ events) and histograms
 * have fixed size.
 *
 * Long (10⁸ decays ≈ a minute or more): not in the default `kaonlab bench` set; run it with
 * `kaonlab bench --only scale`. Event counts: KAONLAB_SCALE_EVENTS="1e6,1e7,1e8" (default),
 * --quick uses 1e5,1e6. Ntuples are off (10⁸ rows would be gigabytes of Parquet); set
 * KAONLAB_SCALE_NTUPLE=1 to include them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_SIM_PERIOD, stageNames } from "../chain/stages.ts";
import type { BenchSection } from "./section.ts";

const BIN = fileURLToPath(new URL("../../bin/kaonlab.js", import.meta.url));

function counts(quick: boolean): number[] {
  const env = process.env.KAONLAB_SCALE_EVENTS;
  if (env) {
    return env.split(",").map((s) => {
      const n = Number(s.trim().replace(/_/g, ""));
      if (!Number.isSafeInteger(n) || n <= 0)
        throw new RangeError(`KAONLAB_SCALE_EVENTS: expected positive integers, got "${s}"`);
      return n;
    });
  }
  return quick ? [1e5, 1e6] : [1e6, 1e7, 1e8];
}

export const scaleBench: BenchSection = {
  name: "scale",
  description:
    "kaonlab run mix at 10⁶, 10⁷, 10⁸ decays on 2 workers: wall time, rate, peak RSS (opt-in: --only scale)",
  optIn: true,
  async run(opts) {
    const chain = stageNames();
    const ntuple = process.env.KAONLAB_SCALE_NTUPLE === "1";
    const points: Record<string, unknown>[] = [];
    const tmp = mkdtempSync(join(tmpdir(), "kaonlab-scale-"));
    try {
      // the first count is preceded by a small warm-up run (file cache, lazy loading), not reported
      for (const [k, n] of [[-1, 20000], ...counts(opts.quick).map((c, i) => [i, c])]) {
        const dir = join(tmp, `run-${n}`);
        const card = join(tmp, `card-${n}.json`);
        writeFileSync(
          card,
          JSON.stringify({
            job: "mix",
            events: n,
            seed: 1,
            workers: 2,
            quiet: true,
            out: dir,
            ...(chain.includes("simulate") ? { period: DEFAULT_SIM_PERIOD } : {}),
            config: { ntuple, chain },
          }),
        );
        const t0 = performance.now();
        const r = spawnSync(process.execPath, [BIN, "run", "--card", card], {
          stdio: ["ignore", "ignore", "pipe"],
        });
        const wall = (performance.now() - t0) / 1000;
        if (r.status !== 0) throw new Error(`scale: run of ${n} events failed: ${r.stderr.toString()}`);
        const m = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
        const rss = Math.max(m.timings.maxShardRssBytes, m.timings.mergeMaxRssBytes);
        // process peak RSS as each shard finished (in shard order): flat once V8's heap has settled
        const perShard = (m.shards as { maxRssBytes: number }[]).map((x) => x.maxRssBytes / 2 ** 20);
        const half = perShard.slice(Math.floor(perShard.length / 2));
        const point = {
          events: n,
          shards: m.shards.length,
          wallSeconds: Number(wall.toFixed(2)),
          eventsPerSecond: Math.round(n / wall),
          peakRssMB: Math.round(rss / 2 ** 20),
          rssFirstShardMB: Math.round(perShard[0]),
          rssSecondHalfMB: [Math.round(Math.min(...half)), Math.round(Math.max(...half))],
          mergeSeconds: Number(m.timings.mergeSeconds.toFixed(2)),
          // CPU time of the run's process (main thread + workers): load-independent, unlike the wall time
          cpuSeconds: Number(m.timings.mergeProcessCpuSeconds.toFixed(1)),
          eventsPerCpuSecond: Math.round(n / m.timings.mergeProcessCpuSeconds),
        };
        if (k >= 0)
          opts.log(
            `scale ${n.toExponential(0)} decays, ${point.shards} shards, 2 workers: ${wall.toFixed(1)} s, ` +
              `${(point.eventsPerSecond / 1e6).toFixed(2)} M/s, ${point.cpuSeconds} CPU s, peak RSS ${point.peakRssMB} MB`,
          );
        if (k >= 0) points.push(point);
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    return {
      chain: chain.join(" → "),
      note:
        chain.length === 1
          ? "generation only (beam, decays, secondary decays) + the mix job's truth histograms: no detector stage is registered yet"
          : `generation + ${chain.slice(1).join(", ")} (${DEFAULT_SIM_PERIOD} card) + the mix job's truth histograms`,
      workers: 2,
      ntuple,
      points,
    };
  },
};

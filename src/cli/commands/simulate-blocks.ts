/**
 * The blocks of a `kaonlab simulate` run (simulate-block.ts) on the main thread (one worker, or a
 * single block) or on a pool of worker threads, handed to `sink` in block order: the output is the
 * same whatever the number of workers. At most 2 blocks per worker are in flight, so memory stays
 * bounded.
 */
import type { SimulationOptions } from "../../chain/simulator.ts";
import { siblingModule, WorkerPool } from "../../core/worker-pool.ts";
import {
  type BlockOutput,
  SIMULATE_BLOCK,
  type SimulateBlockResult,
  simulateBlock,
} from "./simulate-block.ts";

const TASK = siblingModule(import.meta.url, "simulate-block");

export interface BlockRunOptions {
  options: SimulationOptions;
  seed: number;
  events: number;
  rows: BlockOutput;
  tracks: BlockOutput;
  workers: number;
}

/** run every block; `sink` gets each block's result in order with the events done so far */
export async function runBlocks(
  o: BlockRunOptions,
  sink: (res: SimulateBlockResult, eventsDone: number) => void,
): Promise<void> {
  const nBlocks = Math.ceil(o.events / SIMULATE_BLOCK);
  const arg = (block: number) => ({
    options: o.options,
    seed: o.seed,
    block,
    events: Math.min(SIMULATE_BLOCK, o.events - block * SIMULATE_BLOCK),
    rows: o.rows,
    tracks: o.tracks,
  });
  const doneAfter = (block: number) => Math.min(o.events, (block + 1) * SIMULATE_BLOCK);
  const workers = Math.max(1, Math.min(o.workers, nBlocks));
  if (workers === 1) {
    for (let k = 0; k < nBlocks; k++) sink(simulateBlock(arg(k)), doneAfter(k));
    return;
  }
  const pool = new WorkerPool(workers);
  try {
    const inFlight: Promise<SimulateBlockResult>[] = [];
    let next = 0;
    const launch = () => {
      while (next < nBlocks && inFlight.length < 2 * workers) {
        const p = pool.run<SimulateBlockResult>(TASK, "simulateBlock", arg(next));
        p.catch(() => {}); // awaited in order below; a failure is reported there
        inFlight.push(p);
        next++;
      }
    };
    launch();
    for (let k = 0; k < nBlocks; k++) {
      const res = await (inFlight.shift() as Promise<SimulateBlockResult>);
      launch();
      sink(res, doneAfter(k));
    }
  } finally {
    await pool.close();
  }
}

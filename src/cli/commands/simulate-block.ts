/**
 * One block of a `kaonlab simulate` run, on the main thread or a worker thread: the events
 * [block·SIMULATE_BLOCK, …) with the random streams of shard `block`, so a run is the same whatever
 * the number of workers (the blocks are written in order). Returns the rows of the events and
 * tracks tables and the summary sums.
 */
import { SIM_BATCH, type SimulationOptions, Simulator } from "../../chain/simulator.ts";
import { type ColumnData, MemoryTable } from "../../io/table.ts";
import { SimulationRowWriter, simulationSchema } from "../../reco/columns.ts";
import { SimulationSummary, type SummaryState } from "../../reco/summary.ts";
import { TrackRowWriter, trackSchema } from "../../reco/track-columns.ts";

/** events per block: part of the run definition (changing it changes the events of a seed) */
export const SIMULATE_BLOCK = 65536;

export interface SimulateBlockArg {
  options: SimulationOptions;
  seed: number;
  block: number;
  events: number;
  /** fill the events table, the tracks table */
  rows: boolean;
  tracks: boolean;
}

export interface SimulateBlockResult {
  block: number;
  rows: { columns: Record<string, ColumnData>; n: number } | null;
  tracks: { columns: Record<string, ColumnData>; n: number } | null;
  summary: SummaryState;
}

let cached: { key: string; sim: Simulator } | null = null;

function simulator(options: SimulationOptions): Simulator {
  const key = JSON.stringify(options);
  if (cached?.key !== key) cached = { key, sim: new Simulator(options) };
  return cached.sim;
}

/** the events of block `block` (SIMULATE_BLOCK events each, the last one shorter) */
export function simulateBlock(arg: SimulateBlockArg): SimulateBlockResult {
  const sim = simulator(arg.options);
  const first = arg.block * SIMULATE_BLOCK;
  const rowTable = arg.rows ? new MemoryTable(simulationSchema(sim.geo, arg.tracks)) : null;
  const trackTable = arg.tracks ? new MemoryTable(trackSchema()) : null;
  const rows = rowTable ? new SimulationRowWriter(rowTable, sim.geo, arg.tracks) : null;
  const trackRows = trackTable ? new TrackRowWriter(trackTable, SIM_BATCH) : null;
  const summary = new SimulationSummary(sim.card);
  sim.run(arg.seed, arg.block, arg.events, (b, r, f) => {
    summary.add(b, r);
    rows?.write(b, r, first + f);
    trackRows?.write(r, b.size, first + f);
  });
  return {
    block: arg.block,
    rows: rowTable ? { columns: rowTable.columns(), n: rowTable.rows } : null,
    tracks: trackTable ? { columns: trackTable.columns(), n: trackTable.rows } : null,
    summary: summary.state(),
  };
}

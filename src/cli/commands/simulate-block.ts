/**
 * One block of a `kaonlab simulate` run, on the main thread or a worker thread: the events
 * [block·SIMULATE_BLOCK, …) with the random streams of shard `block`, so a run is the same whatever
 * the number of workers (the blocks are written in order). Returns the rows of the events and
 * tracks tables (encoded as Parquet row groups on the thread that simulated them) and the summary
 * sums.
 */
import { SIM_BATCH, type SimulationOptions, Simulator } from "../../chain/simulator.ts";
import {
  type ColumnData,
  type ColumnSpec,
  type EncodedRowGroup,
  encodeRowGroup,
  MemoryTable,
} from "../../io/table.ts";
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
  /** the events table and the tracks table: none, rows (CSV) or an encoded row group (Parquet) */
  rows: BlockOutput;
  tracks: BlockOutput;
}

export type BlockOutput = "none" | "rows" | "parquet";

/** a block's part of a table: its rows, or its rows encoded as one Parquet row group */
export type BlockTable =
  | { kind: "rows"; columns: Record<string, ColumnData>; n: number }
  | { kind: "parquet"; group: EncodedRowGroup };

export interface SimulateBlockResult {
  block: number;
  rows: BlockTable | null;
  tracks: BlockTable | null;
  summary: SummaryState;
}

function blockTable(t: MemoryTable, schema: ColumnSpec[], out: BlockOutput): BlockTable {
  const columns = t.columns();
  return out === "parquet"
    ? { kind: "parquet", group: encodeRowGroup(schema, columns, t.rows) }
    : { kind: "rows", columns, n: t.rows };
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
  const withTracks = arg.tracks !== "none";
  const rowSchema = simulationSchema(sim.geo, withTracks);
  const rowTable = arg.rows !== "none" ? new MemoryTable(rowSchema) : null;
  const trackTable = withTracks ? new MemoryTable(trackSchema()) : null;
  const rows = rowTable ? new SimulationRowWriter(rowTable, sim.geo, withTracks) : null;
  const trackRows = trackTable ? new TrackRowWriter(trackTable, SIM_BATCH) : null;
  const summary = new SimulationSummary(sim.card);
  sim.run(arg.seed, arg.block, arg.events, (b, r, f) => {
    summary.add(b, r);
    rows?.write(b, r, first + f);
    trackRows?.write(r, b.size, first + f);
  });
  return {
    block: arg.block,
    rows: rowTable ? blockTable(rowTable, rowSchema, arg.rows) : null,
    tracks: trackTable ? blockTable(trackTable, trackSchema(), arg.tracks) : null,
    summary: summary.state(),
  };
}

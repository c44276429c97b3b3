/**
 * The stages of the simulation chain after generation, as the simulator runs them on a batch:
 * source → transport → detector → trigger → reconstruction. Each stage has one entry point,
 * `process`, over events [start, end) of the batches, and draws random numbers only from its own
 * streams (src/chain/streams.ts).
 */
import type { EventBatch } from "../core/batch.ts";
import type { RecoBatch } from "../core/reco-batch.ts";
import type { TransportBatch } from "../detector/transport-batch.ts";
import type { ChainStreams } from "./streams.ts";

/** the batches a stage reads and writes: generated particles, transport output, reconstruction */
export interface ChainBatches {
  b: EventBatch;
  tb: TransportBatch;
  r: RecoBatch;
}

export interface PipelineStage {
  readonly name: string;
  process(io: ChainBatches, start: number, end: number, s: ChainStreams): void;
}

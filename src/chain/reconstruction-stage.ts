/**
 * Stage 6, reconstruction: kinematics, particle identification and the analysis columns of the
 * RecoBatch (src/reco/reconstruction.ts), weighted or sampled.
 */
import type { PeriodCard } from "../detector/card.ts";
import type { Geometry } from "../detector/geometry.ts";
import { Reconstruction, type SimulationMode } from "../reco/reconstruction.ts";
import type { ChainBatches, PipelineStage } from "./pipeline.ts";
import type { ChainStreams } from "./streams.ts";

export class ReconstructionStage implements PipelineStage {
  readonly name = "reconstruction";
  readonly reconstruction: Reconstruction;

  constructor(card: PeriodCard, geo: Geometry, mode: SimulationMode) {
    this.reconstruction = new Reconstruction(card, geo, mode);
  }

  process(io: ChainBatches, start: number, end: number, s: ChainStreams): void {
    this.reconstruction.process(io.b, io.tb, io.r, start, end, s.reco);
  }
}

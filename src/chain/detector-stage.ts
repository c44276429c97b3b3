/**
 * Stage 4, detector response: the modules of the registered subsystems that the period card
 * selects, in registry order (src/detector/detector.ts), writing measurements and veto
 * probabilities into the RecoBatch.
 */
import type { Biasing } from "../detector/biasing.ts";
import type { PeriodCard } from "../detector/card.ts";
import { Detector } from "../detector/detector.ts";
import type { Geometry } from "../detector/geometry.ts";
import type { ChainBatches, PipelineStage } from "./pipeline.ts";
import type { ChainStreams } from "./streams.ts";

export class DetectorStage implements PipelineStage {
  readonly name = "detector";
  readonly detector: Detector;

  constructor(
    readonly card: PeriodCard,
    readonly geo: Geometry,
    bias: Biasing,
  ) {
    this.detector = new Detector(card, geo, bias);
  }

  process(io: ChainBatches, start: number, end: number, s: ChainStreams): void {
    const { b, tb, r } = io;
    this.detector.process(
      {
        b,
        tb,
        r,
        card: this.card,
        geo: this.geo,
        rng: s.detector,
        gauss: s.gauss,
        cluster: s.cluster,
        tracks: s.tracks,
      },
      start,
      end,
    );
  }
}

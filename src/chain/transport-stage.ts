/**
 * Stage 3, transport: decays in flight, then the crossings of the planes of every registered
 * subsystem (src/detector/transport.ts, src/detector/registry.ts) into the TransportBatch.
 */
import type { ParticleTable } from "../core/particles.ts";
import type { Biasing } from "../detector/biasing.ts";
import type { PeriodCard } from "../detector/card.ts";
import type { Geometry } from "../detector/geometry.ts";
import { Transport } from "../detector/transport.ts";
import type { ChainBatches, PipelineStage } from "./pipeline.ts";
import type { ChainStreams } from "./streams.ts";

export class TransportStage implements PipelineStage {
  readonly name = "transport";
  readonly transport: Transport;

  constructor(geo: Geometry, card: PeriodCard, particles: ParticleTable, bias: Biasing) {
    this.transport = new Transport(geo, card, particles, bias);
  }

  process(io: ChainBatches, start: number, end: number, s: ChainStreams): void {
    this.transport.process(io.b, io.tb, start, end, s.transport);
  }
}

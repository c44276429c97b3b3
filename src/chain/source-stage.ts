/**
 * Stage 2, where the decays come from: kaon decays in the beam (the generated events as they are)
 * or an upstream background source (src/detector/upstream.ts: "upstream-decay",
 * "upstream-interaction", or "upstream", both alternating), which moves the decay upstream of GTK3.
 */
import type { Biasing } from "../detector/biasing.ts";
import type { PeriodCard } from "../detector/card.ts";
import type { Geometry } from "../detector/geometry.ts";
import { type SourceName, UpstreamSource } from "../detector/upstream.ts";
import type { GenerationStage } from "./generation-stage.ts";
import type { ChainBatches, PipelineStage } from "./pipeline.ts";
import type { ChainStreams } from "./streams.ts";

export class SourceStage implements PipelineStage {
  readonly name = "source";
  /** the upstream background source, null for kaon decays in the beam */
  readonly upstream: UpstreamSource | null;

  constructor(
    source: SourceName,
    card: PeriodCard,
    generation: GenerationStage,
    geo: Geometry,
    bias?: Biasing,
  ) {
    const gen = generation.generator;
    this.upstream =
      source === "kaon"
        ? null
        : new UpstreamSource(
            source,
            card,
            gen.source.beam,
            gen.particles,
            geo.gtk.z[2],
            bias?.upstreamDirection ?? 0,
          );
  }

  process(io: ChainBatches, start: number, end: number, s: ChainStreams): void {
    this.upstream?.apply(io.b, io.r, start, end, s.upstream);
  }
}

/**
 * The interface of a detector module (one per subsystem, in the spirit of a Delphes card): it reads
 * the generated particles and the transport output of a batch and writes its measurements and
 * per-object probabilities into the RecoBatch. The period card chooses which modules run.
 */
import type { EventBatch } from "../core/batch.ts";
import type { RecoBatch } from "../core/reco-batch.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";
import type { PeriodCard } from "./card.ts";
import type { Geometry } from "./geometry.ts";
import type { NormalStream } from "./normal-stream.ts";
import type { TransportBatch } from "./transport-batch.ts";

export interface DetectorContext {
  b: EventBatch;
  tb: TransportBatch;
  r: RecoBatch;
  card: PeriodCard;
  geo: Geometry;
  /** the detector's random stream of this shard */
  rng: Xoshiro128;
  /** standard normal deviates drawn from the same stream */
  gauss: NormalStream;
  /**
   * normal deviates of a stream of their own for the LKr cluster position and time of the track
   * (measurements nothing downstream uses: a stream of their own leaves every other draw as it was)
   */
  cluster: NormalStream;
  /**
   * normal deviates (and, through .rng, uniforms) of a stream of its own for the measurements of
   * the event model beyond the selected track: the other STRAW tracks, their RICH rings, LKr
   * clusters and CHOD times, the photon clusters (src/core/track-list.ts). A stream of its own
   * leaves every draw of the selected track where it was. Optional for callers that build their own
   * context; without it those measurements come from `cluster` (nothing downstream of the
   * single-track columns reads either).
   */
  tracks?: NormalStream;
}

/** the stream of the event-model measurements of a context (DetectorContext.tracks) */
export function trackStream(ctx: DetectorContext): NormalStream {
  return ctx.tracks ?? ctx.cluster;
}

export interface Subsystem {
  readonly name: string;
  /** respond to events [start, end) of the context's batches */
  process(ctx: DetectorContext, start: number, end: number): void;
}

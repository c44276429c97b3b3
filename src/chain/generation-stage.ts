/**
 * Stage 1, beam → decay: the K12 beam particle, the kaon decay of the chosen channel (or the
 * natural mix) and the secondary decays (src/decays/generator.ts), into a cleared EventBatch.
 */
import type { EventBatch } from "../core/batch.ts";
import { DecayGenerator, type GenerationOptions } from "../decays/generator.ts";
import type { PeriodCard } from "../detector/card.ts";
import type { ChainStreams } from "./streams.ts";

export class GenerationStage {
  readonly name = "generation";
  readonly generator: DecayGenerator;
  /**
   * the decay products of kaons decaying at z ≥ zSkip are left without kinematics (nothing sees
   * them; every random number is drawn all the same): the simulator sets it to the last plane
   */
  zSkip = Number.POSITIVE_INFINITY;

  constructor(opts: GenerationOptions, card: PeriodCard) {
    this.generator = new DecayGenerator({
      ...opts,
      beam: { momentum: card.beam.momentum, ...(opts.beam ?? {}) },
    });
  }

  /** clear `b` and fill it with `n` events */
  process(b: EventBatch, n: number, s: ChainStreams): void {
    b.clear();
    this.generator.fill(b, n, s.generator, this.zSkip);
  }
}

/** Stage 5, the L0/L1 trigger of the period card (src/trigger/trigger.ts): no random numbers */
import type { PeriodCard } from "../detector/card.ts";
import { Trigger } from "../trigger/trigger.ts";
import type { ChainBatches, PipelineStage } from "./pipeline.ts";

export class TriggerStage implements PipelineStage {
  readonly name = "trigger";
  readonly trigger: Trigger;

  constructor(card: PeriodCard) {
    this.trigger = new Trigger(card);
  }

  process(io: ChainBatches, start: number, end: number): void {
    this.trigger.process(io.b, io.tb, io.r, start, end);
  }
}

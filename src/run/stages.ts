/**
 * The simulation chain after generation, as pluggable stages. Generation (beam → decays) is always
 * first; a stage listed here (the detector helper's `simulate`: detector response, trigger,
 * reconstruction) processes each generated batch in place and may add per-event columns. Jobs such
 * as `mix` take `chain: ["generate", ...]` from their config and run the stages named there;
 * `kaonlab bench --only scale` runs the longest chain available and says which one it ran.
 *
 * To plug in a stage: add an entry to STAGES (src/run/stages.ts) whose `create` returns a per-shard
 * processor. It must draw random numbers only from stream(seed, shard, "<its stage name>").
 */
import type { EventBatch } from "../core/batch.ts";

export interface StageContext {
  seed: number;
  shard: number;
  period: string | null;
}

export interface ChainStage {
  name: string;
  description: string;
  /** a processor for one shard: called on every generated batch, in order */
  create(ctx: StageContext): (b: EventBatch) => void;
}

export const GENERATE = "generate";

export const STAGES: ChainStage[] = [];

export function stageNames(): string[] {
  return [GENERATE, ...STAGES.map((s) => s.name)];
}

export function findStage(name: string): ChainStage {
  const s = STAGES.find((x) => x.name === name);
  if (!s) throw new RangeError(`chain: unknown stage "${name}" (available: ${stageNames().join(", ")})`);
  return s;
}

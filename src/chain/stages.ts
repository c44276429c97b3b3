/**
 * The simulation chain after generation, as pluggable stages. Generation (beam → decays) is always
 * first; a stage listed here (the detector helper's `simulate`: detector response, trigger,
 * reconstruction) processes each generated batch in place and may add per-event columns. Jobs such
 * as `mix` take `chain: ["generate", ...]` from their config and run the stages named there;
 * `kaonlab bench --only scale` runs the longest chain available and says which one it ran.
 *
 * To plug in a stage: add an entry to STAGES (src/chain/stages.ts) whose `create` returns a per-shard
 * processor. It must draw random numbers only from stream(seed, shard, "<its stage name>").
 */
import type { EventBatch } from "../core/batch.ts";
import { RecoBatch } from "../core/reco-batch.ts";
import { TransportBatch } from "../detector/transport-batch.ts";
import { chainStreams, SIM_BATCH, Simulator } from "./simulator.ts";

export interface StageContext {
  seed: number;
  shard: number;
  period: string | null;
  /** capacity of the batches the stage will see */
  batchSize: number;
}

export interface ChainStage {
  name: string;
  description: string;
  /** preferred events per batch (the job uses the smallest preference of its chain) */
  batchSize?: number;
  /** a processor for one shard: called on every generated batch, in order */
  create(ctx: StageContext): (b: EventBatch) => void;
}

export const GENERATE = "generate";
/** the period of the simulate stage when the run card names none (as `kaonlab simulate`) */
export const DEFAULT_SIM_PERIOD = "2018-S2";

/**
 * The detector chain of src/chain/simulator.ts after generation: transport with decays in flight,
 * the detector modules of the period card, the L0/L1 trigger and the reconstruction, with their own
 * random streams ("transport", "detector", "reco"), so the decays are the same with or without it.
 */
export const simulateStage: ChainStage = {
  name: "simulate",
  description: "transport, detector response (period card), L0/L1 trigger, reconstruction",
  batchSize: SIM_BATCH,
  create(ctx) {
    const sim = new Simulator({ channel: "mix", period: ctx.period ?? DEFAULT_SIM_PERIOD });
    const tb = new TransportBatch(ctx.batchSize);
    const r = new RecoBatch(ctx.batchSize);
    const s = chainStreams(ctx.seed, ctx.shard);
    return (b) => sim.simulateBatch(b, tb, r, s);
  },
};

export const STAGES: ChainStage[] = [simulateStage];

export function stageNames(): string[] {
  return [GENERATE, ...STAGES.map((s) => s.name)];
}

export function findStage(name: string): ChainStage {
  const s = STAGES.find((x) => x.name === name);
  if (!s) throw new RangeError(`chain: unknown stage "${name}" (available: ${stageNames().join(", ")})`);
  return s;
}

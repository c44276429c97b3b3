/**
 * One shard of the K⁺→π⁺νν̄ analysis for one period: every sample of the plan is generated and
 * simulated through the period's detector, trigger and reconstruction (src/reco/simulator.ts) and
 * passed through the selection into the period's tally.
 *
 * Random streams: the simulator keys its streams by (seed, shard, stage); each (period, sample)
 * gets its own stream family through the composite shard index
 *   shard·1024 + period index·32 + sample index,
 * so samples never share random numbers and a shard's tallies depend only on (config, seed, shard).
 */
import { Simulator } from "../../reco/simulator.ts";
import { PNN_PERIODS, type PnnPeriod, selectionFor } from "./conditions.ts";
import { type SampleSpec, splitEvents } from "./samples.ts";
import { PnnSelection } from "./selection.ts";
import { PeriodTally } from "./tally.ts";

export const MAX_SAMPLES = 32;
const PERIOD_STRIDE = MAX_SAMPLES;
const SHARD_STRIDE = PERIOD_STRIDE * 32;

export interface PeriodShardOptions {
  samples: readonly SampleSpec[];
  /** kaon decays of the kaon samples are forced into [zMin, zMax] (mm) */
  zRange: [number, number];
  /** selection overrides, e.g. { "kaon.cdaMax": 3 } */
  selection?: Record<string, number | string | number[]>;
  /** detector period-card overrides, e.g. ["gtk.sigmaT=0.05"] */
  card?: string[];
  mode?: "weighted" | "sample";
}

/** the stream-family index of (shard, period, sample) */
export function compositeShard(shard: number, period: PnnPeriod, sample: number): number {
  if (sample >= MAX_SAMPLES)
    throw new RangeError(`at most ${MAX_SAMPLES} samples, got sample index ${sample}`);
  return shard * SHARD_STRIDE + PNN_PERIODS.indexOf(period) * PERIOD_STRIDE + sample;
}

export function runPeriodShard(
  period: PnnPeriod,
  seed: number,
  shard: number,
  events: number,
  opts: PeriodShardOptions,
  progress: (done: number) => void = () => {},
): PeriodTally {
  const selection = new PnnSelection(selectionFor(period, opts.selection ?? {}).params);
  const tally = new PeriodTally(
    period,
    opts.samples.map((s) => s.key),
  );
  const split = splitEvents(opts.samples, events);
  let done = 0;
  opts.samples.forEach((spec, k) => {
    const n = split[k];
    if (n === 0) return;
    if (spec.kind !== "kaon") {
      done += n;
      return;
    }
    const sim = new Simulator({
      channel: spec.channel,
      period,
      card: opts.card,
      mode: opts.mode ?? "weighted",
      zRange: opts.zRange,
    });
    const t = tally.samples[k];
    sim.run(seed, compositeShard(shard, period, k), n, (b, r) => {
      selection.process(b, r, t);
      done += b.size;
      progress(done);
    });
  });
  progress(done);
  return tally;
}

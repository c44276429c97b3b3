/**
 * Samples of an analysis: each simulated sample is one decay channel (or a detector source) with a
 * share of the shard's events, optionally oversampled, and a random-stream family of its own.
 *
 * Stream families: the chain keys its streams by (seed, shard, stage); an analysis gives each
 * (period, sample) its own family through the composite shard index
 *   shard·MAX_PERIODS·MAX_SAMPLES + period index·MAX_SAMPLES + sample index,
 * so samples never share random numbers and a shard's output depends only on (config, seed, shard).
 *
 * Weights: a kaon sample's decays are forced into the run's z range with the matching weight (the
 * probability to decay there) and the rare detector probabilities multiply the weight, so every
 * sample is normalised per kaon decay; `sampleSimulator` builds the chain of a sample for a period.
 */

import { Simulator } from "../../chain/simulator.ts";
import type { Biasing } from "../../detector/biasing.ts";

/** samples per period (the stride of the composite shard index) */
export const MAX_SAMPLES = 32;
/** periods per shard */
export const MAX_PERIODS = 32;

/** what every sample of every analysis has */
export interface SampleBase {
  /** stable key: the label of the sample in ntuples and tallies, and the name of its stream family */
  key: string;
  /** decay channel (catalogue name) */
  channel: string;
  /** share of the period's simulated events (relative to the other samples of the plan) */
  share: number;
  /**
   * events simulated per event of the sample's share (an integer ≥ 1; 1 by default): cheap samples
   * whose estimate rests on rare configurations get more events without taking them from the others
   */
  oversample?: number;
  /** kaon decays in the beam (default), or an upstream background source of the detector */
  kind?: SampleKind;
  /** importance sampling of the rare detector processes the sample's estimate rests on */
  biasing?: Partial<Biasing>;
}

/** kaon: a decay in the beam forced into the z range; the others: the detector's upstream sources */
export type SampleKind =
  | "kaon"
  | "upstream-decay"
  | "upstream-decay-far"
  | "upstream-interaction"
  | "upstream-beamline";

export interface SampleChainOptions {
  period: string;
  /** kaon decays are forced into [zMin, zMax] (mm), with the matching weight */
  zRange: readonly [number, number];
  /** period-card overrides */
  card?: string[];
  mode?: "weighted" | "sample";
  /** final-state radiation in the kaon decays (src/decays/fsr.ts); off by default */
  fsr?: boolean;
}

/** the simulation chain of a sample in a period: its channel, z-range biasing or source, its biasing */
export function sampleSimulator(spec: SampleBase, o: SampleChainOptions): Simulator {
  const kind = spec.kind ?? "kaon";
  return new Simulator({
    channel: spec.channel,
    period: o.period,
    card: o.card,
    mode: o.mode ?? "weighted",
    ...(spec.biasing ? { biasing: spec.biasing } : {}),
    ...(o.fsr ? { fsr: true } : {}),
    ...(kind === "kaon" ? { zRange: [o.zRange[0], o.zRange[1]] } : { source: kind }),
  });
}

/** the stream-family index of (shard, period, sample): disjoint for every triple */
export function sampleFamily(shard: number, periodIndex: number, sampleIndex: number): number {
  if (!Number.isInteger(sampleIndex) || sampleIndex < 0 || sampleIndex >= MAX_SAMPLES)
    throw new RangeError(`at most ${MAX_SAMPLES} samples, got sample index ${sampleIndex}`);
  if (!Number.isInteger(periodIndex) || periodIndex < 0 || periodIndex >= MAX_PERIODS)
    throw new RangeError(`at most ${MAX_PERIODS} periods, got period index ${periodIndex}`);
  return shard * MAX_PERIODS * MAX_SAMPLES + periodIndex * MAX_SAMPLES + sampleIndex;
}

/** events of each sample for a shard of `events` simulated decays (exact integer split by share) */
export function splitEvents(samples: readonly SampleBase[], events: number): number[] {
  const total = samples.reduce((s, x) => s + x.share, 0);
  if (!(total > 0)) throw new RangeError("samples: the shares add up to zero");
  const out = samples.map((s) => Math.floor((events * s.share) / total));
  let rest = events - out.reduce((a, b) => a + b, 0);
  // the remainder goes to the samples in order (deterministic)
  for (let i = 0; rest > 0; i = (i + 1) % out.length, rest--) out[i]++;
  return out;
}

/** the oversampling factor of a sample, checked */
export function oversampleOf(s: SampleBase): number {
  const k = s.oversample ?? 1;
  if (!Number.isInteger(k) || k < 1)
    throw new RangeError(`sample ${s.key}: oversample must be an integer ≥ 1, got ${k}`);
  return k;
}

/**
 * The random streams of the simulation chain for one shard, keyed by (seed, shard, stage):
 * "beam", "mix", "decay", "secondary" for the generation and "upstream", "transport",
 * "detector", "lkr-cluster", "tracks", "reco" for the stages after it, so a later stage never shifts the
 * random numbers of an earlier one (the detector never shifts the decays).
 */
import { stream } from "../core/rng/streams.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";
import { type ShardStreams, shardStreams } from "../decays/generator.ts";
import { NormalStream } from "../detector/normal-stream.ts";

/** the random streams of the detector chain for one shard */
export interface ChainStreams {
  generator: ShardStreams;
  transport: NormalStream;
  detector: Xoshiro128;
  /** normal deviates of the detector stream */
  gauss: NormalStream;
  reco: Xoshiro128;
  upstream: NormalStream;
  /** the LKr cluster measurement of the track (DetectorContext.cluster) */
  cluster: NormalStream;
  /** the measurements of the event model beyond the selected track (DetectorContext.tracks) */
  tracks: NormalStream;
}

export function chainStreams(seed: number, shard: number): ChainStreams {
  const detector = stream(seed, shard, "detector");
  return {
    generator: shardStreams(seed, shard),
    transport: new NormalStream(stream(seed, shard, "transport")),
    detector,
    gauss: new NormalStream(detector),
    reco: stream(seed, shard, "reco"),
    upstream: new NormalStream(stream(seed, shard, "upstream")),
    cluster: new NormalStream(stream(seed, shard, "lkr-cluster")),
    tracks: new NormalStream(stream(seed, shard, "tracks")),
  };
}

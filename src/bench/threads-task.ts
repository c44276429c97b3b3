/** Worker task of the thread-scaling benchmark: generate one shard of the mix in memory. */
import { DecayGenerator, generateShard } from "../decays/generator.ts";

let gen: DecayGenerator | undefined;

export function generateMixShard(a: { seed: number; shard: number; events: number }): {
  events: number;
  seconds: number;
} {
  gen ??= new DecayGenerator({ channel: "mix" });
  const t0 = performance.now();
  generateShard(gen, a.seed, a.shard, a.events, () => {});
  return { events: a.events, seconds: (performance.now() - t0) / 1000 };
}

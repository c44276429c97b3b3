/** Task module used by worker-pool.test.ts. */
import { stream } from "../../src/core/rng/streams.ts";

export function sumStream(a: { seed: number; shard: number; n: number }): number {
  const r = stream(a.seed, a.shard, "fixture");
  let s = 0;
  for (let i = 0; i < a.n; i++) s += r.uniform();
  return s;
}

export function fail(): never {
  throw new RangeError("bad argument");
}

/**
 * Keyed random streams. Every random number in kaonlab comes from a stream keyed by
 * (seed, shard, stage[, sub]): the stream's xoshiro128** state is Philox4x32-10(counter =
 * [shard lo, shard hi, hash(stage), sub], key = [seed lo, seed hi]). A shard's output therefore
 * depends only on (configuration, seed, shard) — never on worker count or scheduling — and
 * changing one stage (say the detector) never shifts the random numbers of another (the decays).
 */
import { philox4x32 } from "./philox.ts";
import { Xoshiro128 } from "./xoshiro128.ts";

/** 32-bit FNV-1a hash of a stage name (stable across versions: stage names are part of the format) */
export function stageId(stage: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < stage.length; i++) {
    h ^= stage.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function split53(x: number, what: string): [number, number] {
  if (!Number.isSafeInteger(x) || x < 0)
    throw new RangeError(`${what}: expected a non-negative integer, got ${x}`);
  return [x >>> 0, Math.floor(x / 4294967296) >>> 0];
}

export type Rng = Xoshiro128;

/** the random stream of (seed, shard, stage, sub) */
export function stream(seed: number, shard: number, stage: string, sub = 0): Rng {
  const key = split53(seed, "seed");
  const [sh0, sh1] = split53(shard, "shard");
  const out = philox4x32([sh0, sh1, stageId(stage), sub >>> 0], key);
  if ((out[0] | out[1] | out[2] | out[3]) === 0) out[0] = 1; // probability 2⁻¹²⁸; xoshiro forbids it
  return new Xoshiro128(out[0], out[1], out[2], out[3]);
}

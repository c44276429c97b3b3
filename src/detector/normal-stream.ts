/**
 * Standard normal deviates from a keyed stream, produced in blocks into a typed array (the core
 * ziggurat sampler) and handed out one by one. Reading a Float64Array keeps the values unboxed in
 * the hot loops of the detector modules (a double returned by a non-inlined call is a heap
 * allocation in V8). The sequence depends only on the stream, so results stay reproducible.
 */
import { fillNormal } from "../core/rng/samplers.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";

const BLOCK = 2048;

export class NormalStream {
  readonly rng: Xoshiro128;
  private readonly buf = new Float64Array(BLOCK);
  private i = BLOCK;

  constructor(rng: Xoshiro128) {
    this.rng = rng;
  }

  /** the next standard normal deviate */
  next(): number {
    if (this.i === BLOCK) this.refill();
    return this.buf[this.i++];
  }

  private refill(): void {
    // the same numbers as BLOCK calls of normal(rng), drawn by the bulk sampler
    fillNormal(this.rng, this.buf, BLOCK);
    this.i = 0;
  }
}

/**
 * xoshiro128** 1.1 (D. Blackman and S. Vigna, 2018; public-domain reference at
 * https://prng.di.unimi.it/xoshiro128starstar.c): 128-bit state, period 2¹²⁸ − 1, 32-bit outputs.
 * Written from the published algorithm; all arithmetic is 32-bit (Math.imul, >>> 0), so V8 keeps
 * the state in registers. Known-answer tests live in test/core/rng.test.ts.
 */
/** 2⁻³² (uniform() = (k + 0.5)·2⁻³²) */
export const TWO_M32 = 2.3283064365386963e-10;
const TWO_M53 = 1.1102230246251565e-16; // 2^-53

export class Xoshiro128 {
  s0: number;
  s1: number;
  s2: number;
  s3: number;

  constructor(s0: number, s1: number, s2: number, s3: number) {
    if ((s0 | s1 | s2 | s3) === 0) throw new Error("xoshiro128**: the all-zero state is not allowed");
    // the state is kept as signed 32-bit integers: V8 then stores the fields as small integers;
    // unsigned values ≥ 2³⁰ would be boxed doubles and make every draw ~4× slower
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
  }

  /** next 32-bit output as an unsigned integer in [0, 2³²) */
  nextU32(): number {
    return this.nextI32() >>> 0;
  }

  /** next 32-bit output as a signed integer (the same bits as nextU32) */
  nextI32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    this.s1 = s1 ^ s2;
    this.s0 = s0 ^ s3;
    this.s2 = s2 ^ t;
    this.s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  }

  /** uniform double in the open interval (0, 1) with 32 random bits: (k + 0.5)·2⁻³² */
  uniform(): number {
    return (this.nextU32() + 0.5) * TWO_M32;
  }

  /** uniform double in [0, 1) with 53 random bits (two outputs) */
  uniform53(): number {
    const a = this.nextU32() >>> 5;
    const b = this.nextU32() >>> 6;
    return (a * 67108864 + b) * TWO_M53;
  }

  /**
   * Fill out[0..n) with uniforms in (0, 1): the same numbers as n calls of uniform(), with the
   * state held in registers for the whole loop.
   */
  fillUniform(out: Float64Array, n: number): void {
    let s0 = this.s0 | 0;
    let s1 = this.s1 | 0;
    let s2 = this.s2 | 0;
    let s3 = this.s3 | 0;
    for (let i = 0; i < n; i++) {
      const x = Math.imul(s1, 5);
      const r = Math.imul((x << 7) | (x >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      // 2⁻³² as a literal: a module constant would be reloaded and checked at every iteration
      out[i] = ((r >>> 0) + 0.5) * 2.3283064365386963e-10;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** 2⁶⁴ steps ahead (reference jump polynomial); used to cut independent sub-streams */
  jump(): void {
    const J = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (let i = 0; i < 4; i++) {
      for (let bit = 0; bit < 32; bit++) {
        if ((J[i] >>> bit) & 1) {
          a ^= this.s0;
          b ^= this.s1;
          c ^= this.s2;
          d ^= this.s3;
        }
        this.nextU32();
      }
    }
    this.s0 = a | 0;
    this.s1 = b | 0;
    this.s2 = c | 0;
    this.s3 = d | 0;
  }

  state(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }
}

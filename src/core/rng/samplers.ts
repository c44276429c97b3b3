/**
 * Samplers over a uniform stream: normal (ziggurat), exponential, discrete (Walker/Vose alias
 * table), and a weighted accept/reject bookkeeper that checks its majorant.
 */
import type { Xoshiro128 } from "./xoshiro128.ts";

// ---- normal: 128-layer ziggurat (Marsaglia & Tsang 2000, with Doornik's 2005 ZIGNOR layout:
// the layer index and the uniform come from disjoint bits, which removes RNOR's correlation).
const ZIG_N = 128;
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const zigX = new Float64Array(ZIG_N + 1);
const zigRatio = new Float64Array(ZIG_N);
{
  let f = Math.exp(-0.5 * ZIG_R * ZIG_R);
  zigX[0] = ZIG_V / f;
  zigX[1] = ZIG_R;
  zigX[ZIG_N] = 0;
  for (let i = 2; i < ZIG_N; i++) {
    zigX[i] = Math.sqrt(-2 * Math.log(ZIG_V / zigX[i - 1] + f));
    f = Math.exp(-0.5 * zigX[i] * zigX[i]);
  }
  for (let i = 0; i < ZIG_N; i++) zigRatio[i] = zigX[i + 1] / zigX[i];
}
const TWO_M24 = 1 / 16777216;

/** standard normal deviate */
export function normal(rng: Xoshiro128): number {
  // fast path (98.8% of draws): inside a rectangle of the ziggurat; kept tiny so that V8 inlines it
  const b = rng.nextI32();
  const i = b & 0x7f;
  // 25 bits → u uniform in (−1, 1), independent of the 7 index bits
  const u = ((b >>> 7) + 0.5) * TWO_M24 - 1;
  if (Math.abs(u) < zigRatio[i]) return u * zigX[i];
  return normalSlow(rng, i, u);
}

/** the wedges and the tail of the ziggurat, then a fresh draw if rejected */
function normalSlow(rng: Xoshiro128, i: number, u: number): number {
  if (i === 0) return normalTail(rng, u < 0);
  const x = u * zigX[i];
  const x2 = x * x;
  const f0 = Math.exp(-0.5 * (zigX[i] * zigX[i] - x2));
  const f1 = Math.exp(-0.5 * (zigX[i + 1] * zigX[i + 1] - x2));
  if (f1 + rng.uniform() * (f0 - f1) < 1) return x;
  return normal(rng);
}

function normalTail(rng: Xoshiro128, negative: boolean): number {
  let x: number;
  let y: number;
  do {
    x = Math.log(rng.uniform()) / ZIG_R;
    y = Math.log(rng.uniform());
  } while (-2 * y < x * x);
  return negative ? x - ZIG_R : ZIG_R - x;
}

/**
 * Fill out[0..n) with standard normal deviates. Hot loops should draw their normals in bulk
 * through this (one call site per batch): V8 inlines `normal` here, whereas a double returned
 * from a call that is not inlined is boxed on the heap.
 */
export function fillNormal(rng: Xoshiro128, out: Float64Array, n: number): void {
  // the same numbers as n calls of normal(rng): the fast path runs in a loop without calls
  // (normalRun); a draw outside the ziggurat's rectangles stops it and is finished here
  let i = 0;
  while (i < n) {
    i = normalRun(rng, out, i, n);
    if (i < 0) return;
    out[i] = normalSlow(rng, slowLayer[0], out[i]);
    i++;
  }
}

/** the layer of the draw at which normalRun or exponentialRun stopped */
const slowLayer = new Int32Array(1);

/**
 * The fast path of fillNormal from index `from`: normals into out[from..n) with the generator
 * state in registers. Returns −1 when done, or the index i of a draw that fell outside the
 * rectangle of its layer (the layer in slowLayer[0], the uniform u left in out[i]). No call inside
 * the loop: V8 then keeps the state as 32-bit integers.
 */
function normalRun(rng: Xoshiro128, out: Float64Array, from: number, n: number): number {
  const ratio = zigRatio;
  const xs = zigX;
  const scale = 5.9604644775390625e-8; // 2⁻²⁴ (TWO_M24) as a literal: unboxed in the loop
  let s0 = rng.s0 | 0;
  let s1 = rng.s1 | 0;
  let s2 = rng.s2 | 0;
  let s3 = rng.s3 | 0;
  let stop = -1;
  for (let i = from; i < n; i++) {
    const x = Math.imul(s1, 5);
    const b = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const k = b & 0x7f;
    const u = ((b >>> 7) + 0.5) * scale - 1;
    if (Math.abs(u) < ratio[k]) {
      out[i] = u * xs[k];
    } else {
      out[i] = u;
      slowLayer[0] = k;
      stop = i;
      break;
    }
  }
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
  return stop;
}

/** fill out[0..n) with uniform deviates in (0, 1) */
export function fillUniform(rng: Xoshiro128, out: Float64Array, n: number): void {
  rng.fillUniform(out, n);
}

// ---- exponential: 256-layer ziggurat (Marsaglia & Tsang 2000, REXP), with the layer index and the
// abscissa taken from disjoint bits of one 32-bit draw (8 + 24 bits) as for the normal. No logarithm
// on the fast path (98.9% of draws).
const EXP_N = 256;
const EXP_R = 7.69711747013105;
const EXP_V = 3.949659822581572e-3;
const TWO_24 = 16777216;
const expK = new Float64Array(EXP_N); // acceptance thresholds on the 24-bit abscissa
const expW = new Float64Array(EXP_N); // layer widths per unit of the 24-bit abscissa
const expF = new Float64Array(EXP_N); // density at the layer edges
{
  let de = EXP_R;
  let te = de;
  const q = EXP_V / Math.exp(-de);
  expK[0] = (de / q) * TWO_24;
  expK[1] = 0;
  expW[0] = q / TWO_24;
  expW[EXP_N - 1] = de / TWO_24;
  expF[0] = 1;
  expF[EXP_N - 1] = Math.exp(-de);
  for (let i = EXP_N - 2; i >= 1; i--) {
    de = -Math.log(EXP_V / de + Math.exp(-de));
    expK[i + 1] = (de / te) * TWO_24;
    te = de;
    expF[i] = Math.exp(-de);
    expW[i] = de / TWO_24;
  }
}

/**
 * The ziggurat tables of normal() and exponential() (read-only: the native benchmark reference,
 * src/bench/native.ts, hands them to its C program so that both draw the same numbers)
 */
export function zigguratTables(): {
  normalX: Float64Array;
  normalRatio: Float64Array;
  expK: Float64Array;
  expW: Float64Array;
  expF: Float64Array;
} {
  return { normalX: zigX, normalRatio: zigRatio, expK, expW, expF };
}

/** exponential deviate with unit mean */
export function exponential(rng: Xoshiro128): number {
  const b = rng.nextI32();
  const i = b & 0xff;
  const j = (b >>> 8) + 0.5;
  if (j < expK[i]) return j * expW[i];
  return exponentialSlow(rng, i, j);
}

/** the wedges and the tail of the exponential's ziggurat (draw in layer i at abscissa j, 24-bit units) */
export function exponentialSlow(rng: Xoshiro128, i: number, j: number): number {
  if (i === 0) return EXP_R - Math.log(rng.uniform());
  const x = j * expW[i];
  if (expF[i] + rng.uniform() * (expF[i - 1] - expF[i]) < Math.exp(-x)) return x;
  return exponential(rng);
}

/** fill out[0..n) with unit exponential deviates (the same numbers as n calls of exponential()) */
export function fillExponential(rng: Xoshiro128, out: Float64Array, n: number): void {
  // as fillNormal: a loop without calls, and the rare slow draws finished here
  let i = 0;
  while (i < n) {
    i = exponentialRun(rng, out, i, n);
    if (i < 0) return;
    out[i] = exponentialSlow(rng, slowLayer[0], out[i]);
    i++;
  }
}

/**
 * The fast path of fillExponential from index `from`; returns −1 when done, or the index i of a
 * draw that fell outside its layer's rectangle (the layer in slowLayer[0], the abscissa j in out[i]).
 */
function exponentialRun(rng: Xoshiro128, out: Float64Array, from: number, n: number): number {
  const K = expK;
  const W = expW;
  let s0 = rng.s0 | 0;
  let s1 = rng.s1 | 0;
  let s2 = rng.s2 | 0;
  let s3 = rng.s3 | 0;
  let stop = -1;
  for (let i = from; i < n; i++) {
    const x = Math.imul(s1, 5);
    const b = Math.imul((x << 7) | (x >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const k = b & 0xff;
    const j = (b >>> 8) + 0.5;
    if (j < K[k]) {
      out[i] = j * W[k];
    } else {
      out[i] = j;
      slowLayer[0] = k;
      stop = i;
      break;
    }
  }
  rng.s0 = s0;
  rng.s1 = s1;
  rng.s2 = s2;
  rng.s3 = s3;
  return stop;
}

/** exponential with unit mean truncated to [a, b] (0 ≤ a < b ≤ ∞), by inversion */
export function truncatedExponential(rng: Xoshiro128, a: number, b: number): number {
  const ea = Math.exp(-a);
  const eb = b === Number.POSITIVE_INFINITY ? 0 : Math.exp(-b);
  return -Math.log(ea - rng.uniform() * (ea - eb));
}

/** isotropic unit vector; writes into out[0..2] */
export function isotropic(rng: Xoshiro128, out: Float64Array): void {
  const c = 2 * rng.uniform() - 1;
  const s = Math.sqrt(Math.max(0, 1 - c * c));
  const phi = 2 * Math.PI * rng.uniform();
  out[0] = s * Math.cos(phi);
  out[1] = s * Math.sin(phi);
  out[2] = c;
}

/**
 * Walker's alias method, Vose's O(n) construction: after O(n) set-up, each draw costs one
 * uniform and one comparison. Weights need not be normalised; they must be finite and ≥ 0.
 */
export class AliasTable {
  readonly n: number;
  readonly prob: Float64Array;
  readonly alias: Int32Array;
  readonly probabilities: Float64Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new RangeError("AliasTable: no weights");
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`AliasTable: weight ${i} is ${w}`);
      sum += w;
    }
    if (!(sum > 0)) throw new RangeError("AliasTable: the weights sum to zero");
    this.n = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    this.probabilities = new Float64Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      this.probabilities[i] = weights[i] / sum;
      scaled[i] = this.probabilities[i] * n;
      (scaled[i] < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s];
      this.alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      (scaled[l] < 1 ? small : large).push(l);
    }
    for (const i of large) {
      this.prob[i] = 1;
      this.alias[i] = i;
    }
    for (const i of small) {
      this.prob[i] = 1; // only reached through rounding
      this.alias[i] = i;
    }
  }

  sample(rng: Xoshiro128): number {
    const x = rng.uniform53() * this.n;
    const i = Math.floor(x);
    return x - i < this.prob[i] ? i : this.alias[i];
  }

  /**
   * Add n draws to counts (counts[k] += number of draws of k): the same numbers as n calls of
   * sample(), with the generator state in registers.
   */
  count(rng: Xoshiro128, counts: Int32Array, n: number): void {
    const prob = this.prob;
    const alias = this.alias;
    const m = this.n | 0;
    let s0 = rng.s0 | 0;
    let s1 = rng.s1 | 0;
    let s2 = rng.s2 | 0;
    let s3 = rng.s3 | 0;
    for (let i = 0; i < n; i++) {
      // uniform53(): two outputs, 27 + 26 bits
      let x = Math.imul(s1, 5);
      const ra = Math.imul((x << 7) | (x >>> 25), 9);
      let t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      x = Math.imul(s1, 5);
      const rb = Math.imul((x << 7) | (x >>> 25), 9);
      t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      const u = ((ra >>> 5) * 67108864 + (rb >>> 6)) * 1.1102230246251565e-16; // 2⁻⁵³
      const v = u * m;
      const k = Math.floor(v);
      counts[v - k < prob[k] ? k : alias[k]]++;
    }
    rng.s0 = s0;
    rng.s1 = s1;
    rng.s2 = s2;
    rng.s3 = s3;
  }
}

/**
 * Book-keeping for weighted accept/reject: a candidate of weight w is kept with probability
 * w / wMax. Counts trials and acceptances (so the efficiency and the integral ∫w = wMax·eff are
 * known) and records the largest weight seen: a weight above the majorant means the sampled
 * distribution is wrong there, so `violations` is checked by the tests of every generator.
 */
export class AcceptReject {
  readonly wMax: number;
  trials = 0;
  accepted = 0;
  maxSeen = 0;
  violations = 0;

  constructor(wMax: number) {
    if (!(wMax > 0) || !Number.isFinite(wMax)) throw new RangeError(`AcceptReject: majorant ${wMax}`);
    this.wMax = wMax;
  }

  accept(rng: Xoshiro128, w: number): boolean {
    this.trials++;
    if (w > this.maxSeen) this.maxSeen = w;
    if (w > this.wMax) this.violations++;
    if (rng.uniform() * this.wMax < w) {
      this.accepted++;
      return true;
    }
    return false;
  }

  /** acceptance efficiency so far */
  efficiency(): number {
    return this.trials === 0 ? 0 : this.accepted / this.trials;
  }
}

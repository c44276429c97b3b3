/**
 * Random deviates for pseudo-experiments, drawn from kaonlab's keyed streams (src/core/rng):
 * Poisson by inversion (λ < 10) or by Hörmann's transformed rejection with squeeze, PTRS
 * (W. Hörmann, "The transformed rejection method for generating Poisson random variables",
 * Insurance: Mathematics and Economics 12 (1993) 39), Gamma by Marsaglia and Tsang (ACM TOMS 26
 * (2000) 363), and the normal ziggurat of src/core.
 */

import { normal } from "../core/rng/samplers.ts";
import type { Rng } from "../core/rng/streams.ts";
import { lnGamma } from "./special.ts";

export { normal };

/** Poisson deviate with mean λ ≥ 0 */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 10) {
    // inversion by sequential search from 0: ~λ + 1 steps
    let k = 0;
    let p = Math.exp(-lambda);
    let s = p;
    const u = rng.uniform53();
    while (u > s) {
      k++;
      p *= lambda / k;
      const s1 = s + p;
      if (s1 === s) break; // the tail beyond double precision
      s = s1;
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <=
      -lambda + k * loglam - lnGamma(k + 1)
    )
      return k;
  }
}

/** Gamma deviate with the given shape (≥ 1) and rate */
export function gamma(rng: Rng, shape: number, rate: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = rng.uniform();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/**
 * Small numerical helpers of the detector responses: the normal distribution function with a
 * relative accuracy good in the far tails (rare mis-identification probabilities), inefficiency
 * curves interpolated in log–log, the Highland multiple-scattering angle, Poisson sums.
 */
import type { InefficiencyCurve } from "./card.ts";

/**
 * erfc(x) with fractional error < 1.2 × 10⁻⁷ everywhere (Chebyshev fit of Numerical Recipes in C,
 * 2nd ed., §6.2), so that tail probabilities of 10⁻⁸ keep their relative precision.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(X < x) for a standard normal X */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}

/** P(a < X < b) for X ~ N(mu, sigma²), computed from the nearer tail for precision */
export function normalInterval(a: number, b: number, mu: number, sigma: number): number {
  if (!(b > a)) return 0;
  if (sigma <= 0) return mu > a && mu < b ? 1 : 0;
  const za = (a - mu) / sigma;
  const zb = (b - mu) / sigma;
  // beyond 9σ the tail (< 10⁻¹⁹) is irrelevant next to any probability that matters here
  if (za > 9 || zb < -9) return 0;
  if (za < -9 && zb > 9) return 1;
  if (za > 0) return normalCdf(-za) - normalCdf(-zb);
  if (zb < 0) return normalCdf(zb) - normalCdf(za);
  return 1 - normalCdf(za) - normalCdf(-zb);
}

/** an inefficiency curve prepared for fast log–log interpolation (clamped outside the nodes) */
export class Curve {
  private readonly le: Float64Array;
  private readonly lp: Float64Array;
  private readonly p: Float64Array;
  private readonly e0: number;
  private readonly e1: number;

  constructor(c: InefficiencyCurve) {
    this.le = Float64Array.from(c.e, Math.log);
    this.lp = Float64Array.from(c.p, Math.log);
    this.p = Float64Array.from(c.p);
    this.e0 = c.e[0];
    this.e1 = c.e[c.e.length - 1];
  }

  at(e: number): number {
    if (!(e > this.e0)) return this.p[0];
    if (e >= this.e1) return this.p[this.p.length - 1];
    const l = Math.log(e);
    const le = this.le;
    let i = 1;
    while (le[i] < l) i++;
    const f = (l - le[i - 1]) / (le[i] - le[i - 1]);
    return Math.exp(this.lp[i - 1] + f * (this.lp[i] - this.lp[i - 1]));
  }
}

/**
 * Highland's multiple-scattering angle (projected, rad) for a particle of momentum p (GeV), velocity
 * β and unit charge through x/X₀ of material (PDG 2024 Review, "Passage of particles through
 * matter", eq. 34.16 with the logarithm in x z²/(X₀ β²)).
 */
export function highland(p: number, beta: number, xOverX0: number): number {
  if (xOverX0 <= 0) return 0;
  return (0.0136 / (beta * p)) * Math.sqrt(xOverX0) * (1 + 0.038 * Math.log(xOverX0 / (beta * beta)));
}

/** P(N ≥ k) for N ~ Poisson(mu), k a small non-negative integer */
export function poissonAtLeast(mu: number, k: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-mu);
  let cdf = term;
  for (let i = 1; i < k; i++) {
    term *= mu / i;
    cdf += term;
  }
  return Math.max(0, 1 - cdf);
}

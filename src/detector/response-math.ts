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
  // beyond z = 28 the exponent below is < −784, where Math.exp gives exactly 0: the same result
  // without the call (the RICH asks for such tails at every track: its e window ends at 1 rad)
  if (z >= 28) return x >= 0 ? 0 : 2;
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

/**
 * The last CDF_MEMO arguments and values of normalCdf: the RICH evaluates the distribution at the
 * same points several times per track (adjacent mass windows share an edge; the π window is taken
 * again for the ring's conditional momentum). A pure function: the memo returns the same bits.
 */
const CDF_MEMO = 8;
const memoX = new Float64Array(CDF_MEMO).fill(Number.NaN);
const memoY = new Float64Array(CDF_MEMO);
const memoNext = new Int32Array(1);

/** P(X < x) for a standard normal X */
export function normalCdf(x: number): number {
  for (let k = 0; k < CDF_MEMO; k++) if (memoX[k] === x) return memoY[k];
  const y = 0.5 * erfc(-x * Math.SQRT1_2);
  const k = memoNext[0];
  memoX[k] = x;
  memoY[k] = y;
  memoNext[0] = (k + 1) % CDF_MEMO;
  return y;
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

/**
 * The standard normal quantile Φ⁻¹(q), 0 < q < 1: P. J. Acklam's rational approximation (relative
 * error < 1.2 × 10⁻⁹, also deep in the tails), the form used for tail probabilities down to 10⁻³⁰⁰.
 */
export function normalQuantile(q: number): number {
  if (!(q > 0)) return Number.NEGATIVE_INFINITY;
  if (!(q < 1)) return Number.POSITIVE_INFINITY;
  const pLow = 0.02425;
  if (q < pLow || q > 1 - pLow) {
    const t = Math.sqrt(-2 * Math.log(q < pLow ? q : 1 - q));
    const x =
      (((((-7.784894002430293e-3 * t - 3.223964580411365e-1) * t - 2.400758277161838) * t -
        2.549732539343734) *
        t +
        4.374664141464968) *
        t +
        2.938163982698783) /
      ((((7.784695709041462e-3 * t + 3.224671290700398e-1) * t + 2.445134137142996) * t + 3.754408661907416) *
        t +
        1);
    return q < pLow ? x : -x;
  }
  const u = q - 0.5;
  const r = u * u;
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r +
      1.38357751867269e2) *
      r -
      3.066479806614716e1) *
      r +
      2.506628277459239) *
      u) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r +
      6.680131188771972e1) *
      r -
      1.328068155288572e1) *
      r +
      1)
  );
}

/**
 * X ~ N(mu, sigma²) conditioned on a < X < b, as a function of a uniform u in [0, 1) (inverse
 * distribution function, from the nearer tail for precision). An interval of negligible probability
 * returns its edge nearer to mu.
 */
export function truncatedNormal(a: number, b: number, mu: number, sigma: number, u: number): number {
  if (sigma <= 0) return Math.min(Math.max(mu, a), b);
  const za = (a - mu) / sigma;
  const zb = (b - mu) / sigma;
  let z: number;
  if (za > 0) {
    // upper tail: Q(z) = Φ(−z) decreases from Q(za) to Q(zb)
    const qa = normalCdf(-za);
    const qb = normalCdf(-zb);
    if (!(qa > qb)) return a;
    z = -normalQuantile(qb + u * (qa - qb));
  } else if (zb < 0) {
    const pa = normalCdf(za);
    const pb = normalCdf(zb);
    if (!(pb > pa)) return b;
    z = normalQuantile(pa + u * (pb - pa));
  } else {
    const pa = normalCdf(za);
    const pb = normalCdf(zb);
    z = normalQuantile(pa + u * (pb - pa));
  }
  if (!(z >= za)) z = za;
  if (!(z <= zb)) z = zb;
  return mu + sigma * z;
}

/**
 * An inefficiency curve prepared for fast log–log interpolation (clamped outside the nodes). An
 * optional scale multiplies the node values below 1 (a detector's efficient regime; nodes at 1 —
 * below threshold — stay 1), capped at 1: the photon-veto scale of the period card.
 */
export class Curve {
  private readonly le: Float64Array;
  private readonly lp: Float64Array;
  private readonly p: Float64Array;
  private readonly e0: number;
  private readonly e1: number;

  constructor(c: InefficiencyCurve, scale = 1) {
    const p = scale === 1 ? c.p : c.p.map((x) => (x < 1 ? Math.min(1, scale * x) : x));
    this.le = Float64Array.from(c.e, Math.log);
    this.lp = Float64Array.from(p, Math.log);
    this.p = Float64Array.from(p);
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

/**
 * Special functions of the statistics engine: normal and Poisson distributions, from individual
 * @stdlib packages (regularised incomplete gamma, erfc, erfcinv, log-gamma; ≤ 1e-13 relative error).
 * Tail probabilities are computed directly (never as 1 − cdf), so that 5σ-level p-values keep
 * their relative precision.
 */
import erfc from "@stdlib/math-base-special-erfc";
import erfcinv from "@stdlib/math-base-special-erfcinv";
import gammainc from "@stdlib/math-base-special-gammainc";
import gammaln from "@stdlib/math-base-special-gammaln";

const SQRT2 = Math.SQRT2;

/** Φ(x), the standard normal CDF */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / SQRT2);
}

/** 1 − Φ(x), computed without cancellation */
export function normalSf(x: number): number {
  return 0.5 * erfc(x / SQRT2);
}

/** Φ⁻¹(p) for p in (0, 1) (−√2·erfcinv(2p): accurate in both tails) */
export function normalQuantile(p: number): number {
  return -SQRT2 * erfcinv(2 * p);
}

/** one-sided significance Z = Φ⁻¹(1 − p) of a p-value (√2·erfcinv(2p)) */
export function significanceOf(p: number): number {
  if (p >= 1) return Number.NEGATIVE_INFINITY;
  if (p <= 0) return Number.POSITIVE_INFINITY;
  return SQRT2 * erfcinv(2 * p);
}

/** ln Γ(x) */
export function lnGamma(x: number): number {
  return gammaln(x);
}

/** ln P(N = n | λ) for a Poisson variable, continuous in n (n ≥ 0, λ > 0) */
export function poissonLogPmf(n: number, lambda: number): number {
  if (lambda <= 0) return n === 0 ? 0 : Number.NEGATIVE_INFINITY;
  return n * Math.log(lambda) - lambda - gammaln(n + 1);
}

/** P(N ≤ n | λ) = Q(n + 1, λ) (regularised upper incomplete gamma) */
export function poissonCdf(n: number, lambda: number): number {
  if (n < 0) return 0;
  if (lambda <= 0) return 1;
  return gammainc(lambda, Math.floor(n) + 1, true, true);
}

/** P(N ≥ n | λ) = P(n, λ) (regularised lower incomplete gamma), exact in the far tail */
export function poissonSfGe(n: number, lambda: number): number {
  if (n <= 0) return 1;
  if (lambda <= 0) return 0;
  return gammainc(lambda, Math.ceil(n), true, false);
}

/** quantile of the χ² distribution with one degree of freedom: the 2ΔlnL threshold of a CL */
export function chi2Quantile1(cl: number): number {
  const z = normalQuantile(0.5 + cl / 2);
  return z * z;
}

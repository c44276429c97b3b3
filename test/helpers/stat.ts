/** Statistical assertions: tolerances come from the sample size, never from a hand-picked slack. */
import assert from "node:assert/strict";

/** |value − expected| ≤ n·σ, with a message showing the pull */
export function assertPull(value: number, expected: number, sigma: number, n: number, what: string): void {
  const pull = (value - expected) / sigma;
  assert.ok(
    Math.abs(pull) <= n,
    `${what}: ${value} vs ${expected} ± ${sigma} (pull ${pull.toFixed(2)}, allowed ${n}σ)`,
  );
}

/** relative agreement |value/expected − 1| ≤ tol */
export function assertRel(value: number, expected: number, tol: number, what: string): void {
  const r = value / expected - 1;
  assert.ok(
    Math.abs(r) <= tol,
    `${what}: ${value} vs ${expected} (relative ${r.toExponential(2)}, allowed ${tol})`,
  );
}

/** sample mean and variance */
export function moments(xs: ArrayLike<number>): { mean: number; variance: number; n: number } {
  let s = 0;
  let s2 = 0;
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    s += xs[i];
    s2 += xs[i] * xs[i];
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean, n };
}

/** χ² of observed counts against expected counts (bins with expected ≥ 5 only) and its dof */
export function chi2(
  observed: ArrayLike<number>,
  expected: ArrayLike<number>,
): { chi2: number; dof: number } {
  let c = 0;
  let dof = 0;
  for (let i = 0; i < observed.length; i++) {
    if (expected[i] < 5) continue;
    c += (observed[i] - expected[i]) ** 2 / expected[i];
    dof++;
  }
  return { chi2: c, dof: dof - 1 };
}

/** upper bound on χ² at ~5σ-equivalent for `dof` degrees of freedom (Wilson–Hilferty) */
export function chi2Bound(dof: number, z = 5): number {
  const a = 2 / (9 * dof);
  return dof * (1 - a + z * Math.sqrt(a)) ** 3;
}

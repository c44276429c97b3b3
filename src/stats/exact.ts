/**
 * Exact calculators for one counting bin without nuisance parameters (Poisson enumeration): the
 * CLs method with the event count as test statistic (A. L. Read, J. Phys. G 28 (2002) 2693;
 * LEP/Tevatron convention, identical in ordering to q̃μ for one bin):
 *   CLs(s) = P(N ≤ n | s + b) / P(N ≤ n | b),   upper limit: CLs(s_up) = 1 − CL,
 * which at n = 0 gives s_up = −ln(1 − CL) whatever b; the expected limits are the limits of the
 * quantiles of N under the background-only hypothesis; discovery p = P(N ≥ n | b); and the
 * Feldman–Cousins interval (Phys. Rev. D 57 (1998) 3873) by the likelihood-ratio ordering of n.
 */
import { BANDS } from "./asymptotic.ts";
import { normalCdf, poissonCdf, poissonLogPmf, poissonSfGe, significanceOf } from "./special.ts";

function check(n: number, b: number, cl?: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`--obs: expected a count ≥ 0, got ${n}`);
  if (!(b >= 0) || !Number.isFinite(b)) throw new RangeError(`--bkg: expected a background ≥ 0, got ${b}`);
  if (cl !== undefined && !(cl > 0 && cl < 1))
    throw new RangeError(`--cl: expected a level in (0, 1), got ${cl}`);
}

/** CLs, CLs+b and CLb of signal s for n observed over background b */
export function exactCls(n: number, b: number, s: number): { cls: number; clsb: number; clb: number } {
  const clsb = poissonCdf(n, s + b);
  const clb = poissonCdf(n, b);
  return { cls: clsb / clb, clsb, clb };
}

/** the CLs upper limit on the signal count (Newton on ln CLs, bracketed) */
export function exactUpperLimit(n: number, b: number, cl = 0.9): number {
  check(n, b, cl);
  const target = Math.log(1 - cl);
  if (n === 0) return -target;
  const lnClb = Math.log(poissonCdf(n, b));
  const f = (s: number) => Math.log(poissonCdf(n, s + b)) - lnClb - target;
  // d ln P(N ≤ n | λ)/dλ = −P(N = n | λ)/P(N ≤ n | λ)
  const df = (s: number) => -Math.exp(poissonLogPmf(n, s + b) - Math.log(poissonCdf(n, s + b)));
  let lo = 0;
  let hi = -target + n + 1;
  while (f(hi) > 0) hi *= 2;
  let s = 0.5 * (lo + hi);
  for (let it = 0; it < 100; it++) {
    const v = f(s);
    if (v > 0) lo = s;
    else hi = s;
    let next = s - v / df(s);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - s) < 1e-13 * Math.max(1, s)) return next;
    s = next;
  }
  return s;
}

/** the quantile of N ~ Pois(b): the smallest n with P(N ≤ n) ≥ p */
export function poissonQuantile(p: number, b: number): number {
  let n = 0;
  while (poissonCdf(n, b) < p) n++;
  return n;
}

/** expected limits −2σ…+2σ: the limits at the quantiles Φ(k) of N under the background */
export function exactExpectedLimits(b: number, cl = 0.9): number[] {
  check(0, b, cl);
  return BANDS.map((k) => exactUpperLimit(poissonQuantile(normalCdf(k), b), b, cl));
}

/** discovery p-value P(N ≥ n | b) and its one-sided significance */
export function exactDiscovery(n: number, b: number): { pValue: number; significance: number } {
  check(n, b);
  if (b === 0 && n > 0) return { pValue: 0, significance: Number.POSITIVE_INFINITY };
  const p = poissonSfGe(n, b);
  return { pValue: p, significance: significanceOf(p) };
}

/** is n in the Feldman–Cousins acceptance region of signal s (known background b)? */
export function fcAccepts(n: number, s: number, b: number, cl: number): boolean {
  const lam = s + b;
  const nMax = Math.ceil(lam + 12 * Math.sqrt(lam) + 30);
  const ranks: { n: number; r: number; p: number }[] = [];
  for (let k = 0; k <= nMax; k++) {
    const lp = poissonLogPmf(k, lam);
    const best = Math.max(0, k - b) + b;
    const r = lp - poissonLogPmf(k, best);
    ranks.push({ n: k, r, p: Math.exp(lp) });
  }
  ranks.sort((x, y) => y.r - x.r || x.n - y.n);
  let sum = 0;
  for (const e of ranks) {
    if (e.n === n) return true;
    sum += e.p;
    if (sum >= cl) return false;
  }
  return false;
}

/**
 * Feldman–Cousins interval for the signal mean (known background): a scan on a grid of `step`
 * (FC used 0.005) refined by bisection to 1e-6 at both edges.
 */
export function feldmanCousins(n: number, b: number, cl = 0.9, step = 0.005): [number, number] {
  check(n, b, cl);
  const sMax = n + 12 * Math.sqrt(n + 1) + 20;
  let first = -1;
  let last = -1;
  for (let i = 0; i * step <= sMax; i++) {
    const s = i * step;
    if (fcAccepts(n, s, b, cl)) {
      if (first < 0) first = i;
      last = i;
    } else if (last >= 0 && i - last > 40) break;
  }
  if (first < 0) throw new Error(`Feldman–Cousins: no accepted signal for n = ${n}, b = ${b}`);
  const refine = (inside: number, outside: number) => {
    let a = inside;
    let c = outside;
    while (Math.abs(c - a) > 1e-6) {
      const mid = 0.5 * (a + c);
      if (fcAccepts(n, mid, b, cl)) a = mid;
      else c = mid;
    }
    return a;
  };
  const lo = first === 0 ? 0 : refine(first * step, (first - 1) * step);
  const hi = refine(last * step, (last + 1) * step);
  return [lo, hi];
}

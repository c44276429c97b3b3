/**
 * The hybrid (Cousins–Highland; RooStats' HybridCalculator) discovery p-value of one counting bin,
 * computed exactly instead of by toys. With the auxiliary data held at their observed values, the
 * test statistic q₀ of one bin depends on the count n alone and rises with it wherever it is > 0
 * (dq₀/dn = 2 ln(n / ν̂̂₀) > 0), so "q₀ at least as large as observed" is "N ≥ n_obs", and
 *
 *   p = ∫ P(N ≥ n_obs | ν₀(θ)) π(θ) dθ,
 *
 * where ν₀(θ) is the background-only expectation and π the prior the hybrid toys draw θ from:
 * Normal(a, σ) truncated to the parameter's bounds, or the flat-prior posterior Gamma(a + 1, τ) of a
 * Poisson constraint (src/stats/toy-task.ts, drawNuisances). The Poisson tail is the regularised
 * incomplete gamma function (no 1 − cdf cancellation) and the integral is a composite
 * Gauss–Legendre rule over ±40σ of the prior, panels doubled until two rules agree to 1e-10
 * relative: the result is the toy p-value's limit for infinitely many toys, at any significance.
 * Applies to one bin whose background depends on at most one free nuisance parameter (terms carrying
 * the POI as a factor vanish at μ = 0, so uncertainties on the signal do not count).
 */
import { CONS_NORMAL, CONS_POISSON, type Dataset, type LikelihoodModel } from "./model.ts";
import { lnGamma, poissonSfGe } from "./special.ts";

/** nodes and weights of the n-point Gauss–Legendre rule on [−1, 1] (Newton on Pₙ) */
function gaussLegendre(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let it = 0; it < 100; it++) {
      let p0 = 1;
      let p1 = 0;
      for (let k = 1; k <= n; k++) {
        const p2 = p1;
        p1 = p0;
        p0 = ((2 * k - 1) * z * p1 - (k - 1) * p2) / k;
      }
      dp = (n * (z * p0 - p1)) / (z * z - 1);
      const dz = p0 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-15) break;
    }
    x[i] = z;
    w[i] = 2 / ((1 - z * z) * dp * dp);
  }
  return { x, w };
}

const GL = gaussLegendre(16);

/** ∫ f over [a, b] by the composite 16-point rule with `panels` panels */
function composite(f: (x: number) => number, a: number, b: number, panels: number): number {
  const h = (b - a) / panels;
  let s = 0;
  for (let k = 0; k < panels; k++) {
    const mid = a + (k + 0.5) * h;
    for (let i = 0; i < GL.x.length; i++) s += GL.w[i] * f(mid + 0.5 * h * GL.x[i]);
  }
  return 0.5 * h * s;
}

/** ∫ f over [a, b], panels doubled until two successive rules agree to `rel` */
export function integrate(f: (x: number) => number, a: number, b: number, rel = 1e-10): number {
  if (!(b > a)) return 0;
  let panels = 32;
  let prev = composite(f, a, b, panels);
  for (let round = 0; round < 8; round++) {
    panels *= 2;
    const next = composite(f, a, b, panels);
    if (Math.abs(next - prev) <= rel * Math.abs(next)) return next;
    prev = next;
  }
  return prev;
}

/** the nuisance parameter the background of a one-bin model depends on: index, −1 (none) or null (n/a) */
export function backgroundNuisance(model: LikelihoodModel): number | null {
  if (model.nBins !== 1 || model.poi < 0) return null;
  const poi = model.poi;
  const used = new Set<number>();
  for (const t of model.spec.terms) {
    const poiFactor = t.modifiers.some((m) => m.param === poi && m.type === "factor");
    if (t.modifiers.some((m) => m.param === poi && m.type !== "factor")) return null;
    if (poiFactor) continue; // zero at μ = 0
    for (const m of t.modifiers) if (!model.fixed[m.param]) used.add(m.param);
  }
  if (used.size === 0) return -1;
  if (used.size > 1) return null;
  const [p] = used;
  const k = model.consKind[p];
  return k === CONS_NORMAL || k === CONS_POISSON ? p : null;
}

/**
 * P(N ≥ n) under the hybrid prior of the background, or null where it does not apply (see the
 * module comment). `q0` is the observed test statistic: p = 1 when it is 0 (μ̂ ≤ 0), as for toys.
 */
export function hybridDiscoveryPValue(model: LikelihoodModel, data: Dataset, q0: number): number | null {
  const p = backgroundNuisance(model);
  if (p === null) return null;
  const n = data.main[0];
  if (!Number.isInteger(n)) return null;
  if (!(q0 > 0)) return 1;
  const pars = Float64Array.from(model.init);
  pars[model.poi] = 0;
  const nu = new Float64Array(1);
  const tail = (theta: number) => {
    if (p >= 0) pars[p] = theta;
    model.expected(pars, nu);
    return poissonSfGe(n, nu[0]);
  };
  if (p < 0) return tail(0);
  const a = data.aux[p];
  let lo: number;
  let hi: number;
  let logDensity: (x: number) => number;
  if (model.consKind[p] === CONS_NORMAL) {
    const s = model.consSigma[p];
    lo = Math.max(model.lo[p], a - 40 * s);
    hi = Math.min(model.hi[p], a + 40 * s);
    logDensity = (x) => -0.5 * ((x - a) / s) ** 2;
  } else {
    // Gamma(shape a + 1, rate τ)
    const tau = model.consTau[p];
    const shape = a + 1;
    const mean = shape / tau;
    const sd = Math.sqrt(shape) / tau;
    lo = Math.max(0, mean - 40 * sd);
    hi = mean + 40 * sd;
    const c = shape * Math.log(tau) - lnGamma(shape);
    logDensity = (x) => (x > 0 ? c + a * Math.log(x) - tau * x : a > 0 ? Number.NEGATIVE_INFINITY : c);
  }
  // normalised over the same range and rule (the Normal prior is truncated to the bounds)
  const mass = integrate((x) => Math.exp(logDensity(x)), lo, hi);
  if (!(mass > 0)) return null;
  return integrate((x) => Math.exp(logDensity(x)) * tail(x), lo, hi) / mass;
}

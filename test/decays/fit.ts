/**
 * Helpers of the decay validation tests: generation into a reused batch, Lorentz invariants from
 * lab-frame columns, one-dimensional quadrature, and maximum-likelihood fits whose statistical
 * errors come from the Hessian (so every tolerance follows from the sample size).
 */
import { EventBatch, MAX_SLOTS } from "../../src/core/batch.ts";
import { DecayGenerator, type GenerationOptions, shardStreams } from "../../src/decays/generator.ts";

/** generate n events of a channel (seeded) and hand each filled batch to visit */
export function generate(
  opts: GenerationOptions | string,
  n: number,
  seed: number,
  visit: (b: EventBatch, gen: DecayGenerator) => void,
  batch = 8192,
): DecayGenerator {
  const gen = new DecayGenerator(typeof opts === "string" ? { channel: opts } : opts);
  const b = new EventBatch(batch);
  const st = shardStreams(seed, 0);
  for (let done = 0; done < n; ) {
    const k = Math.min(batch, n - done);
    b.clear();
    gen.fill(b, k, st);
    visit(b, gen);
    done += k;
  }
  return gen;
}

/** Minkowski product of particles i and j (global indices) of a batch */
export function dot(b: EventBatch, i: number, j: number): number {
  return b.e[i] * b.e[j] - b.px[i] * b.px[j] - b.py[i] * b.py[j] - b.pz[i] * b.pz[j];
}

/** (p_i + p_j)² */
export function pairMass2(b: EventBatch, i: number, j: number): number {
  const E = b.e[i] + b.e[j];
  const x = b.px[i] + b.px[j];
  const y = b.py[i] + b.py[j];
  const z = b.pz[i] + b.pz[j];
  return E * E - x * x - y * y - z * z;
}

/** rest-frame energy of particle i of event ev: P_K·p_i/m_K (the kaon is slot 0) */
export function restEnergy(b: EventBatch, ev: number, i: number): number {
  const K = ev * MAX_SLOTS;
  return dot(b, K, i) / b.mass[K];
}

/** composite Simpson rule of f on [a, b] with n (even) intervals */
export function simpson(f: (x: number) => number, a: number, b: number, n = 20_000): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/** solve the d×d linear system A x = y (Gauss–Jordan, partial pivoting); returns A⁻¹ too */
export function invert(A: number[][]): number[][] {
  const d = A.length;
  const M = A.map((row, i) => [...row, ...Array.from({ length: d }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    const piv = M[c][c];
    for (let k = 0; k < 2 * d; k++) M[c][k] /= piv;
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = M[r][c];
      for (let k = 0; k < 2 * d; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row) => row.slice(d));
}

/**
 * Maximum-likelihood fit of a density linear in its parameters, ρ(x; θ) ∝ 1 + θ·f(x), given the
 * per-event feature vectors f (rows of `features`, flat, d per event) and the normalisation moments
 * m = ∫ f dΦ / ∫ dΦ under the underlying (parameter-free) measure. Newton iterations from θ0;
 * returns θ̂ and its covariance (inverse observed information).
 */
export function linearDensityFit(
  features: Float64Array,
  d: number,
  moments: number[],
  theta0: number[],
): { theta: number[]; cov: number[][] } {
  const n = features.length / d;
  const th = [...theta0];
  let cov: number[][] = [];
  for (let it = 0; it < 30; it++) {
    const g = new Array(d).fill(0);
    const H = Array.from({ length: d }, () => new Array(d).fill(0));
    for (let i = 0; i < n; i++) {
      let den = 1;
      for (let k = 0; k < d; k++) den += th[k] * features[i * d + k];
      for (let a = 0; a < d; a++) {
        const fa = features[i * d + a] / den;
        g[a] += fa;
        for (let c = 0; c < d; c++) H[a][c] -= fa * (features[i * d + c] / den);
      }
    }
    let dm = 1;
    for (let k = 0; k < d; k++) dm += th[k] * moments[k];
    for (let a = 0; a < d; a++) {
      g[a] -= (n * moments[a]) / dm;
      for (let c = 0; c < d; c++) H[a][c] += (n * moments[a] * moments[c]) / (dm * dm);
    }
    cov = invert(H.map((r) => r.map((x) => -x)));
    let step = 0;
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += cov[a][c] * g[c];
      th[a] += s;
      step = Math.max(step, Math.abs(s) / Math.sqrt(cov[a][a]));
    }
    if (step < 1e-6) break;
  }
  return { theta: th, cov };
}

/**
 * One-parameter maximum-likelihood fit of events xᵢ to a density ρ(x; θ)/N(θ) with N computed by
 * quadrature on [a, b]: Newton iterations with numerical derivatives; σ from the observed
 * information.
 */
export function oneParamFit(
  xs: Float64Array,
  rho: (x: number, theta: number) => number,
  a: number,
  b: number,
  theta0: number,
  step: number,
): { theta: number; sigma: number } {
  const n = xs.length;
  const logL = (th: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.log(rho(xs[i], th));
    return s - n * Math.log(simpson((x) => rho(x, th), a, b, 4000));
  };
  let th = theta0;
  let sigma = Number.NaN;
  for (let it = 0; it < 20; it++) {
    const l0 = logL(th);
    const lp = logL(th + step);
    const lm = logL(th - step);
    const g = (lp - lm) / (2 * step);
    const h = (lp - 2 * l0 + lm) / (step * step);
    sigma = Math.sqrt(-1 / h);
    const d = -g / h;
    th += d;
    if (Math.abs(d) < 1e-4 * sigma) break;
  }
  return { theta: th, sigma };
}

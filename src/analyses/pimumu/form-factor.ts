/**
 * The K⁺→π⁺μ⁺μ⁻ form-factor fit. The decay generator's W(z) (src/decays/me/pill.ts, DEIP 1998:
 * W(z) = G_F m²_K (a₊ + b₊z) + W^ππ(z)) is reused: with g = G_F m²_K, R + iI = W^ππ(z),
 *   |W|² = g²(a² + 2ab z + b² z²) + 2g(a + b z)R + R² + I²,
 * so the branching fraction in a z bin is quadratic in (a₊, b₊):
 *   B_i(a, b) = c0 + c1 a + c2 b + c3 a² + c4 ab + c5 b²,
 * with c_k = ∫_bin K(z) f_k(z) dz / Γ_K, K(z) the kinematic factor of dΓ/dz (pillRate with |W|² = 1).
 * The expected counts μ_i = N_K · A_i · B_i + b_i (A_i the simulated acceptance of bin i, b_i the
 * background) enter a binned Poisson likelihood; the errors are MINOS-like: where the profile
 * −ln L (minimised over the other parameter) rises by 1/2.
 */
import type { Rng } from "../../core/rng/streams.ts";
import { FormFactorW, pillRate } from "../../decays/me/pill.ts";

/** the z = m²_μμ/m²_K binning of the fit */
export interface ZBinning {
  n: number;
  lo: number;
  hi: number;
}

export const NCOEF = 6;

/** kinematic factor of dΓ/dz (GeV) at |W|² = 1 */
function kinematic(z: number, mK: number, mPi: number, mMu: number): number {
  const unit = { r2: (mPi / mK) ** 2, abs2: () => 1 } as unknown as FormFactorW;
  return pillRate(unit, z, mK, mMu);
}

/**
 * c_k of every bin (row-major [bin·6 + k]), in units of the K⁺ width: Simpson's rule with `sub`
 * panels per bin, the integrand zero outside the physical region 4m²_μ/m²_K < z < (1 − m_π/m_K)².
 */
export function binCoefficients(
  bins: ZBinning,
  masses: { mK: number; mPi: number; mMu: number; gammaK: number },
  ff: { alphaPlus: number; betaPlus: number },
  sub = 32,
): Float64Array {
  const { mK, mPi, mMu, gammaK } = masses;
  const wpp = new FormFactorW(
    { aPlus: 0, bPlus: 0, alphaPlus: ff.alphaPlus, betaPlus: ff.betaPlus },
    mK,
    mPi,
  );
  const g = wpp.gfm2;
  const w = new Float64Array(2);
  const out = new Float64Array(bins.n * NCOEF);
  const dz = (bins.hi - bins.lo) / bins.n;
  const f = new Float64Array(NCOEF);
  for (let i = 0; i < bins.n; i++) {
    const z0 = bins.lo + i * dz;
    const h = dz / sub;
    for (let s = 0; s <= sub; s++) {
      const z = z0 + s * h;
      const k = kinematic(z, mK, mPi, mMu);
      if (!(k > 0)) continue;
      wpp.eval(z, w);
      const R = w[0];
      const I = w[1];
      f[0] = R * R + I * I;
      f[1] = 2 * g * R;
      f[2] = 2 * g * z * R;
      f[3] = g * g;
      f[4] = 2 * g * g * z;
      f[5] = g * g * z * z;
      const sw = s === 0 || s === sub ? 1 : s % 2 === 1 ? 4 : 2;
      for (let c = 0; c < NCOEF; c++) out[i * NCOEF + c] += (sw * h * k * f[c]) / (3 * gammaK);
    }
  }
  return out;
}

/** B_i(a, b) from the coefficients */
export function binBr(c: Float64Array, i: number, a: number, b: number): number {
  const o = i * NCOEF;
  return c[o] + c[o + 1] * a + c[o + 2] * b + c[o + 3] * a * a + c[o + 4] * a * b + c[o + 5] * b * b;
}

/** the total branching fraction Σ_i B_i(a, b) over the bins */
export function totalBr(c: Float64Array, a: number, b: number): number {
  let s = 0;
  for (let i = 0; i < c.length / NCOEF; i++) s += binBr(c, i, a, b);
  return s;
}

/** what the fit knows: the counts, the acceptances, the background, the kaon decays */
export interface FitInput {
  coef: Float64Array;
  acceptance: ArrayLike<number>;
  background: ArrayLike<number>;
  counts: ArrayLike<number>;
  kaonDecays: number;
}

/** −ln L of the binned Poisson likelihood (up to a constant), and its gradient and Hessian in (a, b) */
export function nll(inp: FitInput, a: number, b: number, grad?: Float64Array, hess?: Float64Array): number {
  const { coef: c, acceptance: A, background: bg, counts: n, kaonDecays: N } = inp;
  let v = 0;
  if (grad) grad.fill(0);
  if (hess) hess.fill(0);
  for (let i = 0; i < n.length; i++) {
    const s = N * A[i];
    if (!(s > 0)) continue;
    const o = i * NCOEF;
    const mu = s * binBr(c, i, a, b) + bg[i];
    if (!(mu > 0)) return Number.POSITIVE_INFINITY;
    v += mu - n[i] * Math.log(mu);
    if (grad && hess) {
      const da = s * (c[o + 1] + 2 * c[o + 3] * a + c[o + 4] * b);
      const db = s * (c[o + 2] + c[o + 4] * a + 2 * c[o + 5] * b);
      const r = 1 - n[i] / mu;
      const q = n[i] / (mu * mu);
      grad[0] += r * da;
      grad[1] += r * db;
      hess[0] += r * 2 * s * c[o + 3] + q * da * da;
      hess[1] += r * s * c[o + 4] + q * da * db;
      hess[3] += r * 2 * s * c[o + 5] + q * db * db;
    }
  }
  if (hess) hess[2] = hess[1];
  return v;
}

export interface FormFactorFit {
  a: number;
  b: number;
  /** MINOS-like errors: [down, up] of each parameter from the profile likelihood */
  aErr: [number, number];
  bErr: [number, number];
  /** errors from the Hessian at the minimum, and the correlation */
  aSigma: number;
  bSigma: number;
  rho: number;
  nll: number;
  /** Σ 2[μ − n + n ln(n/μ)] at the minimum, and the degrees of freedom */
  deviance: number;
  ndf: number;
  converged: boolean;
}

/** Newton minimisation with step halving, from (a, b) */
function newton(
  inp: FitInput,
  a0: number,
  b0: number,
  fixA?: number,
): { a: number; b: number; v: number; ok: boolean } {
  let a = fixA ?? a0;
  let b = b0;
  const g = new Float64Array(2);
  const h = new Float64Array(4);
  let v = nll(inp, a, b, g, h);
  for (let it = 0; it < 100; it++) {
    let da: number;
    let db: number;
    if (fixA !== undefined) {
      da = 0;
      db = h[3] > 0 ? -g[1] / h[3] : -Math.sign(g[1]) * 0.01;
    } else {
      const det = h[0] * h[3] - h[1] * h[2];
      if (det > 0 && h[0] > 0) {
        da = -(h[3] * g[0] - h[1] * g[1]) / det;
        db = -(-h[2] * g[0] + h[0] * g[1]) / det;
      } else {
        da = -Math.sign(g[0]) * 0.01;
        db = -Math.sign(g[1]) * 0.01;
      }
    }
    let t = 1;
    let vn = nll(inp, a + t * da, b + t * db);
    while (!(vn <= v) && t > 1e-8) {
      t /= 2;
      vn = nll(inp, a + t * da, b + t * db);
    }
    if (!(vn <= v)) return { a, b, v, ok: Math.abs(g[0]) + Math.abs(g[1]) < 1e-3 };
    a += t * da;
    b += t * db;
    const dv = v - vn;
    v = nll(inp, a, b, g, h);
    if (dv < 1e-10 && Math.abs(t * da) + Math.abs(t * db) < 1e-9) return { a, b, v, ok: true };
  }
  return { a, b, v, ok: true };
}

/** the profile −ln L at a fixed value of one parameter */
function profile(inp: FitInput, which: 0 | 1, x: number, other: number): number {
  if (which === 0) return newton(inp, x, other, x).v;
  // fix b: swap the roles through a reparametrised input is not needed: minimise over a by 1D Newton
  let a = other;
  const g = new Float64Array(2);
  const h = new Float64Array(4);
  let v = nll(inp, a, x, g, h);
  for (let it = 0; it < 100; it++) {
    const d = h[0] > 0 ? -g[0] / h[0] : -Math.sign(g[0]) * 0.01;
    let t = 1;
    let vn = nll(inp, a + t * d, x);
    while (!(vn <= v) && t > 1e-8) {
      t /= 2;
      vn = nll(inp, a + t * d, x);
    }
    if (!(vn <= v)) break;
    a += t * d;
    const dv = v - vn;
    v = nll(inp, a, x, g, h);
    if (dv < 1e-10 && Math.abs(t * d) < 1e-9) break;
  }
  return v;
}

/** where the profile rises by 1/2 on one side (bisection between the minimum and 10 σ) */
function minosSide(
  inp: FitInput,
  which: 0 | 1,
  best: number,
  other: number,
  vMin: number,
  sigma: number,
  dir: 1 | -1,
): number {
  let lo = 0;
  let hi = sigma;
  while (profile(inp, which, best + dir * hi, other) - vMin < 0.5 && hi < 20 * sigma) hi *= 2;
  for (let k = 0; k < 40; k++) {
    const mid = 0.5 * (lo + hi);
    if (profile(inp, which, best + dir * mid, other) - vMin < 0.5) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** fits (a₊, b₊) from a start point (the negative solution of |W|² is the physical one) */
export function fitFormFactor(inp: FitInput, start: [number, number] = [-0.5, -0.5]): FormFactorFit {
  const m = newton(inp, start[0], start[1]);
  const g = new Float64Array(2);
  const h = new Float64Array(4);
  nll(inp, m.a, m.b, g, h);
  const det = h[0] * h[3] - h[1] * h[2];
  const aSigma = det > 0 ? Math.sqrt(h[3] / det) : Number.NaN;
  const bSigma = det > 0 ? Math.sqrt(h[0] / det) : Number.NaN;
  const rho = det > 0 ? -h[1] / Math.sqrt(h[0] * h[3]) : Number.NaN;
  const aErr: [number, number] = [
    minosSide(inp, 0, m.a, m.b, m.v, aSigma, -1),
    minosSide(inp, 0, m.a, m.b, m.v, aSigma, 1),
  ];
  const bErr: [number, number] = [
    minosSide(inp, 1, m.b, m.a, m.v, bSigma, -1),
    minosSide(inp, 1, m.b, m.a, m.v, bSigma, 1),
  ];
  let dev = 0;
  let ndf = -2;
  for (let i = 0; i < inp.counts.length; i++) {
    const s = inp.kaonDecays * inp.acceptance[i];
    if (!(s > 0)) continue;
    const mu = s * binBr(inp.coef, i, m.a, m.b) + inp.background[i];
    const n = inp.counts[i];
    dev += 2 * (mu - n + (n > 0 ? n * Math.log(n / mu) : 0));
    ndf++;
  }
  return { a: m.a, b: m.b, aErr, bErr, aSigma, bSigma, rho, nll: m.v, deviance: dev, ndf, converged: m.ok };
}

/** a Poisson draw (inversion below mean 30, Hörmann's PTRS transformed rejection above) */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) {
    let k = 0;
    let p = Math.exp(-mean);
    let s = p;
    const u = rng.uniform();
    while (u > s && k < 1000) {
      k++;
      p *= mean / k;
      s += p;
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = rng.uniform() - 0.5;
    const V = rng.uniform();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + mean + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - lgamma(k + 1))
      return k;
  }
}

/** ln Γ(x) (Lanczos, g = 7) */
function lgamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const y = x - 1;
  let s = c[0];
  for (let i = 1; i < 9; i++) s += c[i] / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(s);
}

/**
 * Best-fit parameters with uncertainties: the unconditional maximum-likelihood fit (from every
 * start, src/stats/fit.ts) and the covariance as the inverse of the exact Hessian of −ln L at the
 * minimum over the free parameters (MINUIT's HESSE; pyhf's `fit(..., return_uncertainties=True)`
 * with a Hessian-based optimiser). Fixed parameters have uncertainty 0; a parameter on one of its
 * bounds is marked, its uncertainty being that of the quadratic approximation there.
 */
import { Fitter } from "./fit.ts";
import type { Dataset, LikelihoodModel } from "./model.ts";

export interface FittedParameter {
  name: string;
  value: number;
  uncertainty: number;
  fixed: boolean;
  atBound: boolean;
}

export interface BestFit {
  nll: number;
  parameters: FittedParameter[];
  /** index of the POI in `parameters` */
  poi: number;
}

/** invert a symmetric positive-definite matrix (Cholesky); null when it is not positive definite */
export function invertSpd(a: Float64Array, n: number): Float64Array | null {
  const l = a.slice();
  for (let j = 0; j < n; j++) {
    let s = l[j * n + j];
    for (let k = 0; k < j; k++) s -= l[j * n + k] ** 2;
    if (!(s > 0)) return null;
    const d = Math.sqrt(s);
    l[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = l[i * n + j];
      for (let k = 0; k < j; k++) t -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = t / d;
    }
  }
  // columns of the inverse by forward and back substitution
  const inv = new Float64Array(n * n);
  const y = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let t = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) t -= l[i * n + k] * y[k];
      y[i] = t / l[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let t = y[i];
      for (let k = i + 1; k < n; k++) t -= l[k * n + i] * inv[k * n + c];
      inv[i * n + c] = t / l[i * n + i];
    }
  }
  return inv;
}

export function bestFit(model: LikelihoodModel, data: Dataset): BestFit {
  const fitter = new Fitter(model);
  const fit = fitter.fitFree(data);
  const P = model.nPar;
  const g = new Float64Array(P);
  const h = new Float64Array(P * P);
  model.nllGradHess(fit.pars, data, g, h);
  const free: number[] = [];
  for (let p = 0; p < P; p++) if (!model.fixed[p]) free.push(p);
  const n = free.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = h[free[i] * P + free[j]];
  const inv = invertSpd(a, n);
  const unc = new Float64Array(P);
  free.forEach((p, i) => {
    unc[p] = inv ? Math.sqrt(inv[i * n + i]) : Number.NaN;
  });
  return {
    nll: fit.nll,
    poi: model.poi,
    parameters: Array.from({ length: P }, (_, p) => ({
      name: model.names[p],
      value: fit.pars[p],
      uncertainty: unc[p],
      fixed: model.fixed[p] === 1,
      atBound: !model.fixed[p] && (fit.pars[p] <= model.lo[p] || fit.pars[p] >= model.hi[p]),
    })),
  };
}

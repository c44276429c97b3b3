/**
 * Best-fit parameters with uncertainties: the unconditional maximum-likelihood fit (from every
 * start, src/stats/fit.ts) and the variances as the diagonal of the inverse of the exact Hessian of
 * −ln L at the minimum over the free parameters (block-eliminated like the Newton step) (MINUIT's HESSE; pyhf's `fit(..., return_uncertainties=True)`
 * with a Hessian-based optimiser). Fixed parameters have uncertainty 0; a parameter on one of its
 * bounds is marked, its uncertainty being that of the quadratic approximation there.
 */
import { Fitter } from "./fit.ts";
import { parameterGroups } from "./minimise.ts";
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

/**
 * the diagonal of H_FF⁻¹ over the free parameters F, by block elimination: with the globals G and
 * the per-bin groups b, C_GG = S⁻¹ (S = H_GG − Σ_b H_Gb H_bb⁻¹ H_bG) and
 * C_bb = H_bb⁻¹ + Y_b C_GG Y_bᵀ (Y_b = H_bb⁻¹ H_bG): O(Σ k_b·G² + G³) instead of O(P³).
 * NaN everywhere when H_FF is not positive definite.
 */
export function inverseDiagonal(model: LikelihoodModel, h: Float64Array, free: Uint8Array): Float64Array {
  const P = model.nPar;
  const out = new Float64Array(P);
  const { globals, groups } = parameterGroups(model);
  const G = globals.filter((p) => free[p]);
  const nG = G.length;
  const S = new Float64Array(nG * nG);
  for (let i = 0; i < nG; i++) for (let j = 0; j < nG; j++) S[i * nG + j] = h[G[i] * P + G[j]];
  const blocks: { m: number[]; inv: Float64Array; Y: Float64Array }[] = [];
  for (const grp of groups) {
    const m = grp.filter((p) => free[p]);
    const k = m.length;
    if (k === 0) continue;
    const a = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) a[i * k + j] = h[m[i] * P + m[j]];
    const inv = invertSpd(a, k);
    if (!inv) return out.fill(Number.NaN);
    // Y = H_bb⁻¹ H_bG (k × nG); S −= H_Gb Y
    const Y = new Float64Array(k * nG);
    for (let i = 0; i < k; i++)
      for (let c = 0; c < nG; c++) {
        let t = 0;
        for (let j = 0; j < k; j++) t += inv[i * k + j] * h[m[j] * P + G[c]];
        Y[i * nG + c] = t;
      }
    for (let a2 = 0; a2 < nG; a2++)
      for (let i = 0; i < k; i++) {
        const hab = h[G[a2] * P + m[i]];
        if (hab === 0) continue;
        for (let c = 0; c < nG; c++) S[a2 * nG + c] -= hab * Y[i * nG + c];
      }
    blocks.push({ m, inv, Y });
  }
  const C = nG > 0 ? invertSpd(S, nG) : new Float64Array(0);
  if (!C) return out.fill(Number.NaN);
  for (let i = 0; i < nG; i++) out[G[i]] = C[i * nG + i];
  for (const { m, inv, Y } of blocks) {
    const k = m.length;
    for (let i = 0; i < k; i++) {
      let v = inv[i * k + i];
      for (let a2 = 0; a2 < nG; a2++) {
        const ya = Y[i * nG + a2];
        if (ya === 0) continue;
        for (let c = 0; c < nG; c++) v += ya * C[a2 * nG + c] * Y[i * nG + c];
      }
      out[m[i]] = v;
    }
  }
  return out;
}

export function bestFit(model: LikelihoodModel, data: Dataset): BestFit {
  const fitter = new Fitter(model);
  const fit = fitter.fitFree(data);
  const P = model.nPar;
  const g = new Float64Array(P);
  const h = new Float64Array(P * P);
  model.nllGradHess(fit.pars, data, g, h);
  const free = new Uint8Array(P);
  for (let p = 0; p < P; p++) free[p] = model.fixed[p] ? 0 : 1;
  const diag = inverseDiagonal(model, h, free);
  const unc = new Float64Array(P);
  for (let p = 0; p < P; p++) if (free[p]) unc[p] = Math.sqrt(diag[p]);
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

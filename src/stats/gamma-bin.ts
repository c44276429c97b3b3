/**
 * Closed-form profile likelihood of the commonest toy model: one counting bin with a signal μ·S
 * and a background b₀ + b·γ whose scale γ is measured by an auxiliary Poisson count m ~ Pois(τγ)
 * (the "on/off" problem; kaonlab's gamma constraint, pyhf's shapesys):
 *
 *   −ln L(μ, γ) = ν − n ln ν + τγ − m ln(τγ),   ν = μS + b₀ + bγ
 *
 * (the terms in ln n and ln m dropped as in LikelihoodModel.nll). −ln L is jointly convex in
 * (μ, γ), so the bounded minima below are the minimiser's, without iterations:
 *  - at fixed μ, ∂/∂γ = 0 is the quadratic b(b+τ)γ² + [(b+τ)c − b(n+m)]γ − mc = 0 with c = μS + b₀,
 *    whose positive root, clamped to the bounds of γ, is γ̂̂(μ);
 *  - the free minimum has γ̂ = m/τ (clamped) and ν = n, i.e. μ̂ = (n − b₀ − bγ̂)/S, when that μ̂
 *    lies within the bounds of μ; otherwise μ̂ sits on the bound it crosses, with γ̂̂(μ̂).
 */
import { CONS_POISSON, type LikelihoodModel } from "./model.ts";

export interface GammaBin {
  /** signal yield per unit of the POI */
  s: number;
  /** background without the γ scale */
  b0: number;
  /** background scaled by γ */
  b: number;
  /** index of γ and its constraint's τ */
  gamma: number;
  tau: number;
  gLo: number;
  gHi: number;
  muLo: number;
  muHi: number;
}

/** the model's GammaBin form, or null when it is not a one-bin on/off model */
export function gammaSingleBin(model: LikelihoodModel): GammaBin | null {
  if (model.nBins !== 1) return null;
  const poi = model.poi;
  let gamma = -1;
  for (let p = 0; p < model.nPar; p++) {
    if (p === poi || model.fixed[p]) continue;
    if (gamma >= 0 || model.consKind[p] !== CONS_POISSON) return null;
    gamma = p;
  }
  if (gamma < 0 || model.fixed[poi] || model.consKind[poi] !== 0) return null;
  let s = 0;
  let b0 = 0;
  let b = 0;
  for (const t of model.spec.terms) {
    const mods = t.modifiers;
    if (mods.length === 0) b0 += t.nominal;
    else if (mods.length === 1 && mods[0].type === "factor" && mods[0].param === poi) s += t.nominal;
    else if (mods.length === 1 && mods[0].type === "factor" && mods[0].param === gamma) b += t.nominal;
    else return null; // other modifiers, or fixed parameters that scale a yield
  }
  if (!(s > 0 && b > 0)) return null;
  return {
    s,
    b0,
    b,
    gamma,
    tau: model.consTau[gamma],
    gLo: model.lo[gamma],
    gHi: model.hi[gamma],
    muLo: model.lo[poi],
    muHi: model.hi[poi],
  };
}

/** profile fits of one data set (n, m): set the data, then ask for the minima */
export class GammaBinFit {
  private readonly g: GammaBin;
  private n = 0;
  private m = 0;
  /** unconditional minimum of the data set last given to setData */
  muHat = 0;
  nllFree = 0;

  constructor(g: GammaBin) {
    this.g = g;
  }

  private nllAt(nu: number, gamma: number): number {
    const tg = this.g.tau * gamma;
    return (this.n > 0 ? nu - this.n * Math.log(nu) : nu) + (this.m > 0 ? tg - this.m * Math.log(tg) : tg);
  }

  /** γ̂̂(μ) */
  gammaAt(mu: number): number {
    const { s, b0, b, tau, gLo, gHi } = this.g;
    const c = mu * s + b0;
    const a = b * (b + tau);
    const bq = c * (b + tau) - b * (this.n + this.m);
    const mc = this.m * c;
    const sq = Math.sqrt(bq * bq + 4 * a * mc);
    // the positive root, in the form without cancellation
    const root = bq <= 0 ? (sq - bq) / (2 * a) : (2 * mc) / (bq + sq);
    return Math.min(gHi, Math.max(gLo, root));
  }

  /** −ln L(μ, γ̂̂(μ)) */
  nllFixed(mu: number): number {
    const gamma = this.gammaAt(mu);
    return this.nllAt(mu * this.g.s + this.g.b0 + this.g.b * gamma, gamma);
  }

  /** set the data set (main count n, auxiliary count m) and compute its free fit */
  setData(n: number, m: number): void {
    this.n = n;
    this.m = m;
    const { s, b0, b, tau, gLo, gHi, muLo, muHi } = this.g;
    const gamma = m > 0 ? Math.min(gHi, Math.max(gLo, m / tau)) : gLo;
    const mu = (n - b0 - b * gamma) / s;
    if (n > 0 && mu >= muLo && mu <= muHi) {
      this.muHat = mu;
      this.nllFree = this.nllAt(n, gamma);
    } else {
      this.muHat = Math.min(muHi, Math.max(muLo, mu));
      this.nllFree = this.nllFixed(this.muHat);
    }
  }
}

/**
 * The unconditional fit of a one-bin model in closed form. With one bin,
 *
 *   −ln L(μ, θ) = [ν − n ln ν] + Σₚ Cₚ(aₚ | θₚ),   ν = μ·S(θ) + B(θ),
 *
 * and each constraint depends on its own parameter only: the first bracket is smallest at ν = n,
 * each Cₚ at its own maximum-likelihood value θ*ₚ (Normal: a; Poisson: a/τ; clamped to the bounds).
 * When μ* = (n − B(θ*))/S(θ*) lies within the bounds of μ, (μ*, θ*) minimises both parts at once
 * and is therefore the global minimum — no iterations needed. Otherwise (μ̂ on a bound: typically
 * n below the background) the caller fits as usual.
 * Applies when the bin's expectation is linear in the POI (a plain factor on the signal terms) and
 * every other free parameter is constrained.
 */
import { CONS_NONE, CONS_NORMAL, CONS_POISSON, type Dataset, type LikelihoodModel } from "./model.ts";

export class OneBinFreeFit {
  private readonly model: LikelihoodModel;
  private readonly nu = new Float64Array(1);

  private constructor(model: LikelihoodModel) {
    this.model = model;
  }

  /** the closed form for this model, or null when it does not apply */
  static of(model: LikelihoodModel): OneBinFreeFit | null {
    if (model.nBins !== 1) return null;
    const poi = model.poi;
    if (poi < 0 || model.fixed[poi] || model.consKind[poi] !== CONS_NONE) return null;
    for (let p = 0; p < model.nPar; p++)
      if (p !== poi && !model.fixed[p] && model.consKind[p] === CONS_NONE) return null;
    for (const t of model.spec.terms) {
      let uses = 0;
      for (const m of t.modifiers)
        if (m.param === poi) {
          if (m.type !== "factor") return null;
          uses++;
        }
      if (uses > 1) return null;
    }
    return new OneBinFreeFit(model);
  }

  /**
   * The free fit of `data`, written into x (whose fixed parameters must hold their values): the
   * minimum of −ln L, or NaN (x then undefined) when μ̂ lies on a bound and an iterative fit is needed.
   */
  fit(data: Dataset, x: Float64Array): number {
    const m = this.model;
    const poi = m.poi;
    const n = data.main[0];
    if (!(n > 0)) return Number.NaN;
    for (let p = 0; p < m.nPar; p++) {
      if (p === poi || m.fixed[p]) continue;
      const a = data.aux[p];
      let v: number;
      if (m.consKind[p] === CONS_NORMAL) v = a;
      else if (m.consKind[p] === CONS_POISSON) v = a > 0 ? a / m.consTau[p] : m.lo[p];
      else return Number.NaN;
      x[p] = Math.min(m.hi[p], Math.max(m.lo[p], v));
    }
    x[poi] = 0;
    const b = m.expected(x, this.nu)[0];
    x[poi] = 1;
    const s = m.expected(x, this.nu)[0] - b;
    if (!(s > 0)) return Number.NaN;
    const mu = (n - b) / s;
    if (!(mu >= m.lo[poi] && mu <= m.hi[poi])) return Number.NaN;
    x[poi] = mu;
    return m.nll(x, data);
  }
}

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
  private readonly d = new Float64Array(2);

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
    // ν is linear in μ: ν = B + μS with B = ν(0) and S = ∂ν/∂μ
    x[poi] = 0;
    const b = m.binExpectedD(0, poi, x, this.d);
    const s = this.d[0];
    if (!(s > 0)) return Number.NaN;
    const mu = (n - b) / s;
    if (!(mu >= m.lo[poi] && mu <= m.hi[poi])) return Number.NaN;
    x[poi] = mu;
    const nu = b + mu * s;
    return nu - n * Math.log(nu) + m.constraintsNll(x, data.aux);
  }
}

/**
 * Profile fits of a one-bin model with a single free nuisance parameter θ (any modifiers; a Normal
 * or Poisson constraint): at fixed μ, −ln L(θ) = ν − n ln ν + C(θ) is minimised by a safeguarded
 * one-dimensional Newton iteration (bracketed by the sign of the derivative, bounds of θ respected)
 * from a warm start — the same minimum as the general minimiser at a fraction of the cost. Gives up
 * (NaN) where −ln L(θ) is not convex along the way, so that the caller falls back to the minimiser.
 */
export class OneBinProfile {
  private readonly model: LikelihoodModel;
  /** index of θ */
  readonly theta: number;
  private readonly x: Float64Array;
  private readonly d = new Float64Array(2);
  /** θ̂̂ and ν of the last fit */
  thetaHat = 0;
  nu = 0;

  private constructor(model: LikelihoodModel, theta: number) {
    this.model = model;
    this.theta = theta;
    this.x = new Float64Array(model.nPar);
  }

  static of(model: LikelihoodModel): OneBinProfile | null {
    if (!OneBinFreeFit.of(model)) return null;
    let theta = -1;
    for (let p = 0; p < model.nPar; p++) {
      if (p === model.poi || model.fixed[p]) continue;
      if (theta >= 0) return null;
      theta = p;
    }
    return theta < 0 ? null : new OneBinProfile(model, theta);
  }

  /**
   * min over θ of −ln L(μ = mu, θ), the other parameters as in `pars`, starting from pars[θ]; NaN
   * when the fit should be left to the general minimiser
   */
  fit(mu: number, data: Dataset, pars: ArrayLike<number>): number {
    const m = this.model;
    const p = this.theta;
    const x = this.x;
    const d = this.d;
    for (let i = 0; i < m.nPar; i++) x[i] = pars[i];
    x[m.poi] = mu;
    const lo0 = m.lo[p];
    const hi0 = m.hi[p];
    let lo = lo0;
    let hi = hi0;
    const n = data.main[0];
    const a = data.aux[p];
    const kind = m.consKind[p];
    const s2 = m.consSigma[p] * m.consSigma[p];
    const tau = m.consTau[p];
    let t = Math.min(hi0, Math.max(lo0, pars[p]));
    let nu = 0;
    let converged = false;
    let feasible = Number.NaN; // the last point where the likelihood is positive
    for (let it = 0; it < 100; it++) {
      x[p] = t;
      nu = m.binExpectedD(0, p, x, d);
      if (n > 0 && !(nu > 0)) {
        // ν ≤ 0 with data (e.g. a gaussian term at its truncation bound): the minimum lies towards
        // the last feasible point; halve the way there
        if (Number.isNaN(feasible)) return Number.NaN;
        if (t < feasible) lo = t;
        else hi = t;
        t = 0.5 * (lo + hi);
        continue;
      }
      feasible = t;
      const r = n > 0 ? 1 - n / nu : 1;
      let g = d[0] * r;
      let h = d[1] * r + (n > 0 ? (n * d[0] * d[0]) / (nu * nu) : 0);
      if (kind === CONS_NORMAL) {
        g += (t - a) / s2;
        h += 1 / s2;
      } else if (a > 0) {
        if (!(t > 0)) return Number.NaN;
        g += tau - a / t;
        h += a / (t * t);
      } else g += tau;
      // a bound with the derivative pointing outwards is the minimum
      if ((t <= lo0 && g >= 0) || (t >= hi0 && g <= 0) || g === 0) {
        converged = true;
        break;
      }
      if (!(h > 0)) return Number.NaN;
      if (g > 0) hi = t;
      else lo = t;
      let next = t - g / h;
      let newton = true;
      if (!(next > lo && next < hi)) {
        newton = false;
        // Newton leaves the bracket: try the bound itself when the bracket ends there, else bisect
        if (next <= lo && lo === lo0 && t !== lo0) next = lo0;
        else if (next >= hi && hi === hi0 && t !== hi0) next = hi0;
        else next = 0.5 * (lo + hi);
      }
      const step = Math.abs(next - t);
      t = next;
      // Newton converges quadratically: after a step of δ the error is O(δ²)
      if (step <= (newton ? 1e-7 : 1e-11) * (1 + Math.abs(t))) {
        converged = true;
        break;
      }
    }
    if (!converged) return Number.NaN;
    x[p] = t;
    this.thetaHat = t;
    // −ln L as LikelihoodModel.nll sums it (the same terms in the same order)
    nu = m.binExpectedD(0, p, x, d);
    this.nu = nu;
    if (n > 0 && !(nu > 0)) return Number.NaN;
    return (n > 0 ? nu - n * Math.log(nu) : nu) + m.constraintsNll(x, data.aux);
  }
}

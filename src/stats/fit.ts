/**
 * Maximum-likelihood fits and the profile-likelihood test statistics of Cowan, Cranmer, Gross and
 * Vitells (Eur. Phys. J. C 71 (2011) 1554, arXiv:1007.1727), as pyhf defines them
 * (pyhf/infer/test_statistics.py): with the POI bounded below by 0,
 *   t̃μ = 2[−ln L(μ, θ̂̂) + ln L(μ̂, θ̂)] (μ̂ ≥ 0)            two-sided (intervals, Feldman–Cousins)
 *   q̃μ = t̃μ if μ̂ ≤ μ, else 0                               upper limits (q̃μ; pyhf "qtilde")
 *   q₀ = t̃₀                                                  discovery
 */
import { Minimiser } from "./minimise.ts";
import type { Dataset, LikelihoodModel } from "./model.ts";

export interface FitOutput {
  nll: number;
  pars: Float64Array;
}

export class Fitter {
  readonly model: LikelihoodModel;
  readonly minimiser: Minimiser;
  private readonly xFree: Float64Array;
  private readonly xFixed: Float64Array;

  constructor(model: LikelihoodModel) {
    this.model = model;
    this.minimiser = new Minimiser(model);
    this.xFree = new Float64Array(model.nPar);
    this.xFixed = new Float64Array(model.nPar);
  }

  /** unconditional fit; `start` defaults to the model's initial values. The result's pars are reused. */
  fitFree(data: Dataset, start?: ArrayLike<number>): FitOutput {
    this.xFree.set(start ?? this.model.init);
    const nll = this.minimiser.minimise(this.xFree, data, false);
    return { nll, pars: this.xFree };
  }

  /** fit with the POI held at mu */
  fitFixed(mu: number, data: Dataset, start?: ArrayLike<number>): FitOutput {
    this.xFixed.set(start ?? this.model.init);
    this.xFixed[this.model.poi] = mu;
    const nll = this.minimiser.minimise(this.xFixed, data, true);
    return { nll, pars: this.xFixed };
  }

  /** t̃μ given the unconditional minimum (nllFree) */
  tmu(mu: number, data: Dataset, nllFree: number, start?: ArrayLike<number>): number {
    const c = this.fitFixed(mu, data, start);
    return Math.max(0, 2 * (c.nll - nllFree));
  }

  /** q̃μ (0 when μ̂ > μ); muHat and nllFree from a previous unconditional fit */
  qmu(mu: number, data: Dataset, muHat: number, nllFree: number, start?: ArrayLike<number>): number {
    if (muHat > mu) return 0;
    return this.tmu(mu, data, nllFree, start);
  }
}

/** a copy of a fit result (Fitter reuses its buffers) */
export function keep(f: FitOutput): FitOutput {
  return { nll: f.nll, pars: f.pars.slice() };
}

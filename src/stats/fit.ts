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

/** two minima of one fit that differ (the fit kept the lower) */
export interface MinimaNote {
  /** "free" or "mu=<value>" */
  fit: string;
  /** the data set fitted: "observed" or "Asimov" (as labelled by the caller) */
  data: string;
  /** −ln L at the minimum kept and at the other one */
  kept: number;
  other: number;
  /** the parameter that differs most between them, with its two values */
  param: string;
  keptValue: number;
  otherValue: number;
}

/**
 * Parameters whose interpolation can give −ln L several minima: histosys code 4p with unequal up
 * and down shifts and normsys code 4 with hi·lo ≠ 1 (the polynomial inside |α| < 1 is then not
 * monotone in general).
 */
export function multiMinimumParams(model: LikelihoodModel): number[] {
  const out = new Set<number>();
  for (const t of model.spec.terms)
    for (const m of t.modifiers) {
      if (model.fixed[m.param]) continue;
      if (m.type === "histosys" && m.code === 4) {
        const up = m.hi - t.nominal;
        const down = t.nominal - m.lo;
        if (Math.abs(up - down) > 1e-12 * (Math.abs(up) + Math.abs(down))) out.add(m.param);
      } else if (m.type === "normsys" && m.code === 4 && Math.abs(m.hi * m.lo - 1) > 1e-12) out.add(m.param);
    }
  return [...out].sort((a, b) => a - b);
}

export class Fitter {
  readonly model: LikelihoodModel;
  readonly minimiser: Minimiser;
  private readonly xFree: Float64Array;
  private readonly xFixed: Float64Array;
  private readonly xTrial: Float64Array;
  /** extra starting points (besides the one given and the initial values) */
  private readonly extraStarts: Float64Array[];
  private readonly robust: boolean;
  /** fits whose starting points reached different minima (up to 20 kept) */
  readonly notes: MinimaNote[] = [];
  /** the label of the data set being fitted, copied into the notes */
  dataLabel = "observed";

  /**
   * `robust` (default true): every fit also starts from the model's initial values and, where the
   * interpolation allows several minima, from α = ±1 of those parameters, and keeps the lowest
   * minimum; false: one start (toys of convex models, where the start does not matter).
   */
  constructor(model: LikelihoodModel, opts: { robust?: boolean } = {}) {
    this.model = model;
    this.minimiser = new Minimiser(model);
    this.xFree = new Float64Array(model.nPar);
    this.xFixed = new Float64Array(model.nPar);
    this.xTrial = new Float64Array(model.nPar);
    this.robust = opts.robust ?? true;
    const multi = this.robust ? multiMinimumParams(model) : [];
    this.extraStarts =
      multi.length === 0
        ? []
        : [1, -1].map((v) => {
            const x = Float64Array.from(model.init);
            for (const p of multi) x[p] = Math.min(model.hi[p], Math.max(model.lo[p], v));
            return x;
          });
  }

  /** minimise from every start into `best` (fixPoi: the POI held at mu) */
  private run(
    best: Float64Array,
    data: Dataset,
    start: ArrayLike<number> | undefined,
    mu: number | null,
  ): number {
    const m = this.model;
    const starts: ArrayLike<number>[] = [start ?? m.init];
    if (this.robust) {
      if (start !== undefined && !sameValues(start, m.init, m.poi)) starts.push(m.init);
      starts.push(...this.extraStarts);
    }
    let bestNll = Number.POSITIVE_INFINITY;
    let firstError: unknown = null;
    const x = this.xTrial;
    const minima: { nll: number; pars: Float64Array }[] = [];
    for (const s of starts) {
      x.set(s);
      if (mu !== null) x[m.poi] = mu;
      let nll: number;
      try {
        nll = this.minimiser.minimise(x, data, mu !== null);
      } catch (e) {
        firstError ??= e;
        continue;
      }
      if (starts.length > 1) minima.push({ nll, pars: x.slice() });
      if (nll < bestNll) {
        bestNll = nll;
        best.set(x);
      }
    }
    if (bestNll === Number.POSITIVE_INFINITY) {
      if (firstError) throw firstError;
      best.set(starts[0]);
      return bestNll;
    }
    for (const o of minima) if (o.nll - bestNll > 1e-6) this.note(mu, bestNll, best, o);
    return bestNll;
  }

  private note(mu: number | null, nll: number, best: Float64Array, o: { nll: number; pars: Float64Array }) {
    if (this.notes.length >= 20) return;
    const fit = mu === null ? "free" : `${this.model.names[this.model.poi]}=${Number(mu.toPrecision(6))}`;
    if (
      this.notes.some(
        (n) =>
          n.fit === fit &&
          n.data === this.dataLabel &&
          Math.abs(n.other - o.nll) < 1e-6 &&
          Math.abs(n.kept - nll) < 1e-6,
      )
    )
      return;
    let p = 0;
    for (let i = 1; i < best.length; i++)
      if (Math.abs(best[i] - o.pars[i]) > Math.abs(best[p] - o.pars[p])) p = i;
    this.notes.push({
      fit,
      data: this.dataLabel,
      kept: nll,
      other: o.nll,
      param: this.model.names[p],
      keptValue: best[p],
      otherValue: o.pars[p],
    });
  }

  /** unconditional fit; `start` defaults to the model's initial values. The result's pars are reused. */
  fitFree(data: Dataset, start?: ArrayLike<number>): FitOutput {
    const nll = this.run(this.xFree, data, start, null);
    return { nll, pars: this.xFree };
  }

  /** fit with the POI held at mu */
  fitFixed(mu: number, data: Dataset, start?: ArrayLike<number>): FitOutput {
    const nll = this.run(this.xFixed, data, start, mu);
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

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>, skip: number): boolean {
  for (let i = 0; i < a.length; i++) if (i !== skip && a[i] !== b[i]) return false;
  return true;
}

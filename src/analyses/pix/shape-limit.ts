/**
 * The binned shape likelihood of the K⁺→π⁺X search (docs/analyses/pix.md, "Shape fit"): per period
 * (category) the m²miss bins around the X peak, signal = μ·s_b (μ: signal events in the ±kσ window
 * over all periods, s_b: the template's share), background = the πνν̄ backgrounds + SM K⁺→π⁺νν̄ per
 * bin, no nuisance parameters. CLs 90% limits on μ from the asymptotic calculator of src/stats
 * (APPROXIMATE: it undercovers at small counts, see src/stats/asymptotic.ts).
 */
import { asymptoticLimit } from "../../stats/limits.ts";
import { LikelihoodModel, type ModelSpec, type TermSpec } from "../../stats/model.ts";
import { normalCdf } from "../../stats/special.ts";
import { GRID, GRID_WIDTH } from "./spectrum.ts";

/** one category of the fit: per bin, the signal share, the expected background and the data */
export interface ShapeCategory {
  name: string;
  signal: ArrayLike<number>;
  background: ArrayLike<number>;
  observed: ArrayLike<number>;
}

export interface ShapeLimit {
  /** the observed upper limit on μ (signal events in the window), NaN when it cannot be placed */
  upperLimit: number;
  /** the expected ones at −2σ…+2σ */
  expected: number[];
}

/** the largest μ (signal events) the fit may reach */
const MU_MAX = 1000;

/** the model and data of the fit; bins without signal and background are dropped */
export function shapeModel(cats: readonly ShapeCategory[]): ModelSpec {
  const binLabels: string[] = [];
  const terms: TermSpec[] = [];
  const observed: number[] = [];
  for (const c of cats) {
    for (let k = 0; k < c.signal.length; k++) {
      const s = c.signal[k];
      const b = c.background[k];
      if (!(s > 0) && !(b > 0)) continue;
      const bin = binLabels.length;
      binLabels.push(`${c.name}[${k}]`);
      observed.push(c.observed[k]);
      if (s > 0) terms.push({ bin, sample: "X", nominal: s, modifiers: [{ type: "factor", param: 0 }] });
      if (b > 0) terms.push({ bin, sample: "background", nominal: b, modifiers: [] });
    }
  }
  return {
    binLabels,
    params: [{ name: "mu", init: 1, lo: 0, hi: MU_MAX, fixed: false, constraint: { kind: "none" } }],
    terms,
    poi: 0,
    observed,
  };
}

/** the CLs upper limits on μ (asymptotic, APPROXIMATE) */
export function shapeUpperLimit(cats: readonly ShapeCategory[], cl = 0.9): ShapeLimit {
  const spec = shapeModel(cats);
  if (spec.binLabels.length === 0 || !spec.terms.some((t) => t.sample === "X"))
    return {
      upperLimit: Number.POSITIVE_INFINITY,
      expected: [1, 1, 1, 1, 1].map(() => Number.POSITIVE_INFINITY),
    };
  const model = new LikelihoodModel(spec);
  const r = asymptoticLimit(model, model.observedData(), cl);
  return {
    upperLimit: r.upperLimit,
    expected: [r.expected["-2"], r.expected["-1"], r.expected["0"], r.expected["+1"], r.expected["+2"]],
  };
}

/** one period's part of the fit at one mass */
export interface ShapePeriod {
  period: string;
  /** N_K · A(m, τ): signal events per unit BR in the ±kσ window */
  nkA: number;
  /** expected background + SM per fine m²miss bin (R1+R2) */
  expected: ArrayLike<number>;
  /** the period's published observed count and its total expected (background + SM) in R1+R2 */
  observed: number;
  total: number;
}

export interface ShapeBinning {
  /** peak position and resolution (GeV²) */
  centre: number;
  sigma: number;
  /** the ±k·σ window the acceptance is defined in */
  windowSigma: number;
  /** the fit range, ±fitSigma·σ, in bins of binSigma·σ (rounded to whole fine bins) */
  fitSigma: number;
  binSigma: number;
  /** per fine bin: 1 where the regions are (some expected event, any period), else 0 */
  mask: ArrayLike<number>;
}

/**
 * the categories of the fit at one mass: per period the fine bins in c ± fitSigma·σ grouped by
 * binSigma·σ; the signal template is a Gaussian with the simulated peak and resolution, cut to the
 * regions (mask) and normalised so that its ±kσ window holds the simulated window acceptance;
 * signal shares are per signal event in the window over all periods (Σ nkA); the observed count of
 * each period is spread over its expected shape (as for the window count)
 */
export function shapeCategories(periods: readonly ShapePeriod[], o: ShapeBinning): ShapeCategory[] {
  const fine = (x: number) => Math.floor((x - GRID.min) / GRID_WIDTH);
  const k0 = Math.max(0, fine(o.centre - o.fitSigma * o.sigma));
  const k1 = Math.min(GRID.n - 1, fine(o.centre + o.fitSigma * o.sigma));
  const w = Math.max(1, Math.round((o.binSigma * o.sigma) / GRID_WIDTH));
  const nb = Math.ceil((k1 - k0 + 1) / w);
  // the Gaussian's share per fine bin (in the regions), and its share in the ±kσ window
  const g = new Float64Array(k1 - k0 + 1);
  let inWindow = 0;
  for (let k = k0; k <= k1; k++) {
    const a = GRID.min + k * GRID_WIDTH;
    const v =
      o.mask[k] > 0
        ? normalCdf((a + GRID_WIDTH - o.centre) / o.sigma) - normalCdf((a - o.centre) / o.sigma)
        : 0;
    g[k - k0] = v;
    const mid = a + 0.5 * GRID_WIDTH;
    if (Math.abs(mid - o.centre) <= o.windowSigma * o.sigma) inWindow += v;
  }
  const nkTot = periods.reduce((a, p) => a + p.nkA, 0);
  return periods.map((p) => {
    const signal = new Float64Array(nb);
    const background = new Float64Array(nb);
    const observed = new Float64Array(nb);
    const scale = inWindow > 0 && nkTot > 0 ? p.nkA / nkTot / inWindow : 0;
    for (let k = k0; k <= k1; k++) {
      const j = Math.floor((k - k0) / w);
      signal[j] += scale * g[k - k0];
      background[j] += p.expected[k];
    }
    for (let j = 0; j < nb; j++) observed[j] = p.total > 0 ? (p.observed * background[j]) / p.total : 0;
    return { name: p.period, signal, background, observed };
  });
}

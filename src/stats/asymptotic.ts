/**
 * APPROXIMATE: the asymptotic (Wald) calculator of Cowan, Cranmer, Gross and Vitells, Eur. Phys. J.
 * C 71 (2011) 1554 (arXiv:1007.1727), exactly as pyhf's AsymptoticCalculator (pyhf/infer/
 * calculators.py): σ from the Asimov data set built at μ = 0 with the nuisance parameters fitted
 * to the observed data at μ = 0; CLs+b and CLb from Eqs. (59), (65)–(66) in √q space, with the
 * q̃μ branch switch at q̃μ = qμ,A; expected CLs at Nσ: Φ(−N − √qμ,A)/Φ(−N).
 * At small counts these formulae undercover (n = 0: the 90% CL limit is ~33% too low): kaonlab
 * labels every asymptotic result `approximate`.
 */
import { type FitOutput, Fitter, keep, type MinimaNote } from "./fit.ts";
import type { Dataset, LikelihoodModel } from "./model.ts";
import { normalSf } from "./special.ts";

/** the five expected-band offsets, in the order of the limit bands −2σ, −1σ, median, +1σ, +2σ */
export const BANDS = [-2, -1, 0, 1, 2] as const;

export interface HypoTest {
  poi: number;
  cls: number;
  clsb: number;
  clb: number;
  /** expected CLs for the bands −2σ…+2σ of the limit (ascending) */
  expected: number[];
  /** observed test statistic */
  q: number;
}

export type LimitStat = "qtilde" | "q";

export class AsymptoticCalculator {
  readonly approximate = true;
  readonly model: LikelihoodModel;
  readonly data: Dataset;
  readonly stat: LimitStat;
  private readonly fitter: Fitter;
  readonly freeData: FitOutput;
  readonly asimovPars: Float64Array;
  readonly asimov: Dataset;
  private readonly freeAsimov: FitOutput;

  constructor(model: LikelihoodModel, data: Dataset, stat: LimitStat = "qtilde") {
    this.model = model;
    this.data = data;
    this.stat = stat;
    this.fitter = new Fitter(model);
    this.freeData = keep(this.fitter.fitFree(data));
    this.asimovPars = keep(this.fitter.fitFixed(0, data)).pars;
    this.asimov = model.asimov(this.asimovPars);
    this.fitter.dataLabel = "Asimov";
    this.freeAsimov = keep(this.fitter.fitFree(this.asimov, this.asimovPars));
    this.fitter.dataLabel = "observed";
  }

  /** the fits (on the data and the Asimov data) whose starting points reached different minima */
  minimaNotes(): MinimaNote[] {
    return [...this.fitter.notes];
  }

  /** √qμ,A: the expected separation of μ from 0 in σ units */
  sqrtQA(mu: number): number {
    const f = this.freeAsimov;
    this.fitter.dataLabel = "Asimov";
    const q = this.fitter.qmu(mu, this.asimov, f.pars[this.model.poi], f.nll, this.asimovPars);
    this.fitter.dataLabel = "observed";
    return Math.sqrt(q);
  }

  /** observed qμ (q̃μ with the POI bounded at 0) */
  q(mu: number): number {
    const f = this.freeData;
    return this.fitter.qmu(mu, this.data, f.pars[this.model.poi], f.nll, f.pars);
  }

  hypotest(mu: number): HypoTest {
    const q = this.q(mu);
    const sqA = this.sqrtQA(mu);
    const sq = Math.sqrt(q);
    const t = this.stat === "q" || sq <= sqA || sqA === 0 ? sq - sqA : (q - sqA * sqA) / (2 * sqA);
    const clsb = normalSf(t + sqA);
    const clb = normalSf(t);
    const expected = BANDS.map((k) => normalSf(-k + sqA) / normalSf(-k));
    return { poi: mu, cls: clsb / clb, clsb, clb, expected, q };
  }

  /**
   * discovery with the expected set, as pyhf's q0 (AsymptoticCalculator with test_stat "q0"): the
   * Asimov data at μ = 1 with the nuisance parameters fitted to the data at μ = 1, q₀,A from them;
   * expected p₀ at the bands +2σ…−2σ of the signal: Φ(−(√q₀,A + k)), k = 2, 1, 0, −1, −2
   * (most significant first, as pyhf lists them)
   */
  discoveryExpected(muSignal = 1): {
    q0: number;
    pValue: number;
    significance: number;
    q0Asimov: number;
    expected: number[];
  } {
    const d = this.discovery();
    const pars = keep(this.fitter.fitFixed(muSignal, this.data, this.freeData.pars)).pars;
    const asimov = this.model.asimov(pars);
    this.fitter.dataLabel = "Asimov";
    const free = keep(this.fitter.fitFree(asimov, pars));
    const q0A = free.pars[this.model.poi] <= 0 ? 0 : this.fitter.tmu(0, asimov, free.nll, free.pars);
    this.fitter.dataLabel = "observed";
    const sqA = Math.sqrt(q0A);
    return { ...d, q0Asimov: q0A, expected: [2, 1, 0, -1, -2].map((k) => normalSf(sqA + k)) };
  }

  /** discovery: q₀, p₀ = Φ(−√q₀), Z = √q₀ (approximate) */
  discovery(): { q0: number; pValue: number; significance: number } {
    const f = this.freeData;
    const q0 = f.pars[this.model.poi] <= 0 ? 0 : this.fitter.tmu(0, this.data, f.nll, f.pars);
    const z = Math.sqrt(q0);
    return { q0, pValue: normalSf(z), significance: z };
  }
}

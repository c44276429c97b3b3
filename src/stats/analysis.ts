/**
 * The statistics engine's high-level entry points for counting models (what the CLI calls):
 * upper limits with bands, discovery significance, and BR measurements with intervals. Results
 * carry the calculator used; asymptotic results are flagged `approximate`.
 */
import { AsymptoticCalculator } from "./asymptotic.ts";
import { buildCountingSpec, type CountingModel, combinedSes, hasNuisances, totals } from "./counting.ts";
import { exactDiscovery } from "./exact.ts";
import { backgroundNuisance, hybridDiscoveryPValue } from "./hybrid-quadrature.ts";
import { fcInterval, type IntervalResult, profileInterval } from "./intervals.ts";
import { asymptoticLimit, exactLimit, type LimitResult, type Method, toyLimit } from "./limits.ts";
import { LikelihoodModel } from "./model.ts";
import { significanceOf } from "./special.ts";
import type { ToyMode } from "./toy-task.ts";
import { ToyCalculator, type ToyOptions } from "./toys.ts";

export interface RunOptions {
  seed: number;
  workers: number;
  nToys: number;
  /**
   * toys: "hybrid" (default here: nuisance parameters drawn from their constraints, continuous as
   * uncertainties vanish) or "frequentist" (auxiliary data redrawn, as pyhf and RooStats)
   */
  mode?: ToyMode;
  onProgress?: (done: number, total: number) => void;
}

/** exact applies to one category without nuisance parameters */
export function exactApplies(m: CountingModel): boolean {
  return m.categories.length === 1 && !hasNuisances(m);
}

/** the method used when none is asked for: exact where it applies, toys otherwise */
/** the toy options of a run, with the counting-model default mode (hybrid) */
function toyOptions(run: RunOptions): ToyOptions {
  return { ...run, mode: run.mode ?? "hybrid" };
}

export function defaultMethod(m: CountingModel): Method {
  return exactApplies(m) ? "exact" : "toys";
}

/**
 * true when the hybrid discovery p-value of the model is an exact one-dimensional integral (one
 * category, its background depending on at most one nuisance parameter: src/stats/hybrid-quadrature.ts)
 */
export function discoveryExactApplies(m: CountingModel, mode: ToyMode = "hybrid"): boolean {
  if (exactApplies(m)) return true;
  if (mode !== "hybrid" || m.categories.length !== 1) return false;
  return backgroundNuisance(new LikelihoodModel(buildCountingSpec(m))) !== null;
}

/** the discovery method used when none is asked for: exact (enumeration or quadrature) where it applies */
export function defaultDiscoveryMethod(m: CountingModel, mode: ToyMode = "hybrid"): Method {
  return discoveryExactApplies(m, mode) ? "exact" : "toys";
}

function checkMethod(m: CountingModel, method: Method): void {
  if (method === "exact" && !exactApplies(m))
    throw new RangeError(
      `--method: exact needs one category without uncertainties (use toys or asymptotic), got "exact"`,
    );
}

export interface CountingLimit extends LimitResult {
  /** upper limit on the branching ratio (when SES is given) */
  brUpperLimit?: number;
  brExpected?: LimitResult["expected"];
  sesCombined?: number;
}

function scaleBands(b: LimitResult["expected"], s: number): LimitResult["expected"] {
  return { "-2": b["-2"] * s, "-1": b["-1"] * s, "0": b["0"] * s, "+1": b["+1"] * s, "+2": b["+2"] * s };
}

/** CLs upper limit on the signal (events summed over categories; BR when SES is given) */
export async function countingLimit(
  m: CountingModel,
  cl: number,
  method: Method,
  run: RunOptions,
): Promise<CountingLimit> {
  checkMethod(m, method);
  let r: LimitResult;
  if (method === "exact") {
    const t = totals(m);
    r = exactLimit(t.nObs, t.background, cl);
  } else {
    const model = new LikelihoodModel(buildCountingSpec(m));
    const data = model.observedData();
    if (method === "asymptotic") r = asymptoticLimit(model, data, cl);
    else {
      r = await toyLimit(model, data, cl, toyOptions(run));
    }
  }
  const ses = combinedSes(m);
  if (ses === undefined) return r;
  return {
    ...r,
    brUpperLimit: r.upperLimit * ses,
    brExpected: scaleBands(r.expected, ses),
    sesCombined: ses,
  };
}

export interface Discovery {
  method: Method;
  /** how the exact p-value was computed, or which toys were used */
  calculator: "poisson" | "hybrid-quadrature" | "toys-hybrid" | "toys-frequentist" | "asymptotic";
  approximate: boolean;
  /** the p-value; toys none of which reached the observation: 0, with pValueUpperBound set */
  pValue: number;
  significance: number;
  /** toys none of which reached the observation: the 95% CL upper bound 1 − 0.05^(1/N) on p */
  pValueUpperBound?: number;
  /** …and the significance it implies (Z is above it) */
  significanceLowerBound?: number;
  q0?: number;
  nToys?: number;
  pValueError?: number;
}

/** background-only p-value and one-sided significance */
export async function countingDiscovery(
  m: CountingModel,
  method: Method,
  run: RunOptions,
): Promise<Discovery> {
  const mode = run.mode ?? "hybrid";
  if (method === "exact" && !exactApplies(m)) {
    if (!discoveryExactApplies(m, mode))
      throw new RangeError(
        `--method: an exact p-value needs one category whose background has at most one uncertainty, with hybrid toy mode (use toys or asymptotic), got "exact"`,
      );
    const model = new LikelihoodModel(buildCountingSpec(m));
    const data = model.observedData();
    const q0 = new AsymptoticCalculator(model, data).discovery().q0;
    const p = hybridDiscoveryPValue(model, data, q0)!;
    return {
      method,
      calculator: "hybrid-quadrature",
      approximate: false,
      pValue: p,
      significance: significanceOf(p),
      q0,
    };
  }
  checkMethod(m, method);
  if (method === "exact") {
    const t = totals(m);
    return { method, calculator: "poisson", approximate: false, ...exactDiscovery(t.nObs, t.background) };
  }
  const model = new LikelihoodModel(buildCountingSpec(m));
  const data = model.observedData();
  if (method === "asymptotic") {
    const d = new AsymptoticCalculator(model, data).discovery();
    return { method, calculator: "asymptotic", approximate: true, ...d };
  }
  const d = await new ToyCalculator(model, data, toyOptions(run)).discovery();
  const out: Discovery = {
    method,
    calculator: mode === "hybrid" ? "toys-hybrid" : "toys-frequentist",
    approximate: false,
    pValue: d.pValue,
    significance: d.significance,
    q0: d.q0,
    nToys: d.nToys,
    pValueError: d.pValueError,
  };
  if (d.nBeyond === 0) {
    const bound = toyPValueBound(d.nToys);
    out.pValueUpperBound = bound;
    out.significanceLowerBound = significanceOf(bound);
  }
  return out;
}

/** 95% CL upper bound on a p-value when none of n toys reached the observation: 1 − 0.05^(1/n) ≈ 3/n */
export function toyPValueBound(n: number): number {
  return -Math.expm1(Math.log(0.05) / n);
}

export interface Measurement {
  /** best fit and interval of the BR (or of the signal count without SES) */
  bestFit: number;
  interval: [number, number];
  cl: number;
  intervalMethod: IntervalResult["method"];
  /** in signal events summed over categories */
  bestFitEvents: number;
  intervalEvents: [number, number];
  sesCombined?: number;
  pValue: number;
  significance: number;
  pValueMethod: Method;
  pValueCalculator: Discovery["calculator"];
  pValueUpperBound?: number;
  significanceLowerBound?: number;
  approximate: boolean;
  nToys?: number;
  pValueError?: number;
}

/** BR best fit with its interval, and the discovery significance */
export async function countingMeasure(
  m: CountingModel,
  opts: { cl: number; interval: "profile" | "fc"; method: Method },
  run: RunOptions,
): Promise<Measurement> {
  const model = new LikelihoodModel(buildCountingSpec(m));
  const data = model.observedData();
  let iv: IntervalResult;
  if (opts.interval === "fc") {
    const t = totals(m);
    iv = await fcInterval(model, data, opts.cl, {
      ...toyOptions(run),
      nToys: Math.min(run.nToys, 4000),
      exact: exactApplies(m) ? { n: t.nObs, b: t.background, scale: 1 } : undefined,
    });
  } else iv = profileInterval(model, data, opts.cl);
  const d = await countingDiscovery(m, opts.method, run);
  const ses = combinedSes(m) ?? 1;
  return {
    bestFit: iv.bestFit * ses,
    interval: [iv.interval[0] * ses, iv.interval[1] * ses],
    cl: opts.cl,
    intervalMethod: iv.method,
    bestFitEvents: iv.bestFit,
    intervalEvents: iv.interval,
    sesCombined: combinedSes(m),
    pValue: d.pValue,
    significance: d.significance,
    pValueMethod: d.method,
    pValueCalculator: d.calculator,
    ...(d.pValueUpperBound !== undefined
      ? { pValueUpperBound: d.pValueUpperBound, significanceLowerBound: d.significanceLowerBound }
      : {}),
    approximate: d.approximate,
    nToys: d.nToys,
    pValueError: d.pValueError,
  };
}

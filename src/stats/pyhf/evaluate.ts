/**
 * Evaluate a pyhf workspace as `pyhf cls` and pyhf.infer.intervals.upper_limits do: CLs at a POI
 * value with the expected set, and the upper limit with its expected band, by q̃μ asymptotics
 * (APPROXIMATE; pyhf's default) or by toys.
 */
import { AsymptoticCalculator, type LimitStat } from "../asymptotic.ts";
import { type BestFit, bestFit } from "../best-fit.ts";
import type { MinimaNote } from "../fit.ts";
import { asymptoticLimit, type Bands, bands, type LimitResult, toyLimit } from "../limits.ts";
import { LikelihoodModel } from "../model.ts";
import type { ToyOptions } from "../toys.ts";
import { ToyCalculator } from "../toys.ts";
import { buildPyhfSpec, type InterpCodes, parseWorkspace } from "./workspace.ts";

export interface PyhfResult {
  method: "asymptotic" | "toys";
  approximate: boolean;
  poi: string;
  poiValue: number;
  cls: number;
  clsb: number;
  clb: number;
  /** expected CLs at the POI value for the bands −2σ…+2σ */
  clsExpected: Bands;
  cl: number;
  upperLimit: number;
  expected: Bands;
  /** limits that lie outside the POI's range or the scan (the value is then NaN) */
  upperLimitBound?: LimitResult["upperLimitBound"];
  expectedBounds?: LimitResult["expectedBounds"];
  scan?: LimitResult["scan"];
  /**
   * fits whose starting points reached different minima of −ln L (the lowest was kept); empty when
   * every start agreed
   */
  minima: MinimaNote[];
}

export async function evaluatePyhf(
  input: unknown,
  opts: {
    poi?: number;
    cl?: number;
    measurement?: string;
    method?: "asymptotic" | "toys";
    testStat?: LimitStat;
    codes?: Partial<InterpCodes>;
    toys?: ToyOptions;
  } = {},
): Promise<PyhfResult> {
  const ws = parseWorkspace(input);
  const spec = buildPyhfSpec(ws, { measurement: opts.measurement, codes: opts.codes });
  const model = new LikelihoodModel(spec);
  const data = model.observedData();
  const cl = opts.cl ?? 0.95;
  const mu = opts.poi ?? 1;
  if (!Number.isFinite(mu) || mu < model.lo[model.poi] || mu > model.hi[model.poi])
    throw new RangeError(
      `--poi: expected a value within the POI bounds [${model.lo[model.poi]}, ${model.hi[model.poi]}], got ${mu}`,
    );
  const method = opts.method ?? "asymptotic";
  let h: { cls: number; clsb: number; clb: number; expected: number[] };
  let lim: LimitResult;
  let minima: MinimaNote[];
  if (method === "asymptotic") {
    const calc = new AsymptoticCalculator(model, data, opts.testStat ?? "qtilde");
    h = calc.hypotest(mu);
    lim = asymptoticLimit(model, data, cl, opts.testStat ?? "qtilde");
    minima = [...calc.minimaNotes(), ...(lim.minima ?? [])];
  } else {
    if (!opts.toys) throw new RangeError("--method: toys needs toy options, got none");
    const calc = new ToyCalculator(model, data, opts.toys);
    [h] = await calc.scan([mu]);
    lim = await toyLimit(model, data, cl, opts.toys);
    minima = calc.minimaNotes();
  }
  return {
    method,
    approximate: method === "asymptotic",
    poi: spec.params[spec.poi].name,
    poiValue: mu,
    cls: h.cls,
    clsb: h.clsb,
    clb: h.clb,
    clsExpected: bands(h.expected),
    cl,
    upperLimit: lim.upperLimit,
    expected: lim.expected,
    ...(lim.upperLimitBound ? { upperLimitBound: lim.upperLimitBound } : {}),
    ...(lim.expectedBounds ? { expectedBounds: lim.expectedBounds } : {}),
    ...(lim.scan ? { scan: lim.scan } : {}),
    minima: dedupe(minima),
  };
}

/** one note per fit and pair of minima */
function dedupe(notes: MinimaNote[]): MinimaNote[] {
  const out: MinimaNote[] = [];
  for (const n of notes)
    if (
      !out.some(
        (o) =>
          o.fit === n.fit &&
          o.data === n.data &&
          Math.abs(o.kept - n.kept) < 1e-6 &&
          Math.abs(o.other - n.other) < 1e-6,
      )
    )
      out.push(n);
  return out;
}

export interface PyhfDiscovery {
  method: "asymptotic" | "toys";
  approximate: boolean;
  poi: string;
  /** observed q₀ and the background-only p-value p₀ with its significance */
  q0: number;
  p0: number;
  significance: number;
  /** asymptotic: q₀ of the Asimov data at μ = 1 and the expected p₀, +2σ…−2σ signal (pyhf's order) */
  q0Asimov?: number;
  p0Expected?: number[];
  /** toys: the number of toys and, when none reached the observation, the 95% CL bound on p₀ */
  nToys?: number;
  p0UpperBound?: number;
  minima: MinimaNote[];
}

function compile(input: unknown, opts: { measurement?: string; codes?: Partial<InterpCodes> }) {
  const ws = parseWorkspace(input);
  const spec = buildPyhfSpec(ws, { measurement: opts.measurement, codes: opts.codes });
  return { spec, model: new LikelihoodModel(spec) };
}

/** the discovery test (q₀) of a workspace, as pyhf's hypotest(0, ..., test_stat="q0") */
export async function discoverPyhf(
  input: unknown,
  opts: {
    measurement?: string;
    method?: "asymptotic" | "toys";
    codes?: Partial<InterpCodes>;
    toys?: ToyOptions;
  } = {},
): Promise<PyhfDiscovery> {
  const { spec, model } = compile(input, opts);
  const data = model.observedData();
  const poi = spec.params[spec.poi].name;
  if (model.lo[model.poi] > 0)
    throw new RangeError(
      `--test-stat: q0 needs the POI "${poi}" to allow 0, got bounds [${model.lo[model.poi]}, ${model.hi[model.poi]}]`,
    );
  if ((opts.method ?? "asymptotic") === "asymptotic") {
    const calc = new AsymptoticCalculator(model, data, "q");
    const d = calc.discoveryExpected();
    return {
      method: "asymptotic",
      approximate: true,
      poi,
      q0: d.q0,
      p0: d.pValue,
      significance: d.significance,
      q0Asimov: d.q0Asimov,
      p0Expected: d.expected,
      minima: dedupe(calc.minimaNotes()),
    };
  }
  if (!opts.toys) throw new RangeError("--method: toys needs toy options, got none");
  const calc = new ToyCalculator(model, data, opts.toys);
  const d = await calc.discovery();
  const bound = d.nBeyond === 0 ? -Math.expm1(Math.log(0.05) / d.nToys) : undefined;
  return {
    method: "toys",
    approximate: false,
    poi,
    q0: d.q0,
    p0: d.pValue,
    significance: d.significance,
    nToys: d.nToys,
    ...(bound !== undefined ? { p0UpperBound: bound } : {}),
    minima: dedupe(calc.minimaNotes()),
  };
}

/** best-fit parameters of a workspace with their uncertainties (inverse Hessian) */
export function fitPyhf(
  input: unknown,
  opts: { measurement?: string; codes?: Partial<InterpCodes> } = {},
): BestFit {
  const { model } = compile(input, opts);
  return bestFit(model, model.observedData());
}

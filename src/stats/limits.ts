/**
 * CLs upper limits (A. L. Read, J. Phys. G 28 (2002) 2693) with their expected bands, by three
 * calculators: exact (one bin, no nuisances: Poisson enumeration), toys (q̃μ distributions from
 * pseudo-experiments, scanned and made monotone) and asymptotic (CCGV formulae: APPROXIMATE).
 */
import { AsymptoticCalculator, BANDS, type LimitStat } from "./asymptotic.ts";
import { exactExpectedLimits, exactUpperLimit } from "./exact.ts";
import type { MinimaNote } from "./fit.ts";
import type { Dataset, LikelihoodModel } from "./model.ts";
import { bracketUp, findRoot } from "./roots.ts";
import { crossing } from "./scan.ts";
import { normalCdf, normalQuantile } from "./special.ts";
import { type ScanPoint, ToyCalculator, type ToyOptions } from "./toys.ts";

export type Method = "exact" | "toys" | "asymptotic";
export const METHODS: readonly Method[] = ["exact", "toys", "asymptotic"];

export type Bands = { "-2": number; "-1": number; "0": number; "+1": number; "+2": number };
export const BAND_KEYS = ["-2", "-1", "0", "+1", "+2"] as const;

export function bands(values: number[]): Bands {
  return { "-2": values[0], "-1": values[1], "0": values[2], "+1": values[3], "+2": values[4] };
}

export interface LimitResult {
  method: Method;
  /** true for the asymptotic calculator */
  approximate: boolean;
  cl: number;
  /** upper limit on the parameter of interest */
  upperLimit: number;
  expected: Bands;
  /** toys: the scan points (POI, CLs, CLs+b, CLb, expected CLs) */
  scan?: ScanPoint[];
  nToys?: number;
  /**
   * when the observed limit cannot be placed (upperLimit is then NaN): "above" — the limit is
   * beyond `bound`, because CLs stays above 1 − CL up to the largest POI scanned (toys) or up to
   * the POI's upper bound (asymptotic), or
   * because beyond `bound` no toy reached the data and the toys' resolution (a 95% CL bound on
   * CLs+b of 1 − 0.05^(1/N), over CLb) is coarser than 1 − CL; "below" — CLs is below 1 − CL
   * already at the smallest POI scanned (the limit is below `bound`)
   */
  upperLimitBound?: { status: "above" | "below"; bound: number };
  /**
   * asymptotic: bands whose limit lies outside [0, the POI's upper bound] (value NaN): "above" —
   * beyond the upper bound `bound`; "below" — below `bound` ≈ 0
   */
  expectedBounds?: Partial<Record<(typeof BAND_KEYS)[number], { status: "above" | "below"; bound: number }>>;
  /** asymptotic: fits whose starting points reached different minima (the lowest was kept) */
  minima?: MinimaNote[];
}

function checkCl(cl: number): void {
  if (!(cl > 0 && cl < 1)) throw new RangeError(`--cl: expected a level in (0, 1), got ${cl}`);
}

/** exact CLs limit for one bin without nuisances (signal events) */
export function exactLimit(n: number, b: number, cl = 0.9): LimitResult {
  checkCl(cl);
  return {
    method: "exact",
    approximate: false,
    cl,
    upperLimit: exactUpperLimit(n, b, cl),
    expected: bands(exactExpectedLimits(b, cl)),
  };
}

/** APPROXIMATE: asymptotic CLs limit (pyhf-compatible q̃μ asymptotics) */
export function asymptoticLimit(
  model: LikelihoodModel,
  data: Dataset,
  cl = 0.95,
  stat: LimitStat = "qtilde",
): LimitResult {
  checkCl(cl);
  const calc = new AsymptoticCalculator(model, data, stat);
  const alpha = 1 - cl;
  const hiBound = model.hi[model.poi];
  const start = Math.max(1e-3, Math.abs(calc.freeData.pars[model.poi])) + 1;
  type Bound = { status: "above" | "below"; bound: number };
  const solve = (f: (mu: number) => number): { value: number; bound?: Bound } => {
    const lo = 1e-9;
    // where no root lies between 0 and the POI's upper bound, say on which side it is
    const outside = (): { value: number; bound?: Bound } => {
      if (f(lo) < 0) return { value: Number.NaN, bound: { status: "below", bound: lo } };
      if (f(hiBound) > 0) return { value: Number.NaN, bound: { status: "above", bound: hiBound } };
      return { value: Number.NaN };
    };
    let hi = Math.min(start, hiBound);
    try {
      hi = bracketUp(f, lo, hi);
    } catch {
      return outside();
    }
    if (hi > hiBound) hi = hiBound;
    if (Math.sign(f(hi)) === Math.sign(f(lo))) return outside();
    return { value: findRoot(f, lo, hi, 1e-9) };
  };
  const obs = solve((mu) => Math.log(calc.hypotest(mu).cls / alpha));
  const expected = BANDS.map((k) => {
    // expected CLs(μ) = Φ(k − √qA)/Φ(k) = α  ⇔  √qA(μ) = k − Φ⁻¹(α·Φ(k))
    const target = k - normalQuantile(alpha * normalCdf(k));
    return solve((mu) => target - calc.sqrtQA(mu));
  });
  const expectedBounds: NonNullable<LimitResult["expectedBounds"]> = {};
  BAND_KEYS.forEach((key, j) => {
    const b = expected[j].bound;
    if (b) expectedBounds[key] = b;
  });
  return {
    method: "asymptotic",
    approximate: true,
    cl,
    upperLimit: obs.value,
    ...(obs.bound ? { upperLimitBound: obs.bound } : {}),
    expected: bands(expected.map((e) => e.value)),
    ...(Object.keys(expectedBounds).length > 0 ? { expectedBounds } : {}),
    minima: calc.minimaNotes(),
  };
}

/** rounds of scan extension and refinement after the first grid */
const MAX_ROUNDS = 6;
/**
 * a bracket of the crossing is resolved when CLs falls by at most this factor between its two scan
 * points (ln CLs is then interpolated by a parabola). Finer brackets stop paying off at 10⁴ toys:
 * the toy CLs values themselves scatter by a few % (a −2σ band rests on ~20 toys)
 */
const RESOLVED = 4;

/**
 * toy-based CLs limit: a scan around the asymptotic guess, extended until every curve (observed and
 * the five bands) crosses 1 − CL, and refined (quartering the bracket) where a curve drops too
 * steeply between two scan points to interpolate
 */
export async function toyLimit(
  model: LikelihoodModel,
  data: Dataset,
  cl: number,
  opts: ToyOptions & { points?: number; guess?: number[]; bands?: boolean },
): Promise<LimitResult> {
  checkCl(cl);
  const alpha = 1 - cl;
  const calc = new ToyCalculator(model, data, opts);
  let guesses = opts.guess;
  if (!guesses) {
    const a = asymptoticLimit(model, data, cl);
    guesses = [a.upperLimit, ...BAND_KEYS.map((k) => a.expected[k])].filter((x) => Number.isFinite(x));
    if (guesses.length === 0) guesses = [1];
  }
  const gMin = Math.min(...guesses);
  const gMax = Math.max(...guesses);
  const K = opts.points ?? 10;
  let lo = 0.6 * gMin;
  let hi = 1.6 * gMax;
  const grid = (a: number, b: number, n: number) =>
    Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
  let scan: ScanPoint[] = await calc.scan(grid(lo, hi, K));
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const xs = scan.map((p) => p.poi);
    const curves = [scan.map((p) => p.cls)];
    if (opts.bands !== false) curves.push(...BANDS.map((_, j) => scan.map((p) => p.expected[j])));
    const cross = curves.map((c) => crossing(xs, c, alpha));
    const extra: number[] = [];
    if (cross.some((c) => c.status === "above")) {
      extra.push(...grid(hi * 1.25, hi * 2.2, 4));
      hi *= 2.2;
    }
    if (cross.some((c) => c.status === "below")) {
      extra.push(...grid(lo * 0.1, lo * 0.8, 4));
      lo *= 0.1;
    }
    // refine the brackets where interpolating ln CLs is not safe: a drop by more than RESOLVED
    // between neighbouring points, or to zero (no toy as extreme as the data)
    const coarse = new Set<number>();
    for (const c of cross)
      if (c.bracket && !(c.bracket.y1 > 0 && c.bracket.y0 / c.bracket.y1 <= RESOLVED))
        coarse.add(c.bracket.i);
    for (const i of coarse) {
      const x0 = xs[i - 1];
      const w = xs[i] - x0;
      extra.push(x0 + 0.25 * w, x0 + 0.5 * w, x0 + 0.75 * w);
    }
    if (extra.length === 0) break;
    const more = await calc.scan(extra);
    scan = [...scan, ...more].sort((x, y) => x.poi - y.poi);
  }
  const xs = scan.map((p) => p.poi);
  const obs = crossing(
    xs,
    scan.map((p) => p.cls),
    alpha,
  );
  const expected = BANDS.map(
    (_, j) =>
      crossing(
        xs,
        scan.map((p) => p.expected[j]),
        alpha,
      ).value,
  );
  let upperLimitBound: LimitResult["upperLimitBound"];
  let upperLimit = obs.value;
  if (obs.status === "above") upperLimitBound = { status: "above", bound: xs[xs.length - 1] };
  else if (obs.status === "below") upperLimitBound = { status: "below", bound: xs[0] };
  else if (obs.bracket && obs.bracket.y1 === 0) {
    // CLs = 0 after the crossing: no signal-plus-background toy reached the data there. Its CLs+b
    // is only known to be below the 95% CL bound 1 − 0.05^(1/N); when that bound over CLb is not
    // below 1 − CL, the toys cannot tell whether the limit lies before or beyond that point
    const after = scan[obs.bracket.i];
    const clsbBound = -Math.expm1(Math.log(0.05) / after.nToys);
    if (!(after.clb > 0 && clsbBound / after.clb < alpha)) {
      upperLimitBound = { status: "above", bound: xs[obs.bracket.i - 1] };
      upperLimit = Number.NaN;
    }
  }
  return {
    method: "toys",
    approximate: false,
    cl,
    ...(upperLimitBound ? { upperLimitBound } : {}),
    upperLimit,
    expected: bands(expected),
    scan,
    nToys: opts.nToys,
  };
}

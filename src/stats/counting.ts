/**
 * kaonlab's counting model: categories (periods × momentum bins), each with an observed count,
 * backgrounds with uncertainties, and a single-event sensitivity (SES) with its uncertainty. The
 * branching ratio is shared: the expected signal in category i is BR/SESᵢ. Each uncertainty has its
 * own constraint, chosen per term:
 *  - gaussian: the yield moves linearly, y = v + α·up (α ≥ 0) or v + α·down (α < 0), α ~ N(0, 1),
 *    truncated where the yield would turn negative (HistFactory histosys, code 0);
 *  - lognormal: y = v·κ^α, κ = 1 + σ/v for a symmetric σ (median v, σ_ln = ln κ); an asymmetric
 *    (+up −down) uncertainty uses κ₊ = 1 + up/v for α ≥ 0 and κ₋ = 1 − down/v for α < 0
 *    (HistFactory normsys, code 1; CMS "lnN" convention);
 *  - gamma: y = v·γ with an auxiliary Poisson measurement m ~ Pois(τγ), τ = (v/σ)² (a sideband with
 *    τ times the signal-region expectation; flat prior → Gamma posterior; pyhf's shapesys). An
 *    asymmetric uncertainty uses σ = (up + down)/2.
 * The SES uncertainty is carried by the signal yield (∝ 1/SES): an upward SES shift lowers it.
 * Terms with the same `correlate` name share one nuisance parameter (gaussian and lognormal only).
 *
 * The parameter of interest μ is the total expected signal count summed over categories, so that
 * BR = μ · SES_comb with 1/SES_comb = Σ 1/SESᵢ; without SES (one category) μ is the signal count.
 */
import { z } from "zod";
import type { ModelSpec, ModifierSpec, ParamSpec, TermSpec } from "./model.ts";
import { parseOrThrow } from "./validate.ts";

export const CONSTRAINTS = ["gaussian", "lognormal", "gamma"] as const;
export type ConstraintKind = (typeof CONSTRAINTS)[number];

const nonNeg = z.number({ error: "expected a number" }).finite().min(0, { error: "expected a number ≥ 0" });
const positive = z.number({ error: "expected a number" }).finite().gt(0, { error: "expected a number > 0" });
const uncSchema = z.union([nonNeg, z.tuple([nonNeg, nonNeg])], {
  error: "expected an uncertainty ≥ 0 or [up, down]",
});
const constraintSchema = z.enum(CONSTRAINTS, { error: `expected one of ${CONSTRAINTS.join(", ")}` });
const sourceSchema = z.union([z.string(), z.record(z.string(), z.string())]).optional();

const componentSchema = z
  .object({
    name: z.string().optional(),
    value: nonNeg,
    unc: uncSchema.optional(),
    constraint: constraintSchema.optional(),
    correlate: z.string().min(1).optional(),
    source: sourceSchema,
  })
  .strict();

const categorySchema = z
  .object({
    name: z.string().min(1, { error: "expected a non-empty name" }),
    nObs: z
      .number({ error: "expected a count" })
      .int({ error: "expected a whole number" })
      .min(0, { error: "expected a count ≥ 0" }),
    background: z.union([nonNeg, z.array(componentSchema).min(1)], {
      error: "expected a background ≥ 0 or a list of components",
    }),
    backgroundUnc: uncSchema.optional(),
    backgroundConstraint: constraintSchema.optional(),
    backgroundCorrelate: z.string().min(1).optional(),
    ses: positive.optional(),
    sesUnc: uncSchema.optional(),
    sesConstraint: constraintSchema.optional(),
    sesCorrelate: z.string().min(1).optional(),
    source: sourceSchema,
  })
  .strict();

const countingSchema = z
  .object({
    name: z.string().optional(),
    description: z.string().optional(),
    categories: z.array(categorySchema).min(1, { error: "expected at least one category" }),
    source: sourceSchema,
    notes: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .strict();

export type Unc = number | [number, number];
export interface BackgroundComponent {
  name?: string;
  value: number;
  unc?: Unc;
  constraint?: ConstraintKind;
  correlate?: string;
  source?: string | Record<string, string>;
}
export interface Category {
  name: string;
  nObs: number;
  background: number | BackgroundComponent[];
  backgroundUnc?: Unc;
  backgroundConstraint?: ConstraintKind;
  backgroundCorrelate?: string;
  ses?: number;
  sesUnc?: Unc;
  sesConstraint?: ConstraintKind;
  sesCorrelate?: string;
  source?: string | Record<string, string>;
}
export interface CountingModel {
  name?: string;
  description?: string;
  categories: Category[];
  source?: string | Record<string, string>;
  notes?: string | string[];
}

/** the default constraint of an uncertainty term */
export const DEFAULT_CONSTRAINT: ConstraintKind = "lognormal";

/** validate a counting model read from JSON (RangeError naming the path and value) */
export function parseCountingModel(input: unknown, where = ""): CountingModel {
  const m = parseOrThrow(countingSchema, input, where) as CountingModel;
  const withSes = m.categories.filter((c) => c.ses !== undefined).length;
  const pre = where === "" ? "" : `${where}.`;
  if (withSes !== 0 && withSes !== m.categories.length) {
    const i = m.categories.findIndex((c) => c.ses === undefined);
    throw new RangeError(
      `${pre}categories[${i}].ses: every category needs an SES when one has it, got nothing`,
    );
  }
  if (withSes === 0 && m.categories.length > 1)
    throw new RangeError(`${pre}categories[1].ses: several categories need an SES each, got nothing`);
  m.categories.forEach((c, i) => {
    if (c.sesUnc !== undefined && c.ses === undefined)
      throw new RangeError(`${pre}categories[${i}].sesUnc: needs ses, got ${JSON.stringify(c.sesUnc)}`);
    if (Array.isArray(c.background) && c.backgroundUnc !== undefined)
      throw new RangeError(
        `${pre}categories[${i}].backgroundUnc: give uncertainties per component when background is a list, got ${JSON.stringify(c.backgroundUnc)}`,
      );
  });
  return m;
}

/** one-category model from CLI-style numbers */
export function singleBinModel(opts: {
  nObs: number;
  background: number;
  backgroundUnc?: Unc;
  backgroundConstraint?: ConstraintKind;
  ses?: number;
  sesUnc?: Unc;
  sesConstraint?: ConstraintKind;
}): CountingModel {
  const c: Category = { name: "bin", nObs: opts.nObs, background: opts.background };
  if (opts.backgroundUnc !== undefined) c.backgroundUnc = opts.backgroundUnc;
  if (opts.backgroundConstraint) c.backgroundConstraint = opts.backgroundConstraint;
  if (opts.ses !== undefined) c.ses = opts.ses;
  if (opts.sesUnc !== undefined) c.sesUnc = opts.sesUnc;
  if (opts.sesConstraint) c.sesConstraint = opts.sesConstraint;
  return parseCountingModel({ categories: [c] });
}

function upDown(u: Unc | undefined): [number, number] {
  if (u === undefined) return [0, 0];
  return typeof u === "number" ? [u, u] : [u[0], u[1]];
}

/** the combined single-event sensitivity 1/Σ(1/SESᵢ) (undefined without SES) */
export function combinedSes(m: CountingModel): number | undefined {
  if (m.categories[0].ses === undefined) return undefined;
  let s = 0;
  for (const c of m.categories) s += 1 / c.ses!;
  return 1 / s;
}

/** total background and observed counts */
export function totals(m: CountingModel): { nObs: number; background: number } {
  let n = 0;
  let b = 0;
  for (const c of m.categories) {
    n += c.nObs;
    b += typeof c.background === "number" ? c.background : c.background.reduce((s, x) => s + x.value, 0);
  }
  return { nObs: n, background: b };
}

/** true when the model has no nuisance parameter (only then the exact calculators apply) */
export function hasNuisances(m: CountingModel): boolean {
  return m.categories.some((c) => {
    const comps = Array.isArray(c.background) ? c.background : [];
    const bu = upDown(c.backgroundUnc);
    const su = upDown(c.sesUnc);
    return (
      bu[0] > 0 || bu[1] > 0 || su[0] > 0 || su[1] > 0 || comps.some((x) => upDown(x.unc).some((v) => v > 0))
    );
  });
}

/** merge several counting models (periods, analyses) into one; category names get prefixed */
export function combineModels(models: CountingModel[], names?: string[]): CountingModel {
  const cats: Category[] = [];
  models.forEach((m, i) => {
    for (const c of m.categories) {
      const prefix = names?.[i] ?? m.name;
      cats.push({ ...c, name: prefix && models.length > 1 ? `${prefix}/${c.name}` : c.name });
    }
  });
  return parseCountingModel({
    name: names?.join(" + ") ?? models.map((m) => m.name ?? "model").join(" + "),
    categories: cats,
  });
}

interface NuisanceSlot {
  index: number;
  kind: ConstraintKind;
}

/** compile a counting model into the binned likelihood (POI first, then one parameter per term) */
export function buildCountingSpec(m: CountingModel): ModelSpec {
  const sesComb = combinedSes(m);
  const tot = totals(m);
  const params: ParamSpec[] = [
    {
      name: "mu",
      init: Math.max(tot.nObs - tot.background, 0) + 1,
      lo: 0,
      hi: 100 + 10 * (tot.nObs + tot.background),
      fixed: false,
      constraint: { kind: "none" },
    },
  ];
  const terms: TermSpec[] = [];
  const shared = new Map<string, NuisanceSlot>();

  /** label: the parameter's name; path: the input field named in error messages */
  const addNuisance = (
    label: string,
    path: { unc: string; correlate: string },
    value: number,
    unc: Unc | undefined,
    kind: ConstraintKind,
    correlate: string | undefined,
    flip: boolean,
  ): ModifierSpec | null => {
    let [up, down] = upDown(unc);
    if (up === 0 && down === 0) return null;
    const what = flip ? "SES" : "background";
    if (value <= 0)
      throw new RangeError(
        `${path.unc}: an uncertainty needs a ${what} > 0, got ${JSON.stringify(unc)} on ${value}`,
      );
    if (flip) [up, down] = [down, up];
    if (kind === "gamma") {
      if (correlate)
        throw new RangeError(`${path.correlate}: gamma constraints cannot be correlated, got "${correlate}"`);
      const sigma = 0.5 * (up + down);
      const tau = (value / sigma) ** 2;
      params.push({
        name: `${label}:gamma`,
        init: 1,
        lo: 1e-10,
        hi: Math.max(10, 1 + 10 / Math.sqrt(tau)),
        fixed: false,
        constraint: { kind: "poisson", tau },
      });
      return { type: "factor", param: params.length - 1 };
    }
    let slot = correlate ? shared.get(correlate) : undefined;
    if (slot && slot.kind !== kind)
      throw new RangeError(
        `${path.correlate}: correlated terms "${correlate}" need one constraint kind, got ${kind} and ${slot.kind}`,
      );
    if (!slot) {
      params.push({
        name: correlate ?? `${label}:${kind}`,
        init: 0,
        lo: -5,
        hi: 5,
        fixed: false,
        constraint: { kind: "normal", aux: 0, sigma: 1 },
      });
      slot = { index: params.length - 1, kind };
      if (correlate) shared.set(correlate, slot);
    }
    if (kind === "gaussian") {
      // keep the yield ≥ 0: truncate α where v − α·down = 0
      if (down > 0) params[slot.index].lo = Math.max(params[slot.index].lo, -value / down);
      return { type: "histosys", param: slot.index, hi: value + up, lo: value - down, code: 0 };
    }
    if (down >= value)
      throw new RangeError(
        `${path.unc}: a log-normal ${flip ? "up" : "down"} uncertainty must stay below the ${what} (${value}), got ${down}`,
      );
    const sym = up === down;
    return {
      type: "normsys",
      param: slot.index,
      hi: 1 + up / value,
      lo: sym ? 1 / (1 + up / value) : 1 - down / value,
      code: 1,
    };
  };

  m.categories.forEach((c, bin) => {
    const at = `categories[${bin}]`;
    // signal
    const sigNominal = sesComb === undefined ? 1 : sesComb / c.ses!;
    const sigMods: ModifierSpec[] = [{ type: "factor", param: 0 }];
    if (c.sesUnc !== undefined) {
      const mod = addNuisance(
        `${c.name}/signal`,
        { unc: `${at}.sesUnc`, correlate: `${at}.sesCorrelate` },
        c.ses!,
        c.sesUnc,
        c.sesConstraint ?? DEFAULT_CONSTRAINT,
        c.sesCorrelate,
        true,
      );
      if (mod) {
        // the SES uncertainty is relative: convert hi/lo of the SES into the signal yield's
        if (mod.type === "histosys") {
          const rel = (x: number) => (sigNominal * x) / c.ses!;
          sigMods.push({ ...mod, hi: rel(mod.hi), lo: rel(mod.lo) });
        } else sigMods.push(mod);
      }
    }
    terms.push({ bin, sample: "signal", nominal: sigNominal, modifiers: sigMods });
    // backgrounds
    const comps: BackgroundComponent[] =
      typeof c.background === "number"
        ? [
            {
              name: "background",
              value: c.background,
              unc: c.backgroundUnc,
              constraint: c.backgroundConstraint,
              correlate: c.backgroundCorrelate,
            },
          ]
        : c.background;
    comps.forEach((comp, j) => {
      const name = comp.name ?? `background${j}`;
      const mods: ModifierSpec[] = [];
      const mod = addNuisance(
        `${c.name}/${name}`,
        typeof c.background === "number"
          ? { unc: `${at}.backgroundUnc`, correlate: `${at}.backgroundCorrelate` }
          : { unc: `${at}.background[${j}].unc`, correlate: `${at}.background[${j}].correlate` },
        comp.value,
        comp.unc,
        comp.constraint ?? DEFAULT_CONSTRAINT,
        comp.correlate,
        false,
      );
      if (mod) mods.push(mod);
      terms.push({ bin, sample: name, nominal: comp.value, modifiers: mods });
    });
  });
  return {
    binLabels: m.categories.map((c) => c.name),
    params,
    terms,
    poi: 0,
    observed: m.categories.map((c) => c.nObs),
  };
}

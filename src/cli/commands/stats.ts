/**
 * `kaonlab stats limit|significance|measure|pyhf`: the statistics engine (src/stats) on the
 * command line. Every command prints a short human summary, or JSON with --json; asymptotic
 * results are labelled approximate in both. Bad input exits with 2 and a message naming the option
 * or JSON path and the value.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import type { Command } from "commander";
import { UsageError } from "../../core/errors.ts";
import { writeFileAtomic } from "../../io/atomic.ts";
import { type CliIO, printJson } from "../../io/terminal.ts";
import {
  BAND_KEYS,
  type Bands,
  buildCountingSpec,
  CONSTRAINTS,
  type ConstraintKind,
  type CountingModel,
  countingDiscovery,
  countingLimit,
  countingMeasure,
  defaultDiscoveryMethod,
  defaultMethod,
  discoverPyhf,
  evaluatePyhf,
  exportPyhf,
  fitPyhf,
  METHODS,
  type Method,
  type MinimaNote,
  parseCountingModel,
  type RunOptions,
  significanceOf,
  singleBinModel,
  type Unc,
} from "../../stats/index.ts";
import { finiteNumber, nonNegativeInt, positiveInt } from "../parse.ts";

interface CommonOpts {
  json?: boolean;
  method?: string;
  toyMode?: string;
  toys?: string;
  seed?: string;
  workers?: string;
}

function readJson(what: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(
      `${what}: cannot read "${file}" (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${what}: "${file}" is not JSON (${(e as Error).message})`);
  }
}

function level(what: string, text: string | undefined): number {
  const v = finiteNumber(what, text);
  if (!(v > 0 && v < 1)) throw new UsageError(`${what}: expected a confidence level in (0, 1), got ${text}`);
  return v;
}

function nonNegative(what: string, text: string | undefined): number {
  const v = finiteNumber(what, text);
  if (v < 0) throw new UsageError(`${what}: expected a number ≥ 0, got ${text}`);
  return v;
}

/** "U" or "UP,DOWN" */
function uncertainty(what: string, text: string | undefined): Unc | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(",");
  if (parts.length > 2) throw new UsageError(`${what}: expected U or UP,DOWN, got "${text}"`);
  const v = parts.map((p) => nonNegative(what, p.trim()));
  return v.length === 1 ? v[0] : [v[0], v[1]];
}

function constraint(what: string, text: string | undefined): ConstraintKind | undefined {
  if (text === undefined) return undefined;
  if (!(CONSTRAINTS as readonly string[]).includes(text))
    throw new UsageError(`${what}: expected one of ${CONSTRAINTS.join(", ")}, got "${text}"`);
  return text as ConstraintKind;
}

function method(text: string | undefined, fallback: Method, allowed: readonly Method[] = METHODS): Method {
  if (text === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(text))
    throw new UsageError(`--method: expected one of ${allowed.join(", ")}, got "${text}"`);
  return text as Method;
}

function runOptions(opts: CommonOpts, io: CliIO, defaultToys: number): RunOptions {
  const nToys = opts.toys === undefined ? defaultToys : positiveInt("--toys", opts.toys);
  if (nToys < 10) throw new UsageError(`--toys: expected at least 10, got ${opts.toys}`);
  if (opts.toyMode !== "frequentist" && opts.toyMode !== "hybrid")
    throw new UsageError(`--toy-mode: expected frequentist or hybrid, got "${opts.toyMode}"`);
  const run: RunOptions = {
    mode: opts.toyMode,
    nToys,
    seed: nonNegativeInt("--seed", opts.seed ?? "1"),
    workers: opts.workers === undefined ? availableParallelism() : positiveInt("--workers", opts.workers),
  };
  if (io.tty && !opts.json && process.stderr.isTTY) {
    run.onProgress = (done, total) => {
      process.stderr.write(`\rtoys: ${done}/${total} tasks${done === total ? "\n" : ""}`);
    };
  }
  return run;
}

function methodLabel(m: string, approximate: boolean): string {
  return approximate ? `${m} (APPROXIMATE: asymptotic formulae, unreliable at small counts)` : m;
}

/** JSON of a p-value and significance: bounds where no toy reached the observation (never 0 / ∞ / null) */
function pValueJson(d: {
  pValue: number;
  significance: number;
  pValueUpperBound?: number;
  significanceLowerBound?: number;
}): { pValue: unknown; significance: unknown } {
  if (d.pValueUpperBound !== undefined)
    return {
      pValue: { upperBound: d.pValueUpperBound, cl: 0.95 },
      significance: { lowerBound: d.significanceLowerBound },
    };
  if (!Number.isFinite(d.significance))
    // p = 0 exactly: events over a background of exactly 0
    return { pValue: d.pValue, significance: { lowerBound: "Infinity" } };
  return { pValue: d.pValue, significance: d.significance };
}

/** text of a p-value and significance, with bounds where no toy reached the observation */
function pValueText(d: {
  pValue: number;
  significance: number;
  pValueError?: number;
  pValueUpperBound?: number;
  significanceLowerBound?: number;
  nToys?: number;
}): { p: string; z: string } {
  if (d.pValueUpperBound !== undefined)
    return {
      p: `< ${fmt(d.pValueUpperBound)} (95% CL: none of ${d.nToys} toys reached the observation)`,
      z: `Z > ${d.significanceLowerBound!.toFixed(1)}σ`,
    };
  return {
    p: `${fmt(d.pValue)}${d.pValueError !== undefined ? ` ± ${fmt(d.pValueError)}` : ""}`,
    z: `${fmt(d.significance)} σ`,
  };
}

type LimitBound = { status: "above" | "below"; bound: number } | undefined;

/** a limit for JSON: the number, or {lowerBound} / {upperBound} where it lies outside the range searched */
function limitJson(v: number, b: LimitBound): number | { lowerBound: number } | { upperBound: number } {
  if (!b) return v;
  return b.status === "above" ? { lowerBound: b.bound } : { upperBound: b.bound };
}

function limitText(v: number, b: LimitBound): string {
  if (!b) return fmt(v);
  return b.status === "above" ? `> ${fmt(b.bound)}` : `< ${fmt(b.bound)}`;
}

function bandsJson(e: Bands, b?: Partial<Record<(typeof BAND_KEYS)[number], LimitBound>>) {
  return Object.fromEntries(BAND_KEYS.map((k) => [k, limitJson(e[k], b?.[k])]));
}

function bandsText(e: Bands, b?: Partial<Record<(typeof BAND_KEYS)[number], LimitBound>>): string {
  return BAND_KEYS.map((k) => limitText(e[k], b?.[k])).join("  ");
}

const fmt = (x: number | undefined) =>
  x === undefined || !Number.isFinite(x) ? String(x) : x.toPrecision(5);

function addCommon(cmd: Command, defaultToys: number, methodHelp: string, toyMode = "hybrid"): Command {
  return cmd
    .option("--method <M>", methodHelp)
    .option(
      "--toys <N>",
      `pseudo-experiments per hypothesis and scan point, when toys run (default ${defaultToys})`,
    )
    .option("--seed <S>", "random seed of the toys", "1")
    .option(
      "--toy-mode <M>",
      "hybrid (nuisances drawn from their constraints; Cousins–Highland) or frequentist (auxiliary data redrawn, as pyhf/RooStats)",
      toyMode,
    )
    .option("--workers <W>", "worker threads for the toys (default: all cores)")
    .option("--json", "print JSON");
}

/**
 * compile a model built from --obs/--bkg/--ses options once, so that its errors name the options
 * instead of the model's JSON fields
 */
function checkOptionsModel(model: CountingModel): void {
  try {
    buildCountingSpec(model);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new UsageError(
      e.message
        .replace(/^categories\[0\]\.backgroundUnc/, "--bkg-unc")
        .replace(/^categories\[0\]\.sesUnc/, "--ses-unc"),
    );
  }
}

function exportIfAsked(file: string | undefined, model: CountingModel): void {
  if (!file) return;
  if (!file.endsWith(".json")) throw new UsageError(`--export-pyhf: expected a .json file, got "${file}"`);
  writeFileAtomic(file, `${JSON.stringify(exportPyhf(model), null, 2)}\n`);
}

export function registerStats(program: Command, io: CliIO): void {
  const stats = program
    .command("stats")
    .description("statistics: CLs limits, significance, BR measurement, pyhf workspaces");

  addCommon(
    stats
      .command("limit")
      .description("CLs upper limit on the signal (and on the BR with --ses), with expected bands")
      .option("--obs <N>", "observed events")
      .option("--bkg <B>", "expected background")
      .option("--bkg-unc <U>", "background uncertainty: U or UP,DOWN")
      .option("--bkg-constraint <C>", "gaussian, lognormal or gamma", "lognormal")
      .option("--ses <S>", "single-event sensitivity (BR per signal event)")
      .option("--ses-unc <U>", "SES uncertainty: U or UP,DOWN")
      .option("--ses-constraint <C>", "gaussian, lognormal or gamma", "lognormal")
      .option("--cl <CL>", "confidence level", "0.9")
      .option("--model <FILE>", "a counting model (categories) instead of --obs/--bkg")
      .option("--export-pyhf <FILE>", "also write the model as a pyhf workspace"),
    10000,
    "exact, toys or asymptotic (default: exact — Poisson enumeration — for one bin without uncertainties, else toys; asymptotic is APPROXIMATE)",
  ).action(
    async (
      opts: CommonOpts & {
        obs?: string;
        bkg?: string;
        bkgUnc?: string;
        bkgConstraint?: string;
        ses?: string;
        sesUnc?: string;
        sesConstraint?: string;
        cl?: string;
        model?: string;
        exportPyhf?: string;
      },
    ) => {
      const cl = level("--cl", opts.cl);
      let model: CountingModel;
      if (opts.model) {
        if (opts.obs !== undefined || opts.bkg !== undefined)
          throw new UsageError(`--model: give either --model or --obs/--bkg, got both ("${opts.model}")`);
        model = parseCountingModel(readJson("--model", opts.model), opts.model);
      } else {
        const nObs = nonNegativeInt("--obs", opts.obs);
        const background = nonNegative("--bkg", opts.bkg);
        const ses = opts.ses === undefined ? undefined : finiteNumber("--ses", opts.ses);
        if (ses !== undefined && !(ses > 0))
          throw new UsageError(`--ses: expected a number > 0, got ${opts.ses}`);
        if (opts.sesUnc !== undefined && ses === undefined)
          throw new UsageError(`--ses-unc: needs --ses, got "${opts.sesUnc}"`);
        model = singleBinModel({
          nObs,
          background,
          backgroundUnc: uncertainty("--bkg-unc", opts.bkgUnc),
          backgroundConstraint: constraint("--bkg-constraint", opts.bkgConstraint),
          ses,
          sesUnc: uncertainty("--ses-unc", opts.sesUnc),
          sesConstraint: constraint("--ses-constraint", opts.sesConstraint),
        });
        checkOptionsModel(model);
      }
      const m = method(opts.method, defaultMethod(model));
      const run = runOptions(opts, io, 10000);
      const r = await countingLimit(model, cl, m, run);
      exportIfAsked(opts.exportPyhf, model);
      const out: Record<string, unknown> = {
        upperLimit: limitJson(r.upperLimit, r.upperLimitBound),
        ...(r.brUpperLimit !== undefined ? { brUpperLimit: r.brUpperLimit } : {}),
        expected: bandsJson(r.expected, r.expectedBounds),
        method: r.method,
        approximate: r.approximate,
        cl: r.cl,
        ...(r.brExpected ? { brExpected: r.brExpected, sesCombined: r.sesCombined } : {}),
        ...(r.nToys ? { nToys: r.nToys, seed: run.seed, toyMode: run.mode, scan: r.scan } : {}),
      };
      if (opts.json) return printJson(io, out);
      io.out(`method: ${methodLabel(r.method, r.approximate)}`);
      const b = r.upperLimitBound;
      const ul =
        b?.status === "above"
          ? `> ${fmt(b.bound)} signal events (beyond it the toys do not resolve CLs = ${fmt(1 - cl)}: raise --toys)`
          : b?.status === "below"
            ? `< ${fmt(b.bound)} signal events (CLs is below ${fmt(1 - cl)} at the smallest signal scanned)`
            : `${fmt(r.upperLimit)} signal events`;
      io.out(`CLs upper limit at ${cl * 100}% CL: ${ul}`);
      if (r.brUpperLimit !== undefined) io.out(`BR upper limit: ${fmt(r.brUpperLimit)}`);
      io.out(`expected (−2σ −1σ median +1σ +2σ): ${bandsText(r.expected, r.expectedBounds)}`);
    },
  );

  addCommon(
    stats
      .command("significance")
      .description("background-only p-value and significance of an observed count")
      .option("--obs <N>", "observed events")
      .option("--bkg <B>", "expected background")
      .option("--bkg-unc <U>", "background uncertainty: U or UP,DOWN")
      .option("--bkg-constraint <C>", "gaussian, lognormal or gamma", "lognormal"),
    100000,
    "exact, toys or asymptotic (default: exact — Poisson tail without uncertainty; with one background uncertainty and --toy-mode hybrid, the hybrid p-value integrated over the background prior by quadrature; toys with --toy-mode frequentist; asymptotic is APPROXIMATE)",
  ).action(
    async (opts: CommonOpts & { obs?: string; bkg?: string; bkgUnc?: string; bkgConstraint?: string }) => {
      const model = singleBinModel({
        nObs: nonNegativeInt("--obs", opts.obs),
        background: nonNegative("--bkg", opts.bkg),
        backgroundUnc: uncertainty("--bkg-unc", opts.bkgUnc),
        backgroundConstraint: constraint("--bkg-constraint", opts.bkgConstraint),
      });
      checkOptionsModel(model);
      const run = runOptions(opts, io, 100000);
      const m = method(opts.method, defaultDiscoveryMethod(model, run.mode));
      const d = await countingDiscovery(model, m, run);
      const out = {
        ...pValueJson(d),
        method: d.method,
        calculator: d.calculator,
        approximate: d.approximate,
        ...(d.nToys ? { nToys: d.nToys, pValueError: d.pValueError, seed: run.seed, toyMode: run.mode } : {}),
      };
      if (opts.json) return printJson(io, out);
      const t = pValueText(d);
      io.out(`method: ${methodLabel(`${d.method} (${d.calculator})`, d.approximate)}`);
      io.out(`p-value: ${t.p}`);
      io.out(`significance: ${t.z}`);
      if (d.nToys && d.pValueUpperBound === undefined && d.pValue * d.nToys < 10)
        io.err("warning: fewer than 10 toys beyond the observation; raise --toys");
    },
  );

  addCommon(
    stats
      .command("measure")
      .description("BR best fit with its interval, and significance, from a counting model file")
      .argument("<FILE>", "JSON: {categories: [{name, nObs, background, backgroundUnc, ses, sesUnc, ...}]}")
      .option("--cl <CL>", "confidence level of the interval", "0.6827")
      .option("--interval <I>", "profile (likelihood) or fc (Feldman–Cousins)", "profile")
      .option("--export-pyhf <FILE>", "also write the model as a pyhf workspace"),
    100000,
    "method of the p-value: exact, toys or asymptotic (default: exact for one category whose background has at most one uncertainty and hybrid toy mode — enumeration or quadrature — else toys); the interval is set by --interval",
  ).action(
    async (file: string, opts: CommonOpts & { cl?: string; interval?: string; exportPyhf?: string }) => {
      const cl = level("--cl", opts.cl);
      if (opts.interval !== "profile" && opts.interval !== "fc")
        throw new UsageError(`--interval: expected profile or fc, got "${opts.interval}"`);
      const model = parseCountingModel(readJson("FILE", file), file);
      const run = runOptions(opts, io, 100000);
      const m = method(opts.method, defaultDiscoveryMethod(model, run.mode));
      const r = await countingMeasure(model, { cl, interval: opts.interval, method: m }, run);
      exportIfAsked(opts.exportPyhf, model);
      const out = {
        bestFit: r.bestFit,
        interval: r.interval,
        ...pValueJson(r),
        cl: r.cl,
        intervalMethod: r.intervalMethod,
        method: r.pValueMethod,
        calculator: r.pValueCalculator,
        approximate: r.approximate,
        bestFitEvents: r.bestFitEvents,
        intervalEvents: r.intervalEvents,
        ...(r.sesCombined !== undefined ? { sesCombined: r.sesCombined } : {}),
        ...(r.nToys ? { nToys: r.nToys, pValueError: r.pValueError, seed: run.seed, toyMode: run.mode } : {}),
      };
      if (opts.json) return printJson(io, out);
      const unit = r.sesCombined !== undefined ? "BR" : "signal events";
      io.out(
        `${unit}: ${fmt(r.bestFit)} +${fmt(r.interval[1] - r.bestFit)} −${fmt(r.bestFit - r.interval[0])} (${r.cl * 100}% CL, ${r.intervalMethod})`,
      );
      const t = pValueText(r);
      io.out(
        `p-value (background only): ${t.p}, significance ${t.z} — ${methodLabel(`${r.pValueMethod} (${r.pValueCalculator})`, r.approximate)}`,
      );
    },
  );

  addCommon(
    stats
      .command("pyhf")
      .description(
        "evaluate a pyhf JSON workspace: CLs at a POI value and the CLs upper limit with its band (q̃μ, asymptotic formulae by default, as pyhf), the discovery test (--test-stat q0) and the best-fit parameters with uncertainties (--fit); every fit starts from several points and keeps the lowest minimum",
      )
      .argument("<WORKSPACE>", "pyhf workspace JSON (schema 1.0.0)")
      .option("--poi <MU>", "POI value at which to evaluate CLs", "1")
      .option("--cl <CL>", "confidence level of the upper limit", "0.95")
      .option("--measurement <NAME>", "measurement to use (default: the first)")
      .option(
        "--test-stat <T>",
        "qtilde (pyhf default), q, or q0 (discovery: p-value of μ = 0 with the expected set)",
        "qtilde",
      )
      .option("--fit", "also print the best-fit parameters with their uncertainties (inverse Hessian)")
      .option("--normsys-code <C>", "code1 or code4 (pyhf default)", "code4")
      .option("--histosys-code <C>", "code0 or code4p (pyhf default)", "code4p"),
    2000,
    "asymptotic or toys (default: asymptotic — the APPROXIMATE CCGV formulae, as pyhf; toys: frequentist by default, as pyhf's ToyCalculator)",
    "frequentist",
  ).action(
    async (
      file: string,
      opts: CommonOpts & {
        poi?: string;
        cl?: string;
        measurement?: string;
        testStat?: string;
        normsysCode?: string;
        histosysCode?: string;
        fit?: boolean;
      },
    ) => {
      const poi = finiteNumber("--poi", opts.poi);
      const cl = level("--cl", opts.cl);
      const m = method(opts.method, "asymptotic", ["asymptotic", "toys"]);
      if (opts.testStat !== "qtilde" && opts.testStat !== "q" && opts.testStat !== "q0")
        throw new UsageError(`--test-stat: expected qtilde, q or q0, got "${opts.testStat}"`);
      if (opts.normsysCode !== "code1" && opts.normsysCode !== "code4")
        throw new UsageError(`--normsys-code: expected code1 or code4, got "${opts.normsysCode}"`);
      if (opts.histosysCode !== "code0" && opts.histosysCode !== "code4p")
        throw new UsageError(`--histosys-code: expected code0 or code4p, got "${opts.histosysCode}"`);
      const run = runOptions(opts, io, 2000);
      const ws = readJson("WORKSPACE", file);
      const codes = { normsys: opts.normsysCode, histosys: opts.histosysCode } as const;
      const fit = opts.fit ? fitPyhf(ws, { measurement: opts.measurement, codes }) : undefined;
      const notes = (minima: MinimaNote[], poiFit?: string) => {
        // the free fit and the fits at the POI asked for in full; the limit scan's as a count
        const shown = minima.filter((n) => n.fit === "free" || n.fit === poiFit);
        for (const n of shown)
          io.err(
            `note: the ${n.fit === "free" ? "free fit" : `fit at ${n.fit}`} to the ${n.data} data has several minima (−ln L ${n.kept.toFixed(4)} at ${n.param} = ${n.keptValue.toPrecision(4)}, kept; ${n.other.toFixed(4)} at ${n.otherValue.toPrecision(4)})`,
          );
        const more = minima.length - shown.length;
        if (more > 0)
          io.err(
            `note: ${more} more fits (limit search) had several minima, the lowest kept (--json lists them)`,
          );
      };
      const printFit = () => {
        if (!fit) return;
        io.out("best fit (value ± uncertainty from the inverse Hessian):");
        for (const p of fit.parameters)
          io.out(
            `  ${p.name}: ${fmt(p.value)}${p.fixed ? " (fixed)" : ` ± ${fmt(p.uncertainty)}`}${p.atBound ? " (at a bound)" : ""}`,
          );
      };
      if (opts.testStat === "q0") {
        const d = await discoverPyhf(ws, {
          measurement: opts.measurement,
          method: m as "asymptotic" | "toys",
          codes,
          toys: run,
        });
        notes(d.minima);
        if (opts.json) return printJson(io, fit ? { ...d, fit } : d);
        io.out(`method: ${methodLabel(d.method, d.approximate)}`);
        if (d.p0UpperBound !== undefined)
          io.out(
            `q0 = ${fmt(d.q0)}; p0 < ${fmt(d.p0UpperBound)} (95% CL: none of ${d.nToys} toys reached the observation), Z > ${significanceOf(d.p0UpperBound).toFixed(1)}σ`,
          );
        else io.out(`q0 = ${fmt(d.q0)}; p0 = ${fmt(d.p0)}, Z = ${fmt(d.significance)}σ`);
        if (d.p0Expected)
          io.out(`expected p0 (+2σ +1σ median −1σ −2σ signal): ${d.p0Expected.map(fmt).join("  ")}`);
        return printFit();
      }
      const r = await evaluatePyhf(ws, {
        poi,
        cl,
        measurement: opts.measurement,
        method: m as "asymptotic" | "toys",
        testStat: opts.testStat,
        codes,
        toys: run,
      });
      notes(r.minima, `${r.poi}=${r.poiValue}`);
      const { upperLimitBound, expectedBounds, ...rest } = r;
      const j = {
        ...rest,
        upperLimit: limitJson(r.upperLimit, upperLimitBound),
        expected: bandsJson(r.expected, expectedBounds),
      };
      if (opts.json) return printJson(io, fit ? { ...j, fit } : j);
      io.out(`method: ${methodLabel(r.method, r.approximate)}`);
      io.out(
        `CLs(${r.poi} = ${r.poiValue}) = ${fmt(r.cls)}; expected ${BAND_KEYS.map((k) => fmt(r.clsExpected[k])).join("  ")}`,
      );
      io.out(`upper limit on ${r.poi} at ${cl * 100}% CL: ${limitText(r.upperLimit, r.upperLimitBound)}`);
      if (r.upperLimitBound?.status === "above" || r.expectedBounds)
        io.err(
          `note: "> x" marks limits beyond the upper bound of ${r.poi} (${r.upperLimitBound?.bound ?? Object.values(r.expectedBounds ?? {})[0]?.bound}); widen it with the measurement's parameter bounds`,
        );
      io.out(`expected (−2σ −1σ median +1σ +2σ): ${bandsText(r.expected, r.expectedBounds)}`);
      printFit();
    },
  );
}

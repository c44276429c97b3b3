/**
 * The `pix` job of `kaonlab run`: a K⁺→π⁺X peak search in the m²miss spectrum of the K⁺→π⁺νν̄
 * selection (docs/analyses/pix.md). Per period a shard runs the πνν̄ sample plan (the pnn job's
 * samples, selection and tallies, untouched: src/analyses/pnn/shard.ts) and K⁺→π⁺X samples at a few
 * mass nodes and lifetimes through the same selection; the R1+R2 m²miss spectra of every sample are
 * kept on a fine grid (spectrum.ts). The merge scales the background spectra to the period's kaon
 * flux as the pnn job does (yields.ts), interpolates the X resolution and acceptance between the
 * nodes and computes, per mass and lifetime, SES, background, observed and the CLs limits (scan.ts).
 */
import { z } from "zod";
import { finiteNumber, flag } from "../../core/schema.ts";
import { loadPeriod } from "../../detector/card.ts";
import { fill2, h1, h2 } from "../../io/histogram.ts";
import type { PlotSpec } from "../../io/plot.ts";
import type { AnalysisJob, MergeInfo, MergeOutput, ShardContext, ShardResult } from "../job.ts";
import { type ComparisonEntry, compare } from "../layer/comparison.ts";
import { CutFlow } from "../layer/cut-flow.ts";
import { CandidateNtuple, candidateColumns, type NtupleScale } from "../layer/ntuple.ts";
import { comparisonText, reportTable, terminalText } from "../layer/report.ts";
import { analysisResults } from "../layer/results.ts";
import { sampleFamily, splitEvents } from "../layer/samples.ts";
import { PNN_CANDIDATE_COLUMNS, regionMask } from "../pnn/candidates.ts";
import {
  kaonFlux,
  PNN_PERIODS,
  type PnnPeriod,
  publishedFigures,
  RUN1,
  RUN1_COMPONENTS,
  selectionFor,
} from "../pnn/conditions.ts";
import { availablePeriods, periodsOf as pnnPeriodsOf } from "../pnn/job.ts";
import { RegionClassifier } from "../pnn/regions.ts";
import { DEFAULT_SAMPLES } from "../pnn/samples.ts";
import { PnnSelection } from "../pnn/selection.ts";
import { runPeriodShard } from "../pnn/shard.ts";
import { CUT, CUTS, PeriodTally } from "../pnn/tally.ts";
import { decodeTally, encodeSample, tallyKey } from "../pnn/tally-result.ts";
import { computeYields, sampleScale } from "../pnn/yields.ts";
import { FG_GRID, gluonAlpExclusion } from "./alp-interpretation.ts";
import { publishedBackgrounds, type SourceSpectra } from "./background-norm.ts";
import { limitReference, pixConditions, publishedLimit } from "./conditions.ts";
import { limitModels, SIN2_GRID, scalarExclusion } from "./interpretation.ts";
import { C_MM_PER_NS, type LimitMethod, type LimitPoint, type PeriodScanInput, scan } from "./scan.ts";
import { GRID, SpectrumSink } from "./spectrum.ts";
import { runXSample, xSimulator } from "./x-sample.ts";

/** kaon decays simulated per period by default (the full scan within 2 minutes on 2 cores) */
export const PIX_DEFAULT_EVENTS = 400_000;

const lifetimeSchema = z.union([z.literal("stable"), finiteNumber().refine((x) => (x as number) > 0)]);

export const pixConfigSchema = z
  .object({
    /** the spacing of the scanned masses in each range (MeV/c²) */
    massStep: finiteNumber()
      .refine((x) => (x as number) > 0, { error: "expected a positive step in MeV" })
      .default(4),
    /** explicit masses (MeV/c²) instead of the grid */
    masses: z.array(finiteNumber()).optional(),
    /** X proper lifetimes τ (ns), or "stable" */
    lifetimes: z.array(lifetimeSchema).min(1).default(["stable", 5, 1]),
    /** the masses (MeV/c²) at which K⁺→π⁺X is simulated; acceptance and resolution are interpolated between them */
    nodes: z.array(finiteNumber()).min(2).default([0, 30, 60, 90, 100, 110, 154, 160, 180, 210, 240, 260]),
    /** the share of each period's events given to the K⁺→π⁺X samples (the rest: the πνν̄ plan) */
    xShare: finiteNumber()
      .refine((x) => (x as number) > 0 && (x as number) < 1, { error: "expected a share in (0, 1)" })
      .default(0.3),
    /** the mass window: ±windowSigma × σ(m²miss) (default: conditions/analyses/pix) */
    windowSigma: finiteNumber()
      .refine((x) => (x as number) > 0)
      .optional(),
    brSM: finiteNumber().default(8.4e-11),
    /** write the candidate ntuple (Parquet, one file per shard): the R1/R2 rows of every sample, as pnn */
    ntuple: flag().default(true),
    /** the limit: "window" (exact CLs on the count in ±kσ) or "shape" (binned m²miss fit per period, asymptotic CLs) */
    method: z.enum(["window", "shape"]).default("shape"),
    /** the backgrounds: "simulated", or "published" (each source scaled to NA62's expected count per period) */
    background: z.enum(["simulated", "published"]).default("simulated"),
    /** a projected exposure (K⁺ decays in the FV, all periods together) for the projected exclusion */
    projectedKaonDecays: finiteNumber()
      .refine((x) => (x as number) > 0, { error: "expected a positive number of kaon decays" })
      .optional(),
    zRange: z.tuple([finiteNumber(), finiteNumber()]).default([102500, 180000]),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.nodes.length * c.lifetimes.length > 64)
      ctx.addIssue({ code: "custom", path: ["nodes"], message: "at most 64 (node, lifetime) samples" });
    const sorted = [...c.nodes].sort((a, b) => a - b);
    if (sorted.some((v, i) => v !== c.nodes[i] || v < 0 || v > 350))
      ctx.addIssue({
        code: "custom",
        path: ["nodes"],
        message: `expected increasing masses in [0, 350] MeV, got ${c.nodes.join(", ")}`,
      });
  });

export type PixConfig = z.infer<typeof pixConfigSchema>;

const tauOf = (l: "stable" | number): number | null => (l === "stable" ? null : l);

/** Run 1 and the 2021–22 data together, as NA62's 2016–22 K⁺→π⁺X search [NA62-PIX-2025] */
export const PERIOD_2016_22 = "2016-22";
const RUN2_PART: PnnPeriod = "2021-22";

/** the default data set: NA62's latest published K⁺→π⁺X search */
export const PIX_DEFAULT_PERIOD = PERIOD_2016_22;

/** the component periods of a `--period` of this job: the pnn job's, and 2016-22 */
export function periodsOf(period: string | null): PnnPeriod[] {
  if ((period ?? PIX_DEFAULT_PERIOD) === PERIOD_2016_22) return [...RUN1_COMPONENTS, RUN2_PART];
  return pnnPeriodsOf(period);
}

/** the periods this job accepts: the pnn job's, and 2016-22 when run1 and 2021-22 are there */
export function pixPeriods(): string[] {
  const out = availablePeriods();
  if (out.includes(RUN1) && out.includes(RUN2_PART)) out.push(PERIOD_2016_22);
  return out;
}

/** the scanned masses (GeV): each range from its low end in steps, its high end included */
export function scanMasses(c: PixConfig): number[] {
  if (c.masses) return c.masses.map((m) => m / 1000);
  const out: number[] = [];
  for (const [lo, hi] of pixConditions().search.ranges.value) {
    const n = Math.floor((hi - lo) / c.massStep + 1e-9);
    for (let k = 0; k <= n; k++) out.push((lo + k * c.massStep) / 1000);
    if (lo + n * c.massStep < hi - 1e-9) out.push(hi / 1000);
  }
  return out;
}

const key = tallyKey;
const xKey = (l: number, j: number) => `X${l}-${j}`;

/** the stream family of X sample (l, j) in (shard, period): period slots 8… (the pnn plan uses 0…5) */
function xFamily(shard: number, period: PnnPeriod, index: number): number {
  return sampleFamily(shard, 8 + 2 * PNN_PERIODS.indexOf(period) + Math.floor(index / 32), index % 32);
}

function runShard(
  config: PixConfig,
  seed: number,
  shard: number,
  events: number,
  ctx: ShardContext,
): ShardResult {
  const out: ShardResult = { events, counters: {}, hists: {}, arrays: {} };
  const nX = config.nodes.length * config.lifetimes.length;
  const xEvents = Math.floor(events * config.xShare);
  const xSplit = splitEvents(
    Array.from({ length: nX }, (_, i) => ({ key: `x${i}`, channel: "", share: 1 })),
    xEvents,
  );
  let done = 0;
  for (const period of periodsOf(ctx.period)) {
    const sink = new SpectrumSink(ctx.ntuple ? new CandidateNtuple(ctx.ntuple, PNN_CANDIDATE_COLUMNS) : null);
    const base = done;
    const tally = runPeriodShard(
      period,
      seed,
      shard,
      events - xEvents,
      { samples: DEFAULT_SAMPLES, zRange: config.zRange, candidates: sink, ntupleRegions: ["R1", "R2"] },
      (d) => ctx.progress(base + d),
    );
    for (const s of tally.samples) {
      encodeSample(period, s, out);
      out.arrays![key(period, s.key, "spectrum")] = sink.spectra.get(s.key) ?? new Float64Array(GRID.n);
    }
    // the K⁺→π⁺X samples through the same selection
    const selection = new PnnSelection(selectionFor(period).params);
    selection.candidates = sink;
    selection.candidateRegions = regionMask(["R1", "R2"]);
    const keys = Array.from({ length: nX }, (_, i) =>
      xKey(Math.floor(i / config.nodes.length), i % config.nodes.length),
    );
    const xt = new PeriodTally(period, keys);
    config.lifetimes.forEach((lt, l) => {
      const tau = tauOf(lt);
      config.nodes.forEach((m, j) => {
        const i = l * config.nodes.length + j;
        if (xSplit[i] === 0) return;
        const sim = xSimulator({
          period,
          mass: m / 1000,
          ctau: tau === null ? null : tau * C_MM_PER_NS,
          zRange: config.zRange,
        });
        sink.setLabels(period, keys[i], "signal");
        runXSample(sim, selection, xt.samples[i], seed, xFamily(shard, period, i), xSplit[i]);
      });
    });
    sink.flush();
    for (let i = 0; i < nX; i++) {
      out.counters[key(period, keys[i], "wFv")] = xt.samples[i].wFv;
      out.arrays![key(period, keys[i], "spectrum")] = sink.spectra.get(keys[i]) ?? new Float64Array(GRID.n);
      // the cut flow of the stable X (summed over the nodes and periods)
      if (i < config.nodes.length) {
        addInto(out, "xflow", xt.samples[i].cutFlow.sumw);
        addInto(out, "xflow2", xt.samples[i].cutFlow.sumw2);
      }
    }
    done += events;
    ctx.progress(done);
  }
  return out;
}

function addInto(out: ShardResult, name: string, v: ArrayLike<number>): void {
  const a = (out.arrays![name] as Float64Array | undefined) ?? new Float64Array(v.length);
  for (let k = 0; k < v.length; k++) a[k] += v[k];
  out.arrays![name] = a;
}

function spectrumOf(total: ShardResult, k: string): Float64Array {
  const v = total.arrays?.[k];
  return v ? Float64Array.from(v) : new Float64Array(GRID.n);
}

/** the scan inputs of one period from the merged shard results */
export function periodInput(
  config: PixConfig,
  period: PnnPeriod,
  total: ShardResult,
): PeriodScanInput & SourceSpectra & { ntupleScales: NtupleScale[] } {
  const tally = decodeTally(
    period,
    DEFAULT_SAMPLES.map((s) => s.key),
    total,
  );
  const sel = selectionFor(period);
  const y = computeYields({
    period,
    tally,
    samples: DEFAULT_SAMPLES,
    classifier: new RegionClassifier(sel.params),
    kaonDecays: kaonFlux(period).value,
    downscale: loadPeriod(period).trigger.downscale.control,
    brSM: config.brSM,
  });
  const background = new Float64Array(GRID.n);
  const sm = new Float64Array(GRID.n);
  const sources: SourceSpectra["sources"] = {};
  const ntupleScales: NtupleScale[] = [];
  for (const s of DEFAULT_SAMPLES) {
    const scale = sampleScale(s, tally.sample(s.key), y);
    ntupleScales.push({ period, sample: s.key, scale });
    const h = spectrumOf(total, key(period, s.key, "spectrum"));
    if (s.background) {
      const into = sources[s.background] ?? new Float64Array(GRID.n);
      sources[s.background] = into;
      for (let k = 0; k < GRID.n; k++) into[k] += scale * h[k];
    }
    const into = s.signal ? sm : s.background ? background : null;
    if (!into) continue;
    for (let k = 0; k < GRID.n; k++) into[k] += scale * h[k];
  }
  const x = config.lifetimes.map((_, l) =>
    config.nodes.map((_m, j) => ({
      spectrum: spectrumOf(total, key(period, xKey(l, j), "spectrum")),
      wFv: total.counters[key(period, xKey(l, j), "wFv")] ?? 0,
    })),
  );
  // K⁺→π⁺X rows: expected events per unit of ntuple weight per unit BR(K⁺→π⁺X), N_K / w_FV
  for (let l = 0; l < config.lifetimes.length; l++)
    for (let j = 0; j < config.nodes.length; j++) {
      const w = total.counters[key(period, xKey(l, j), "wFv")] ?? 0;
      ntupleScales.push({ period, sample: xKey(l, j), scale: w > 0 ? kaonFlux(period).value / w : 0 });
    }

  const obs = publishedFigures(period).observed?.value ?? 0;
  return {
    period,
    kaonDecays: kaonFlux(period).value,
    observed: obs,
    background,
    sm,
    x,
    sources,
    ntupleScales,
  };
}

function limitsJson(points: LimitPoint[]) {
  return points.map((p) => ({
    mass: round(p.mass * 1000, 6),
    ctau: p.ctau,
    lifetime: p.lifetime,
    ses: p.ses,
    background: p.background,
    smSignal: p.smSignal,
    observed: p.observed,
    acceptance: p.acceptance,
    sigmaM2: p.sigmaM2,
    window: p.window,
    brUpperLimit: p.brUpperLimit,
    expectedUpperLimit: p.expectedUpperLimit,
    method: p.method,
    methods: p.methods,
    perPeriod: p.perPeriod,
  }));
}

function round(x: number, d: number): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

function merge(config: PixConfig, total: ShardResult, info: MergeInfo): MergeOutput {
  const periods = periodsOf(info.period);
  const inputs = periods.map((p) => periodInput(config, p, total));
  // the backgrounds normalised to NA62's published expectation per source (option)
  const norm = config.background === "published" ? publishedBackgrounds(inputs, GRID.n) : null;
  if (norm)
    inputs.forEach((p, i) => {
      p.background.set(norm[i].background);
    });
  const lifetimes = config.lifetimes.map(tauOf);
  const windowSigma = config.windowSigma ?? pixConditions().search.windowSigma.value;
  const nodes = config.nodes.map((m) => m / 1000);
  const masses = scanMasses(config);
  const method = config.method;
  const points = scan(inputs, { nodes, masses, lifetimes, windowSigma, method });
  // the comparison with NA62's limits for this data set (if published), at their mass points and
  // lifetimes (computed there by the same scan)
  const period = info.period ?? PIX_DEFAULT_PERIOD;
  const ref = limitReference(period);
  const comparison: ComparisonEntry[] = [];
  let atPublished: LimitPoint[] = [];
  if (ref) {
    const atPub = scan(inputs, {
      nodes,
      masses: ref.points.map((p) => p.mass),
      lifetimes,
      windowSigma,
      method,
    });
    atPublished = atPub;
    for (const p of atPub) {
      const ul = publishedLimit(period, p.mass, p.lifetime);
      if (ul === null) continue;
      const tag = p.lifetime === null ? "stable" : `${p.lifetime}ns`;
      comparison.push(
        compare({
          figure: `brUpperLimit.${tag}.${round(p.mass * 1000, 3)}MeV`,
          label: `UL BR(K⁺→π⁺X), m_X = ${round(p.mass * 1000, 3)} MeV, τ = ${p.lifetime === null ? "stable" : `${p.lifetime} ns`}`,
          ours: p.brUpperLimit,
          reference: { value: ul, tag: ref.tag, source: ref.source },
          tolerance: pixConditions().tolerance,
        }),
      );
    }
  }
  // the dark-scalar interpretation (needs the stable lifetime in the scan)
  const interp = lifetimes.includes(null)
    ? interpretation(config, inputs, points, { nodes, lifetimes, windowSigma, method }, period === RUN1)
    : null;
  if (interp) comparison.push(...interp.comparison);
  const plots: PlotSpec[] = ulPlots(points, lifetimes, masses, period, method);
  if (interp) plots.push(...interp.plots);
  plots.push(spectrumPlot(inputs));
  const cmp = comparisonText(comparison, () => ({ scale: 1, digits: 3 }), true);
  const limitsTable = {
    header: ["m_X (MeV)", "τ (ns)", "SES", "background", "observed", "UL obs", "UL exp"],
    rows: points.map((p) => [
      String(round(p.mass * 1000, 3)),
      p.lifetime === null ? "stable" : String(p.lifetime),
      p.ses.toExponential(2),
      p.background.toFixed(3),
      String(p.observed),
      p.brUpperLimit.toExponential(2),
      p.expectedUpperLimit["0"].toExponential(2),
    ]),
  };
  const results = analysisResults(
    { analysis: "pix", period, seed: info.seed, events: info.events },
    comparison,
    {
      periods,
      windowSigma,
      method,
      background: config.background,
      backgroundSources: norm ? periods.map((p, i) => ({ period: p, sources: norm[i].sources })) : null,
      nodes: config.nodes,
      limits: limitsJson(points),
      /** the limits at NA62's published mass points (the comparison), with both methods */
      atPublished: limitsJson(atPublished),
      interpretation: interp?.json ?? null,
      // expected events per unit of candidate-ntuple weight (X samples: per unit BR(K⁺→π⁺X))
      ...(config.ntuple ? { ntupleScales: inputs.flatMap((p) => p.ntupleScales) } : {}),
    },
    new CutFlow(CUTS, total.arrays?.xflow ?? [], total.arrays?.xflow2 ?? []).steps(CUT.TRUE_FV),
  );
  return {
    results,
    hists: [],
    report: {
      summary:
        "K⁺→π⁺X peak search in the m²miss spectrum of the K⁺→π⁺νν̄ selection: CLs 90% upper limits on BR(K⁺→π⁺X) per mass and lifetime, against NA62's published Run 1 curve.",
      tables: [reportTable("comparison with NA62", cmp), reportTable("limits", limitsTable)],
      plots,
    },
    terminal: `${terminalText(cmp)}\n`,
  };
}

function interpretation(
  config: PixConfig,
  inputs: PeriodScanInput[],
  points: LimitPoint[],
  o: { nodes: number[]; lifetimes: (number | null)[]; windowSigma: number; method: LimitMethod },
  compareScalar: boolean,
) {
  const nk = inputs.reduce((a, p) => a + p.kaonDecays, 0);
  const models = limitModels(points);
  const observed = scalarExclusion(models);
  const proj = config.projectedKaonDecays;
  const projModels = proj ? limitModels(points, proj / nk) : null;
  const projected = projModels ? scalarExclusion(projModels) : null;
  // the ALP with gluon couplings, same limits and lifetime model
  const alpObserved = gluonAlpExclusion(models);
  const alpProjected = projModels ? gluonAlpExclusion(projModels) : null;
  // the comparison with NA62's Run 1 band, at its masses (computed there by the same scan)
  const pub = pixConditions().scalar;
  const comparison: ComparisonEntry[] = [];
  const at = compareScalar ? scan(inputs, { ...o, masses: pub.points.map((p) => p.mass) }) : [];
  const ex = scalarExclusion(limitModels(at));
  if (compareScalar)
    pub.points.forEach((p, i) => {
      const lower = ex[i].excluded[0]?.[0] ?? Number.NaN;
      comparison.push(
        compare({
          figure: `scalar.sin2thetaLower.${round(p.mass * 1000, 3)}MeV`,
          label: `dark scalar: lowest excluded sin²θ, m_S = ${round(p.mass * 1000, 3)} MeV`,
          ours: lower,
          reference: { value: p.lower, tag: pub.tag, source: pub.source },
          tolerance: pixConditions().tolerance,
        }),
      );
    });
  const grid = h2(
    "scalar_exclusion",
    "dark scalar: excluded (1) at 90% CL",
    { edges: massEdges(observed.map((e) => e.mass)) },
    { n: SIN2_GRID.length, lo: -12.05, hi: 0.05 },
    "excluded",
  );
  for (const e of observed)
    for (const [lo, hi] of e.excluded)
      for (const s2 of SIN2_GRID) if (s2 >= lo && s2 <= hi) fill2(grid, e.mass * 1000, Math.log10(s2), 1);
  const plots: PlotSpec[] = [
    {
      kind: "hist2d",
      name: "scalar-exclusion",
      title: "dark scalar mixing with the Higgs: excluded (m_S, log₁₀ sin²θ), 90% CL",
      xLabel: "m_S (MeV/c²)",
      yLabel: "log₁₀ sin²θ",
      hist: grid,
      caption: "Excluded where BR(K⁺→π⁺S) exceeds the limit at the scalar's lifetime ([Winkler2019] widths).",
    },
  ];
  const alpGrid = h2(
    "alp_gluon_exclusion",
    "ALP (gluon coupling): excluded (1) at 90% CL",
    { edges: massEdges(alpObserved.map((e) => e.mass)) },
    { n: FG_GRID.length, lo: 0.95, hi: 9.05 },
    "excluded",
  );
  for (const e of alpObserved)
    for (const [lo, hi] of e.excluded)
      for (const f of FG_GRID) if (f >= lo && f <= hi) fill2(alpGrid, e.mass * 1000, Math.log10(f), 1);
  plots.push({
    kind: "hist2d",
    name: "alp-gluon-exclusion",
    title: "ALP coupled to gluons: excluded (m_a, log₁₀ f/c_GG), 90% CL",
    xLabel: "m_a (MeV/c²)",
    yLabel: "log₁₀ (f/|c_GG| / GeV)",
    hist: alpGrid,
    caption:
      "Excluded where BR(K⁺→π⁺a) ([Bauer2021], leading-order weak chiral Lagrangian) exceeds the limit at the ALP's lifetime (a → γγ, chiral contact term of [Bauer2017]).",
  });
  const edges = (list: { mass: number; excluded: [number, number][] }[]) =>
    list.map((e) => ({ mass: round(e.mass * 1000, 6), excluded: e.excluded }));
  return {
    comparison,
    plots,
    json: {
      model:
        "dark scalar mixing with the Higgs boson: BR(K⁺→π⁺S) and τ_S from src/decays/dark/dark-scalar.ts [Winkler2019]",
      sin2thetaGrid: { from: SIN2_GRID[0], to: SIN2_GRID[SIN2_GRID.length - 1], perDecade: 10 },
      kaonDecays: nk,
      scalar: edges(observed),
      projection: projected ? { kaonDecays: proj, limit: "median expected", scalar: edges(projected) } : null,
      alp: {
        model:
          "ALP with gluon coupling c_GG (α_s/4π)(a/f) GG̃: BR(K⁺→π⁺a) [Bauer2021] and τ_a (a → γγ, chiral) [Bauer2017] from src/decays/dark/alp-gluon.ts; excluded intervals in f/|c_GG| (GeV)",
        fGrid: { from: FG_GRID[0], to: FG_GRID[FG_GRID.length - 1], perDecade: 10, unit: "GeV" },
        excluded: edges(alpObserved),
        projection: alpProjected
          ? { kaonDecays: proj, limit: "median expected", excluded: edges(alpProjected) }
          : null,
      },
    },
  };
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

/** bins around each mass (MeV): ± half the distance to the nearer neighbour; gaps become empty bins */
function massBins(masses: readonly number[]): { edges: number[]; binOf: number[] } {
  const ms = masses.map((m) => m * 1000);
  const half = ms.map(
    (m, i) =>
      0.5 *
      Math.min(
        i > 0 ? m - ms[i - 1] : Number.POSITIVE_INFINITY,
        i < ms.length - 1 ? ms[i + 1] - m : Number.POSITIVE_INFINITY,
      ),
  );
  const h = (i: number) => (Number.isFinite(half[i]) ? half[i] : 1);
  const edges: number[] = [ms[0] - h(0)];
  const binOf: number[] = [];
  ms.forEach((m, i) => {
    const lo = m - h(i);
    if (lo > edges[edges.length - 1] + 1e-9) edges.push(lo);
    binOf.push(edges.length);
    edges.push(m + h(i));
  });
  return { edges, binOf };
}

function massEdges(masses: readonly number[]): number[] {
  return massBins(masses).edges;
}

function ulPlots(
  points: LimitPoint[],
  lifetimes: (number | null)[],
  masses: number[],
  period: string,
  method: "window" | "shape",
): PlotSpec[] {
  const { edges, binOf } = massBins(masses);
  const curve = (name: string, tau: number | null, value: (p: LimitPoint) => number) => {
    const h = h1(name, "UL", { edges }, "BR UL");
    points
      .filter((p) => p.lifetime === tau)
      .forEach((p, i) => {
        // a mass without selected X events (tiny samples) has no finite limit: left empty
        const v = value(p);
        if (Number.isFinite(v)) h.sumw[binOf[i]] = v;
      });
    return h;
  };
  const series = lifetimes.map((tau, l) => ({
    hist: curve(`ul_${l}`, tau, (p) => p.brUpperLimit),
    label: `kaonlab, τ = ${tau === null ? "stable" : `${tau} ns`}`,
    color: COLORS[l % COLORS.length],
  }));
  // NA62's curve for this data set on the same mass bins (its longest lifetime: stable, or 10 ns for
  // 2016–22), log-linear between its points, within each range
  const ref = limitReference(period);
  const na62: { hist: ReturnType<typeof h1>; label: string; color: string }[] = [];
  if (ref) {
    const si = ref.lifetimes.includes(null) ? ref.lifetimes.indexOf(null) : ref.lifetimes.length - 1;
    const tauLabel = ref.lifetimes[si] === null ? "stable" : `τ = ${ref.lifetimes[si]} ns`;
    const pts = ref.points.filter((p) => p.ul[si] !== null);
    const hp = h1("ul_na62", "NA62", { edges }, "BR UL");
    masses.forEach((m, i) => {
      for (let k = 1; k < pts.length; k++) {
        const a = pts[k - 1];
        const b = pts[k];
        // the gap between the ranges (no published point from 100 to 160 MeV) is left empty
        if (m < a.mass || m > b.mass || b.mass - a.mass > 0.05) continue;
        const t = (m - a.mass) / (b.mass - a.mass);
        hp.sumw[binOf[i]] = Math.exp((1 - t) * Math.log(a.ul[si]!) + t * Math.log(b.ul[si]!));
        break;
      }
    });
    na62.push({ hist: hp, label: `NA62 ${period} (${tauLabel}, digitised)`, color: "#000000" });
  }
  // the bands for the stable X (or the first lifetime when stable is not scanned)
  const tauB = lifetimes.includes(null) ? null : lifetimes[0];
  const bandLabel = tauB === null ? "stable" : `τ = ${tauB} ns`;
  const expected = (
    [
      ["-2", "−2σ", "#e6c200"],
      ["-1", "−1σ", "#2ca02c"],
      ["0", "median", "#555555"],
      ["+1", "+1σ", "#2ca02c"],
      ["+2", "+2σ", "#e6c200"],
    ] as const
  ).map(([q, label, color]) => ({
    hist: curve(`exp_${q}`, tauB, (p) => p.expectedUpperLimit[q]),
    label: `expected ${label}`,
    color,
  }));
  const ranges = [
    { label: "R1", x: [0, 110] as [number, number] },
    { label: "R2", x: [154, 260] as [number, number] },
  ];
  return [
    {
      kind: "hist1d",
      name: "ul-vs-mass",
      title: "90% CL upper limit on BR(K⁺→π⁺X) vs m_X",
      xLabel: "m_X (MeV/c²)",
      yLabel: "BR(K⁺→π⁺X) UL",
      logY: true,
      series: [...series, ...na62],
      bands: ranges,
      caption: `Observed CLs 90% upper limits per mass and lifetime${ref ? ` beside NA62's published ${period} limit` : " (NA62 has no digitised limit for this period in the inputs)"}.`,
    },
    {
      kind: "hist1d",
      name: "ul-expected-bands",
      title: `observed and expected 90% CL upper limits on BR(K⁺→π⁺X), ${bandLabel}`,
      xLabel: "m_X (MeV/c²)",
      yLabel: "BR(K⁺→π⁺X) UL",
      logY: true,
      series: [
        ...expected,
        { hist: curve("obs_band", tauB, (p) => p.brUpperLimit), label: "observed", color: "#000000" },
        ...na62,
      ],
      bands: ranges,
      caption:
        method === "window"
          ? "The expected limits at the −2σ, −1σ, median, +1σ and +2σ quantiles of the background-only count in the window (exact CLs), drawn as the boundary lines of the ±1σ (green) and ±2σ (yellow) bands, with the observed limit."
          : "The expected limits of the binned m²miss shape fit (asymptotic CLs: the Asimov median and its ±1σ, ±2σ bands), drawn as the boundary lines of the ±1σ (green) and ±2σ (yellow) bands, with the observed limit.",
    },
  ];
}

function spectrumPlot(inputs: PeriodScanInput[]): PlotSpec {
  const hb = h1("m2_bkg", "background", { n: GRID.n / 8, lo: GRID.min, hi: GRID.max }, "events");
  const hs = h1("m2_sm", "SM", { n: GRID.n / 8, lo: GRID.min, hi: GRID.max }, "events");
  for (const p of inputs) {
    for (let k = 0; k < GRID.n; k++) {
      hb.sumw[1 + Math.floor(k / 8)] += p.background[k];
      hs.sumw[1 + Math.floor(k / 8)] += p.sm[k];
    }
  }
  return {
    kind: "hist1d",
    name: "m2miss-signal-regions",
    title: "expected m²miss in R1 and R2",
    xLabel: "m²miss (GeV²/c⁴)",
    yLabel: "events",
    stack: true,
    series: [
      { hist: hb, label: "πνν̄ backgrounds", color: "#999999" },
      { hist: hs, label: "SM K⁺→π⁺νν̄", color: "#1f77b4" },
    ],
    bands: [
      { label: "R1", x: [0, 0.01] },
      { label: "R2", x: [0.026, 0.068] },
    ],
  };
}

export const pixJob: AnalysisJob<PixConfig> = {
  name: "pix",
  description: "K⁺→π⁺X peak search in the πνν̄ m²miss spectrum: CLs limits on BR(K⁺→π⁺X) vs m_X and τ_X",
  schema: pixConfigSchema,
  periods: pixPeriods,
  defaultPeriod: PIX_DEFAULT_PERIOD,
  defaultEvents: PIX_DEFAULT_EVENTS,
  jsonResults: true,
  ntupleColumns: (c) => (c.ntuple ? candidateColumns(PNN_CANDIDATE_COLUMNS) : null),
  runShard,
  merge,
};

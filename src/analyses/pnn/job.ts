/**
 * The `pnn` job of `kaonlab run` (src/analyses/job.ts): K⁺→π⁺νν̄ for one period or the Run 1
 * combination. A shard simulates every sample of every period it covers (`--events` kaon decays per
 * period) and returns its tallies as counters and arrays, which the run machinery sums in shard
 * order; the merge turns them into NA62's figures, the comparison with the published ones, the
 * categories, the plots and the tables (docs/analyses/pnn.md).
 */
import { z } from "zod";
import { finiteNumber, flag, oneOf } from "../../core/schema.ts";
import { loadPeriod, periodNames } from "../../detector/card.ts";
import { fill1, findBin, type Hist1D, type Hist2D, h1, h2 } from "../../io/histogram.ts";
import { exposureText } from "../../io/numbers.ts";
import type { EfficiencySeries, PlotSpec, ReportTable } from "../../io/plot.ts";
import type { AnalysisJob, MergeInfo, MergeOutput, ShardContext, ShardResult } from "../job.ts";
import { cardOverridesSchema, zRangeSchema } from "../layer/config.ts";
import { addDense1, addDense2 } from "../layer/hists.ts";
import { CandidateNtuple, candidateColumns, type NtupleScale } from "../layer/ntuple.ts";
import { cutFlowText, reportTable } from "../layer/report.ts";
import { DEFAULT_NTUPLE_REGIONS, PNN_CANDIDATE_COLUMNS } from "./candidates.ts";
import {
  inferenceWarning,
  precisionLine,
  precisionTable,
  provenanceTable,
  singleEventCategories,
  singleEventText,
} from "./caveats.ts";
import { type CombinedYields, combinePeriods } from "./combine.ts";
import {
  COMBINATIONS,
  combinationOf,
  isPnnPeriod,
  kaonFlux,
  PERIOD_CHOICES,
  PNN_PERIODS,
  type PnnPeriod,
  RUN1,
  selectionFor,
} from "./conditions.ts";
import { inferFromObserved } from "./inference.ts";
import { m2Bands, planeRegions } from "./plane.ts";
import { MAX_BINS, REGION_NAMES, Region, RegionClassifier } from "./regions.ts";
import {
  categoryTable,
  comparisonTable,
  inferenceTable,
  periodsTable,
  regionTable,
  resultJson,
  terminalReport,
} from "./report.ts";
import { BACKGROUND_LABELS, BACKGROUND_SOURCES, DEFAULT_SAMPLES, type SampleSpec } from "./samples.ts";
import { runPeriodShard } from "./shard.ts";
import { CUT, HIST, NQN, type PeriodTally, Q } from "./tally.ts";
import { decodeTally, encodeSample, tallyKey } from "./tally-result.ts";
import { upstreamBreakdown, upstreamBreakdownTable } from "./upstream-breakdown.ts";
import { computeYields, type PeriodYields, sampleScale } from "./yields.ts";

export const DEFAULT_PERIOD = RUN1;
/** kaon decays simulated per period by default (`npm start` must finish in 2 minutes on 2 cores) */
export const DEFAULT_EVENTS = 8_000_000;

export const pnnConfigSchema = z
  .object({
    /** the SM branching ratio of the expected signal */
    brSM: finiteNumber()
      .refine((x) => (x as number) > 0, { error: "expected a positive branching ratio" })
      .default(8.4e-11),
    /** kaon decays are forced into [zMin, zMax] (mm), with the matching weight */
    zRange: zRangeSchema(),
    /** selection overrides, e.g. { "kaon.cdaMax": 3 } (paths of conditions/analyses/pnn/selection.json) */
    selection: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.number())])).default({}),
    /** detector period-card overrides, e.g. ["gtk.sigmaT=0.05"] */
    card: cardOverridesSchema(),
    mode: oneOf(["weighted", "sample"]).default("weighted"),
    /** final-state radiation in the kaon decays (src/decays/fsr.ts); off by default */
    fsr: flag().default(false),
    /** write the candidate ntuple (Parquet, one file per shard: candidates.ts) */
    ntuple: flag().default(true),
    /** the kinematic regions whose events the candidate ntuple holds */
    ntupleRegions: z
      .array(oneOf(REGION_NAMES as unknown as [string, ...string[]]))
      .default([...DEFAULT_NTUPLE_REGIONS]),
  })
  .strict()
  .superRefine((c, ctx) => {
    // the override paths are the same in every period: check them before any shard runs
    try {
      selectionFor("2018-S2", c.selection);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["selection"], message: (e as Error).message });
    }
    try {
      loadPeriod("2018-S2", c.card);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: ["card"], message: (e as Error).message });
    }
  });

export type PnnConfig = z.infer<typeof pnnConfigSchema>;

/** the combinations whose periods all lie inside `periods` (and are fewer): run1 inside 2016-22 */
function subCombinations(
  name: string,
  periods: readonly string[],
): { name: string; periods: readonly string[] }[] {
  return Object.entries(COMBINATIONS)
    .filter(([n, ps]) => n !== name && ps.length < periods.length && ps.every((p) => periods.includes(p)))
    .map(([n, ps]) => ({ name: n, periods: ps }));
}

/** the periods a run covers */
export function periodsOf(period: string | null): PnnPeriod[] {
  const p = period ?? DEFAULT_PERIOD;
  const combo = combinationOf(p);
  if (combo) return [...combo];
  if (!isPnnPeriod(p))
    throw new RangeError(`period: expected one of ${PERIOD_CHOICES.join(", ")}, got "${p}"`);
  return [p];
}

/** the periods whose detector cards exist (a combination when all of its periods have one) */
export function availablePeriods(): string[] {
  const cards = new Set(periodNames());
  const out: string[] = PNN_PERIODS.filter((p) => cards.has(p));
  for (const [name, parts] of Object.entries(COMBINATIONS))
    if (parts.every((p) => cards.has(p))) out.push(name);
  return out;
}

// ---------------------------------------------------------------- shard results

const key = tallyKey;

/**
 * The shard's tallies into its result. Counters and arrays add when shards merge; the largest
 * single-event weight per category (fMax) must not add: each shard writes it under its own key
 * (`fMax.<shard>`), and decode takes the maximum over the shards.
 */
function encode(t: PeriodTally, out: ShardResult, shard: number): void {
  for (const s of t.samples) {
    encodeSample(t.period, s, out);
    out.arrays![key(t.period, s.key, "flow2")] = s.cutFlow.sumw2;
    out.arrays![key(t.period, s.key, `fMax.${shard}`)] = s.fMax;
  }
}

function decode(period: PnnPeriod, samples: readonly SampleSpec[], total: ShardResult): PeriodTally {
  const t = decodeTally(
    period,
    samples.map((s) => s.key),
    total,
  );
  for (const s of t.samples) {
    const prefix = key(period, s.key, "fMax.");
    for (const [k, v] of Object.entries(total.arrays ?? {})) {
      if (!k.startsWith(prefix)) continue;
      for (let i = 0; i < s.fMax.length; i++) if (v[i] > s.fMax[i]) s.fMax[i] = v[i];
    }
  }
  return t;
}

function runShard(
  config: PnnConfig,
  seed: number,
  shard: number,
  events: number,
  ctx: ShardContext,
): ShardResult {
  const periods = periodsOf(ctx.period);
  const out: ShardResult = { events, counters: {}, hists: {}, arrays: {} };
  const candidates = ctx.ntuple ? new CandidateNtuple(ctx.ntuple, PNN_CANDIDATE_COLUMNS) : null;
  periods.forEach((period, k) => {
    const t = runPeriodShard(
      period,
      seed,
      shard,
      events,
      {
        samples: DEFAULT_SAMPLES,
        zRange: config.zRange as [number, number],
        selection: config.selection,
        card: config.card,
        mode: config.mode,
        fsr: config.fsr,
        candidates,
        ntupleRegions: config.ntupleRegions,
      },
      // progress in units of the shard's events, over all its periods
      (done) => ctx.progress(Math.floor((k * events + done) / periods.length)),
    );
    encode(t, out, shard);
  });
  candidates?.flush();
  return out;
}

// ---------------------------------------------------------------- merge

interface PeriodPart {
  y: PeriodYields;
  tally: PeriodTally;
}

function yieldsOf(config: PnnConfig, period: PnnPeriod, total: ShardResult): PeriodPart {
  const tally = decode(period, DEFAULT_SAMPLES, total);
  const sel = selectionFor(period, config.selection);
  const card = loadPeriod(period, config.card);
  const y = computeYields({
    period,
    tally,
    samples: DEFAULT_SAMPLES,
    classifier: new RegionClassifier(sel.params),
    kaonDecays: kaonFlux(period).value,
    downscale: card.trigger.downscale.control,
    brSM: config.brSM,
  });
  return { y, tally };
}

function planeHist(name: string, title: string): Hist2D {
  return h2(
    name,
    title,
    { n: HIST.nP, lo: HIST.pMin, hi: HIST.pMax, label: "p_π [GeV/c]" },
    { n: HIST.nM2, lo: HIST.m2Min, hi: HIST.m2Max, label: "m²miss [GeV²/c⁴]" },
    "expected events",
  );
}

function m2Hist(name: string, title: string): Hist1D {
  return h1(
    name,
    title,
    { n: HIST.nM2, lo: HIST.m2Min, hi: HIST.m2Max, label: "m²miss [GeV²/c⁴]" },
    "expected events",
  );
}

/**
 * Acceptance per π⁺ momentum bin of each period: K⁺→π⁺νν̄ selected in R1 or R2 (before trigger and
 * random veto, which are separate factors) and the K⁺→π⁺π⁰ normalisation selection, per decay with
 * the true vertex in the fiducial volume; the bins add up to A_πνν and A_ππ. The histograms hold
 * the acceptance and its squared MC error (Σ(w·a)²/W_FV²); the plot divides them by a unit total.
 */
function acceptanceSeries(
  config: PnnConfig,
  parts: PeriodPart[],
): { hists: Hist1D[]; series: EfficiencySeries[] } {
  const edges = [
    ...new Set(parts.flatMap((p) => selectionFor(p.tally.period, config.selection).params.track.binEdges)),
  ].sort((a, b) => a - b);
  const axis = { edges, label: "p_π [GeV/c]" };
  const hists: Hist1D[] = [];
  const series: EfficiencySeries[] = [];
  const one = parts.length === 1;
  for (const { tally } of parts) {
    const period = tally.period;
    const cls = new RegionClassifier(selectionFor(period, config.selection).params);
    const sig = DEFAULT_SAMPLES.find((s) => s.signal)!;
    const nrm = DEFAULT_SAMPLES.find((s) => s.normalisation)!;
    const ts = tally.sample(sig.key);
    const tn = tally.sample(nrm.key);
    const unit = h1(`unit_${period}`, "", axis);
    const aSig = h1(`acceptance_pinunu_${period}`, `A_πνν per momentum bin, ${period}`, axis, "acceptance");
    const aNrm = h1(`acceptance_pipi_${period}`, `A_ππ per momentum bin, ${period}`, axis, "acceptance");
    for (let b = 0; b < Math.min(cls.nBins, MAX_BINS); b++) {
      const [lo, hi] = cls.binRange(b);
      const x = (lo + hi) / 2;
      fill1(unit, x, 1);
      let a = 0;
      let a2 = 0;
      for (const r of [Region.R1, Region.R2]) {
        a += ts.get(r, b, Q.A);
        a2 += ts.get(r, b, Q.A2);
      }
      const put = (h: Hist1D, w: number, w2: number, wFv: number) => {
        if (!(wFv > 0)) return;
        const i = findBin(h.x, x);
        h.sumw[i] += w / wFv;
        h.sumw2[i] += w2 / (wFv * wFv);
        h.entries++;
      };
      put(aSig, a, a2, ts.wFv);
      put(aNrm, tn.norm[b * NQN], tn.norm[b * NQN + 1], tn.wFv);
    }
    hists.push(aSig, aNrm);
    series.push({
      pass: aSig,
      total: unit,
      label: one ? "A_πνν (R1 + R2)" : `A_πνν ${period}`,
      errors: "weights",
    });
    series.push({
      pass: aNrm,
      total: unit,
      label: one ? "A_ππ (normalisation)" : `A_ππ ${period}`,
      errors: "weights",
    });
  }
  return { hists, series };
}

function plots(config: PnnConfig, parts: PeriodPart[], label: string): { plots: PlotSpec[]; hists: Hist[] } {
  const acc = acceptanceSeries(config, parts);
  // one plane per period when there are several (run1), each with its own regions
  const multi = parts.length > 1;
  const planes = parts.map(({ tally }) => {
    const sfx = multi ? `_${tally.period}` : "";
    return {
      period: tally.period,
      sfx,
      regions: planeRegions(selectionFor(tally.period, config.selection).params, HIST.m2Max),
      bkg: planeHist(`plane_background${sfx}`, "K⁺ decays before PID and photon rejection"),
      sig: planeHist(`plane_signal${sfx}`, "K⁺→π⁺νν̄ (SM) before PID and photon rejection"),
    };
  });
  const m2 = new Map<string, Hist1D>();
  for (const s of [...BACKGROUND_SOURCES, "signal"])
    m2.set(s, m2Hist(`m2miss_${s}`, `m²miss after the selection: ${s}`));
  for (const [k, { y, tally }] of parts.entries()) {
    const { bkg: bkgPlane, sig: sigPlane } = multi ? planes[k] : planes[0];
    for (const spec of DEFAULT_SAMPLES) {
      const t = tally.sample(spec.key);
      const scale = sampleScale(spec, t, y);
      if (!(scale > 0)) continue;
      if (spec.signal) {
        addDense2(sigPlane, t.hKin, scale);
        addDense1(m2.get("signal")!, t.hM2, scale);
      } else if (spec.background) {
        addDense2(bkgPlane, t.hKin, scale);
        addDense1(m2.get(spec.background)!, t.hM2, scale);
      }
    }
  }
  const series = BACKGROUND_SOURCES.map((s) => ({ hist: m2.get(s)!, label: BACKGROUND_LABELS[s] }));
  const regionNote =
    "Solid red: signal regions R1 and R2; dashed grey: the μ⁺ν (below its band edge), π⁺π⁰ and π⁺π⁺π⁻ regions; dotted orange: control regions CR1 and CR2 (conditions/analyses/pnn/selection.json, the period's own).";
  const used = multi ? planes : planes.slice(0, 1);
  return {
    hists: [...used.flatMap((p) => [p.bkg, p.sig]), ...m2.values(), ...acc.hists],
    plots: [
      ...used.flatMap((p): PlotSpec[] => [
        {
          kind: "hist2d",
          name: `plane_background${p.sfx}`,
          title: `K⁺ decays in the (p_π, m²miss) plane before PID and photon rejection (${multi ? p.period : label})`,
          hist: p.bkg,
          logZ: true,
          regions: p.regions,
          caption:
            "Expected events at the period's kaon flux after the kinematic selection (one track, kaon association, vertex, upstream cut), before π⁺ identification and photon/multiplicity rejection. " +
            regionNote,
        },
        {
          kind: "hist2d",
          name: `plane_signal${p.sfx}`,
          title: `K⁺→π⁺νν̄ (SM) in the (p_π, m²miss) plane before PID and photon rejection (${multi ? p.period : label})`,
          hist: p.sig,
          regions: p.regions,
          caption: `Expected SM signal events, same selection stage. ${regionNote}`,
        },
      ]),
      {
        kind: "hist1d",
        name: "m2miss_by_source",
        title: `m²miss after the full selection, by source (${label})`,
        series: [...series, { hist: m2.get("signal")!, label: "π⁺νν̄ (SM)" }],
        logY: true,
        // the m²miss bands of the last period (run1: 2018-S2)
        bands: m2Bands(selectionFor(parts[parts.length - 1].tally.period, config.selection).params),
        caption:
          "Expected events after the full selection (PID, photon rejection, trigger, random veto), p_π in the binned range.",
      },
      {
        kind: "efficiency",
        name: "acceptance_vs_p",
        title: `Acceptance per π⁺ momentum bin (${label})`,
        series: acc.series,
        yLabel: "acceptance per decay in the fiducial volume",
        caption:
          "A_πνν: K⁺→π⁺νν̄ decays with the true vertex in the fiducial volume selected in R1 or R2 with p_π in the bin, before the trigger and random veto (separate factors); A_ππ: the K⁺→π⁺π⁰ normalisation selection. The bins add up to the acceptances of the comparison table; errors: MC statistics.",
      },
    ],
  };
}

type Hist = Hist1D | Hist2D;

/** the samples shown in the cut-flow table */
const FLOW_SAMPLES = ["pinunu", "pipi0", "munu", "pipipi"];

function cutFlowTable(part: PeriodPart): ReportTable {
  const flows = FLOW_SAMPLES.map((k) => ({
    label: k,
    steps: part.tally.sample(k).cutFlow.steps(CUT.TRUE_FV),
  }));
  return reportTable(
    `Cut flow (${part.tally.period}): selected weight per decay with the true vertex in the fiducial volume`,
    cutFlowText(flows),
  );
}

/** the signal selection's cut flow of a period, per K⁺→π⁺νν̄ decay in the fiducial volume */
function signalCutFlow(part: PeriodPart) {
  const sig = DEFAULT_SAMPLES.find((s) => s.signal)!;
  return part.tally.sample(sig.key).cutFlow.steps(CUT.TRUE_FV);
}

/** expected events per unit of candidate-ntuple weight of every (period, sample) */
function ntupleScales(parts: PeriodPart[]): NtupleScale[] {
  return parts.flatMap(({ y, tally }) =>
    DEFAULT_SAMPLES.map((spec) => ({
      period: tally.period,
      sample: spec.key,
      scale: sampleScale(spec, tally.sample(spec.key), y),
    })),
  );
}

function merge(config: PnnConfig, total: ShardResult, info: MergeInfo): MergeOutput {
  const periods = periodsOf(info.period);
  const name = info.period ?? DEFAULT_PERIOD;
  const parts = periods.map((p) => yieldsOf(config, p, total));
  const y: PeriodYields | CombinedYields = combinationOf(name)
    ? combinePeriods(
        name,
        parts.map((p) => p.y),
      )
    : parts[0].y;
  const inference = inferFromObserved(parts.map((p) => p.y));
  const breakdowns = parts.map((p) => upstreamBreakdown(p.tally, p.y));
  // the smaller combinations inside this one (2016-22 holds run1), from the same period results
  const subs = subCombinations(name, periods).map((c) => {
    const sub = parts.filter((p) => c.periods.includes(p.tally.period)).map((p) => p.y);
    const cy = combinePeriods(c.name, sub);
    return { y: cy, inference: inferFromObserved(sub) };
  });
  const results = resultJson(y, {
    seed: info.seed,
    events: info.events,
    inference,
    ...(parts.length === 1
      ? { cutFlow: signalCutFlow(parts[0]) }
      : { componentCutFlows: parts.map(signalCutFlow) }),
    ...(config.ntuple ? { ntupleScales: ntupleScales(parts) } : {}),
  });
  // the upstream background by mechanism, per period (upstream-breakdown.ts)
  (results as unknown as Record<string, unknown>).upstreamBreakdown = breakdowns;
  if (subs.length > 0)
    results.combinations = subs.map((c) =>
      resultJson(c.y, { seed: info.seed, events: info.events, inference: c.inference }),
    );
  const { plots: plotSpecs, hists } = plots(config, parts, name);
  const tables: ReportTable[] = [
    {
      title: `K⁺→π⁺νν̄ ${name}: kaonlab against NA62's published figures (ratio = kaonlab / NA62)`,
      ...comparisonTable(y, true),
    },
  ];
  if (inference)
    tables.push({
      title: `NA62's observed candidates with kaonlab's SES and backgrounds (${name}): BR and background-only significance beside NA62's`,
      ...inferenceTable(y, inference),
    });
  if ("components" in y) {
    tables.push({
      title: "Periods: kaonlab (NA62)",
      ...periodsTable(
        y,
        subs.map((c) => c.y),
      ),
    });
    for (const c of subs) {
      tables.push({ title: `${c.y.period}: kaonlab against NA62`, ...comparisonTable(c.y, true) });
      if (c.inference)
        tables.push({
          title: `NA62's observed candidates with kaonlab's SES and backgrounds (${c.y.period})`,
          ...inferenceTable(c.y, c.inference),
        });
    }
    for (const c of y.components)
      tables.push({ title: `${c.period}: kaonlab against NA62`, ...comparisonTable(c, true) });
  }
  tables.push({ title: "Expected events per category (region × momentum bin)", ...categoryTable(y) });
  tables.push({
    title: "Expected events after the full selection in every kinematic region (signal and control regions)",
    ...regionTable(y),
  });
  tables.push({ title: `MC precision of this run (${info.events} events per period)`, ...precisionTable(y) });
  tables.push({
    title: "Provenance tags of the published values (the tag column above; docs/sources.md)",
    ...provenanceTable(),
  });
  for (const part of parts) tables.push(cutFlowTable(part));
  for (const b of breakdowns) tables.push(upstreamBreakdownTable(b));
  const warning = inference ? inferenceWarning(y) : "";
  const inf = inference
    ? ` NA62's observed candidates give BR = ${(inference.brBestFit * 1e11).toFixed(1)} × 10⁻¹¹ and ${inference.significance.toFixed(1)}σ with these sensitivities and backgrounds.${warning ? ` ${warning}.` : ""}`
    : "";
  return {
    results: results as unknown as Record<string, unknown>,
    hists,
    report: {
      summary:
        `K⁺→π⁺νν̄, ${name}: ${info.events} simulated kaon decays per period (${periods.join(", ")}), seed ${info.seed}, ` +
        `${info.shards} shards. SES = ${y.ses.toExponential(3)}, expected SM signal ${y.expected.signal.toFixed(2)}, ` +
        `background ${y.expected.background.total.toFixed(2)} (BR_SM = ${config.brSM}).${inf} ` +
        `${precisionLine(y)}. ${singleEventText(singleEventCategories(y))} ` +
        "Each figure's status (reproduced, calibrated, not reproduced, no reference) and its reason are in the first table. " +
        "Method and sources: docs/analyses/pnn.md.",
      tables,
      plots: plotSpecs,
      exposure: exposureText(name, info.events, " per period"),
    },
    terminal: terminalReport(
      y,
      inference,
      subs.map((c) => c.y),
    ),
  };
}

export const pnnJob: AnalysisJob<PnnConfig> = {
  name: "pnn",
  description:
    "K⁺→π⁺νν̄: acceptances, SES, expected signal and backgrounds by source, against NA62's published figures",
  schema: pnnConfigSchema as unknown as z.ZodType<PnnConfig>,
  periods: availablePeriods,
  defaultPeriod: DEFAULT_PERIOD,
  defaultEvents: DEFAULT_EVENTS,
  jsonResults: true,
  ntupleColumns: (c) => (c.ntuple ? candidateColumns(PNN_CANDIDATE_COLUMNS) : null),
  runShard,
  merge,
};

/**
 * The `pnn` job of `kaonlab run` (src/run/job.ts): K⁺→π⁺νν̄ for one period or the Run 1
 * combination. A shard simulates every sample of every period it covers (`--events` kaon decays per
 * period) and returns its tallies as counters and arrays, which the run machinery sums in shard
 * order; the merge turns them into NA62's figures, the comparison with the published ones, the
 * categories, the plots and the tables (docs/analyses/pnn.md).
 */
import { z } from "zod";
import { loadPeriod, periodNames } from "../../detector/card.ts";
import { type Hist1D, type Hist2D, h1, h2 } from "../../io/histogram.ts";
import type { Band, PlotSpec, Region, ReportTable } from "../../io/plot.ts";
import { finiteNumber, oneOf } from "../../run/card.ts";
import type { AnalysisJob, MergeInfo, MergeOutput, ShardContext, ShardResult } from "../../run/job.ts";
import { type CombinedYields, combinePeriods } from "./combine.ts";
import {
  isPnnPeriod,
  kaonFlux,
  PERIOD_CHOICES,
  PNN_PERIODS,
  type PnnPeriod,
  RUN1,
  RUN1_COMPONENTS,
  selectionFor,
} from "./conditions.ts";
import { inferFromObserved } from "./inference.ts";
import { RegionClassifier } from "./regions.ts";
import {
  categoryTable,
  comparisonTable,
  periodsTable,
  regionTable,
  resultJson,
  terminalReport,
} from "./report.ts";
import { BACKGROUND_LABELS, BACKGROUND_SOURCES, DEFAULT_SAMPLES, type SampleSpec } from "./samples.ts";
import { runPeriodShard } from "./shard.ts";
import { CUTS, HIST, PeriodTally } from "./tally.ts";
import { computeYields, type PeriodYields, sampleScale } from "./yields.ts";

export const DEFAULT_PERIOD = RUN1;
/** kaon decays simulated per period by default (`npm start` must finish in 2 minutes on 2 cores) */
export const DEFAULT_EVENTS = 6_000_000;

export const pnnConfigSchema = z
  .object({
    /** the SM branching ratio of the expected signal */
    brSM: finiteNumber()
      .refine((x) => (x as number) > 0, { error: "expected a positive branching ratio" })
      .default(8.4e-11),
    /** kaon decays of the kaon samples are forced into [zMin, zMax] (mm), with the matching weight */
    zRange: z
      .tuple([finiteNumber(), finiteNumber()], { error: "expected [zMin, zMax] in mm" })
      .refine((r) => (r[1] as number) > (r[0] as number), { error: "expected zMin < zMax" })
      .default([102500, 180000]),
    /** selection overrides, e.g. { "kaon.cdaMax": 3 } (paths of conditions/analyses/pnn/selection.json) */
    selection: z.record(z.string(), z.union([z.number(), z.string(), z.array(z.number())])).default({}),
    /** detector period-card overrides, e.g. ["gtk.sigmaT=0.05"] */
    card: z.array(z.string()).default([]),
    mode: oneOf(["weighted", "sample"]).default("weighted"),
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

/** the periods a run covers */
export function periodsOf(period: string | null): PnnPeriod[] {
  const p = period ?? DEFAULT_PERIOD;
  if (p === RUN1) return [...RUN1_COMPONENTS];
  if (!isPnnPeriod(p))
    throw new RangeError(`period: expected one of ${PERIOD_CHOICES.join(", ")}, got "${p}"`);
  return [p];
}

/** the periods whose detector cards exist (run1 when all four of its periods have one) */
export function availablePeriods(): string[] {
  const cards = new Set(periodNames());
  const out: string[] = PNN_PERIODS.filter((p) => cards.has(p));
  if (RUN1_COMPONENTS.every((p) => cards.has(p))) out.push(RUN1);
  return out;
}

// ---------------------------------------------------------------- shard results

const TALLY_ARRAYS = ["sel", "norm", "flow", "hKin", "hM2"] as const;
const TALLY_COUNTERS = ["nGen", "wGen", "wFv"] as const;
const key = (period: string, sample: string, what: string) => `${period}:${sample}:${what}`;

function encode(t: PeriodTally, out: ShardResult): void {
  for (const s of t.samples) {
    for (const c of TALLY_COUNTERS) out.counters[key(t.period, s.key, c)] = s[c];
    for (const a of TALLY_ARRAYS) out.arrays![key(t.period, s.key, a)] = s[a];
  }
}

function decode(period: PnnPeriod, samples: readonly SampleSpec[], total: ShardResult): PeriodTally {
  const t = new PeriodTally(
    period,
    samples.map((s) => s.key),
  );
  for (const s of t.samples) {
    for (const c of TALLY_COUNTERS) s[c] = total.counters[key(period, s.key, c)] ?? 0;
    for (const a of TALLY_ARRAYS) {
      const v = total.arrays?.[key(period, s.key, a)];
      if (v) s[a].set(v);
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
      },
      // progress in units of the shard's events, over all its periods
      (done) => ctx.progress(Math.floor((k * events + done) / periods.length)),
    );
    encode(t, out);
  });
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

/** add a tally histogram (no under/overflow) into a ROOT-layout histogram, scaled */
function addPlane(h: Hist2D, src: Float64Array, scale: number): void {
  const nx = HIST.nP + 2;
  for (let ip = 0; ip < HIST.nP; ip++) {
    for (let im = 0; im < HIST.nM2; im++) {
      const v = src[ip * HIST.nM2 + im] * scale;
      if (v === 0) continue;
      const g = ip + 1 + nx * (im + 1);
      h.sumw[g] += v;
      h.sumw2[g] += v * v;
    }
  }
}

function addM2(h: Hist1D, src: Float64Array, scale: number): void {
  for (let im = 0; im < HIST.nM2; im++) {
    const v = src[im] * scale;
    h.sumw[im + 1] += v;
    h.sumw2[im + 1] += v * v;
  }
}

const REGIONS: Region[] = [
  { label: "R1", x: [15, 35], y: [0, 0.01], color: "#d00" },
  { label: "R2", x: [15, 45], y: [0.026, 0.068], color: "#d00" },
  { label: "π⁺π⁰", x: [15, 45], y: [0.015, 0.021], color: "#fff", dashed: true },
];
const BANDS: Band[] = [
  { label: "R1", x: [0, 0.01], color: "#d00" },
  { label: "π⁺π⁰", x: [0.015, 0.021], color: "#555" },
  { label: "R2", x: [0.026, 0.068], color: "#d00" },
];

function plots(parts: PeriodPart[], label: string): { plots: PlotSpec[]; hists: Hist[] } {
  const bkgPlane = planeHist("plane_background", "K⁺ decays before PID and photon rejection");
  const sigPlane = planeHist("plane_signal", "K⁺→π⁺νν̄ (SM) before PID and photon rejection");
  const m2 = new Map<string, Hist1D>();
  for (const s of [...BACKGROUND_SOURCES, "signal"])
    m2.set(s, m2Hist(`m2miss_${s}`, `m²miss after the selection: ${s}`));
  for (const { y, tally } of parts) {
    for (const spec of DEFAULT_SAMPLES) {
      const t = tally.sample(spec.key);
      const scale = sampleScale(spec, t, y);
      if (!(scale > 0)) continue;
      if (spec.signal) {
        addPlane(sigPlane, t.hKin, scale);
        addM2(m2.get("signal")!, t.hM2, scale);
      } else if (spec.background) {
        addPlane(bkgPlane, t.hKin, scale);
        addM2(m2.get(spec.background)!, t.hM2, scale);
      }
    }
  }
  const series = BACKGROUND_SOURCES.map((s) => ({ hist: m2.get(s)!, label: BACKGROUND_LABELS[s] }));
  return {
    hists: [bkgPlane, sigPlane, ...m2.values()],
    plots: [
      {
        kind: "hist2d",
        name: "plane_background",
        title: `K⁺ decays in the (p_π, m²miss) plane before π⁺ identification and photon rejection (${label})`,
        hist: bkgPlane,
        logZ: true,
        regions: REGIONS,
        caption:
          "Expected events at the period's kaon flux after the kinematic selection (one track, kaon association, vertex, upstream cut), before PID and photon/multiplicity rejection; boxes: R1, R2 and the π⁺π⁰ region.",
      },
      {
        kind: "hist2d",
        name: "plane_signal",
        title: `K⁺→π⁺νν̄ (SM) in the (p_π, m²miss) plane before PID and photon rejection (${label})`,
        hist: sigPlane,
        regions: REGIONS,
      },
      {
        kind: "hist1d",
        name: "m2miss_by_source",
        title: `m²miss after the full selection, by source (${label})`,
        series: [...series, { hist: m2.get("signal")!, label: "π⁺νν̄ (SM)" }],
        logY: true,
        bands: BANDS,
        caption:
          "Expected events after the full selection (PID, photon rejection, trigger, random veto), p_π in the binned range.",
      },
    ],
  };
}

type Hist = Hist1D | Hist2D;

function cutFlowTable(part: PeriodPart): ReportTable {
  const keys = ["pinunu", "pipi0", "munu", "pipipi"];
  return {
    title: `Cut flow (${part.tally.period}): selected weight per decay with the true vertex in the fiducial volume`,
    header: ["step", ...keys],
    rows: CUTS.map((c, i) => [
      c,
      ...keys.map((k) => {
        const s = part.tally.sample(k);
        return s.wFv > 0 ? (s.flow[i] / s.wFv).toExponential(3) : "—";
      }),
    ]),
  };
}

function merge(config: PnnConfig, total: ShardResult, info: MergeInfo): MergeOutput {
  const periods = periodsOf(info.period);
  const name = info.period ?? DEFAULT_PERIOD;
  const parts = periods.map((p) => yieldsOf(config, p, total));
  const y: PeriodYields | CombinedYields =
    name === RUN1
      ? combinePeriods(
          RUN1,
          parts.map((p) => p.y),
        )
      : parts[0].y;
  const inference = inferFromObserved(parts.map((p) => p.y));
  const results = resultJson(y, { seed: info.seed, events: info.events, inference });
  const { plots: plotSpecs, hists } = plots(parts, name);
  const tables: ReportTable[] = [
    {
      title: `K⁺→π⁺νν̄ ${name}: kaonlab against NA62's published figures (ratio = kaonlab / NA62)`,
      ...comparisonTable(y),
    },
  ];
  if ("components" in y) {
    tables.push({ title: "Periods: kaonlab (NA62)", ...periodsTable(y) });
    for (const c of y.components)
      tables.push({ title: `${c.period}: kaonlab against NA62`, ...comparisonTable(c) });
  }
  tables.push({ title: "Expected events per category (region × momentum bin)", ...categoryTable(y) });
  tables.push({
    title: "Expected events after the full selection in every kinematic region (signal and control regions)",
    ...regionTable(y),
  });
  for (const part of parts) tables.push(cutFlowTable(part));
  const inf = inference
    ? ` NA62's observed candidates give BR = ${(inference.brBestFit * 1e11).toFixed(1)} × 10⁻¹¹ and ${inference.significance.toFixed(1)}σ with these sensitivities and backgrounds.`
    : "";
  return {
    results: results as unknown as Record<string, unknown>,
    hists,
    report: {
      summary:
        `K⁺→π⁺νν̄, ${name}: ${info.events} simulated kaon decays per period (${periods.join(", ")}), seed ${info.seed}, ` +
        `${info.shards} shards. SES = ${y.ses.toExponential(3)}, expected SM signal ${y.expected.signal.toFixed(2)}, ` +
        `background ${y.expected.background.total.toFixed(2)} (BR_SM = ${config.brSM}).${inf} ` +
        "Method and sources: docs/analyses/pnn.md.",
      tables,
      plots: plotSpecs,
    },
    terminal: terminalReport(y, inference),
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
  runShard,
  merge,
};

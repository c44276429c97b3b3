/**
 * The `k2pi` job: the kaon flux of a period from its normalisation channel, as NA62 measures it.
 * K⁺→π⁺π⁰ decays are simulated through the period's chain and selected by the K⁺→π⁺νν̄ analysis's
 * normalisation selection (one π⁺ track in the downstream acceptance, kaon association, vertex,
 * upstream cut, momentum bins, π⁺ identification, the π⁺π⁰ region of (p, m²miss), the minimum-bias
 * control trigger: src/analyses/pnn/selection.ts); the acceptance A_ππ per decay in the fiducial
 * volume then turns NA62's published normalisation count into the number of K⁺ decays in the FV,
 *   N_K = D · N_ππ / (A_ππ · BR(π⁺π⁰))          (src/analyses/layer/normalisation.ts),
 * compared with NA62's own N_K. Everything else goes through the analysis layer: the sample and its
 * stream family, the cut flow, the categories (A_ππ per momentum bin), the comparison with its status,
 * the results shape and the report tables. The candidate ntuple (`ntuple`, default on) holds the
 * normalisation events (category "pipi", columns NORM_CANDIDATE_COLUMNS); weight × the `ntupleScales`
 * entry adds up to N_ππ, the normalisation count the derived flux gives back.
 */
import { z } from "zod";
import { loadConditions } from "../../core/conditions.ts";
import { flag } from "../../core/schema.ts";
import { findChannel } from "../../decays/catalogue.ts";
import { loadPeriod } from "../../detector/card.ts";
import type { AnalysisJob, MergeInfo, MergeOutput, ShardContext, ShardResult } from "../job.ts";
import { type ComparisonConditions, calibratedFor, compare, toleranceFor } from "../layer/comparison.ts";
import { cardOverridesSchema, choosePeriod, zRangeSchema } from "../layer/config.ts";
import { CutFlow } from "../layer/cut-flow.ts";
import { kaonFlux } from "../layer/normalisation.ts";
import { CandidateNtuple, candidateColumns } from "../layer/ntuple.ts";
import { comparisonText, cutFlowText, reportTable, terminalText } from "../layer/report.ts";
import { analysisResults } from "../layer/results.ts";
import { type SampleBase, sampleFamily, sampleSimulator } from "../layer/samples.ts";
import { NORM_CANDIDATE_COLUMNS } from "../pnn/candidates.ts";
import {
  PNN_PERIODS,
  type PnnPeriod,
  publishedFigures,
  kaonFlux as publishedFlux,
  selectionFor,
} from "../pnn/conditions.ts";
import { MAX_BINS } from "../pnn/regions.ts";
import { PnnSelection } from "../pnn/selection.ts";
import { CUT, CUTS, NQN, SampleTally } from "../pnn/tally.ts";

/** the periods with a published normalisation count */
export const K2PI_PERIODS = ["2018-S1", "2018-S2"] as const;

/** the normalisation's last step after π⁺ identification */
const LAST_STEP = "π⁺π⁰ region, control trigger";

const SAMPLE: SampleBase = { key: "pipi0", channel: "K+ -> pi+ pi0", share: 1 };

export const k2piConfigSchema = z
  .object({
    /** kaon decays are forced into [zMin, zMax] (mm), with the matching weight */
    zRange: zRangeSchema(),
    /** detector period-card overrides, e.g. ["gtk.sigmaT=0.05"] */
    card: cardOverridesSchema(),
    /** write the normalisation-candidate ntuple (Parquet, one file per shard) */
    ntuple: flag().default(true),
  })
  .strict();

export type K2piConfig = z.infer<typeof k2piConfigSchema>;

function periodOf(p: string | null): PnnPeriod {
  return choosePeriod(p, K2PI_PERIODS, "2018-S2");
}

function runShard(
  config: K2piConfig,
  seed: number,
  shard: number,
  events: number,
  ctx: ShardContext,
): ShardResult {
  const period = periodOf(ctx.period);
  const sim = sampleSimulator(SAMPLE, {
    period,
    zRange: config.zRange as [number, number],
    card: config.card,
  });
  const selection = new PnnSelection(selectionFor(period).params);
  const t = new SampleTally(SAMPLE.key);
  const candidates = ctx.ntuple ? new CandidateNtuple(ctx.ntuple, NORM_CANDIDATE_COLUMNS) : null;
  candidates?.setLabels(period, SAMPLE.key, SAMPLE.key);
  selection.normCandidates = candidates;
  sim.run(seed, sampleFamily(shard, PNN_PERIODS.indexOf(period), 0), events, (b, r, first) => {
    selection.firstEvent = first;
    selection.process(b, r, t);
    ctx.progress(first + b.size);
  });
  candidates?.flush();
  return {
    events,
    counters: { nGen: t.nGen, wFv: t.wFv },
    hists: {},
    arrays: { norm: t.norm, flow: t.cutFlow.sumw, flow2: t.cutFlow.sumw2 },
  };
}

function merge(config: K2piConfig, total: ShardResult, info: MergeInfo): MergeOutput {
  const period = periodOf(info.period);
  const wFv = total.counters.wFv;
  const norm = total.arrays!.norm as Float64Array;
  const edges = selectionFor(period).params.track.binEdges;
  // A_ππ and its MC error, per momentum bin (the categories) and in total
  let a = 0;
  let a2 = 0;
  const bins = [];
  for (let b = 0; b < Math.min(edges.length - 1, MAX_BINS); b++) {
    a += norm[b * NQN];
    a2 += norm[b * NQN + 1];
    bins.push({
      pMin: edges[b],
      pMax: edges[b + 1],
      acceptance: wFv > 0 ? norm[b * NQN] / wFv : 0,
      uncertainty: wFv > 0 ? Math.sqrt(norm[b * NQN + 1]) / wFv : 0,
    });
  }
  // the πνν̄ cut flow up to π⁺ identification, then the normalisation's own last step
  const n = CUT.PID + 1;
  const sumw = Array.from(total.arrays!.flow as Float64Array).slice(0, n);
  const sumw2 = Array.from(total.arrays!.flow2 as Float64Array).slice(0, n);
  const flow = new CutFlow([...CUTS.slice(0, n), LAST_STEP], [...sumw, a], [...sumw2, a2]);
  const acceptance = wFv > 0 ? a / wFv : 0;
  const uAcc = wFv > 0 ? Math.sqrt(a2) / wFv : 0;
  const pub = publishedFigures(period);
  const nPiPi = pub.nPiPi.value as number;
  const br = findChannel(SAMPLE.channel).br ?? 0;
  const downscale = loadPeriod(period, config.card).trigger.downscale.control;
  const nK = kaonFlux({ events: nPiPi, acceptance, br, downscale });
  const uNK = acceptance > 0 ? (nK * uAcc) / acceptance : 0;
  const cond = loadConditions<ComparisonConditions>("analyses/k2pi/comparison.json");
  // NA62's N_K is derived from its N_ππ and A_ππ: its error is that of A_ππ
  const flux = publishedFlux(period);
  const accPub = pub["acceptance.pipi"];
  const fluxRef = {
    ...flux,
    error: accPub.value && accPub.error ? (flux.value * accPub.error) / accPub.value : undefined,
  };
  const row = (figure: string, label: string, ours: number, unc: number, reference: object) =>
    compare({
      figure,
      label,
      ours,
      uncertainty: unc,
      reference,
      tolerance: toleranceFor(cond, figure),
      calibrated: calibratedFor(cond, period, figure),
    });
  const comparison = [
    row("acceptance.pipi", "A_ππ", acceptance, uAcc, pub["acceptance.pipi"]),
    row("kaonDecays", "N_K (K⁺ decays in the FV)", nK, uNK, fluxRef),
  ];
  const steps = flow.steps(CUT.TRUE_FV);
  const fmt = (f: string) => (f === "kaonDecays" ? { scale: 1e-12, digits: 3 } : { scale: 100, digits: 2 });
  const cmp = comparisonText(comparison, fmt, true);
  const binTable = {
    header: ["p [GeV/c]", "A_ππ × 10²"],
    rows: bins.map((b) => [
      `${b.pMin}–${b.pMax}`,
      `${(b.acceptance * 100).toFixed(3)} ± ${(b.uncertainty * 100).toFixed(3)}`,
    ]),
  };
  return {
    results: analysisResults(
      { analysis: "k2pi", period, seed: info.seed, events: info.events },
      comparison,
      {
        nPiPi,
        downscale,
        brPiPi: br,
        acceptance,
        kaonDecays: nK,
        uncertainty: { acceptance: uAcc, kaonDecays: uNK },
        bins,
        // expected events per unit of ntuple weight: the rows add up to N_ππ
        ...(config.ntuple
          ? { ntupleScales: [{ period, sample: SAMPLE.key, scale: a > 0 ? nPiPi / a : 0 }] }
          : {}),
      },
      steps,
    ),
    hists: [],
    report: {
      summary:
        `K⁺→π⁺π⁰ normalisation, ${period}: ${info.events} simulated decays, seed ${info.seed}. ` +
        `A_ππ = ${acceptance.toFixed(4)} ± ${uAcc.toFixed(4)}; with NA62's N_ππ = ${nPiPi.toExponential(3)} and D = ${downscale}, ` +
        `N_K = D·N_ππ/(A_ππ·BR) = ${nK.toExponential(3)} K⁺ decays in the fiducial volume (units of the table: A × 10², N_K × 10⁻¹²).`,
      tables: [
        reportTable(`K⁺→π⁺π⁰ normalisation ${period}: kaonlab against NA62 (A × 10², N_K × 10⁻¹²)`, cmp),
        reportTable("A_ππ per π⁺ momentum bin", binTable),
        reportTable(
          `Cut flow (${period}): weight per K⁺→π⁺π⁰ decay in the fiducial volume`,
          cutFlowText([{ label: "π⁺π⁰", steps }]),
        ),
      ],
      plots: [],
    },
    terminal: `K⁺→π⁺π⁰ normalisation ${period} (A × 10², N_K × 10⁻¹²)\n${terminalText(comparisonText(comparison, fmt))}`,
  };
}

export const k2piJob: AnalysisJob<K2piConfig> = {
  name: "k2pi",
  description: "K⁺→π⁺π⁰ normalisation: A_ππ and the kaon flux N_K from NA62's N_ππ, against NA62's",
  schema: k2piConfigSchema as unknown as z.ZodType<K2piConfig>,
  periods: () => K2PI_PERIODS,
  defaultPeriod: "2018-S2",
  defaultEvents: 400_000,
  jsonResults: true,
  ntupleColumns: (c) => (c.ntuple ? candidateColumns(NORM_CANDIDATE_COLUMNS) : null),
  runShard,
  merge,
};

/**
 * The `pi0inv` job of `kaonlab run`: π⁰→invisible in K⁺→π⁺π⁰ decays, the π⁰ tagged by the π⁺
 * kinematics (docs/analyses/pi0inv.md). It uses the K⁺→π⁺νν̄ selection unchanged (PnnSelection) in
 * its π⁺π⁰ region instead of R1/R2, with one requirement of its own: the π⁰'s expected impact at the
 * LKr plane inside the LKr acceptance (acceptance.ts), so that the hard photon meets the LKr:
 *  - tagged π⁰: K⁺→π⁺π⁰ events with an identified π⁺ in the π⁺π⁰ m²miss region, control trigger
 *    (the normalisation sum of the pnn tally);
 *  - background: the same events surviving the photon and multiplicity vetoes (both photons
 *    missed), with the πνν̄ trigger and the random veto (the pnn tally's selected sum in that region);
 *  - signal: K⁺→π⁺X with X stable and invisible at m_X = m_π⁰ (kinematically π⁰→invisible), through
 *    the same selection: its efficiency relative to a tagged π⁰.
 * The exposure is NA62's number of tagged π⁰ (conditions/analyses/pi0inv); the limit is the exact
 * CLs 90% limit for NA62's observed count over the simulated background.
 * The candidate ntuple (`ntuple`, default on) holds the selected events of the π⁺π⁰ region (category
 * "pipi") of both samples with the pnn candidate columns; expected events = weight × the sample's
 * `ntupleScales` entry (π⁺π⁰: the background; signal: per unit BR(π⁰→invisible)).
 */
import { z } from "zod";
import { finiteNumber, flag } from "../../core/schema.ts";
import { exactExpectedLimits, exactUpperLimit } from "../../stats/exact.ts";
import type { AnalysisJob, MergeInfo, MergeOutput, ShardContext, ShardResult } from "../job.ts";
import { type ComparisonEntry, compare } from "../layer/comparison.ts";
import { CutFlow } from "../layer/cut-flow.ts";
import { CandidateNtuple, candidateColumns, type NtupleScale } from "../layer/ntuple.ts";
import { comparisonText, reportTable, terminalText } from "../layer/report.ts";
import { analysisResults } from "../layer/results.ts";
import { sampleFamily } from "../layer/samples.ts";
import { runXSample, xSimulator } from "../pix/x-sample.ts";
import { PNN_CANDIDATE_COLUMNS, regionMask } from "../pnn/candidates.ts";
import { isPnnPeriod, PNN_PERIODS, type PnnPeriod, selectionFor } from "../pnn/conditions.ts";
import { REGION_NAMES, Region } from "../pnn/regions.ts";
import { DEFAULT_SAMPLES } from "../pnn/samples.ts";
import { PnnSelection } from "../pnn/selection.ts";
import { runPeriodShard } from "../pnn/shard.ts";
import { CUT, CUTS, NQN, PeriodTally, Q, type SampleTally } from "../pnn/tally.ts";
import { pi0LkrAcceptance } from "./acceptance.ts";
import { pi0invConditions } from "./conditions.ts";

/** kaon decays simulated by default */
export const PI0INV_DEFAULT_EVENTS = 600_000;
/** m_π⁰ (GeV), [PDG2024] via conditions/particles.json */
const M_PI0 = 0.1349768;

export const pi0invConfigSchema = z
  .object({
    /** the share of the events given to the signal sample (K⁺→π⁺X at m_π⁰) */
    signalShare: finiteNumber()
      .refine((x) => (x as number) > 0 && (x as number) < 1, { error: "expected a share in (0, 1)" })
      .default(0.2),
    /** the exposure: tagged π⁰ (default: NA62's, conditions/analyses/pi0inv) */
    taggedPi0: finiteNumber()
      .refine((x) => (x as number) > 0, { error: "expected a positive number of tagged π⁰" })
      .optional(),
    /** the observed count (default: NA62's) */
    observed: z.number().int().min(0).optional(),
    /**
     * the π⁰ acceptance: the π⁰'s expected impact at the LKr plane beyond this radius (mm) and inside
     * the octagon (default: conditions/analyses/pi0inv selection.pi0LkrRMin; 0: no requirement)
     */
    pi0LkrRMin: finiteNumber()
      .refine((x) => (x as number) >= 0 && (x as number) < 1130, {
        error: "expected a radius in [0, 1130) mm (0: no π⁰ acceptance requirement)",
      })
      .optional(),
    zRange: z.tuple([finiteNumber(), finiteNumber()]).default([102500, 180000]),
    /** write the candidate ntuple of the π⁺π⁰ region (Parquet, one file per shard) */
    ntuple: flag().default(true),
  })
  .strict();

/** the region of the π⁰→invisible search (the π⁺π⁰ region of the πνν̄ plane) */
const NTUPLE_REGIONS = [REGION_NAMES[Region.PIPI]];

export type Pi0invConfig = z.infer<typeof pi0invConfigSchema>;

/** the K⁺→π⁺π⁰ cut flow up to the photon and multiplicity vetoes (the later steps count R1/R2 only) */
const PI0INV_CUTS = CUTS.slice(0, CUT.PHOTON + 1);

const PIPI0 = DEFAULT_SAMPLES.find((s) => s.key === "pipi0")!;

function periodOf(p: string | null): PnnPeriod {
  const q = p ?? pi0invConditions().period;
  if (!isPnnPeriod(q)) throw new RangeError(`period: expected one of ${PNN_PERIODS.join(", ")}, got "${q}"`);
  return q;
}

function runShard(
  c: Pi0invConfig,
  seed: number,
  shard: number,
  events: number,
  ctx: ShardContext,
): ShardResult {
  const period = periodOf(ctx.period);
  const nSig = Math.floor(events * c.signalShare);
  const acceptance = pi0LkrAcceptance(c.pi0LkrRMin ?? pi0invConditions().selection.pi0LkrRMin.value);
  const candidates = ctx.ntuple ? new CandidateNtuple(ctx.ntuple, PNN_CANDIDATE_COLUMNS) : null;
  const t = runPeriodShard(
    period,
    seed,
    shard,
    events - nSig,
    { samples: [PIPI0], zRange: c.zRange, acceptance, candidates, ntupleRegions: NTUPLE_REGIONS },
    (d) => ctx.progress(d),
  );
  const selection = new PnnSelection(selectionFor(period).params);
  selection.extraAcceptance = acceptance;
  selection.candidates = candidates;
  selection.candidateRegions = regionMask(NTUPLE_REGIONS);
  candidates?.setLabels(period, "signal", "signal");
  const st = new PeriodTally(period, ["signal"]);
  const sim = xSimulator({ period, mass: M_PI0, ctau: null, zRange: c.zRange });
  const family = sampleFamily(shard, 24 + PNN_PERIODS.indexOf(period), 0);
  runXSample(sim, selection, st.samples[0], seed, family, nSig);
  candidates?.flush();
  ctx.progress(events);
  const sums = (s: SampleTally) => {
    let norm = 0;
    for (let b = 0; b < s.norm.length; b += NQN) norm += s.norm[b];
    return [
      s.wFv,
      norm,
      s.regionSum(Region.PIPI, Q.F),
      s.regionSum(Region.PIPI, Q.F2),
      s.regionSum(Region.PIPI, Q.N),
    ];
  };
  return {
    events,
    counters: {},
    hists: {},
    arrays: {
      pipi0: sums(t.samples[0]),
      signal: sums(st.samples[0]),
      flow: t.samples[0].cutFlow.sumw,
      flow2: t.samples[0].cutFlow.sumw2,
    },
  };
}

/** the figures from the merged sums [wFv, tagged, selected, selected², selected events] */
export function pi0invFigures(
  pipi0: ArrayLike<number>,
  signal: ArrayLike<number>,
  nTagged: number,
  nObs: number,
) {
  const wFv = pipi0[0];
  const tagged = pipi0[1];
  const sel = pipi0[2];
  const sel2 = pipi0[3];
  const nSel = pipi0[4];
  const pBkg = tagged > 0 ? sel / tagged : 0;
  const pBkgErr = tagged > 0 ? Math.sqrt(sel2) / tagged : 0;
  const tagPerDecay = wFv > 0 ? tagged / wFv : 0;
  const sigPerDecay = signal[0] > 0 ? signal[2] / signal[0] : 0;
  const efficiency = tagPerDecay > 0 ? sigPerDecay / tagPerDecay : 0;
  const background = nTagged * pBkg;
  const ses = 1 / (nTagged * efficiency);
  const ul = exactUpperLimit(nObs, background) * ses;
  const ex = exactExpectedLimits(background).map((v) => v * ses);
  return {
    taggedPi0: nTagged,
    tagAcceptance: tagPerDecay,
    signalEfficiency: efficiency,
    backgroundProbability: pBkg,
    backgroundProbabilityError: pBkgErr,
    backgroundSimulatedEvents: nSel,
    background,
    backgroundError: nTagged * pBkgErr,
    observed: nObs,
    ses,
    brUpperLimit: ul,
    expectedUpperLimit: { "-2": ex[0], "-1": ex[1], "0": ex[2], "+1": ex[3], "+2": ex[4] },
  };
}

/**
 * expected events per unit of ntuple weight: π⁺π⁰ rows add up to the background
 * (N_tagged · w / Σ tagged weight); signal rows to the signal expected at BR(π⁰→invisible) = 1
 */
export function pi0invNtupleScales(
  period: string,
  pipi0: ArrayLike<number>,
  signal: ArrayLike<number>,
  nTagged: number,
): NtupleScale[] {
  const tagged = pipi0[1];
  const tagPerDecay = pipi0[0] > 0 ? tagged / pipi0[0] : 0;
  return [
    { period, sample: PIPI0.key, scale: tagged > 0 ? nTagged / tagged : 0 },
    {
      period,
      sample: "signal",
      scale: signal[0] > 0 && tagPerDecay > 0 ? nTagged / (signal[0] * tagPerDecay) : 0,
    },
  ];
}

function merge(c: Pi0invConfig, total: ShardResult, info: MergeInfo): MergeOutput {
  const pub = pi0invConditions();
  const nTagged = c.taggedPi0 ?? pub.taggedPi0.value;
  const nObs = c.observed ?? pub.observed.value;
  const f = {
    ...pi0invFigures(total.arrays!.pipi0, total.arrays!.signal, nTagged, nObs),
    pi0LkrRMin: c.pi0LkrRMin ?? pub.selection.pi0LkrRMin.value,
  };
  const comparison: ComparisonEntry[] = [
    compare({
      figure: "brUpperLimit",
      label: "UL BR(π⁰→invisible) (90% CL)",
      ours: f.brUpperLimit,
      reference: pub.brUpperLimit,
      tolerance: pub.tolerances.brUpperLimit,
    }),
    compare({
      figure: "expectedUpperLimit.0",
      label: "median expected UL vs NA62's observed UL (NA62 observed ≈ its background)",
      ours: f.expectedUpperLimit["0"],
      reference: pub.brUpperLimit,
      tolerance: pub.tolerances.brUpperLimit,
    }),
    compare({
      figure: "background",
      label: "expected background",
      ours: f.background,
      uncertainty: f.backgroundError,
      reference: pub.background,
      tolerance: pub.tolerances.background,
    }),
  ];
  const cmp = comparisonText(
    comparison,
    (fig) => (fig !== "background" ? { scale: 1, digits: 2 } : { scale: 1, digits: 2 }),
    true,
  );
  const figs = {
    header: ["figure", "value"],
    rows: Object.entries(f).map(([k, v]) => [
      k,
      typeof v === "number" ? v.toPrecision(4) : JSON.stringify(v),
    ]),
  };
  const period = periodOf(info.period);
  const results = analysisResults(
    { analysis: "pi0inv", period, seed: info.seed, events: info.events },
    comparison,
    c.ntuple
      ? {
          ...f,
          ntupleScales: pi0invNtupleScales(period, total.arrays!.pipi0, total.arrays!.signal, nTagged),
        }
      : f,
    new CutFlow(
      PI0INV_CUTS,
      total.arrays!.flow.slice(0, PI0INV_CUTS.length),
      total.arrays!.flow2.slice(0, PI0INV_CUTS.length),
    ).steps(CUT.TRUE_FV),
  );
  return {
    results,
    hists: [],
    report: {
      summary:
        "π⁰→invisible from K⁺→π⁺π⁰ with the π⁰ tagged by the π⁺: the photon-veto inefficiency for both photons as the background, the CLs 90% limit beside NA62's.",
      tables: [reportTable("comparison with NA62", cmp), reportTable("figures", figs)],
      plots: [],
    },
    terminal: `${terminalText(cmp)}\n`,
  };
}

export const pi0invJob: AnalysisJob<Pi0invConfig> = {
  name: "pi0inv",
  description: "π⁰→invisible in K⁺→π⁺π⁰ (π⁰ tagged by the π⁺): background from the photon veto, CLs limit",
  schema: pi0invConfigSchema,
  periods: () => PNN_PERIODS.filter((p) => p !== "HIKE-phase1"),
  defaultPeriod: "2017",
  defaultEvents: PI0INV_DEFAULT_EVENTS,
  jsonResults: true,
  ntupleColumns: (c) => (c.ntuple ? candidateColumns(PNN_CANDIDATE_COLUMNS) : null),
  runShard,
  merge,
};

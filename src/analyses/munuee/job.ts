/**
 * The `munuee` job: NA62's search for K⁺→μ⁻νe⁺e⁺ (2016–2018 data, [NA62-MUNUEE-2023]), as the
 * results slide of [NA62-EQCD2024-talk] presents it. The signal (uniform phase space), the
 * K⁺→π⁺e⁺e⁻ normalisation and the background modes of NA62's table (K⁺→π⁺π⁺π⁻, K⁺→π⁺π⁻e⁺ν and
 * their upstream versions, K⁺→π⁰_D e⁺ν, K⁺→e⁺νμ⁺μ⁻) are simulated through the chain, selected by
 * the three-track selection of selection.ts, normalised to NA62's kaon flux (yields.ts), and
 * compared cell by cell with the published table; the 90% CL UL from NA62's observed count is
 * compared with 8.1 × 10⁻¹¹. Pile-up coincidences (two kaon decays in one event) are not
 * simulated: NA62's table has no such row for this search (docs/analyses/munuee.md).
 * The candidate ntuple (`ntuple`, default on; selection.ts) holds every sample's events in the lower,
 * signal and upper m²miss regions; weight × `ntupleScales` gives expected events at NA62's N_K (the
 * signal per unit BR).
 */
import { z } from "zod";
import { flag } from "../../core/schema.ts";
import { findChannel } from "../../decays/catalogue.ts";
import { loadPeriod } from "../../detector/card.ts";
import type { Hist1D } from "../../io/histogram.ts";
import { h1 } from "../../io/histogram.ts";
import type { AnalysisJob, MergeInfo, MergeOutput, ShardContext, ShardResult } from "../job.ts";
import { pileupConditions, pileupFactor } from "../layer/coincidence.ts";
import { type ComparisonEntry, calibratedFor, compare, toleranceFor } from "../layer/comparison.ts";
import { cardOverridesSchema, choosePeriod, zRangeSchema } from "../layer/config.ts";
import { CutFlow } from "../layer/cut-flow.ts";
import { addDense1 } from "../layer/hists.ts";
import { candidateColumns } from "../layer/ntuple.ts";
import { comparisonText, cutFlowText, reportTable, statusSummary, terminalText } from "../layer/report.ts";
import { analysisResults } from "../layer/results.ts";
import { BACKGROUNDS, backgroundReference, munueePublished, munueeSelection, REGIONS } from "./conditions.ts";
import { COINCIDENCES, NORMALISATION_CHANNEL, PAIRS, SAMPLES } from "./samples.ts";
import { HIST, MUNUEE_CANDIDATE_COLUMNS, NORM_CUTS, SIGNAL_CUTS, TALLY } from "./selection.ts";
import { runMunueeShard } from "./shard.ts";
import { munueeYields } from "./yields.ts";

/** the periods whose cards the job can simulate the 2016–2018 exposure with */
export const MUNUEE_PERIODS = ["2016", "2017", "2018-S1", "2018-S2"] as const;

export const munueeConfigSchema = z
  .object({
    /** kaon decays are forced into [zMin, zMax] (mm), with the matching weight */
    zRange: zRangeSchema(),
    /** detector period-card overrides, e.g. ["gtk.sigmaT=0.05"] */
    card: cardOverridesSchema(),
    /** the effective number of K⁺ decays in the FV (default: the conditions' N_K, UNCONFIRMED) */
    kaonDecays: z.number().positive().optional(),
    /** write the candidate ntuple of the m²miss regions (Parquet, one file per shard) */
    ntuple: flag().default(true),
  })
  .strict();
export type MunueeConfig = z.infer<typeof munueeConfigSchema>;

function periodOf(p: string | null): string {
  return choosePeriod(p, MUNUEE_PERIODS, "2018-S2");
}

function runShard(
  config: MunueeConfig,
  seed: number,
  shard: number,
  events: number,
  ctx: ShardContext,
): ShardResult {
  const period = periodOf(ctx.period);
  return runMunueeShard(
    {
      period,
      periodIndex: MUNUEE_PERIODS.indexOf(period as (typeof MUNUEE_PERIODS)[number]),
      zRange: config.zRange as [number, number],
      card: config.card,
    },
    seed,
    shard,
    events,
    ctx,
  );
}

const REGION_LABEL = { lower: "lower", signal: "signal", upper: "upper" } as const;

function fmtEvents(v: number): string {
  if (v === 0) return "0";
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 0.01) return v.toFixed(2);
  return v.toExponential(1);
}

function merge(config: MunueeConfig, total: ShardResult, info: MergeInfo): MergeOutput {
  const period = periodOf(info.period);
  const pub = munueePublished();
  const P = munueeSelection();
  const arrays = total.arrays as Record<string, Float64Array>;
  const kaonDecays = config.kaonDecays ?? pub.kaonDecays.value;
  const fPerKaon = pileupFactor(pileupConditions(), loadPeriod(period, config.card).beam.intensity, 1);
  const y = munueeYields(arrays, {
    kaonDecays,
    brNorm: findChannel(NORMALISATION_CHANNEL).br ?? 0,
    observedSignal: pub.observed.signal.value,
    cl: pub.brUpperLimit.cl,
    pileupPerKaon: fPerKaon,
  });
  const cond = { tolerance: pub.tolerance, calibrated: pub.calibrated };
  const rows: ComparisonEntry[] = [];
  rows.push(
    compare({
      figure: "brUpperLimit",
      label: "BR UL (90% CL)",
      ours: y.brUpperLimit,
      uncertainty: Number.isFinite(y.sesError) ? y.signalUpperEvents * y.sesError : 0,
      reference: {
        value: pub.brUpperLimit.limit,
        tag: pub.brUpperLimit.tag,
        source: pub.brUpperLimit.source,
      },
      tolerance: toleranceFor(cond, "brUpperLimit"),
    }),
  );
  const unresolved: Record<string, string[]> = { lower: [], signal: [], upper: [] };
  for (const b of [...BACKGROUNDS, "total"] as const) {
    for (const rg of REGIONS) {
      const c = b === "total" ? y.total[rg] : y.background[b][rg];
      const figure = `background.${b}.${rg}`;
      // an empty cell: 0 with the one-event sensitivity of its sample as the uncertainty
      const sample = SAMPLES.find((s) => s.background === b);
      const unc = c.selectedWeight > 0 ? c.error : sample ? y.oneEvent[sample.key] : c.error;
      const row = compare({
        figure,
        label: `${pub.background[b].label}, ${REGION_LABEL[rg]}`,
        ours: c.expected,
        uncertainty: unc,
        reference: backgroundReference(b, rg),
        tolerance: toleranceFor(cond, figure),
        calibrated: calibratedFor(cond, period, figure),
      });
      // nothing selected: a zero with a guessed error tests nothing against a published value; against
      // a published bound it passes only if one MC event weighs less than the bound
      const pubV = row.published ?? row.publishedLimit ?? 0;
      if (c.selectedWeight === 0 && b !== "total") {
        const fine = row.published === null && row.publishedLimit !== null && unc < row.publishedLimit;
        row.status = fine ? "reproduced" : "not reproduced";
        row.reason = fine
          ? `no MC event selected; one event ≈ ${fmtEvents(unc)} expected events, below NA62's bound < ${fmtEvents(pubV)}`
          : `no MC event selected; one event ≈ ${fmtEvents(unc)} expected events: the sample cannot test NA62's ${fmtEvents(pubV)}`;
        if (!fine) unresolved[rg].push(b);
      }
      // the total is only as good as its modes: any unresolved mode leaves it untested
      if (b === "total" && unresolved[rg].length > 0 && row.status === "reproduced") {
        row.status = "not reproduced";
        row.reason = `modes not resolved by the MC sample (${unresolved[rg].join(", ")}): ${row.reason}`;
      }
      rows.push(row);
    }
  }

  // cut flows per decay in the FV
  const sigFlow = (key: string) => {
    const a = arrays[key];
    const f = new CutFlow(
      SIGNAL_CUTS,
      Array.from({ length: SIGNAL_CUTS.length }, (_, i) => a[TALLY.sig + 2 * i]),
      Array.from({ length: SIGNAL_CUTS.length }, (_, i) => a[TALLY.sig + 2 * i + 1]),
    );
    return f.steps(1);
  };
  const normA = arrays.piee;
  const normFlow = new CutFlow(
    NORM_CUTS,
    Array.from({ length: NORM_CUTS.length }, (_, i) => normA[TALLY.norm + 2 * i]),
    Array.from({ length: NORM_CUTS.length }, (_, i) => normA[TALLY.norm + 2 * i + 1]),
  ).steps(1);

  // histograms: m²miss of the full selection by source (expected events), the signal shape, Δp, m(πee)
  const hists: Hist1D[] = [];
  const m2Series = [];
  const colors = ["#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377"];
  for (const [j, b] of BACKGROUNDS.entries()) {
    const s = SAMPLES.find((x) => x.background === b);
    if (!s) continue;
    const h = h1(`m2miss_${b}`, `m²miss, ${pub.background[b].label}`, {
      ...HIST.m2,
      label: "m²miss [GeV²/c⁴]",
    });
    addDense1(h, arrays[s.key].slice(TALLY.m2, TALLY.m2 + HIST.m2.n), y.scales[s.key]);
    hists.push(h);
    m2Series.push({ hist: h, label: pub.background[b].label, color: colors[j] });
  }
  const hSig = h1("m2miss_signal", "m²miss, K⁺→μ⁻νe⁺e⁺ (shape)", { ...HIST.m2, label: "m²miss [GeV²/c⁴]" });
  addDense1(hSig, arrays.signal.slice(TALLY.m2, TALLY.m2 + HIST.m2.n), 1);
  const hDpSig = h1("dp_signal", "Δp, K⁺→μ⁻νe⁺e⁺ after PID (shape)", { ...HIST.dp, label: "Δp [GeV/c]" });
  addDense1(hDpSig, arrays.signal.slice(TALLY.dp, TALLY.dp + HIST.dp.n), 1);
  const hDpBkg = h1("dp_background", "Δp, backgrounds after PID (expected events)", {
    ...HIST.dp,
    label: "Δp [GeV/c]",
  });
  for (const s of SAMPLES)
    if (s.role === "background")
      addDense1(hDpBkg, arrays[s.key].slice(TALLY.dp, TALLY.dp + HIST.dp.n), y.scales[s.key]);
  const hMpiee = h1("mpiee_normalisation", "m(π⁺e⁺e⁻), K⁺→π⁺e⁺e⁻ normalisation (expected events)", {
    ...HIST.mpiee,
    label: "m(π⁺e⁺e⁻) [GeV/c²]",
  });
  addDense1(hMpiee, normA.slice(TALLY.mpiee, TALLY.mpiee + HIST.mpiee.n), y.scales.piee);
  hists.push(hSig, hDpSig, hDpBkg, hMpiee);
  const sgn = P.signal;
  const bands = [
    { label: "lower", x: [sgn.m2Min, sgn.m2Lower] as [number, number], color: "#bbbbbb" },
    { label: "signal", x: [sgn.m2Lower, sgn.m2Upper] as [number, number], color: "#ee6677" },
    { label: "upper", x: [sgn.m2Upper, sgn.m2Max] as [number, number], color: "#bbbbbb" },
  ];

  // the background table side by side with NA62's
  const cell = (v: number, e: number, empty: boolean, one: number) =>
    empty ? `0 (1 ev ≈ ${fmtEvents(one)})` : `${fmtEvents(v)} ± ${fmtEvents(e)}`;
  const pubCell = (r: { value?: number; error?: number; limit?: number }) =>
    r.limit !== undefined ? `< ${r.limit}` : `${r.value} ± ${r.error}`;
  const bkgTable = {
    header: [
      "mode",
      "lower: kaonlab",
      "lower: NA62",
      "signal: kaonlab",
      "signal: NA62",
      "upper: kaonlab",
      "upper: NA62",
    ],
    rows: [...BACKGROUNDS, "total" as const].map((b) => {
      const s = SAMPLES.find((x) => x.background === b);
      const one = s ? y.oneEvent[s.key] : 0;
      return [
        pub.background[b].label,
        ...REGIONS.flatMap((rg) => {
          const c = b === "total" ? y.total[rg] : y.background[b][rg];
          return [
            cell(c.expected, c.error, c.selectedWeight === 0 && b !== "total", one),
            pubCell(pub.background[b][rg]),
          ];
        }),
      ];
    }),
  };
  // the coincidences (no NA62 row), before the total
  bkgTable.rows.splice(
    bkgTable.rows.length - 1,
    0,
    ...COINCIDENCES.map((c) => [
      c.label,
      ...REGIONS.flatMap((rg) => {
        const x = y.coincidence[c.key]?.[rg];
        return [x ? cell(x.expected, x.error, x.selectedWeight === 0, y.oneEvent[c.key]) : "—", "–"];
      }),
    ]),
  );
  bkgTable.rows.push([
    "Total with the coincidences",
    ...REGIONS.flatMap((rg) => {
      const c = y.totalWithCoincidences[rg];
      return [cell(c.expected, c.error, false, 0), "–"];
    }),
  ]);
  bkgTable.rows.push([
    "Data (NA62)",
    "",
    String(pub.observed.lower.value),
    "",
    String(pub.observed.signal.value),
    "",
    String(pub.observed.upper.value),
  ]);

  const fmt = (f: string) => (f === "brUpperLimit" ? { scale: 1e11, digits: 2 } : { scale: 1, digits: 3 });
  const cmp = comparisonText(rows, fmt, true);
  const figures = {
    kaonDecays,
    kaonDecaysSource: config.kaonDecays !== undefined ? "config" : pub.kaonDecays.source,
    acceptance: y.acceptance,
    ses: y.ses,
    sesError: y.sesError,
    observed: pub.observed.signal.value,
    signalUpperEvents: y.signalUpperEvents,
    brUpperLimit: y.brUpperLimit,
    normalisationEvents: y.normalisationEvents,
    background: y.background,
    totalBackground: y.total,
    pileup: {
      factorPerBeamKaon: fPerKaon,
      window: pileupConditions().window.value,
      pairsPerMember: PAIRS,
      coincidences: Object.fromEntries(
        COINCIDENCES.map((c) => [
          c.key,
          {
            label: c.label,
            regions: y.coincidence[c.key],
            oneEvent: y.oneEvent[c.key],
            // expected events after each signal cut (the pair weight × the coincidence scale)
            cutFlow: SIGNAL_CUTS.map((cut, i) => ({
              cut,
              expected: (arrays[c.key]?.[TALLY.sig + 2 * i] ?? 0) * (y.scales[c.key] ?? 0),
            })),
          },
        ]),
      ),
      totalWithCoincidences: y.totalWithCoincidences,
      note: "not in totalBackground (NA62's table has no coincidence row for this search): totalWithCoincidences adds them",
    },
    // expected events per unit of ntuple weight (the signal per unit BR)
    ...(config.ntuple
      ? { ntupleScales: SAMPLES.map((s) => ({ period, sample: s.key, scale: y.scales[s.key] })) }
      : {}),
    cutFlows: {
      signal: sigFlow("signal"),
      normalisation: normFlow,
      ...Object.fromEntries(
        SAMPLES.filter((s) => s.role === "background").map((s) => [s.key, sigFlow(s.key)]),
      ),
    },
  };
  const summary =
    `K⁺→μ⁻νe⁺e⁺, ${info.events} simulated decays (${period} card for the 2016–2018 exposure), seed ${info.seed}. ` +
    `A(μνee) = ${(y.acceptance.signal * 100).toFixed(3)}% ± ${(y.acceptance.signalError * 100).toFixed(3)}%, ` +
    `A(πee) = ${(y.acceptance.normalisation * 100).toFixed(3)}%; with N_K = ${kaonDecays.toExponential(3)} ` +
    `SES = ${y.ses.toExponential(3)}, and NA62's ${pub.observed.signal.value} observed events: ` +
    `BR < ${y.brUpperLimit.toExponential(2)} at 90% CL (NA62: < ${pub.brUpperLimit.limit}). ` +
    `Expected background in the signal region ${fmtEvents(y.total.signal.expected)} (NA62 0.26 ± 0.04). ` +
    `Comparison: ${statusSummary(rows)}. Pile-up coincidences (K⁺→π⁺π⁺π⁻ or K⁺→π⁺π⁻e⁺ν with two tracks + the e⁺ of an in-time K⁺→π⁰e⁺ν) in the signal region: ${COINCIDENCES.map((c) => fmtEvents(y.coincidence[c.key]?.signal.expected ?? 0)).join(" and ")} (beside the total, which holds NA62's modes).`;
  const tables = [
    reportTable("kaonlab against NA62 (BR UL × 10¹¹; backgrounds in expected events)", cmp),
    reportTable("Expected background by mode and m²miss region, side by side with NA62", bkgTable),
    reportTable(
      `Pile-up coincidences: expected events after each signal cut (a second decay within ±${pileupConditions().window.value} ns)`,
      {
        header: ["cut", ...COINCIDENCES.map((c) => c.label)],
        rows: SIGNAL_CUTS.map((cut, i) => [
          cut,
          ...COINCIDENCES.map((c) => {
            const v = (arrays[c.key]?.[TALLY.sig + 2 * i] ?? 0) * (y.scales[c.key] ?? 0);
            return v === 0 ? "0" : v.toPrecision(3);
          }),
        ]),
      },
    ),
    reportTable(
      "Cut flow per decay in the FV (signal selection)",
      cutFlowText([
        { label: "μ⁻νe⁺e⁺", steps: figures.cutFlows.signal },
        ...SAMPLES.filter((s) => s.role === "background").map((s) => ({
          label: s.key,
          steps: sigFlow(s.key),
        })),
      ]),
    ),
    reportTable(
      "Cut flow per decay in the FV (normalisation selection)",
      cutFlowText([{ label: "π⁺e⁺e⁻", steps: normFlow }]),
    ),
  ];
  return {
    results: analysisResults(
      { analysis: "munuee", period, seed: info.seed, events: info.events },
      rows,
      figures,
      figures.cutFlows.signal,
    ),
    hists,
    report: {
      summary,
      tables,
      plots: [
        {
          kind: "hist1d",
          name: "m2miss_background",
          title: "m²miss (μ⁻e⁺e⁺ hypothesis) after the full selection: backgrounds",
          xLabel: "m²miss [GeV²/c⁴]",
          yLabel: "expected events / 0.002 GeV²/c⁴",
          series: m2Series,
          stack: true,
          logY: true,
          bands,
          caption:
            "Expected events by source at NA62's N_K; the bands are the lower, signal and upper regions.",
        },
        {
          kind: "hist1d",
          name: "m2miss_signal",
          title: "m²miss of the selected K⁺→μ⁻νe⁺e⁺ (uniform phase space), unit area",
          xLabel: "m²miss [GeV²/c⁴]",
          series: [{ hist: hSig, label: "μ⁻νe⁺e⁺", color: "#ee6677" }],
          normalise: true,
          bands,
        },
        {
          kind: "hist1d",
          name: "dp",
          title: "Δp = |Σp| − p_beam after the μ⁻e⁺e⁺ identification (unit area)",
          xLabel: "Δp [GeV/c]",
          series: [
            { hist: hDpSig, label: "μ⁻νe⁺e⁺", color: "#ee6677" },
            { hist: hDpBkg, label: "backgrounds", color: "#4477aa" },
          ],
          normalise: true,
          bands: [{ label: "signal: Δp < −10", x: [HIST.dp.lo, P.signal.deltaPMax], color: "#ee6677" }],
        },
        {
          kind: "hist1d",
          name: "mpiee",
          title: "m(π⁺e⁺e⁻) of the normalisation selection",
          xLabel: "m(π⁺e⁺e⁻) [GeV/c²]",
          series: [{ hist: hMpiee, label: "K⁺→π⁺e⁺e⁻", color: "#228833" }],
          bands: [
            {
              label: "window",
              x: [0.493677 - P.normalisation.massWindow, 0.493677 + P.normalisation.massWindow],
              color: "#228833",
            },
          ],
        },
      ],
    },
    terminal: `${summary}\n\n${terminalText(bkgTable)}\n\n${terminalText(comparisonText(rows, fmt))}`,
  };
}

export const munueeJob: AnalysisJob<MunueeConfig> = {
  name: "munuee",
  description: "K⁺→μ⁻νe⁺e⁺ search: acceptance, background table by m²miss region and the UL, against NA62's",
  schema: munueeConfigSchema as unknown as z.ZodType<MunueeConfig>,
  periods: () => MUNUEE_PERIODS,
  defaultPeriod: "2018-S2",
  defaultEvents: 3_000_000,
  jsonResults: true,
  ntupleColumns: (c) => (c.ntuple ? candidateColumns(MUNUEE_CANDIDATE_COLUMNS) : null),
  runShard,
  merge,
};

/**
 * The `pi4e` job: NA62's search for K⁺→π⁺e⁺e⁻e⁺e⁻ ([NA62-PI4E-2023]) on kaonlab's chain. Five STRAW
 * tracks, no PID (selection.ts); the samples of samples.ts through the period's chain (shard.ts),
 * with the coincidences of a K⁺→π⁺π⁺π⁻ decay and a second kaon decay in one event.
 *
 * Normalisation: expected events of a sample = N_K · B · A, with A = Σw_selected/Σw_generated
 * (per decay in the simulated z range) and B the product of the branching ratios of the sample's
 * channel and forced π⁰ modes (× the number of π⁰s that can take the forced mode). A coincidence
 * adds f = (kaon decays in the z range per ns) · 2·window, the chance that a second decay falls in
 * the event's time window: N_K · f · B_K3π · B_partner · A_pair.
 * N_K, which NA62's text available to the project does not give, is fixed on the largest entry of
 * NA62's background table (K⁺→π⁺π⁰_Dπ⁰_D in the loose control region); every other figure is then
 * a prediction. The UL: the CLs 90% upper limit on the signal count for NA62's 0 observed events over
 * kaonlab's background, / (N_K · A_signal).
 */
import type { z } from "zod";
import { loadPeriod } from "../../detector/card.ts";
import { exactUpperLimit } from "../../stats/exact.ts";
import type { AnalysisJob, MergeInfo, MergeOutput, ShardContext, ShardResult } from "../job.ts";
import { coincidenceScale, pileupConditions, pileupFactor } from "../layer/coincidence.ts";
import { type ComparisonEntry, calibratedFor, compare, toleranceFor } from "../layer/comparison.ts";
import { choosePeriod } from "../layer/config.ts";
import { CutFlow } from "../layer/cut-flow.ts";
import { candidateColumns } from "../layer/ntuple.ts";
import { comparisonText, cutFlowText, reportTable, terminalText } from "../layer/report.ts";
import { analysisResults } from "../layer/results.ts";
import {
  PI4E_PERIODS,
  type Pi4eConfig,
  type PublishedRow,
  pi4eConditions,
  pi4eConfigSchema,
} from "./config.ts";
import { pi4ePlots } from "./plots.ts";
import { BACKGROUNDS, M_S, type Pi4eSample, SAMPLES, sampleBR } from "./samples.ts";
import { FLOW_CUTS, NE, PAIRS, PI4E_CANDIDATE_COLUMNS, REGIONS, runPi4eShard, tallyIndex } from "./shard.ts";

const PUB_REGIONS = ["CR", "LCR", "SR"] as const;

function periodOf(p: string | null): string {
  return choosePeriod(p, PI4E_PERIODS, "2018-S2");
}

function runShard(
  config: Pi4eConfig,
  seed: number,
  shard: number,
  events: number,
  ctx: ShardContext,
): ShardResult {
  const period = periodOf(ctx.period);
  return runPi4eShard(config, seed, shard, events, ctx, PI4E_PERIODS.indexOf(period as "2018-S2"), period);
}

interface Yield {
  value: number;
  error: number;
}

function merge(config: Pi4eConfig, total: ShardResult, info: MergeInfo): MergeOutput {
  const period = periodOf(info.period);
  const cond = pi4eConditions();
  const A = total.arrays as Record<string, Float64Array>;
  const { tally, coinc, gen, hist } = A;
  const steps = new CutFlow(FLOW_CUTS, A.flow, A.flow2).steps(0);
  const sIndex = (key: string) => SAMPLES.findIndex((s) => s.key === key);
  const nGen = (s: number) => gen[s * 3];
  const wGen = (s: number) => gen[s * 3 + 1];
  /** Σw, Σw² of sample s in region r, over e± counts (all, or exactly e) */
  const sum = (arr: Float64Array, s: number, r: number, e?: number): [number, number] => {
    let w = 0;
    let w2 = 0;
    for (let k = 0; k < NE; k++) {
      if (e !== undefined && k !== e) continue;
      const g = tallyIndex(s, k, r);
      w += arr[g];
      w2 += arr[g + 1];
    }
    return [w, w2];
  };
  // the probability that a beam kaon decays in the z range: the signal sample's mean weight (B = 1)
  const sig = sIndex("signal");
  const pZ = nGen(sig) > 0 ? wGen(sig) / nGen(sig) : Number.NaN;
  const pc = loadPeriod(period, config.card);
  const pu = pileupConditions();
  const fPile = pileupFactor(pu, pc.beam.intensity, pZ);
  /** expected events per unit N_K of a background row in region r */
  const perKaon = (row: (typeof BACKGROUNDS)[number], r: number): Yield => {
    const s = sIndex(row.sample);
    const spec = SAMPLES[s];
    const mult = row.mult ?? 1;
    if (!row.coincidence) {
      const [w, w2] = sum(tally, s, r, row.electrons);
      const f = (sampleBR(spec) * mult) / wGen(s);
      return { value: w * f, error: Math.sqrt(w2) * f };
    }
    const k3 = sIndex("k3pi");
    const [w, w2] = sum(coinc, s, r, row.electrons);
    const meanA = wGen(k3) / nGen(k3);
    const meanB = wGen(s) / nGen(s);
    const f = coincidenceScale(
      fPile,
      sampleBR(SAMPLES[k3]),
      sampleBR(spec),
      nGen(k3),
      PAIRS,
      meanA,
      meanB,
      mult,
    );
    return { value: w * f, error: Math.sqrt(w2) * f };
  };
  /**
   * expected events per unit of candidate-ntuple weight, per (sample, source): a background-table row's
   * (its π⁰ multiplicity included), else the sample's own (a coincidence's with the pile-up factor)
   */
  const coincScale = (s: number) => {
    const k3 = sIndex("k3pi");
    const meanA = wGen(k3) / nGen(k3);
    const meanB = wGen(s) / nGen(s);
    return coincidenceScale(
      fPile,
      sampleBR(SAMPLES[k3]),
      sampleBR(SAMPLES[s]),
      nGen(k3),
      PAIRS,
      meanA,
      meanB,
    );
  };
  const ntupleScales = (nK: number) => [
    ...BACKGROUNDS.map((b) => {
      const s = sIndex(b.sample);
      const base = b.coincidence ? coincScale(s) : sampleBR(SAMPLES[s]) / wGen(s);
      return { period, sample: b.sample, source: b.key, scale: nK * base * (b.mult ?? 1) };
    }),
    ...SAMPLES.flatMap((spec, s) =>
      nGen(s) > 0
        ? [
            { period, sample: spec.key, source: spec.key, scale: (nK * sampleBR(spec)) / wGen(s) },
            ...(spec.role === "partner"
              ? [{ period, sample: spec.key, source: `${spec.key} coincidence`, scale: nK * coincScale(s) }]
              : []),
          ]
        : [],
    ),
  ];
  const rIdx = (name: string) => REGIONS.indexOf(name as (typeof REGIONS)[number]);
  // N_K from the calibration figure
  const calib = cond.backgrounds.pipiDpiD as PublishedRow;
  const calRow = BACKGROUNDS.find((b) => b.key === "pipiDpiD")!;
  const calPer = perKaon(calRow, rIdx("LCR"));
  const nK = calPer.value > 0 ? calib.LCR![0] / calPer.value : Number.NaN;
  const uNK = calPer.value > 0 ? (nK * calPer.error) / calPer.value : Number.NaN;
  // backgrounds by row and region
  const rows = BACKGROUNDS.map((b) => {
    const pub = cond.backgrounds[b.key] as PublishedRow;
    const ours: Record<string, Yield> = {};
    for (const r of PUB_REGIONS) {
      const y = perKaon(b, rIdx(r));
      ours[r] = { value: y.value * nK, error: y.error * nK };
    }
    return { key: b.key, label: pub.label, coincidence: !!b.coincidence, ours, published: pub };
  });
  const totals: Record<string, Yield> = {};
  for (const r of PUB_REGIONS) {
    let v = 0;
    let e2 = 0;
    for (const row of rows) {
      v += row.ours[r].value;
      e2 += row.ours[r].error ** 2;
    }
    totals[r] = { value: v, error: Math.sqrt(e2) };
  }
  // signal acceptance, normalisation, UL
  const [sw, sw2] = sum(tally, sig, rIdx("SR"));
  const accSig = sw / wGen(sig);
  const uAccSig = Math.sqrt(sw2) / wGen(sig);
  const norm = sIndex("k2pidd");
  const [nw, nw2] = sum(tally, norm, rIdx("NORM"));
  const accNorm = nw / wGen(norm);
  const uAccNorm = Math.sqrt(nw2) / wGen(norm);
  const nNormExpected = nK * sampleBR(SAMPLES[norm]) * accNorm;
  const nObs = cond.published.observed.SR;
  // a sample too small to fill the calibration figure leaves N_K undefined: the UL is then null
  const bSR = Number.isFinite(totals.SR.value) ? totals.SR.value : 0;
  const nUp = exactUpperLimit(nObs, bSR, 0.9);
  const ses = 1 / (nK * accSig);
  const ul = nUp * ses;
  const uUl = ul * Math.hypot(uAccSig / accSig, uNK / nK);
  // dark chains
  const dark = (spec: Pi4eSample) => {
    const s = sIndex(spec.key);
    const [w, w2] = sum(tally, s, rIdx("DARK"));
    const acc = wGen(s) > 0 ? w / wGen(s) : 0;
    const uAcc = wGen(s) > 0 ? Math.sqrt(w2) / wGen(s) : 0;
    // the signal-region acceptance before the pairing cut D and the m_ee window, and what those keep
    const [wSR] = sum(tally, s, rIdx("SR"));
    const accSR = wGen(s) > 0 ? wSR / wGen(s) : 0;
    const up = exactUpperLimit(0, 0, 0.9);
    const brUL = acc > 0 && nK > 0 ? up / (nK * acc) : Number.POSITIVE_INFINITY;
    return {
      mass: spec.mX!,
      acceptance: acc,
      uncertainty: uAcc,
      signalRegionAcceptance: accSR,
      windowEfficiency: accSR > 0 ? acc / accSR : null,
      brUpperLimit: Number.isFinite(brUL) ? brUL : null,
    };
  };
  const aa = SAMPLES.filter((s) => s.key.startsWith("aa-")).map(dark);
  const sChain = SAMPLES.filter((s) => s.key.startsWith("S-")).map(dark);
  const best = (xs: { brUpperLimit: number | null }[]) =>
    Math.min(...xs.map((x) => x.brUpperLimit ?? Number.POSITIVE_INFINITY));
  // the largest dark-chain acceptance over the signal's (SM two-photon) acceptance: with one N_K, the
  // ratio UL(signal)/UL(dark) of the same job; NA62's 1.4 × 10⁻⁸ against "10⁻⁹" implies ~14
  const bestAcc = Math.max(...[...aa, ...sChain].map((x) => x.acceptance));
  const darkToSignal = accSig > 0 ? bestAcc / accSig : null;
  // comparison
  const cmp: ComparisonEntry[] = [];
  const tol = (f: string) => toleranceFor(cond.comparison, f);
  const pubUL = cond.published.brUpperLimit;
  cmp.push(
    compare({
      figure: "brUpperLimit",
      label: "UL BR(K⁺→π⁺e⁺e⁻e⁺e⁻) 90% CL",
      ours: ul,
      uncertainty: uUl,
      reference: { value: pubUL.limit, tag: pubUL.tag, source: pubUL.source },
      tolerance: tol("brUpperLimit"),
    }),
  );
  for (const row of [
    ...rows,
    { key: "total", label: "Total", ours: totals, published: cond.backgrounds.total as PublishedRow },
  ]) {
    for (const r of PUB_REGIONS) {
      const p = row.published[r];
      const figure = `bkg.${row.key}.${r}`;
      cmp.push(
        compare({
          figure,
          label: `${row.label}, ${r}`,
          ours: row.ours[r].value,
          uncertainty: row.ours[r].error,
          reference: p
            ? { value: p[0], error: p[1], tag: "talk", source: "[NA62-EQCD2024-talk] background table" }
            : null,
          tolerance: tol(figure),
          calibrated: calibratedFor(cond.comparison, period, figure),
        }),
      );
    }
  }
  const lvl = cond.published.darkLimitLevel;
  for (const [figure, label, xs] of [
    ["darkUL.aa", "best UL BR(K⁺→π⁺aa, a→ee) (order of magnitude)", aa],
    ["darkUL.S", `best UL BR(K⁺→π⁺S, S→A′A′, A′→ee), m_S = ${M_S} GeV (order of magnitude)`, sChain],
  ] as const) {
    cmp.push(
      compare({
        figure,
        label,
        ours: best(xs),
        reference: { value: lvl.value, tag: lvl.tag, source: lvl.source },
        tolerance: { factor: 10 },
      }),
    );
  }
  const { hists, plots } = pi4ePlots(hist, wGen, nK, pubUL.limit);
  const fmt = (f: string) => (f.startsWith("bkg.") ? { scale: 1, digits: 3 } : { scale: 1e9, digits: 2 });
  const ct = comparisonText(cmp, fmt, true);
  const bkgTable = {
    header: ["source", "B", "CR ours", "CR NA62", "LCR ours", "LCR NA62", "SR ours", "SR NA62"],
    rows: [...rows, { label: "Total", published: cond.backgrounds.total as PublishedRow, ours: totals }].map(
      (row) => [
        row.label,
        row.published.br !== undefined ? row.published.br.toExponential(1) : "",
        ...PUB_REGIONS.flatMap((r) => [
          `${row.ours[r].value.toFixed(3)} ± ${row.ours[r].error.toFixed(3)}`,
          row.published[r] ? `${row.published[r]![0]} ± ${row.published[r]![1]}` : "–",
        ]),
      ],
    ),
  };
  const obs = cond.published.observed;
  bkgTable.rows.push(["Data (NA62)", "", "", String(obs.CR), "", String(obs.LCR), "", String(obs.SR)]);
  const darkTable = {
    header: ["chain", "m_X [GeV/c²]", "A (SR)", "D and window keep", "acceptance", "UL BR (90% CL)"],
    rows: [
      ...aa.map((d) => ["π⁺aa, a→ee", d] as const),
      ...sChain.map((d) => [`π⁺S(${M_S}), S→A′A′`, d] as const),
    ].map(([name, d]) => [
      name,
      String(d.mass),
      d.signalRegionAcceptance.toExponential(3),
      d.windowEfficiency?.toFixed(3) ?? "—",
      d.acceptance.toExponential(3),
      d.brUpperLimit?.toExponential(2) ?? "—",
    ]),
  };
  const summary =
    `K⁺→π⁺e⁺e⁻e⁺e⁻, ${period}: ${info.events} simulated decays over ${SAMPLES.length} samples, seed ${info.seed}. ` +
    `N_K = ${nK.toExponential(3)} ± ${uNK.toExponential(1)} K⁺ decays in the z range (fixed on NA62's K⁺→π⁺π⁰_Dπ⁰_D loose-control-region entry); ` +
    `A(π⁺e⁺e⁻e⁺e⁻, SM γ*γ*) = ${accSig.toExponential(3)}, A(K⁺→π⁺π⁰_DD) = ${accNorm.toExponential(3)}; ` +
    `background in the signal region ${bSR.toFixed(3)}; UL(0 observed, CLs 90%) = ${ul.toExponential(2)} against NA62's ${pubUL.limit}. ` +
    `Coincidences: f = ${fPile.toExponential(2)} (a second kaon decay within ±${pu.window.value} ns).`;
  return {
    results: analysisResults(
      { analysis: "pi4e", period, seed: info.seed, events: info.events },
      cmp,
      {
        brUpperLimit: ul,
        kaonDecays: nK,
        singleEventSensitivity: ses,
        signalUpperCount: nUp,
        acceptance: { signal: accSig, normalisation: accNorm },
        uncertainty: {
          acceptance: { signal: uAccSig, normalisation: uAccNorm },
          kaonDecays: uNK,
          brUpperLimit: uUl,
        },
        normalisationCandidates: nNormExpected,
        pileupFactor: fPile,
        backgrounds: rows.map((r) => ({ key: r.key, label: r.label, coincidence: r.coincidence, ...r.ours })),
        totals,
        dark: { aa, S: { mS: M_S, points: sChain }, bestAcceptanceOverSignal: darkToSignal },
        ...(config.ntuple ? { ntupleScales: ntupleScales(nK) } : {}),
      },
      steps,
    ),
    hists,
    report: {
      summary,
      tables: [
        reportTable("K⁺→π⁺e⁺e⁻e⁺e⁻: kaonlab against NA62 (backgrounds in events, ULs × 10⁹)", ct),
        reportTable("Background table side by side (expected events)", bkgTable),
        reportTable("Dark chains: acceptance in the mass window and UL vs mass", darkTable),
        reportTable(
          "Cut flow of the signal (SM K⁺→π⁺γ*γ*), per K⁺→π⁺e⁺e⁻e⁺e⁻ decay in the z range",
          cutFlowText([{ label: "π⁺e⁺e⁻e⁺e⁻", steps }]),
        ),
      ],
      plots,
    },
    terminal: `${summary}\n${terminalText(bkgTable)}\n${terminalText(darkTable)}`,
  };
}

export const pi4eJob: AnalysisJob<Pi4eConfig> = {
  name: "pi4e",
  description:
    "K⁺→π⁺e⁺e⁻e⁺e⁻: five-track selection, backgrounds with coincidences, UL and dark chains, against NA62's",
  schema: pi4eConfigSchema as unknown as z.ZodType<Pi4eConfig>,
  periods: () => PI4E_PERIODS,
  defaultPeriod: "2018-S2",
  defaultEvents: 2_000_000,
  jsonResults: true,
  ntupleColumns: (c) => (c.ntuple ? candidateColumns(PI4E_CANDIDATE_COLUMNS) : null),
  runShard,
  merge,
};

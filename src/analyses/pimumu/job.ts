/**
 * The `pimumu` job: K⁺→π⁺μ⁺μ⁻ as NA62 measured it [NA62-PIMUMU-2022]. Three samples go through the
 * period's chain with every track (the multi-track event model): the signal (with the decay
 * generator's DEIP matrix element), K⁺→π⁺π⁺π⁻ (the normalisation, and a background through π→μν
 * decays in flight and pions that reach MUV3) and K⁺→π⁺π⁻μ⁺ν (a background through one such pion).
 * The selection (selection.ts) gives the signal acceptance per bin of z = m²_μμ/m²_K, the expected
 * backgrounds and the K⁺→π⁺π⁺π⁻ acceptance of the multi-track trigger. The merge
 *  - computes the model-independent BR from NA62's counts: B = (N_S − N_B)/(N_K^eff · A_πμμ);
 *  - generates a pseudo-data z spectrum with NA62's a₊, b₊ and number of candidates through the
 *    simulated acceptance, and fits W(z) to it (form-factor.ts: binned Poisson likelihood,
 *    MINOS-like errors);
 *  - compares with NA62's figures and draws m(πμμ), m(3π), the acceptance and dΓ/dz with the fit.
 * The candidate ntuple (`ntuple`, default on; selection.ts) holds the signal-window and low-mass
 * control-region events of every sample; weight × `ntupleScales` gives expected events for
 * NA62's N_K^eff (the signal at NA62's BR).
 */
import { z } from "zod";
import { particleTable } from "../../core/particles.ts";
import { stream } from "../../core/rng/streams.ts";
import { flag } from "../../core/schema.ts";
import { HBAR } from "../../core/units.ts";
import { findChannel } from "../../decays/catalogue.ts";
import { pillParams } from "../../decays/me/pill.ts";
import { loadPeriod } from "../../detector/card.ts";
import { h1 } from "../../io/histogram.ts";
import type { PlotSpec } from "../../io/plot.ts";
import type { AnalysisJob, MergeInfo, MergeOutput, ShardContext, ShardResult } from "../job.ts";
import {
  chargeAndMomentumTest,
  MemberStore,
  pairBatchFor,
  pileupConditions,
  pileupFactor,
  runPairs,
} from "../layer/coincidence.ts";
import { compare, toleranceFor } from "../layer/comparison.ts";
import { cardOverridesSchema, choosePeriod, zRangeSchema } from "../layer/config.ts";
import { CutFlow } from "../layer/cut-flow.ts";
import { addDense1 } from "../layer/hists.ts";
import { normalisationEvents } from "../layer/normalisation.ts";
import { CandidateNtuple, candidateColumns } from "../layer/ntuple.ts";
import { comparisonText, cutFlowText, reportTable, terminalText } from "../layer/report.ts";
import { analysisResults } from "../layer/results.ts";
import { type SampleBase, sampleFamily, sampleSimulator, splitEvents } from "../layer/samples.ts";
import { pimumuConditions } from "./conditions.ts";
import { binBr, binCoefficients, fitFormFactor, poisson, totalBr } from "./form-factor.ts";
import {
  CUTS,
  controlBins,
  MASS_BINS,
  PIMUMU_CANDIDATE_COLUMNS,
  PimumuSelection,
  PimumuTally,
} from "./selection.ts";

export const PIMUMU_PERIODS = ["2017", "2018-S1", "2018-S2"] as const;

export const SAMPLES: readonly (SampleBase & { label: string; partner?: boolean })[] = [
  { key: "signal", channel: "K+ -> pi+ mu+ mu-", share: 4, label: "K⁺→π⁺μ⁺μ⁻" },
  // π→μν decays in flight drawn 8× more often (src/detector/biasing.ts; the expectation is unchanged)
  { key: "k3pi", channel: "K+ -> pi+ pi+ pi-", share: 5, label: "K⁺→π⁺π⁺π⁻", biasing: { pionDecay: 8 } },
  { key: "ke4mu", channel: "K+ -> pi+ pi- mu+ nu", share: 3, label: "K⁺→π⁺π⁻μ⁺ν" },
  // coincidence partners only (their single-track events): see COINCIDENCES
  { key: "kmu2", channel: "K+ -> mu+ nu", share: 3, label: "K⁺→μ⁺ν", partner: true },
];

/**
 * The pile-up coincidences that can fake π⁺μ⁺μ⁻ (three tracks, charge +1, one μ⁻): a K⁺→π⁺π⁺π⁻
 * event with two tracks (π⁺π⁻; the μ⁻ from π⁻→μ⁻ν in flight or a π⁻ mis-identified) overlaid on the
 * single μ⁺ of an in-time K⁺→μ⁺ν (the most frequent kaon decay and the most frequent lone μ⁺).
 * A lone μ⁺ from K⁺→π⁰μ⁺ν (BR 19× smaller) and a lone π⁺ from K⁺→π⁺π⁰ (it needs both K3π pions to
 * decay to muons) are left out. Every member event is paired with every partner event of its shard
 * whose summed momentum passes the total-momentum and p_T cuts (a necessary condition: the rest go
 * through the vertex fit and the selection).
 */
export const COINCIDENCES = [
  {
    key: "k3pi+kmu2",
    member: "k3pi",
    memberTracks: 2,
    partner: "kmu2",
    partnerTracks: 1,
    label: "K⁺→π⁺π⁺π⁻ (2 tracks) + K⁺→μ⁺ν (coincidence)",
  },
] as const;
/** partner events per member event: all of the shard's */
export const PAIRS = Number.MAX_SAFE_INTEGER;

/** 90% CL Poisson upper bound on the mean for zero observed events */
const ZERO_EVENTS_90 = Math.LN10; // −ln 0.1

export const pimumuConfigSchema = z
  .object({
    /** kaon decays are forced into [zMin, zMax] (mm), with the matching weight */
    zRange: zRangeSchema(),
    /** detector period-card overrides, e.g. ["gtk.sigmaT=0.05"] */
    card: cardOverridesSchema(),
    /** write the candidate ntuple of the signal window and the control region (Parquet, per shard) */
    ntuple: flag().default(true),
  })
  .strict();

export type PimumuConfig = z.infer<typeof pimumuConfigSchema>;

function periodOf(p: string | null): string {
  return choosePeriod(p, PIMUMU_PERIODS, "2018-S2");
}

function masses() {
  const pt = particleTable();
  return {
    mK: pt.mass("K+"),
    mPi: pt.mass("pi+"),
    mMu: pt.mass("mu+"),
    gammaK: HBAR / pt.get("K+").lifetime,
  };
}

function runShard(
  config: PimumuConfig,
  seed: number,
  shard: number,
  events: number,
  ctx: ShardContext,
): ShardResult {
  const period = periodOf(ctx.period);
  const cond = pimumuConditions();
  const sel = new PimumuSelection(cond.cuts, cond.bins, masses());
  const candidates = ctx.ntuple ? new CandidateNtuple(ctx.ntuple, PIMUMU_CANDIDATE_COLUMNS) : null;
  sel.candidates = candidates;
  const split = splitEvents(SAMPLES, events);
  const arrays: Record<string, Float64Array> = {};
  const counters: Record<string, number> = {};
  let done = 0;
  // the coincidence members and partners: events with the track count of their role
  const stores = new Map<string, { store: MemberStore; n: number; tracks: number }>();
  for (const c of COINCIDENCES) {
    for (const [key, tracks] of [
      [c.member, c.memberTracks],
      [c.partner, c.partnerTracks],
    ] as const) {
      const k = SAMPLES.findIndex((x) => x.key === key);
      stores.set(key, { store: new MemberStore(split[k], tracks), n: split[k], tracks });
    }
  }
  SAMPLES.forEach((spec, k) => {
    const keep = stores.get(spec.key);
    const sim = sampleSimulator(spec, {
      period,
      zRange: config.zRange as [number, number],
      card: config.card,
    });
    const t = new PimumuTally(cond.bins.n);
    candidates?.setLabels(period, spec.key, spec.key);
    sim.run(
      seed,
      sampleFamily(shard, PIMUMU_PERIODS.indexOf(period as never), k),
      split[k],
      (b, r, first) => {
        if (keep) {
          const tl = r.tracks;
          for (let i = 0; i < b.size; i++)
            if (tl.count[i] === keep.tracks && tl.found[i] === keep.tracks)
              keep.store.add(first + i, r, i, b.weight[i], 0, b.vtxZ[i]);
        }
        if (!spec.partner) {
          sel.firstEvent = first;
          sel.process(b, r, t, k === 0);
        }
        ctx.progress(done + first + b.size);
      },
    );
    done += split[k];
    const key = spec.key;
    arrays[`${key}.flow`] = t.flow;
    arrays[`${key}.flow2`] = t.flow2;
    arrays[`${key}.zSel`] = t.zSel;
    arrays[`${key}.zSel2`] = t.zSel2;
    arrays[`${key}.zTrue`] = t.zTrue;
    arrays[`${key}.mass`] = t.mass;
    arrays[`${key}.mass3pi`] = t.mass3pi;
    counters[`${key}.wFv`] = t.wFv;
    counters[`${key}.norm`] = t.norm;
    counters[`${key}.norm2`] = t.norm2;
    counters[`${key}.nFv`] = t.nFv;
  });
  // coincidences through the same selection (not written to the candidate ntuple)
  sel.candidates = null;
  const card = loadPeriod(period, config.card);
  const pb = pairBatchFor(card);
  const c0 = cond.cuts;
  const [sx, sy] = [card.beam.nominalSlopeX, card.beam.nominalSlopeY];
  for (const c of COINCIDENCES) {
    const a = stores.get(c.member)!;
    const p = stores.get(c.partner)!;
    const t = new PimumuTally(cond.bins.n);
    const formed = runPairs(
      a.store,
      a.n,
      p.store,
      p.n,
      PAIRS,
      pb,
      chargeAndMomentumTest(a.store, p.store, c0.pBeam - c0.dPMax, c0.pBeam + c0.dPMax, c0.ptMax, sx, sy),
      (batch) => sel.process(batch.b, batch.r, t, false),
      // the pair's p_z is within 1 GeV/c of its |P| for any pair that passes the p_T cut
      [c0.pBeam - c0.dPMax - 1, c0.pBeam + c0.dPMax],
    );
    arrays[`${c.key}.flow`] = t.flow;
    arrays[`${c.key}.flow2`] = t.flow2;
    arrays[`${c.key}.zSel`] = t.zSel;
    arrays[`${c.key}.mass`] = t.mass;
    counters[`${c.key}.pairs`] = formed;
    counters[`${c.key}.members`] = a.n;
  }
  candidates?.flush();
  return { events, counters, hists: {}, arrays };
}

const sum = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
};

function merge(config: PimumuConfig, total: ShardResult, info: MergeInfo): MergeOutput {
  const period = periodOf(info.period);
  const cond = pimumuConditions();
  const pub = cond.published;
  const arr = (k: string) => total.arrays![k] as Float64Array;
  const m = masses();
  const bins = cond.bins;
  const dz = (bins.hi - bins.lo) / bins.n;
  const nK = pub.kaonDecaysEffective.value;
  const last = CUTS.length - 1;

  // the signal acceptance, in total and per z bin (reconstructed / true)
  const wFvSig = total.counters["signal.wFv"];
  const flowSig = arr("signal.flow");
  const flowSig2 = arr("signal.flow2");
  const accSig = wFvSig > 0 ? flowSig[last] / wFvSig : 0;
  const uAccSig = wFvSig > 0 ? Math.sqrt(flowSig2[last]) / wFvSig : 0;
  const zSel = arr("signal.zSel");
  const zTrue = arr("signal.zTrue");
  const accBin = Array.from(zSel, (s, i) => (zTrue[i] > 0 ? s / zTrue[i] : 0));

  // backgrounds: N_K^eff · BR · (selected weight / weight in the FV)
  const single = SAMPLES.slice(1)
    .filter((s) => !s.partner)
    .map((s) => {
      const wFv = total.counters[`${s.key}.wFv`];
      const br = findChannel(s.channel).br ?? 0;
      const f = arr(`${s.key}.flow`);
      const f2 = arr(`${s.key}.flow2`);
      const scale = wFv > 0 ? (nK * br) / wFv : 0;
      const nFv = total.counters[`${s.key}.nFv`];
      // the low-mass control region: m(πμμ) from the plot's lower edge to 2 MeV/c² below the window
      const mass = arr(`${s.key}.mass`);
      const crHi = controlBins(m.mK, cond.cuts.dMMax);
      let control = 0;
      for (let k = 0; k < crHi; k++) control += mass[k];
      return {
        key: s.key,
        label: s.label,
        channel: s.channel,
        /** with nothing selected: the 90% CL bound that the MC statistics allow (events of weight wFv/nFv) */
        upperBound90: nFv > 0 ? (ZERO_EVENTS_90 * scale * wFv) / nFv : Number.POSITIVE_INFINITY,
        control: control * scale,
        br,
        scale,
        expected: f[last] * scale,
        uncertainty: Math.sqrt(f2[last]) * scale,
        perBin: Array.from(arr(`${s.key}.zSel`), (x) => x * scale),
      };
    });
  // coincidences: the member's single-decay scale × (beam kaons within ±w); the pair weights are
  // w_a·w_b/(pairs per member) (runPairs) and the chain's weights are per beam kaon: a member event
  // counts nK·B/W_FV · w_a expected events, the partner's w_b is its probability per beam kaon
  const fPerKaon = pileupFactor(pileupConditions(), loadPeriod(period, config.card).beam.intensity, 1);
  const coincidences = COINCIDENCES.map((c) => {
    const m = single.find((b) => b.key === c.member)!;
    const scale = m.scale * fPerKaon;
    const f = arr(`${c.key}.flow`);
    const f2 = arr(`${c.key}.flow2`);
    const mass = arr(`${c.key}.mass`);
    const crHi = controlBins(masses().mK, cond.cuts.dMMax);
    let control = 0;
    for (let k = 0; k < crHi; k++) control += mass[k];
    const pairs = total.counters[`${c.key}.pairs`];
    return {
      key: c.key,
      label: c.label,
      channel: `${SAMPLES.find((x) => x.key === c.member)!.channel} ⊕ ${SAMPLES.find((x) => x.key === c.partner)!.channel}`,
      /** with nothing selected: the 90% CL bound of the pairs formed (each of the mean pair weight) */
      upperBound90: pairs > 0 ? (ZERO_EVENTS_90 * scale * f[0]) / pairs : Number.POSITIVE_INFINITY,
      control: control * scale,
      /** the product of the two branching ratios */
      br:
        (findChannel(SAMPLES.find((x) => x.key === c.member)!.channel).br ?? 0) *
        (findChannel(SAMPLES.find((x) => x.key === c.partner)!.channel).br ?? 0),
      scale,
      expected: f[last] * scale,
      uncertainty: Math.sqrt(f2[last]) * scale,
      perBin: Array.from(arr(`${c.key}.zSel`), (x) => x * scale),
      pairs,
      pileupFactorPerKaon: fPerKaon,
    };
  });
  const backgrounds = [...single, ...coincidences];
  const bkg = backgrounds.reduce((s, b) => s + b.expected, 0);
  const uBkg = Math.sqrt(backgrounds.reduce((s, b) => s + b.uncertainty ** 2, 0));
  const bkgBin = Array.from({ length: bins.n }, (_, i) => backgrounds.reduce((s, b) => s + b.perBin[i], 0));

  // the model-independent BR from NA62's counts and kaonlab's acceptance
  const nS = pub.candidates.value;
  const nB = pub.background.value;
  const br = accSig > 0 ? (nS - nB) / (nK * accSig) : Number.NaN;
  const uBr = accSig > 0 ? (br * uAccSig) / accSig : 0;

  // the normalisation: K⁺→π⁺π⁺π⁻ acceptance of the MT trigger, and the N_3π it implies
  const wFv3 = total.counters["k3pi.wFv"];
  const acc3pi = wFv3 > 0 ? total.counters["k3pi.norm"] / wFv3 : 0;
  const uAcc3pi = wFv3 > 0 ? Math.sqrt(total.counters["k3pi.norm2"]) / wFv3 : 0;
  const downscaleMt = loadPeriod(period, config.card).trigger.downscale.mt;
  const br3pi = findChannel("K+ -> pi+ pi+ pi-").br ?? 0;
  const n3pi = normalisationEvents(nK, { acceptance: acc3pi, br: br3pi, downscale: downscaleMt });

  // pseudo-data with NA62's a₊, b₊ and number of candidates, and the form-factor fit
  const ff = pillParams("K+ -> pi+ mu+ mu-");
  const coef = binCoefficients(bins, m, ff);
  const a0 = pub.aPlus.value;
  const b0 = pub.bPlus.value;
  let sumAB = 0;
  for (let i = 0; i < bins.n; i++) sumAB += accBin[i] * binBr(coef, i, a0, b0);
  const nPseudo = sumAB > 0 ? (nS - sum(bkgBin)) / sumAB : 0;
  const rng = stream(info.seed, 0, "pimumu-pseudo");
  const counts = Array.from({ length: bins.n }, (_, i) =>
    poisson(rng, nPseudo * accBin[i] * binBr(coef, i, a0, b0) + bkgBin[i]),
  );
  const fit = fitFormFactor(
    { coef, acceptance: accBin, background: bkgBin, counts, kaonDecays: nPseudo },
    [-0.5, -0.5],
  );
  // model-independent BR of the pseudo-data (closure): Σ (n_i − b_i)/(N_K · A_i)
  let brPseudo = 0;
  let uBrPseudo2 = 0;
  for (let i = 0; i < bins.n; i++) {
    if (!(accBin[i] > 0)) continue;
    brPseudo += (counts[i] - bkgBin[i]) / (nPseudo * accBin[i]);
    uBrPseudo2 += counts[i] / (nPseudo * accBin[i]) ** 2;
  }
  const brGenerated = totalBr(coef, a0, b0);
  const brFit = totalBr(coef, fit.a, fit.b);

  const row = (figure: string, label: string, ours: number, unc: number, reference: object | null) =>
    compare({
      figure,
      label,
      ours,
      uncertainty: unc,
      reference: reference as never,
      tolerance: toleranceFor(cond.comparison, figure),
    });
  const comparison = [
    row("br", "B(K⁺→π⁺μ⁺μ⁻) from NA62's counts", br, uBr, pub.br),
    row("aPlus", "a₊ (fit to pseudo-data)", fit.a, 0, pub.aPlus),
    row("bPlus", "b₊ (fit to pseudo-data)", fit.b, 0, pub.bPlus),
    row("background", "expected background events", bkg, uBkg, pub.background),
    row(
      "candidates",
      "candidates N_K^eff·B·A + background",
      nK * pub.br.value * accSig + bkg,
      nK * pub.br.value * uAccSig,
      pub.candidates,
    ),
    row("acceptance", "A(K⁺→π⁺μ⁺μ⁻)", accSig, uAccSig, null),
    row("acceptance.k3pi", "A(K⁺→π⁺π⁺π⁻), MT trigger", acc3pi, uAcc3pi, null),
  ];

  // histograms and plots
  const hists = [];
  const massHist = (key: string, label: string, scale: number, which: "mass" | "mass3pi") => {
    const h = h1(`${which}_${key}`, label, {
      ...MASS_BINS,
      label: which === "mass" ? "m(π⁺μ⁺μ⁻) [GeV/c²]" : "m(π⁺π⁺π⁻) [GeV/c²]",
    });
    addDense1(h, arr(`${key}.${which}`), scale);
    return h;
  };
  const sigScale = wFvSig > 0 ? (nK * pub.br.value) / wFvSig : 0;
  const hSig = massHist("signal", "K⁺→π⁺μ⁺μ⁻", sigScale, "mass");
  const hBkg = backgrounds.map((b) => massHist(b.key, b.label, b.scale, "mass"));
  const h3pi = massHist(
    "k3pi",
    "K⁺→π⁺π⁺π⁻ (MT trigger, ×1/D)",
    backgrounds[0].scale / downscaleMt,
    "mass3pi",
  );
  const zAxis = { n: bins.n, lo: bins.lo, hi: bins.hi, label: "z = m²(μμ)/m²_K" };
  const hData = h1("dbdz_pseudo", "pseudo-data, acceptance-corrected", zAxis, "dB/dz");
  const hFit = h1("dbdz_fit", `fit: a₊ = ${fit.a.toFixed(3)}, b₊ = ${fit.b.toFixed(3)}`, zAxis, "dB/dz");
  const hPass = h1("acc_pass", "selected", zAxis);
  const hTot = h1("acc_total", "in the FV", zAxis);
  for (let i = 0; i < bins.n; i++) {
    if (accBin[i] > 0) {
      const s = nPseudo * accBin[i] * dz;
      hData.sumw[i + 1] = (counts[i] - bkgBin[i]) / s;
      hData.sumw2[i + 1] = counts[i] / (s * s);
    }
    hFit.sumw[i + 1] = binBr(coef, i, fit.a, fit.b) / dz;
    hPass.sumw[i + 1] = zSel[i];
    hPass.sumw2[i + 1] = arr("signal.zSel2")[i];
    hTot.sumw[i + 1] = zTrue[i];
    hTot.sumw2[i + 1] = zTrue[i] * zTrue[i];
  }
  hists.push(hSig, ...hBkg, h3pi, hData, hFit, hPass, hTot);
  const window: [number, number] = [m.mK - cond.cuts.dMMax, m.mK + cond.cuts.dMMax];
  const plots: PlotSpec[] = [
    {
      kind: "hist1d",
      name: "m_pimumu",
      title: `m(π⁺μ⁺μ⁻) of the selected events, ${period} (expected events for N_K^eff = ${nK.toExponential(2)})`,
      xLabel: "m(π⁺μ⁺μ⁻) [GeV/c²]",
      yLabel: "events / 0.5 MeV/c²",
      series: [
        ...hBkg.map((h, k) => ({ hist: h, label: h.title, color: ["#d62728", "#2ca02c"][k] })),
        { hist: hSig, label: "K⁺→π⁺μ⁺μ⁻", color: "#1f77b4" },
      ],
      stack: true,
      logY: true,
      bands: [
        { label: "signal region", x: window, color: "#1f77b4" },
        { label: "control (low)", x: [MASS_BINS.lo, window[0] - 0.002], color: "#999999" },
      ],
      caption:
        "Signal region |m − m_K| < 8 MeV/c²; the low-mass side band is the control region where K⁺→π⁺π⁺π⁻ with π→μν decays and K⁺→π⁺π⁻μ⁺ν accumulate.",
    },
    {
      kind: "hist1d",
      name: "m_3pi",
      title: "m(π⁺π⁺π⁻) of the K⁺→π⁺π⁺π⁻ normalisation (MT trigger, downscaled)",
      xLabel: "m(π⁺π⁺π⁻) [GeV/c²]",
      series: [{ hist: h3pi, label: "K⁺→π⁺π⁺π⁻" }],
      logY: true,
      bands: [{ label: "normalisation region", x: [m.mK - cond.cuts.dM3piMax, m.mK + cond.cuts.dM3piMax] }],
    },
    {
      kind: "hist1d",
      name: "dbdz_fit",
      title:
        "dΓ/dz / Γ_K: pseudo-data (NA62's a₊, b₊, 27 679 candidates) corrected by the acceptance, and the fit",
      xLabel: "z = m²(μμ)/m²_K",
      yLabel: "dB/dz",
      series: [
        { hist: hData, label: "pseudo-data", color: "#000000" },
        { hist: hFit, label: hFit.title, color: "#d62728" },
      ],
    },
    {
      kind: "efficiency",
      name: "acceptance_z",
      title: "K⁺→π⁺μ⁺μ⁻ acceptance per z bin (reconstructed over true)",
      xLabel: "z = m²(μμ)/m²_K",
      series: [{ pass: hPass, total: hTot, label: "A(z)", errors: "weights" }],
    },
  ];

  // tables
  const fmt = (f: string) =>
    f === "br"
      ? { scale: 1e8, digits: 3 }
      : f === "background" || f === "candidates"
        ? { scale: 1, digits: 1 }
        : f.startsWith("acceptance")
          ? { scale: 100, digits: 3 }
          : { scale: 1, digits: 3 };
  const cmp = comparisonText(comparison, fmt, true);
  const bkgTable = {
    header: [
      "source",
      "BR",
      "signal region: expected events",
      "MC bound (90% CL) when none is selected",
      "low-mass control region",
      "NA62",
    ],
    rows: [
      ...backgrounds.map((b) => [
        b.label,
        b.br.toExponential(3),
        `${b.expected.toPrecision(3)} ± ${b.uncertainty.toPrecision(2)}`,
        b.expected > 0 ? "–" : `< ${b.upperBound90.toPrecision(3)}`,
        b.control.toPrecision(3),
        "–",
      ]),
      ["total", "", `${bkg.toPrecision(3)} ± ${uBkg.toPrecision(2)}`, "", "", `${nB}`],
    ],
  };
  const fitTable = {
    header: ["parameter", "generated (NA62)", "fitted", "MINOS −", "MINOS +", "σ (Hessian)", "NA62 error"],
    rows: [
      [
        "a₊",
        `${a0}`,
        fit.a.toFixed(4),
        fit.aErr[0].toFixed(4),
        fit.aErr[1].toFixed(4),
        fit.aSigma.toFixed(4),
        `${pub.aPlus.error}`,
      ],
      [
        "b₊",
        `${b0}`,
        fit.b.toFixed(4),
        fit.bErr[0].toFixed(4),
        fit.bErr[1].toFixed(4),
        fit.bSigma.toFixed(4),
        `${pub.bPlus.error}`,
      ],
    ],
  };
  const flows = SAMPLES.filter((s) => !s.partner).map((s) => {
    const f = new CutFlow(CUTS, arr(`${s.key}.flow`), arr(`${s.key}.flow2`));
    return { label: s.key, steps: f.steps(1) };
  });
  const fitResult = {
    a: fit.a,
    b: fit.b,
    aErr: fit.aErr,
    bErr: fit.bErr,
    aSigma: fit.aSigma,
    bSigma: fit.bSigma,
    rho: fit.rho,
    deviance: fit.deviance,
    ndf: fit.ndf,
    converged: fit.converged,
    generated: { a: a0, b: b0 },
    pseudoCandidates: sum(counts),
    counts,
    brGenerated,
    brFit,
    brModelIndependent: brPseudo,
    brModelIndependentError: Math.sqrt(uBrPseudo2),
  };
  const summary =
    `K⁺→π⁺μ⁺μ⁻, ${period}: ${info.events} simulated decays, seed ${info.seed}. A(πμμ) = ${accSig.toFixed(4)} ± ${uAccSig.toFixed(4)}; ` +
    `with NA62's N_S = ${nS}, N_B = ${nB} and N_K^eff = ${nK.toExponential(2)}: B = ${(br * 1e8).toFixed(3)} × 10⁻⁸ (NA62: 9.15). ` +
    `Expected background ${bkg.toFixed(1)} ± ${uBkg.toFixed(1)} events (NA62: ${nB}). Form-factor fit to a pseudo-data set of ${sum(counts)} candidates ` +
    `generated with a₊ = ${a0}, b₊ = ${b0}: a₊ = ${fit.a.toFixed(3)} −${fit.aErr[0].toFixed(3)} +${fit.aErr[1].toFixed(3)}, ` +
    `b₊ = ${fit.b.toFixed(3)} −${fit.bErr[0].toFixed(3)} +${fit.bErr[1].toFixed(3)} (ρ = ${fit.rho.toFixed(2)}, deviance ${fit.deviance.toFixed(1)} / ${fit.ndf}).`;
  return {
    results: analysisResults(
      { analysis: "pimumu", period, seed: info.seed, events: info.events },
      comparison,
      {
        acceptance: accSig,
        acceptanceK3pi: acc3pi,
        kaonDecaysEffective: nK,
        br,
        background: bkg,
        backgrounds: backgrounds.map((b) => ({
          key: b.key,
          coincidence: "pairs" in b,
          channel: b.channel,
          expected: b.expected,
          uncertainty: b.uncertainty,
          upperBound90: b.upperBound90,
          controlRegion: b.control,
        })),
        normalisation: { downscale: downscaleMt, brK3pi: br3pi, predictedEvents: n3pi },
        acceptancePerBin: accBin,
        zBins: bins,
        fit: fitResult,
        uncertainty: { acceptance: uAccSig, br: uBr, background: uBkg },
        pileup: {
          factorPerBeamKaon: fPerKaon,
          window: pileupConditions().window.value,
          pairsPerMember: "every partner event of the shard",
          pairs: Object.fromEntries(coincidences.map((c) => [c.key, c.pairs])),
          // expected events after each cut (the pairs formed passed the total-momentum and p_T test)
          cutFlows: Object.fromEntries(
            coincidences.map((c) => [
              c.key,
              CUTS.map((cut, i) => ({ cut, expected: arr(`${c.key}.flow`)[i] * c.scale })),
            ]),
          ),
        },
        // expected events per unit of ntuple weight (N_K^eff · BR / weight in the FV)
        ...(config.ntuple
          ? {
              ntupleScales: [
                { period, sample: "signal", scale: sigScale },
                ...single.map((b) => ({ period, sample: b.key, scale: b.scale })),
              ],
            }
          : {}),
      },
      new CutFlow(CUTS, flowSig, flowSig2).steps(1),
    ),
    hists,
    report: {
      summary,
      tables: [
        reportTable(`K⁺→π⁺μ⁺μ⁻ ${period}: kaonlab against NA62 (B × 10⁸, A × 10²)`, cmp),
        reportTable(
          "Form-factor fit to the pseudo-data (binned Poisson likelihood, MINOS-like errors)",
          fitTable,
        ),
        reportTable("Expected background in the signal region", bkgTable),
        reportTable("Cut flow: weight per decay in the FV", cutFlowText(flows)),
        reportTable(
          `Pile-up coincidences: expected events after each cut (N_K^eff = ${nK.toExponential(2)}, a second decay within ±${pileupConditions().window.value} ns; the pairs tried passed the total-momentum and p_T test)`,
          {
            header: ["cut", ...coincidences.map((c) => c.label)],
            rows: CUTS.map((cut, i) => [
              cut,
              ...coincidences.map((c) => {
                const v = arr(`${c.key}.flow`)[i] * c.scale;
                return v === 0 ? "0" : v.toPrecision(3);
              }),
            ]),
          },
        ),
      ],
      plots,
    },
    terminal: `${summary}\n${terminalText(comparisonText(comparison, fmt))}`,
  };
}

export const pimumuJob: AnalysisJob<PimumuConfig> = {
  name: "pimumu",
  description: "K⁺→π⁺μ⁺μ⁻: acceptance, backgrounds, B from NA62's counts and the W(z) form-factor fit",
  schema: pimumuConfigSchema as unknown as z.ZodType<PimumuConfig>,
  periods: () => PIMUMU_PERIODS,
  defaultPeriod: "2018-S2",
  defaultEvents: 1_000_000,
  jsonResults: true,
  ntupleColumns: (c) => (c.ntuple ? candidateColumns(PIMUMU_CANDIDATE_COLUMNS) : null),
  runShard,
  merge,
};

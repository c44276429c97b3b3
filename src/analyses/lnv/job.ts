/**
 * The `lnv` job: NA62's lepton-flavour and lepton-number violating K⁺ searches (K⁺→π⁻μ⁺μ⁺, π⁻e⁺e⁺,
 * π⁻μ⁺e⁺, π⁺μ⁻e⁺, π⁺μ⁺e⁻, π⁰→μ⁻e⁺ in K⁺→π⁺π⁰, π⁻π⁰e⁺e⁺). Signals are generated with uniform phase
 * space, as NA62 assumes (the catalogue's "search" channels); π⁰→μ⁻e⁺ is the K⁺→π⁺μ⁻e⁺ phase space
 * restricted at generator level to m(μ⁻e⁺) = m_π⁰ (flat phase space at fixed m(μe) is the K⁺→π⁺π⁰
 * kinematics with an isotropic π⁰ decay). Every sample goes through the chain and the three-track
 * selection (selection.ts) of every final state; the normalisation channels NA62 used (K⁺→π⁺π⁺π⁻,
 * K⁺→π⁺e⁺e⁻) get their acceptances, the backgrounds that fake the modes (K⁺→π⁺π⁺π⁻ with
 * mis-identification or π→μν decays in flight, K⁺→π⁺e⁺e⁻, K⁺→π⁰_D e⁺ν, K⁺→π⁺π⁰_D, K⁺→π⁺π⁻e⁺ν,
 * K⁺→π⁺μ⁺μ⁻) their expected counts with NA62's exposure. The 90% CL upper limit of each mode is
 *   B < N_UL · D / (N_K · A_sig)   (π⁰→μ⁻e⁺: divided by BR(K⁺→π⁺π⁰) as well),
 * N_UL the exact CLs upper limit of src/stats (one bin, no nuisance) from NA62's observed count and
 * expected background, N_K the K⁺ decays in the fiducial volume of the mode's years, D the downscale
 * of the mode's trigger line (eMT, or the di-muon 2μMT for π⁻μ⁺μ⁺) in the period card.
 * The candidate ntuple (`ntuple`, default on) holds, per mode, the events selected in its mass window
 * (category = the mode) and those passing every cut but the window with a mass in 440–540 MeV/c²
 * (category "<mode> sideband", the best assignment's weight); `ntupleScales` are per (sample, category): backgrounds in expected
 * events with NA62's exposure, signals per unit BR.
 */
import { z } from "zod";
import { Simulator } from "../../chain/simulator.ts";
import { particleTable } from "../../core/particles.ts";
import { flag } from "../../core/schema.ts";
import { findChannel } from "../../decays/catalogue.ts";
import type { Biasing } from "../../detector/biasing.ts";
import { loadPeriod } from "../../detector/card.ts";
import { h1 } from "../../io/histogram.ts";
import type { Hist1DPlot } from "../../io/plot.ts";
import type { ColumnSpec } from "../../io/table.ts";
import { exactLimit } from "../../stats/limits.ts";
import type { AnalysisJob, MergeInfo, MergeOutput, ShardContext, ShardResult } from "../job.ts";
import {
  chargeAndMomentumTest,
  MemberStore,
  pairBatchFor,
  pileupConditions,
  pileupFactor,
  runPairs,
} from "../layer/coincidence.ts";
import { type ComparisonEntry, compare } from "../layer/comparison.ts";
import { cardOverridesSchema } from "../layer/config.ts";
import { CutFlow } from "../layer/cut-flow.ts";
import { addDense1 } from "../layer/hists.ts";
import { CandidateNtuple, candidateColumns } from "../layer/ntuple.ts";
import { comparisonText, cutFlowText, reportTable, statusSummary, terminalText } from "../layer/report.ts";
import { analysisResults } from "../layer/results.ts";
import { sampleFamily, splitEvents } from "../layer/samples.ts";
import { asReference, exposureOf, type LnvMode, lnvPublished, lnvSelection } from "./modes.ts";
import { backgroundTable, type LnvLimit, limitsTable, normalisationTable, plotStem } from "./report.ts";
import { type FinalState, FLOW_STEPS, finalState, LnvSelection } from "./selection.ts";

interface LnvSample {
  key: string;
  label: string;
  channel: string;
  share: number;
  pi0Mode?: "eeg";
  /** index of the signal mode (in published.json order) this sample is the signal of */
  signal?: number;
  /** a kaon-decay background (or normalisation) sample */
  background?: boolean;
  /** importance sampling of the rare detector processes its background rests on (src/detector/biasing.ts) */
  biasing?: Partial<Biasing>;
  /** a coincidence partner only (its single-track events; COINCIDENCES) */
  partner?: boolean;
}

/**
 * K⁺→π⁺π⁺π⁻ fakes the π∓ℓℓ modes through π→μν decays in flight (before MUV3, or inside the
 * spectrometer with a kinked, mis-measured track): those decays are drawn 8× more often (a defensive
 * mixture, weights ≤ 2 per pion; the expectation is unchanged)
 */
const K3PI_BIASING = { pionDecay: 8 } as const;

const PUB = lnvPublished();
const SEL = lnvSelection();
export const MODES: readonly LnvMode[] = PUB.modes;

/** the samples: one per signal mode (in mode order), then the normalisation and background channels */
export const SAMPLES: readonly LnvSample[] = [
  ...MODES.map((m, k) => ({
    key: m.mode,
    label: m.label,
    channel: m.channel,
    share: m.pi0 ? 0.16 : 0.06,
    signal: k,
  })),
  {
    key: "k3pi",
    label: "K⁺→π⁺π⁺π⁻",
    channel: "K+ -> pi+ pi+ pi-",
    share: 0.2,
    background: true,
    biasing: K3PI_BIASING,
  },
  { key: "piee", label: "K⁺→π⁺e⁺e⁻", channel: "K+ -> pi+ e+ e-", share: 0.05, background: true },
  {
    key: "pi0Denu",
    label: "K⁺→π⁰_D e⁺ν",
    channel: "K+ -> pi0 e+ nu",
    share: 0.08,
    pi0Mode: "eeg",
    background: true,
  },
  {
    key: "pipi0D",
    label: "K⁺→π⁺π⁰_D",
    channel: "K+ -> pi+ pi0",
    share: 0.08,
    pi0Mode: "eeg",
    background: true,
  },
  { key: "ke4", label: "K⁺→π⁺π⁻e⁺ν", channel: "K+ -> pi+ pi- e+ nu", share: 0.04, background: true },
  { key: "pimumu", label: "K⁺→π⁺μ⁺μ⁻", channel: "K+ -> pi+ mu+ mu-", share: 0.03, background: true },
  { key: "kmu2", label: "K⁺→μ⁺ν", channel: "K+ -> mu+ nu", share: 0.08, partner: true },
  { key: "ke3", label: "K⁺→π⁰e⁺ν", channel: "K+ -> pi0 e+ nu", share: 0.04, partner: true },
];

/**
 * The pile-up coincidences that can fake the modes without a π⁰ (three tracks of charge +1, a kaon's
 * total momentum and p_T): a K⁺→π⁺π⁺π⁻ event with two tracks (π⁺π⁻) overlaid on the lone lepton of
 * an in-time decay — the μ⁺ of K⁺→μ⁺ν (π⁻μ⁺μ⁺ with π⁺→μ⁺ν, π⁺μ⁻e⁺… with a π mis-identified or
 * decayed) and the e⁺ of K⁺→π⁰e⁺ν (π⁻μ⁺e⁺ with π⁺→μ⁺ν, π⁺μ⁻e⁺ with π⁻→μ⁻ν, π⁻e⁺e⁺ with a π⁺ taken
 * for an e⁺). Each goes through every final state's selection; the modes with a π⁰ are not estimated
 * (their photons' momentum is outside the pair's momentum test). Every member event is paired with `pairs`
 * partner events of its shard (all of them for K⁺→μ⁺ν), those whose summed track momentum passes the
 * total-momentum and p_T cuts going through the vertex fit and the selection.
 */
export const COINCIDENCES = [
  {
    key: "k3pi+kmu2",
    member: "k3pi",
    partner: "kmu2",
    label: "K⁺→π⁺π⁺π⁻ (2 tracks) + K⁺→μ⁺ν (coincidence)",
    pairs: Number.MAX_SAFE_INTEGER,
  },
  {
    key: "k3pi+ke3",
    member: "k3pi",
    partner: "ke3",
    label: "K⁺→π⁺π⁺π⁻ (2 tracks) + K⁺→π⁰e⁺ν (coincidence)",
    // a softer lone e⁺ passes the momentum test ~2000× more often than the μ⁺ of K⁺→μ⁺ν: 1024
    // partners per member keep the job's time
    pairs: 1024,
  },
] as const;
const NC = COINCIDENCES.length;
/** the modes the coincidences are estimated for: no π⁰ (the pair's momentum test is on tracks only) */
const coincidenceMode = (m: LnvMode) => !m.pi0 && !m.photons;

/** the final states: the modes, then the two normalisations */
export const STATES: readonly FinalState[] = [
  ...MODES.map((m) =>
    finalState(m.mode, m.daughters, { photons: m.photons ?? 0, pi0: m.pi0 ?? false, trigger: m.trigger }),
  ),
  finalState("norm-k3pi", ["pi+", "pi+", "pi-"], { trigger: "mt", pid: false }),
  finalState("norm-piee", ["pi+", "e+", "e-"], { trigger: "emt", meeMin: SEL.normalisationMeeMin }),
];
const NS = SAMPLES.length;
const NF = STATES.length;
const NORM_INDEX: Record<string, number> = {
  "K+ -> pi+ pi+ pi-": MODES.length,
  "K+ -> pi+ e+ e-": MODES.length + 1,
};
const NORM_SAMPLE: Record<string, number> = {
  "K+ -> pi+ pi+ pi-": SAMPLES.findIndex((s) => s.key === "k3pi"),
  "K+ -> pi+ e+ e-": SAMPLES.findIndex((s) => s.key === "piee"),
};

/** the mass histograms: m(final state) around m_K */
const MASS_BINS = 50;
const MASS_LO = 0.44;
const MASS_HI = 0.54;

export const lnvConfigSchema = z
  .object({
    /** detector period card (the chain of the simulated samples) */
    chainPeriod: z.string().default("2018-S2"),
    /** detector period-card overrides, e.g. ["gtk.sigmaT=0.05"] */
    card: cardOverridesSchema(),
    /** write the candidate ntuple of every mode's selected and side-band events (Parquet, per shard) */
    ntuple: flag().default(true),
  })
  .strict();

/** the candidate ntuple's own columns (GeV, mm) */
export const LNV_CANDIDATE_COLUMNS: readonly ColumnSpec[] = [
  { name: "mass", type: "DOUBLE" },
  { name: "weight_pre_window", type: "DOUBLE" },
  { name: "vtx_z", type: "DOUBLE" },
  { name: "vtx_chi2", type: "DOUBLE" },
  { name: "p_total", type: "DOUBLE" },
  { name: "pt", type: "DOUBLE" },
];

/** the ntuple category of mode m's events outside its mass window */
const sideband = (mode: string) => `${mode} sideband`;

export type LnvConfig = z.infer<typeof lnvConfigSchema>;

function runShard(
  config: LnvConfig,
  seed: number,
  shard: number,
  events: number,
  ctx: ShardContext,
): ShardResult {
  if (ctx.period !== null) throw new RangeError(`--period: the lnv job takes no period, got "${ctx.period}"`);
  const split = splitEvents(SAMPLES, events);
  const sel = new LnvSelection([...STATES], SEL);
  const nGen = new Float64Array(NS);
  const wGen = new Float64Array(NS);
  const wSel = new Float64Array(NS * NF);
  const wSel2 = new Float64Array(NS * NF);
  const massHist = new Float64Array(NS * NF * MASS_BINS);
  // the cut flow of every signal sample on its own final state
  const NFL = FLOW_STEPS.length;
  const flow = new Float64Array(MODES.length * NFL);
  const flow2 = new Float64Array(MODES.length * NFL);
  const o = sel.out;
  const candidates = ctx.ntuple ? new CandidateNtuple(ctx.ntuple, LNV_CANDIDATE_COLUMNS) : null;
  const row = new Float64Array(LNV_CANDIDATE_COLUMNS.length);
  let done = 0;
  // coincidence members (K3π with two tracks) and partners (a lone track)
  const stores = new Map<string, { store: MemberStore; n: number; tracks: number }>();
  for (const c of COINCIDENCES) {
    const km = SAMPLES.findIndex((x) => x.key === c.member);
    const kp = SAMPLES.findIndex((x) => x.key === c.partner);
    stores.set(c.member, { store: new MemberStore(split[km], 2), n: split[km], tracks: 2 });
    stores.set(c.partner, { store: new MemberStore(split[kp], 1), n: split[kp], tracks: 1 });
  }
  for (let k = 0; k < NS; k++) {
    const s = SAMPLES[k];
    const n = split[k];
    if (n === 0) continue;
    const keep = stores.get(s.key);
    const sim = new Simulator({
      channel: s.channel,
      period: config.chainPeriod,
      card: config.card,
      mode: "weighted",
      zRange: [SEL.zRange[0], SEL.zRange[1]],
      ...(s.pi0Mode ? { pi0Mode: s.pi0Mode } : {}),
      ...(s.biasing ? { biasing: s.biasing } : {}),
    });
    const pi0 = s.signal !== undefined && MODES[s.signal].pi0 === true;
    const mPi0 = particleTable().get("pi0").mass;
    candidates?.setLabels(config.chainPeriod, s.key, s.key);
    sim.run(seed, sampleFamily(shard, 0, k), n, (b, r, first) => {
      if (keep) {
        const tl = r.tracks;
        for (let i = 0; i < b.size; i++)
          if (tl.count[i] === keep.tracks && tl.found[i] === keep.tracks)
            keep.store.add(first + i, r, i, b.weight[i], 0, b.vtxZ[i]);
      }
      if (s.partner) {
        ctx.progress(done + first + b.size);
        return;
      }
      for (let i = 0; i < b.size; i++) {
        if (pi0 && !(Math.abs(sel.truthMuE(b, i) - mPi0) < SEL.pi0TruthWindow)) continue;
        nGen[k] += 1;
        wGen[k] += b.weight[i];
        sel.process(b, r, i);
        if (s.signal !== undefined) {
          const m = s.signal;
          for (let st = 0; st < NFL; st++) {
            const w = o.flow[m * NFL + st];
            flow[m * NFL + st] += w;
            flow2[m * NFL + st] += w * w;
          }
        }
        for (let f = 0; f < NF; f++) {
          const w = o.wSel[f];
          if (w > 0) {
            wSel[k * NF + f] += w;
            wSel2[k * NF + f] += w * w;
          }
          const wp = o.wPre[f];
          // a signal sample's rows: its own mode only (its scale is per unit of its own BR)
          // (side band: inside the mass plot's range, 440–540 MeV/c²)
          const inPlot = o.mass[f] >= MASS_LO && o.mass[f] < MASS_HI;
          if (
            candidates &&
            f < MODES.length &&
            wp > 0 &&
            (w > 0 || inPlot) &&
            (s.background || s.signal === f)
          ) {
            row[0] = o.mass[f];
            row[1] = wp;
            row[2] = r.vtxZ[i];
            row[3] = r.vtxChi2[i];
            row[4] = r.vtxP[i];
            row[5] = r.vtxPt[i];
            const mode = MODES[f].mode;
            candidates.add(w > 0 ? mode : sideband(mode), first + i, w > 0 ? w : wp, row);
          }
          if (wp > 0) {
            const bin = Math.floor(((o.mass[f] - MASS_LO) / (MASS_HI - MASS_LO)) * MASS_BINS);
            if (bin >= 0 && bin < MASS_BINS) massHist[(k * NF + f) * MASS_BINS + bin] += wp;
          }
        }
      }
      ctx.progress(done + first + b.size);
    });
    done += n;
  }
  // the coincidences through every final state's selection (not written to the candidate ntuple)
  const cSel = new Float64Array(NC * NF);
  const cSel2 = new Float64Array(NC * NF);
  /** per coincidence: pairs formed, their summed weight */
  const cPairs = new Float64Array(NC * 2);
  /** per coincidence: the pair weight after the common steps (generated … vertex χ²) of the selection */
  const cFlow = new Float64Array(NC * 4);
  const card = loadPeriod(config.chainPeriod, config.card);
  const pb = pairBatchFor(card);
  const [sx, sy] = [card.beam.nominalSlopeX, card.beam.nominalSlopeY];
  COINCIDENCES.forEach((c, ci) => {
    const a = stores.get(c.member)!;
    const p = stores.get(c.partner)!;
    cPairs[ci * 2] = runPairs(
      a.store,
      a.n,
      p.store,
      p.n,
      c.pairs,
      pb,
      chargeAndMomentumTest(a.store, p.store, SEL.totalMomentum[0], SEL.totalMomentum[1], SEL.ptMax, sx, sy),
      (batch) => {
        for (let i = 0; i < batch.size; i++) {
          cPairs[ci * 2 + 1] += batch.b.weight[i];
          sel.process(batch.b, batch.r, i);
          for (let st = 0; st < 4; st++) cFlow[ci * 4 + st] += o.flow[st];
          for (let f = 0; f < NF; f++) {
            const w = o.wSel[f];
            if (w > 0 && f < MODES.length && coincidenceMode(MODES[f])) {
              cSel[ci * NF + f] += w;
              cSel2[ci * NF + f] += w * w;
            }
          }
        }
      },
      // the pair's p_z is within 1 GeV/c of its |P| for any pair that passes the p_T cut
      [SEL.totalMomentum[0] - 1, SEL.totalMomentum[1]],
    );
  });
  candidates?.flush();
  return {
    events,
    counters: {},
    hists: {},
    arrays: { nGen, wGen, wSel, wSel2, massHist, flow, flow2, cSel, cSel2, cPairs, cFlow },
  };
}

function merge(config: LnvConfig, total: ShardResult, info: MergeInfo): MergeOutput {
  const a = total.arrays as Record<string, Float64Array>;
  const { nGen, wGen, wSel, wSel2, massHist } = a;
  // P(decay in the FV) per kaon: the generated weight per event of the search samples (BR = 1)
  let pz = 0;
  let nPz = 0;
  for (let k = 0; k < NS; k++) {
    const s = SAMPLES[k];
    if (s.signal !== undefined && !MODES[s.signal].pi0 && nGen[k] > 0) {
      pz += wGen[k];
      nPz += nGen[k];
    }
  }
  pz = nPz > 0 ? pz / nPz : Number.NaN;
  const acc = (k: number, f: number) => ({
    value: wGen[k] > 0 ? wSel[k * NF + f] / wGen[k] : 0,
    error: wGen[k] > 0 ? Math.sqrt(wSel2[k * NF + f]) / wGen[k] : 0,
  });
  const card = loadPeriod(config.chainPeriod, config.card);
  const downscales = {
    emt: card.trigger.downscale.emt,
    mumt: card.trigger.downscale.mumt,
    dimuon: card.trigger.downscale.dimuon,
  };
  const brPiPi0 = findChannel("K+ -> pi+ pi0").br ?? Number.NaN;
  const fPerKaon = pileupFactor(pileupConditions(), card.beam.intensity, 1);
  const limits: LnvLimit[] = [];
  const comparison: ComparisonEntry[] = [];
  const tol = PUB.tolerance.default;
  const plots: Hist1DPlot[] = [];
  const hists = [];
  const ntupleScales: { period: string; sample: string; category: string; scale: number }[] = [];
  for (let m = 0; m < MODES.length; m++) {
    const mode = MODES[m];
    const kSig = SAMPLES.findIndex((s) => s.signal === m);
    const nK = exposureOf(PUB, mode);
    const A = acc(kSig, m);
    // the mode's trigger line is downscaled (period card); π⁰→μ⁻e⁺ is per π⁰ from K⁺→π⁺π⁰
    const downscale = downscales[mode.trigger];
    const perDecay = mode.pi0 ? brPiPi0 : 1;
    const ses = A.value > 0 ? downscale / (nK * perDecay * A.value) : Number.POSITIVE_INFINITY;
    const nf = NORM_INDEX[mode.normalisation];
    const ns = NORM_SAMPLE[mode.normalisation];
    const aNorm = nf !== undefined && ns >= 0 ? acc(ns, nf).value : Number.NaN;
    const backgrounds = [];
    let bTot = 0;
    let bTot2 = 0;
    for (let k = 0; k < NS; k++) {
      const s = SAMPLES[k];
      if (!s.background || nGen[k] === 0) continue;
      // recorded through the same downscaled trigger line as the signal
      const scale = nK / (nGen[k] * pz * downscale);
      const expected = wSel[k * NF + m] * scale;
      const error = Math.sqrt(wSel2[k * NF + m]) * scale;
      // one MC event at the full generator weight: the resolution of the estimate
      const singleEvent = (wGen[k] / nGen[k]) * scale;
      backgrounds.push({ sample: s.key, label: s.label, expected, error, singleEvent });
      for (const category of [mode.mode, sideband(mode.mode)])
        ntupleScales.push({ period: config.chainPeriod, sample: s.key, category, scale });
      bTot += expected;
      bTot2 += error * error;
    }
    // coincidences: the member's scale × the beam kaons within ±w (pair weights w_a·w_b/pairs per member)
    for (let ci = 0; ci < NC; ci++) {
      const c = COINCIDENCES[ci];
      if (!coincidenceMode(mode)) break;
      const km = SAMPLES.findIndex((x) => x.key === c.member);
      if (nGen[km] === 0) continue;
      const scale = (nK / (nGen[km] * pz * downscale)) * fPerKaon;
      const expected = a.cSel[ci * NF + m] * scale;
      const error = Math.sqrt(a.cSel2[ci * NF + m]) * scale;
      const formed = a.cPairs[ci * 2];
      // one pair at the mean weight of the pairs formed (those that pass the momentum test)
      const singleEvent = formed > 0 ? (a.cPairs[ci * 2 + 1] / formed) * scale : Number.NaN;
      backgrounds.push({ sample: c.key, label: c.label, expected, error, singleEvent });
      bTot += expected;
      bTot2 += error * error;
    }
    // the signal per unit BR
    const sigScale = wGen[kSig] > 0 ? (nK * perDecay) / (wGen[kSig] * downscale) : 0;
    for (const category of [mode.mode, sideband(mode.mode)])
      ntupleScales.push({ period: config.chainPeriod, sample: SAMPLES[kSig].key, category, scale: sigScale });
    const nObs = mode.observed?.value ?? null;
    const bPub = mode.background?.value ?? null;
    const nUL = nObs !== null && bPub !== null ? exactLimit(nObs, bPub, 0.9).upperLimit : null;
    const ul = nUL !== null && Number.isFinite(ses) ? nUL * ses : null;
    const pubUl = mode.ul?.value ?? null;
    limits.push({
      mode: mode.mode,
      label: mode.label,
      channel: mode.channel,
      years: mode.years,
      kaonDecays: nK,
      triggerDownscale: downscale,
      perKaonDecay: perDecay,
      acceptance: A.value,
      acceptanceError: A.error,
      ses,
      normalisation: mode.normalisation,
      normalisationAcceptance: aNorm,
      nObserved: nObs,
      backgroundPublished: bPub,
      backgroundOurs: bTot,
      backgroundOursError: Math.sqrt(bTot2),
      nUpperLimit: nUL,
      method: "CLs (exact, one bin, no nuisance; src/stats exactLimit)",
      methodPublished: `${mode.method.value} [${mode.method.tag}]`,
      brUpperLimit: ul,
      publishedUpperLimit: pubUl,
      ratio: ul !== null && pubUl ? ul / pubUl : null,
      backgrounds,
    });
    if (ul !== null) {
      comparison.push(
        compare({
          figure: `ul.${mode.mode}`,
          label: `UL ${mode.label} (90% CL)`,
          ours: ul,
          uncertainty: A.value > 0 ? (ul * A.error) / A.value : 0,
          reference: asReference(mode.ul),
          tolerance: tol,
        }),
      );
    }
    comparison.push(
      compare({
        figure: `background.${mode.mode}`,
        label: `background ${mode.label}`,
        ours: bTot,
        uncertainty: Math.sqrt(bTot2),
        reference: asReference(mode.background),
        tolerance: tol,
      }),
    );
    // mass distribution: the signal at the published UL (or 10⁻¹⁰) and the backgrounds
    const brShow = pubUl ?? 1e-10;
    const mk = (name: string, title: string) =>
      h1(name, title, {
        n: MASS_BINS,
        lo: MASS_LO,
        hi: MASS_HI,
        label: `m(${mode.label.replace("K⁺→", "")}) [GeV/c²]`,
      });
    const hSig = mk(`mass_${m}_signal`, `${mode.label}: signal at B = ${brShow.toExponential(1)}`);
    addDense1(
      hSig,
      massHist.subarray(kSig * NF * MASS_BINS + m * MASS_BINS, kSig * NF * MASS_BINS + (m + 1) * MASS_BINS),
      (nK * perDecay * brShow) / (wGen[kSig] * downscale),
    );
    const series = [{ hist: hSig, label: `signal, B = ${brShow.toExponential(1)}` }];
    hists.push(hSig);
    for (let k = 0; k < NS; k++) {
      const s = SAMPLES[k];
      if (!s.background || nGen[k] === 0) continue;
      const h = mk(`mass_${m}_${s.key}`, `${mode.label}: ${s.label}`);
      addDense1(
        h,
        massHist.subarray((k * NF + m) * MASS_BINS, (k * NF + m + 1) * MASS_BINS),
        nK / (nGen[k] * pz * downscale),
      );
      if (h.sumw.some((v) => v > 0)) {
        hists.push(h);
        series.push({ hist: h, label: s.label });
      }
    }
    const mK = particleTable().get("K+").mass;
    plots.push({
      kind: "hist1d",
      name: `mass-${plotStem(mode.mode)}`,
      title: `${mode.label}: invariant mass before the m_K window (expected events, NA62 exposure)`,
      xLabel: `m [GeV/c²]`,
      yLabel: "events / 2 MeV/c²",
      series,
      logY: true,
      bands: [
        { label: "control", x: [MASS_LO, mK - SEL.massWindow] },
        { label: "signal region", x: [mK - SEL.massWindow, mK + SEL.massWindow], color: "#d62728" },
        { label: "control", x: [mK + SEL.massWindow, MASS_HI] },
      ],
      caption: `Selected ${mode.label} candidates except the mass window: the signal generated with uniform phase space scaled to B = ${brShow.toExponential(1)}, the background channels scaled to NA62's N_K = ${nK.toExponential(2)}; the signal region is |m − m_K| < ${SEL.massWindow * 1e3} MeV/c², the sidebands are the control regions.`,
    });
  }
  const normalisations = Object.keys(NORM_INDEX).map((ch) => {
    const A = acc(NORM_SAMPLE[ch], NORM_INDEX[ch]);
    return { channel: ch, acceptance: A.value, error: A.error };
  });
  const NFL = FLOW_STEPS.length;
  const flows = MODES.map((mode, m) => ({
    label: mode.label,
    steps: new CutFlow(
      FLOW_STEPS,
      a.flow.subarray(m * NFL, (m + 1) * NFL),
      a.flow2.subarray(m * NFL, (m + 1) * NFL),
    ).steps(0),
  }));
  const fmt = (f: string) => (f.startsWith("ul.") ? { scale: 1e11, digits: 2 } : { scale: 1, digits: 3 });
  const cmp = comparisonText(comparison, fmt, true);
  return {
    results: {
      ...analysisResults(
        { analysis: "lnv", period: null, seed: info.seed, events: info.events },
        comparison,
        {
          chainPeriod: config.chainPeriod,
          decayProbabilityFv: pz,
          pileup: {
            factorPerBeamKaon: fPerKaon,
            window: pileupConditions().window.value,
            pairs: Object.fromEntries(COINCIDENCES.map((c, ci) => [c.key, a.cPairs[ci * 2]])),
            // expected events (NA62's K⁺→π⁻μ⁺μ⁺ exposure, D = 1) after the selection's common steps
            commonSteps: Object.fromEntries(
              COINCIDENCES.map((c, ci) => {
                const km = SAMPLES.findIndex((x) => x.key === c.member);
                const sc = nGen[km] > 0 ? (exposureOf(PUB, MODES[0]) / (nGen[km] * pz)) * fPerKaon : 0;
                return [
                  c.key,
                  FLOW_STEPS.slice(0, 4).map((cut, st) => ({ cut, expected: a.cFlow[ci * 4 + st] * sc })),
                ];
              }),
            ),
          },
          signalModel: "uniform phase space (as NA62 assumes)",
          limitMethod:
            "CLs, exact one-bin Poisson (src/stats exactLimit) on NA62's observed count and expected background",
          limits,
          normalisations,
          cutFlows: Object.fromEntries(flows.map((f, m) => [MODES[m].mode, f.steps])),
          ...(config.ntuple ? { ntupleScales } : {}),
        },
        flows[0].steps,
      ),
    },
    hists,
    report: {
      summary:
        `NA62's LFV/LNV searches: ${info.events} simulated decays (seed ${info.seed}, chain ${config.chainPeriod}). ` +
        "Signals with uniform phase space (as NA62 assumes); the 90% CL upper limit B < N_UL·D/(N_K·A_sig) " +
        "with the exact CLs N_UL of src/stats from NA62's observed count and expected background, D the downscale of the " +
        "mode's trigger line (÷ BR(K⁺→π⁺π⁰) for π⁰→μ⁻e⁺). " +
        statusSummary(comparison),
      tables: [
        limitsTable(limits),
        reportTable("kaonlab against NA62 (UL × 10¹¹; backgrounds in events)", cmp),
        normalisationTable(normalisations, MODES),
        backgroundTable(limits),
        reportTable("Cut flow of each signal (fraction of the decays in the FV)", cutFlowText(flows)),
      ],
      plots,
    },
    terminal: `LFV/LNV upper limits (× 10⁻¹¹)\n${terminalText(comparisonText(comparison, fmt))}`,
  };
}

export const lnvJob: AnalysisJob<LnvConfig> = {
  name: "lnv",
  description: "K⁺ LFV/LNV searches: acceptances, backgrounds and 90% CL upper limits against NA62's",
  schema: lnvConfigSchema as unknown as z.ZodType<LnvConfig>,
  defaultEvents: 2_400_000,
  jsonResults: true,
  ntupleColumns: (c) => (c.ntuple ? candidateColumns(LNV_CANDIDATE_COLUMNS) : null),
  runShard,
  merge,
};

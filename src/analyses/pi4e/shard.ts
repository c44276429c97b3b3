/**
 * One shard of the pi4e job: every sample of samples.ts through the period's chain, the five-track
 * selection of each event with exactly five tracks, and the coincidences: each K⁺→π⁺π⁺π⁻ event with
 * two or three tracks overlaid on PAIRS partner events with three or two (pairing event i with
 * partner event (i + s) mod n, s < PAIRS: every pair is one of two independent decays, so the
 * weighted mean over the pairs estimates the acceptance of a coincidence without bias). The sums are
 * plain Float64Arrays indexed [sample][e± count][region][Σw, Σw²], merged exactly.
 * With a candidate ntuple, every event (or coincidence pair) in the signal, control or loose-control
 * region is a row per region it falls in (category SR, CR or LCR) of PI4E_CANDIDATE_COLUMNS; its source
 * is the background-table row it counts towards (samples.ts BACKGROUNDS), else the sample key (a
 * coincidence: "<partner> coincidence"); a coincidence's event is the K⁺→π⁺π⁺π⁻ event's index.
 */

import { Simulator } from "../../chain/simulator.ts";
import { MAX_SLOTS, Status } from "../../core/batch.ts";
import { PDG } from "../../core/particles.ts";
import { TrackList } from "../../core/track-list.ts";
import type { ColumnSpec } from "../../io/table.ts";
import type { ShardContext, ShardResult } from "../job.ts";
import { MemberStore, partnerIndex } from "../layer/coincidence.ts";
import { CutFlow } from "../layer/cut-flow.ts";
import { CandidateNtuple } from "../layer/ntuple.ts";
import { sampleFamily, splitEvents } from "../layer/samples.ts";
import { type Pi4eConfig, selectionSetup } from "./config.ts";
import { BACKGROUNDS, type Pi4eSample, SAMPLES } from "./samples.ts";
import { COMMON, F, type FiveTrackSelection, OFF_POLE, P_PI, R } from "./selection.ts";

/** regions of the tallies: SR, CR, LCR, NORM, DARK (the dark-chain mass window) */
export const REGIONS = ["SR", "CR", "LCR", "NORM", "DARK"] as const;
export const NE = 9;
const NR = REGIONS.length;
/** tally index of (sample, e± count, region), times two (Σw, Σw²) */
export function tallyIndex(s: number, e: number, r: number): number {
  return ((s * NE + Math.min(e, NE - 1)) * NR + r) * 2;
}
export const TALLY_SIZE = SAMPLES.length * NE * NR * 2;
/** partner events each K3π event is overlaid on */
export const PAIRS = 64;
/** histograms: m_π4e, Δp, m_4e per sample */
export const HISTS = {
  mPi4e: { n: 64, lo: 0.44, hi: 0.52 },
  dp: { n: 60, lo: -15, hi: 15 },
  m4e: { n: 60, lo: 0, hi: 0.36 },
} as const;
/** the cut flow of the signal sample */
export const FLOW_CUTS = [
  "K⁺ decay in the z range",
  "five STRAW tracks",
  "3 positive + 2 negative, vertex χ², vertex in FV",
  "m_π4e in the window",
  "off the π⁰ poles (m_4e, m_miss)",
  "p_π > 10 GeV/c",
  "signal region |Δp|",
] as const;
export type HistName = keyof typeof HISTS;

/** the candidate ntuple's own columns (GeV, mm; FiveTrackSelection.out, the e± count, 1 for a coincidence) */
export const PI4E_CANDIDATE_COLUMNS: readonly ColumnSpec[] = [
  { name: "m_pi4e", type: "DOUBLE" },
  { name: "m_4e", type: "DOUBLE" },
  { name: "m2miss", type: "DOUBLE" },
  { name: "dp", type: "DOUBLE" },
  { name: "p_pi", type: "DOUBLE" },
  { name: "vtx_z", type: "DOUBLE" },
  { name: "vtx_chi2", type: "DOUBLE" },
  { name: "d_min", type: "DOUBLE" },
  { name: "m_ee", type: "DOUBLE" },
  { name: "electrons", type: "INT32" },
  { name: "coincidence", type: "INT32" },
];

/** the regions written to the candidate ntuple and their selection bits */
const NTUPLE_REGIONS = [
  ["SR", R.SR],
  ["CR", R.CR],
  ["LCR", R.LCR],
] as const;

/** the ntuple source of an event of sample `key` with e e± (coincidence: as the partner) */
export function ntupleSource(key: string, e: number, coincidence: boolean): string {
  const row = BACKGROUNDS.find(
    (b) =>
      b.sample === key &&
      !!b.coincidence === coincidence &&
      (b.electrons === undefined || b.electrons === Math.min(e, NE - 1)),
  );
  return row ? row.key : coincidence ? `${key} coincidence` : key;
}

/** one row per ntuple region the event falls in */
function addRows(
  nt: CandidateNtuple,
  row: Float64Array,
  sel: FiveTrackSelection,
  bits: number,
  event: number,
  w: number,
  e: number,
  coincidence: boolean,
): void {
  const o = sel.out;
  row[0] = o[F.mPi4e];
  row[1] = o[F.m4e];
  row[2] = o[F.m2miss];
  row[3] = o[F.dp];
  row[4] = o[F.pPi];
  row[5] = o[F.z];
  row[6] = o[F.chi2];
  row[7] = o[F.dMin];
  row[8] = o[F.mee];
  row[9] = e;
  row[10] = coincidence ? 1 : 0;
  for (const [name, bit] of NTUPLE_REGIONS) if (bits & bit) nt.add(name, event, w, row);
}
const HNAMES = Object.keys(HISTS) as HistName[];

function binOf(h: { n: number; lo: number; hi: number }, x: number): number {
  if (!(x >= h.lo && x < h.hi)) return -1;
  return Math.floor(((x - h.lo) / (h.hi - h.lo)) * h.n);
}

/** e± among the generated final-state particles of event ev */
function electrons(b: { pdg: Int32Array; status: Uint8Array; nParticles: Uint8Array }, ev: number): number {
  let n = 0;
  const base = ev * MAX_SLOTS;
  for (let k = 0; k < b.nParticles[ev]; k++) {
    const id = b.pdg[base + k];
    if ((id === PDG.ep || id === PDG.em) && b.status[base + k] === Status.FINAL) n++;
  }
  return n;
}

function tallyRegions(
  tally: Float64Array,
  s: number,
  e: number,
  bits: number,
  w: number,
  sel: FiveTrackSelection,
  spec: Pi4eSample,
  window: number,
): void {
  const add = (r: number) => {
    const g = tallyIndex(s, e, r);
    tally[g] += w;
    tally[g + 1] += w * w;
  };
  if (bits & R.SR) add(0);
  if (bits & R.CR) add(1);
  if (bits & R.LCR) add(2);
  if (bits & R.NORM) add(3);
  if (spec.mX !== undefined && sel.darkCandidate(bits, spec.mX, window)) add(4);
}

export function runPi4eShard(
  config: Pi4eConfig,
  seed: number,
  shard: number,
  events: number,
  ctx: ShardContext,
  periodIndex: number,
  period: string,
): ShardResult {
  const { sel, window } = selectionSetup(period, config.card);
  const split = splitEvents(SAMPLES, events);
  const tally = new Float64Array(TALLY_SIZE);
  const gen = new Float64Array(SAMPLES.length * 3); // n, Σw, Σw² of every generated event
  const hist = new Float64Array(SAMPLES.length * HNAMES.reduce((s, h) => s + HISTS[h].n, 0));
  const hoff: number[] = [];
  let acc = 0;
  for (const h of HNAMES) {
    hoff.push(acc);
    acc += HISTS[h].n;
  }
  const hstride = acc;
  const idx = new Int32Array(5);
  const flow = new CutFlow(FLOW_CUTS);
  const kept: (MemberStore | null)[] = SAMPLES.map(() => null);
  const nt = ctx.ntuple ? new CandidateNtuple(ctx.ntuple, PI4E_CANDIDATE_COLUMNS) : null;
  const row = new Float64Array(PI4E_CANDIDATE_COLUMNS.length);
  let done = 0;
  SAMPLES.forEach((spec, s) => {
    const n = split[s];
    if (n === 0) return;
    const sim = new Simulator({
      channel: spec.channel,
      period,
      card: config.card,
      zRange: [config.zRange[0], config.zRange[1]],
      pi0Mode: spec.pi0Mode,
      ...(spec.particles ? { particles: spec.particles } : {}),
    });
    const keep = spec.role === "k3pi" || spec.role === "partner" ? new MemberStore(n, 3, 0) : null;
    kept[s] = keep;
    gen[s * 3] += n;
    sim.run(seed, sampleFamily(shard, periodIndex, s), n, (b, r, first) => {
      const tl = r.tracks;
      for (let i = 0; i < b.size; i++) {
        const w0 = b.weight[i];
        gen[s * 3 + 1] += w0;
        gen[s * 3 + 2] += w0 * w0;
        const c = tl.count[i];
        const isSig = spec.role === "signal";
        if (isSig) flow.pass(0, w0);
        if (keep && (c === 2 || c === 3)) keep.add(first + i, tl, i, w0, electrons(b, i));
        if (c !== 5) continue;
        if (isSig) flow.pass(1, w0);
        const o = tl.offset(i);
        for (let j = 0; j < 5; j++) idx[j] = o + j;
        const bits = sel.evaluate(tl, idx);
        if (bits < 0) continue;
        const w = w0 * sel.out[F.eff];
        if (isSig) {
          flow.pass(2, w);
          if (bits & COMMON) flow.pass(3, w);
          if (bits & OFF_POLE) flow.pass(4, w);
          if (bits & OFF_POLE && bits & P_PI) flow.pass(5, w);
          if (bits & R.SR) flow.pass(6, w);
        }
        const h0 = s * hstride;
        const bm = binOf(HISTS.mPi4e, sel.out[F.mPi4e]);
        if (bm >= 0) hist[h0 + hoff[0] + bm] += w;
        if (bits & COMMON) {
          const bd = binOf(HISTS.dp, sel.out[F.dp]);
          if (bd >= 0) hist[h0 + hoff[1] + bd] += w;
          const b4 = binOf(HISTS.m4e, sel.out[F.m4e]);
          if (b4 >= 0) hist[h0 + hoff[2] + b4] += w;
        }
        if (bits === 0) continue;
        const e = electrons(b, i);
        tallyRegions(tally, s, e, bits, w, sel, spec, window);
        if (nt && w > 0) {
          nt.setLabels(period, spec.key, ntupleSource(spec.key, e, false));
          addRows(nt, row, sel, bits, first + i, w, e, false);
        }
      }
      ctx.progress(done + first + b.size);
    });
    done += n;
  });
  // coincidences: K3π ⊕ partner
  const k3 = SAMPLES.findIndex((x) => x.role === "k3pi");
  const ka = kept[k3];
  const pair = new TrackList(1);
  const coinc = new Float64Array(SAMPLES.length * NE * NR * 2);
  for (let s = 0; s < SAMPLES.length; s++) {
    const kb = kept[s];
    if (SAMPLES[s].role !== "partner" || !kb || !ka) continue;
    const nb = split[s];
    for (let i = 0; i < split[k3]; i++) {
      const a = ka.map[i];
      if (a < 0) continue;
      for (let sh = 0; sh < PAIRS; sh++) {
        const bk = kb.map[partnerIndex(i, sh, nb)];
        if (bk < 0 || ka.count[a] + kb.count[bk] !== 5) continue;
        kb.copyTracks(bk, pair, 0, ka.copyTracks(a, pair, 0, 0));
        for (let j = 0; j < 5; j++) idx[j] = j;
        const bits = sel.evaluate(pair, idx);
        if (bits <= 0) continue;
        const w = ka.weight(a) * kb.weight(bk) * sel.out[F.eff];
        tallyRegions(coinc, s, kb.tag(bk), bits, w, sel, SAMPLES[s], window);
        if (nt && w > 0) {
          nt.setLabels(period, SAMPLES[s].key, ntupleSource(SAMPLES[s].key, kb.tag(bk), true));
          addRows(nt, row, sel, bits, i, w, kb.tag(bk), true);
        }
      }
    }
  }
  nt?.flush();
  return {
    events,
    counters: {},
    hists: {},
    arrays: { tally, coinc, gen, hist, flow: flow.sumw, flow2: flow.sumw2 },
  };
}

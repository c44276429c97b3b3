/**
 * The detector-performance figures NA62 quotes ([NA62-EQCD2024-talk], [NA62-JINST-2017]), measured on simulated samples the way NA62 quotes
 * them. Shared by the validation tests (test/reco/validation.test.ts) and the validation table
 * (scripts/validation-detector.ts → docs/validation/detector.md).
 *
 * The single-track selection (single-track.ts) with these cuts: one positive STRAW track with
 * 15 < p < 35 GeV/c in the RICH, CHOD, LKr (analysis cut) and MUV3 acceptances and inside the LAV
 * rings, an associated GTK track, a vertex in the fiducial volume (105–165 m) and a good track fit. Every sum is weighted by the
 * generator weight times the track-fit probability.
 */
import { particleTable } from "../core/particles.ts";
import type { RecoBatch } from "../core/reco-batch.ts";
import { meanRandomVetoEfficiency } from "../detector/accidentals.ts";
import { loadPeriod } from "../detector/card.ts";
import { missingMass2 } from "../reco/missing-mass.ts";
import { Simulator } from "./simulator.ts";
import { PERFORMANCE_ACCEPTANCE, type SingleTrackCuts, SingleTrackSelection } from "./single-track.ts";

const FV: [number, number] = [105000, 165000];

/** the cuts of the performance figures for a momentum range (see the file comment) */
export function performanceCuts(pMin = 15, pMax = 35): SingleTrackCuts {
  return {
    acceptance: PERFORMANCE_ACCEPTANCE,
    lkrInnerCut: true,
    momentum: [pMin, pMax],
    vertexZ: FV,
    kaon: true,
    fit: true,
  };
}

/** the selection of the last momentum range asked for (callers loop over events with one range) */
let cached: { pMin: number; pMax: number; sel: SingleTrackSelection } | null = null;

/** the single-track selection of the performance figures (see the file comment) */
export function singleTrack(r: RecoBatch, i: number, pMin = 15, pMax = 35): boolean {
  if (!cached || cached.pMin !== pMin || cached.pMax !== pMax)
    cached = { pMin, pMax, sel: new SingleTrackSelection(performanceCuts(pMin, pMax)) };
  return cached.sel.accepts(r, i);
}

function run(
  channel: string,
  period: string,
  events: number,
  seed: number,
  each: (r: RecoBatch, i: number, w: number, pdg: number) => void,
): void {
  const sim = new Simulator({ channel, period, zRange: FV });
  sim.run(seed, 0, events, (b, r) => {
    for (let i = 0; i < b.size; i++) {
      if (!singleTrack(r, i)) continue;
      each(r, i, b.weight[i] * r.effTrack[i], r.trackId[i]);
    }
  });
}

export interface PeakFigure {
  n: number;
  /** median of m²miss (GeV²/c⁴) */
  peak: number;
  /** core resolution from the interquartile range (IQR/1.349) */
  sigma: number;
  /** statistical precision of the peak (1.25 σ/√n) */
  peakError: number;
  /** fraction of wrong kaon associations (pile-up track chosen) */
  mistag: number;
  /** fraction of events more than 5σ from the peak (non-Gaussian tails) */
  tail5: number;
}

/** K⁺→π⁺π⁰: the m²miss peak and its core width (pion track, single-track selection) */
export function pipi0Peak(period: string, events: number, seed: number): PeakFigure {
  const m2: number[] = [];
  let n = 0;
  let wrong = 0;
  run("K+ -> pi+ pi0", period, events, seed, (r, i, _w, pdg) => {
    if (pdg !== 211) return;
    n++;
    if (r.gtkMatch[i] === 0) wrong++;
    m2.push(r.m2miss[i]);
  });
  m2.sort((a, b) => a - b);
  const q = (f: number) => m2[Math.min(m2.length - 1, Math.floor(f * m2.length))];
  const peak = q(0.5);
  const sigma = (q(0.75) - q(0.25)) / 1.349;
  let tail = 0;
  for (const v of m2) if (Math.abs(v - peak) > 5 * sigma) tail++;
  return { n, peak, sigma, peakError: (1.25 * sigma) / Math.sqrt(n), mistag: wrong / n, tail5: tail / n };
}

/** K⁺→μ⁺ν under the π⁺ hypothesis at a muon momentum p, exact on-axis two-body kinematics */
export function kmu2MissingMass(p: number, pK = 75): number {
  const pt = particleTable();
  const mK = pt.mass("K+");
  const mMu = pt.mass("mu+");
  const EK = Math.hypot(pK, mK);
  const Emu = Math.hypot(p, mMu);
  const c = (EK * Emu - 0.5 * (mK * mK + mMu * mMu)) / (pK * p);
  const th = Math.acos(Math.min(1, c));
  return missingMass2(pK, 0, 0, mK, p, Math.tan(th), 0, pt.mass("pi+"));
}

export interface PidFigure {
  /** weighted mean pid_pi of true muons (mis-identification) and its rejection 1/… */
  muonMisId: number;
  muonMisIdError: number;
  rejection: number;
  /** RICH-only and calorimeter-only muon mis-identification */
  richMuon: number;
  caloMuon: number;
  /** weighted mean pid_pi of true pions */
  pionEfficiency: number;
  richPion: number;
  nMuon: number;
  nPion: number;
}

/** muon rejection and pion efficiency of the PID for 15–35 GeV/c tracks */
export function pidFigure(period: string, events: number, seed: number): PidFigure {
  let wm = 0;
  let sm = 0;
  let sm2 = 0;
  let rm = 0;
  let cm = 0;
  let nm = 0;
  run("K+ -> mu+ nu", period, events, seed, (r, i, w, pdg) => {
    if (pdg !== 13) return;
    nm++;
    wm += w;
    sm += w * r.pidPi[i];
    sm2 += w * r.pidPi[i] * r.pidPi[i];
    rm += w * r.richPi[i];
    cm += w * r.caloPi[i];
  });
  let wp = 0;
  let sp = 0;
  let rp = 0;
  let np = 0;
  run("K+ -> pi+ pi0", period, Math.ceil(events / 4), seed + 1, (r, i, w, pdg) => {
    if (pdg !== 211) return;
    np++;
    wp += w;
    sp += w * r.pidPi[i];
    rp += w * r.richPi[i];
  });
  const mis = sm / wm;
  // spread of the per-event probabilities → uncertainty of their mean
  const err = Math.sqrt(Math.max(sm2 / wm - mis * mis, 0) / nm);
  return {
    muonMisId: mis,
    muonMisIdError: err,
    rejection: 1 / mis,
    richMuon: rm / wm,
    caloMuon: cm / wm,
    pionEfficiency: sp / wp,
    richPion: rp / wp,
    nMuon: nm,
    nPion: np,
  };
}

export interface Pi0Figure {
  n: number;
  /** weighted mean photon-veto survival of K⁺→π⁺π⁰ in the π⁺π⁰ m²miss region */
  inefficiency: number;
  /** statistical uncertainty of the mean inefficiency (from the spread of the per-event values) */
  inefficiencyError: number;
  rejection: number;
  /** share of the inefficiency from events with a photon outside every veto */
  geometric: number;
}

/** π⁰ rejection of the photon vetoes for K⁺→π⁺π⁰ with the π⁺ in 15–35 GeV/c */
export function pi0Figure(period: string, events: number, seed: number): Pi0Figure {
  let w = 0;
  let s = 0;
  let s2 = 0;
  let geo = 0;
  let n = 0;
  run("K+ -> pi+ pi0", period, events, seed, (r, i, wi) => {
    const m2 = r.m2miss[i];
    if (!(m2 > 0.015 && m2 < 0.021)) return;
    n++;
    w += wi;
    s += wi * r.pv[i];
    s2 += wi * r.pv[i] * r.pv[i];
    if (r.pv[i] > 0.5) geo += wi * r.pv[i];
  });
  const mean = s / w;
  const err = Math.sqrt(Math.max(s2 / w - mean * mean, 0) / n);
  return { n, inefficiency: mean, inefficiencyError: err, rejection: w / s, geometric: s > 0 ? geo / s : 0 };
}

export interface TriggerFigure {
  n: number;
  efficiency: number;
}

/** ε_trig(PNN) for K⁺→π⁺νν̄ events passing the offline single-track selection as pions */
export function pnnTriggerFigure(period: string, events: number, seed: number): TriggerFigure {
  let w = 0;
  let s = 0;
  let n = 0;
  run("K+ -> pi+ nu nubar", period, events, seed, (r, i, wi) => {
    const wp = wi * r.pidPi[i] * r.pv[i] * r.mult[i];
    n++;
    w += wp;
    s += wp * r.trigPnn[i];
  });
  return { n, efficiency: s / w };
}

/** ⟨ε_RV⟩ of a period at its card intensity */
export function randomVetoFigure(period: string): { intensity: number; epsRV: number } {
  const c = loadPeriod(period);
  return { intensity: c.beam.intensity, epsRV: meanRandomVetoEfficiency(c) };
}

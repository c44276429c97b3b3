/**
 * The simulated samples of the pi4e job: the signal, the K⁺→π⁺π⁰_DD normalisation, the single-decay
 * backgrounds of NA62's table, the K⁺→π⁺π⁺π⁻ and the partners of the coincidences (two kaon decays in
 * one event), and the dark chains at their mass points. A π⁰ mode is forced with the decayer's pi0Mode
 * (src/decays/secondary.ts): "eeee" forces every π⁰, "eeee+natural" the first π⁰ only (the other one
 * decays naturally; the analysis multiplies by the number of π⁰s and splits by the other π⁰'s mode).
 */
import { findChannel } from "../../decays/catalogue.ts";
import { type Pi0ModeName, pi0Params } from "../../decays/pi0.ts";

export interface Pi4eSample {
  key: string;
  channel: string;
  pi0Mode: Pi0ModeName;
  /** share of the shard's events */
  share: number;
  /** role: signal, normalisation, single-decay background, coincidence member, dark chain */
  role: "signal" | "norm" | "single" | "k3pi" | "partner" | "dark";
  /** hypothetical-particle settings (dark chains) */
  particles?: Record<string, number>;
  /** the mass the dark-chain window is centred on (GeV/c²) */
  mX?: number;
}

/** the mass points of the dark chains (GeV/c²): a of K⁺→π⁺aa; A′ of K⁺→π⁺S, S→A′A′ at m_S = M_S */
export const A_MASSES = [0.01, 0.03, 0.05, 0.08, 0.11, 0.14, 0.17] as const;
export const AP_MASSES = [0.01, 0.03, 0.06, 0.09, 0.12] as const;
/** the dark scalar's mass for the K⁺→π⁺S chain (kaonlab's choice: between the π⁰ pole and m_K − m_π) */
export const M_S = 0.25;

export const SAMPLES: Pi4eSample[] = [
  { key: "signal", channel: "K+ -> pi+ e+ e- e+ e-", pi0Mode: "natural", share: 1, role: "signal" },
  { key: "k2pidd", channel: "K+ -> pi+ pi0", pi0Mode: "eeee", share: 3, role: "norm" },
  { key: "pipiDpiD", channel: "K+ -> pi+ pi0 pi0", pi0Mode: "eeg", share: 10, role: "single" },
  { key: "pi0DDenu", channel: "K+ -> pi0 e+ nu", pi0Mode: "eeee", share: 2, role: "single" },
  { key: "pi0DDmunu", channel: "K+ -> pi0 mu+ nu", pi0Mode: "eeee", share: 2, role: "single" },
  { key: "k3pi0DD", channel: "K+ -> pi+ pi0 pi0", pi0Mode: "eeee+natural", share: 3, role: "single" },
  { key: "k3pi", channel: "K+ -> pi+ pi+ pi-", pi0Mode: "natural", share: 4, role: "k3pi" },
  { key: "pi0Denu", channel: "K+ -> pi0 e+ nu", pi0Mode: "eeg", share: 3, role: "partner" },
  { key: "pipi0piD", channel: "K+ -> pi+ pi0 pi0", pi0Mode: "eeg+natural", share: 3, role: "partner" },
  { key: "pi0Dmunu", channel: "K+ -> pi0 mu+ nu", pi0Mode: "eeg", share: 3, role: "partner" },
  ...A_MASSES.map(
    (m): Pi4eSample => ({
      key: `aa-${m}`,
      channel: "K+ -> pi+ a a",
      pi0Mode: "natural",
      share: 0.2,
      role: "dark",
      particles: { "a.mass": m },
      mX: m,
    }),
  ),
  ...AP_MASSES.map(
    (m): Pi4eSample => ({
      key: `S-${m}`,
      channel: "K+ -> pi+ S",
      pi0Mode: "natural",
      share: 0.2,
      role: "dark",
      particles: { "S.mass": M_S, "A'.mass": m },
      mX: m,
    }),
  ),
];

/**
 * The rows of NA62's background table and how each is estimated: from a single-decay sample
 * (restricted by the number of e± of the event when a sample holds two rows), or from the
 * coincidence of a K⁺→π⁺π⁺π⁻ decay with a partner sample. mult: the number of π⁰s that can take the
 * forced mode (K⁺→π⁺π⁰π⁰ with one forced π⁰).
 */
export interface BackgroundRow {
  key: string;
  sample: string;
  /** the number of e± of the event the row takes (0: any) */
  electrons?: number;
  mult?: number;
  coincidence?: boolean;
}

export const BACKGROUNDS: BackgroundRow[] = [
  { key: "k2pidd", sample: "k2pidd" },
  { key: "pipiDpiD", sample: "pipiDpiD" },
  { key: "pi0DDenu", sample: "pi0DDenu" },
  { key: "pipi0piDD", sample: "k3pi0DD", electrons: 4, mult: 2 },
  { key: "pi0DDmunu", sample: "pi0DDmunu" },
  { key: "pipiDpiDD", sample: "k3pi0DD", electrons: 6, mult: 2 },
  { key: "pi0Denu-coinc", sample: "pi0Denu", coincidence: true },
  { key: "pipi0piD-coinc", sample: "pipi0piD", electrons: 2, mult: 2, coincidence: true },
  { key: "pi0Dmunu-coinc", sample: "pi0Dmunu", coincidence: true },
];

/** the branching-ratio product B of a sample (channel × forced π⁰ modes) */
export function sampleBR(spec: Pi4eSample): number {
  const br = findChannel(spec.channel).br ?? 1;
  const p = pi0Params();
  switch (spec.pi0Mode) {
    case "eeee":
      return br * p.brEEEE;
    case "eeg":
      return br * (spec.channel.includes("pi0 pi0") ? p.brEEG * p.brEEG : p.brEEG);
    case "eeee+natural":
      return br * p.brEEEE;
    case "eeg+natural":
      return br * p.brEEG;
    default:
      return br;
  }
}

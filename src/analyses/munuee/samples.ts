/**
 * The simulated samples of the K⁺→μ⁻νe⁺e⁺ search: the signal (uniform phase space, as NA62
 * assumes), the K⁺→π⁺e⁺e⁻ normalisation, and the background modes of NA62's table, each with its
 * own channel (not the natural mix), the kaon decay forced into the z range that reaches the FV, and
 * the upstream versions from the detector's upstream-decay source. Shares are per default run.
 */
import type { Pi0ModeName } from "../../decays/pi0.ts";
import type { SampleBase } from "../layer/samples.ts";
import type { BackgroundKey } from "./conditions.ts";

export interface MunueeSample extends SampleBase {
  role: "signal" | "normalisation" | "background" | "partner";
  /** the row of the published table it estimates */
  background: BackgroundKey | null;
  /** forced π⁰ decay mode (π⁰ Dalitz sample) */
  pi0Mode?: Pi0ModeName;
}

export const SIGNAL_CHANNEL = "K+ -> mu- nu e+ e+";
export const NORMALISATION_CHANNEL = "K+ -> pi+ e+ e-";

export const SAMPLES: readonly MunueeSample[] = [
  { key: "signal", channel: SIGNAL_CHANNEL, share: 1, role: "signal", background: null },
  { key: "piee", channel: NORMALISATION_CHANNEL, share: 1, role: "normalisation", background: null },
  { key: "pipipi", channel: "K+ -> pi+ pi+ pi-", share: 8, role: "background", background: "pipipi" },
  { key: "pipienu", channel: "K+ -> pi+ pi- e+ nu", share: 4, role: "background", background: "pipienu" },
  {
    key: "up-pipipi",
    channel: "K+ -> pi+ pi+ pi-",
    share: 2,
    kind: "upstream-decay",
    role: "background",
    background: "up-pipipi",
  },
  {
    key: "up-pipienu",
    channel: "K+ -> pi+ pi- e+ nu",
    share: 1,
    kind: "upstream-decay",
    role: "background",
    background: "up-pipienu",
  },
  {
    key: "pi0denu",
    channel: "K+ -> pi0 e+ nu",
    share: 2,
    pi0Mode: "eeg",
    role: "background",
    background: "pi0denu",
  },
  { key: "enumumu", channel: "K+ -> e+ nu mu+ mu-", share: 1, role: "background", background: "enumumu" },
  // the coincidence partner: its single-track events only
  { key: "ke3", channel: "K+ -> pi0 e+ nu", share: 0.5, role: "partner", background: null },
];

/**
 * The pile-up coincidences that can fake μ⁻e⁺e⁺ (three tracks of charge +1 with a missing momentum):
 * a two-track event of K⁺→π⁺π⁺π⁻ (π⁺π⁻: the μ⁻ from π⁻→μ⁻ν, one e⁺ a π⁺ with a high E/p) or of
 * K⁺→π⁺π⁻e⁺ν (π⁻e⁺ with the π⁺ lost, or π⁺π⁻ with the e⁺ lost) overlaid on the lone e⁺ of an
 * in-time K⁺→π⁰e⁺ν, the most frequent decay with a lone e⁺ (its π⁰ photons must then be lost: the
 * no-extra-cluster cut and the LKr see them). NA62's table has no coincidence row for this search.
 * Each member event is paired with PAIRS partner events of its shard, those whose summed momentum is
 * below p_beam + Δp_max going through the vertex fit and the selection.
 */
export const COINCIDENCES = [
  {
    key: "pipipi+ke3",
    member: "pipipi",
    partner: "ke3",
    label: "K⁺→π⁺π⁺π⁻ (2 tracks) + K⁺→π⁰e⁺ν (coincidence)",
  },
  {
    key: "pipienu+ke3",
    member: "pipienu",
    partner: "ke3",
    label: "K⁺→π⁺π⁻e⁺ν (2 tracks) + K⁺→π⁰e⁺ν (coincidence)",
  },
] as const;
export type CoincidenceKey = (typeof COINCIDENCES)[number]["key"];
/** partner events per member event */
export const PAIRS = 16;

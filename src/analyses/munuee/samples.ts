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
  role: "signal" | "normalisation" | "background";
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
];

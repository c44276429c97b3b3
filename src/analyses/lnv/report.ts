/**
 * The lnv job's results per mode (`LnvLimit`, the entries of the results' "limits" list) and its
 * report tables: the upper limits beside NA62's, the normalisation acceptances, the backgrounds by
 * channel.
 */
import type { ReportTable } from "../../io/plot.ts";
import type { LnvMode } from "./modes.ts";

export interface LnvBackground {
  sample: string;
  label: string;
  /** expected events with NA62's exposure (N_K·BR·A/D) and its MC error */
  expected: number;
  error: number;
  /** one MC event at the full generator weight: the resolution of the estimate */
  singleEvent: number;
}

export interface LnvLimit {
  mode: string;
  label: string;
  channel: string;
  years: string[];
  kaonDecays: number;
  /** downscale of the mode's trigger line (period card) */
  triggerDownscale: number;
  /** BR of the decay the mode is searched in (K⁺→π⁺π⁰ for π⁰→μ⁻e⁺), 1 otherwise */
  perKaonDecay: number;
  acceptance: number;
  acceptanceError: number;
  ses: number;
  normalisation: string;
  normalisationAcceptance: number;
  nObserved: number | null;
  backgroundPublished: number | null;
  backgroundOurs: number;
  backgroundOursError: number;
  nUpperLimit: number | null;
  method: string;
  methodPublished: string;
  brUpperLimit: number | null;
  publishedUpperLimit: number | null;
  ratio: number | null;
  backgrounds: LnvBackground[];
}

/** a file stem for a mode ("pi-mu+e+" → "pimmupep", "pi0->mu-e+" → "pi0_to_mump") */
export function plotStem(mode: string): string {
  return mode.replace(/->/g, "_to_").replace(/\+/g, "p").replace(/-/g, "m");
}

export function limitsTable(limits: LnvLimit[]): ReportTable {
  const or = (v: string | number | null) => (v === null ? "—" : v);
  return {
    title: "LFV/LNV: 90% CL upper limits from NA62's observed counts and kaonlab's acceptances",
    header: [
      "mode",
      "years",
      "N_K",
      "D",
      "A_sig (%)",
      "n_obs",
      "b (NA62)",
      "b (kaonlab)",
      "N_UL",
      "UL kaonlab",
      "UL NA62",
      "ratio",
    ],
    rows: limits.map((l) => [
      l.label,
      l.years.join("+"),
      l.kaonDecays.toExponential(2),
      l.triggerDownscale,
      `${(l.acceptance * 100).toFixed(2)} ± ${(l.acceptanceError * 100).toFixed(2)}`,
      or(l.nObserved),
      or(l.backgroundPublished),
      l.backgroundOurs.toExponential(2),
      or(l.nUpperLimit !== null ? l.nUpperLimit.toFixed(2) : null),
      or(l.brUpperLimit !== null ? l.brUpperLimit.toExponential(2) : null),
      or(l.publishedUpperLimit !== null ? l.publishedUpperLimit.toExponential(1) : null),
      or(l.ratio !== null ? l.ratio.toFixed(2) : null),
    ]),
  };
}

export function normalisationTable(
  normalisations: { channel: string; acceptance: number; error: number }[],
  modes: readonly LnvMode[],
): ReportTable {
  return {
    title: "Normalisation channels NA62 used: kaonlab acceptance per decay in the FV",
    header: ["channel", "A (%)", "used by"],
    rows: normalisations.map((n) => [
      n.channel,
      `${(n.acceptance * 100).toFixed(2)} ± ${(n.error * 100).toFixed(2)}`,
      modes
        .filter((m) => m.normalisation === n.channel)
        .map((m) => m.label)
        .join(", "),
    ]),
  };
}

export function backgroundTable(limits: LnvLimit[]): ReportTable {
  return {
    title:
      "Backgrounds by channel (expected events with NA62's exposure; 0: none of the MC events passed, with the 90% bound of one event at full weight)",
    header: ["mode", "background channel", "expected"],
    rows: limits.flatMap((l) =>
      l.backgrounds.map((b) => [
        l.label,
        b.label,
        b.expected > 0
          ? `${b.expected.toExponential(2)} ± ${b.error.toExponential(1)}`
          : `0 (< ${(2.3 * b.singleEvent).toExponential(1)})`,
      ]),
    ),
  };
}

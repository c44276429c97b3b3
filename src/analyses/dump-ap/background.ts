/**
 * The backgrounds of the dump A′→μ⁺μ⁻ search, as parametrised numbers (no halo-muon simulation):
 *  - combinatorial: random μ⁺μ⁻ pairs of halo muons within the time window,
 *      N = N_POT · k₊k₋ · I · 2δ · P_pass,  k± = k/2 halo muons per POT of each sign in the
 *      spectrometer (k: halo.muonsPerPot of the dump period card), I the POT rate during the spill, δ the time window, P_pass the fraction of
 *      random pairs passing the vertex, PID and signal-region cuts (calibrated on NA62's figure);
 *  - prompt pairs from muon interactions in material: NA62 finds them negligible; a card number.
 */
import type { PeriodCard } from "../../detector/card.ts";
import { dumpConditions } from "./conditions.ts";

/** the halo muons per POT of a dump period card (halo.muonsPerPot) */
export function haloMuonsPerPot(card: PeriodCard): number {
  const v = card.provenance.get("halo.muonsPerPot")?.value;
  if (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v))
    throw new RangeError(
      `period card ${card.name}: field "halo.muonsPerPot" must be a number ≥ 0, got ${String(v)}`,
    );
  return v;
}

export interface Backgrounds {
  combinatorial: number;
  prompt: number;
  total: number;
  /** random opposite-sign pairs in the time window before any cut */
  pairs: number;
}

export function backgrounds(pot: number, haloPerPot: number): Backgrounds {
  const c = dumpConditions();
  const k = haloPerPot / 2;
  const rate = c.exposure.protonsPerSpill.value / c.exposure.spillSeconds.value;
  const window = c.background.timeWindow.value * 1e-9;
  const pairs = pot * k * k * rate * 2 * window;
  const combinatorial = pairs * c.background.pairPassFraction.value;
  const prompt = (c.background.prompt.value * pot) / c.exposure.pot.value;
  return { combinatorial, prompt, total: combinatorial + prompt, pairs };
}

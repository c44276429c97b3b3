/**
 * The backgrounds of the dump A′→μ⁺μ⁻ search:
 *  - combinatorial: random pairs of halo muons in the time window. The pass probability of a pair
 *    P(region) and its mass spectrum come from the simulated halo (halo.ts: the halo muons through
 *    the detector chain, every pair through the selection); the number of pairs in time is
 *      N = N_POT · k₊k₋ · I · 2δ · s,   k± = k/2 halo muons per POT of each sign in the STRAW
 *    acceptance (halo.muonsPerPot of the dump period card), I the POT rate in the spill, δ the time
 *    window, and s the ONE calibrated number of the background model (background.haloPairScale: the
 *    halo rate and shape are not published, s makes the SR prediction equal NA62's 0.016; every other
 *    region, the control samples, the mass shape and the projection follow from the simulation);
 *  - control samples: same-sign pairs (k₊² + k₋²)/2 instead of k₊k₋, and the time sideband
 *    (|Δt| in [t₁, t₂]: 2(t₂ − t₁) instead of 2δ), both through the same selection;
 *  - prompt pairs from muon interactions in the FV: prompt.ts (a computed estimate).
 */
import type { PeriodCard } from "../../detector/card.ts";
import { dumpConditions } from "./conditions.ts";
import { haloConditions, type PairTally } from "./halo.ts";
import { REGION } from "./selection.ts";

/** the halo muons per POT of a dump period card (halo.muonsPerPot) */
export function haloMuonsPerPot(card: PeriodCard): number {
  const v = card.provenance.get("halo.muonsPerPot")?.value;
  if (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v))
    throw new RangeError(
      `period card ${card.name}: field "halo.muonsPerPot" must be a number ≥ 0, got ${String(v)}`,
    );
  return v;
}

/** random pairs of halo muons per unit of pass probability: opposite sign in ±δ, same sign in ±δ, opposite sign in the sideband */
export interface PairRates {
  os: number;
  ss: number;
  sideband: number;
}

export function pairRates(pot: number, haloPerPot: number): PairRates {
  const c = dumpConditions();
  const k = haloPerPot / 2;
  const rate = c.exposure.protonsPerSpill.value / c.exposure.spillSeconds.value;
  const window = c.background.timeWindow.value * 1e-9;
  const [t1, t2] = haloConditions().simulation.timeSideband.value;
  const os = pot * k * k * rate * 2 * window;
  return { os, ss: os, sideband: (os * (t2 - t1) * 1e-9) / window };
}

export interface RegionCounts {
  SR: number;
  VR: number;
  CR: number;
}

export interface Backgrounds {
  combinatorial: number;
  /** the same before the calibration s */
  uncalibrated: number;
  prompt: number;
  total: number;
  /** random opposite-sign pairs in the time window before any cut */
  pairs: number;
  /** combinatorial OS in each region; same-sign and time-sideband control samples */
  regions: RegionCounts;
  sameSign: RegionCounts;
  timeSideband: RegionCounts;
}

function byRegion(t: PairTally, n: number): RegionCounts {
  const p = (r: number) => (t.norm > 0 ? (n * t.regions[r]) / t.norm : 0);
  return { SR: p(REGION.SR), VR: p(REGION.VR), CR: p(REGION.CR) };
}

/** the background prediction for pot from the halo pair tallies (OS, SS) and the prompt estimate */
export function backgrounds(
  pot: number,
  haloPerPot: number,
  os: PairTally,
  ss: PairTally,
  prompt: number,
): Backgrounds {
  const s = dumpConditions().background.haloPairScale.value;
  const r = pairRates(pot, haloPerPot);
  const regions = byRegion(os, r.os * s);
  const uncalibrated = byRegion(os, r.os).SR;
  return {
    combinatorial: regions.SR,
    uncalibrated,
    prompt,
    total: regions.SR + prompt,
    pairs: r.os,
    regions,
    sameSign: byRegion(ss, r.ss * s),
    timeSideband: byRegion(os, r.sideband * s),
  };
}

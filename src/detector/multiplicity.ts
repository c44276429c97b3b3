/**
 * The multiplicity rejection of extra charged particles (those that are not the selected track).
 *
 * Each detector an extra particle reaches misses it with probability 1 − ε (the card's per-detector
 * efficiencies: STRAW segment, CHOD–NewCHOD coincidence, LKr cluster, LAV, IRC, SAC, MUV0, HASC;
 * best estimates of 0.98–0.99), and the event survives with the product over its extra particles
 * and their detectors (the mult column). Card numbers (docs/detector.md, "Multiplicity rejection"):
 *   multiplicity.chargedIneffScale  the common scale of the per-detector inefficiencies, calibrated
 *                                   on the background that rests on them, K⁺→π⁺π⁻e⁺ν in 2018-S2
 *                                   (its π⁻ and e⁺ must both escape);
 *   multiplicity.commonMiss         the probability ε_c that the rejection fails for the event as a
 *                                   whole, whatever the number of extra particles:
 *                                   mult → ε_c + (1 − ε_c)·mult. 0 in every card (the π⁺π⁻e⁺ν
 *                                   figure bounds it); a knob for studies.
 */
import type { PeriodCard } from "./card.ts";
import type { DetectorContext, ModuleSpec, Subsystem } from "./subsystem.ts";

/** the multiplicity module (the card's multiplicity section is read with the core sections) */
export const MULTIPLICITY: ModuleSpec = { name: "multiplicity", create: (card) => new Multiplicity(card) };

/** probability that a detector of efficiency `eff` misses an extra charged particle */
export function chargedMiss(eff: number, scale: number): number {
  const m = scale * (1 - eff);
  return Math.min(m, 1);
}

/** the last module: the event-wide failure probability of the multiplicity rejection */
export class Multiplicity implements Subsystem {
  readonly name = "multiplicity";
  private readonly common: number;

  constructor(card: PeriodCard) {
    this.common = card.multiplicity.commonMiss;
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const c = this.common;
    if (c === 0) return;
    const mult = ctx.r.mult;
    for (let i = start; i < end; i++) {
      const m = mult[i];
      if (m < 1) mult[i] = c + (1 - c) * m;
    }
  }
}

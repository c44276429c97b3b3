/**
 * KTAG (CEDAR-W, differential Cherenkov counter on the beam): tags the kaon with efficiency ε_KTAG
 * (≥ 5 sectors in coincidence) and time resolution σt = 70 ps. When the beam particle is not a
 * kaon (upstream interactions of beam pions and protons) only an accidental kaon can be tagged: the
 * kaon rate (6% of the beam) times the association window.
 */
import { k12Beam } from "../beam/k12.ts";
import { MAX_SLOTS } from "../core/batch.ts";
import type { PeriodCard } from "./card.ts";
import type { DetectorContext, Subsystem } from "./subsystem.ts";

export class Ktag implements Subsystem {
  readonly name = "KTAG";
  private readonly eff: number;
  /** accidental kaons in the window per unit intensity */
  private readonly accidental: number;

  constructor(card: PeriodCard) {
    this.eff = card.ktag.present ? card.ktag.efficiency : 0;
    const beam = k12Beam();
    this.accidental = beam.nominalRateMHz * beam.composition["K+"] * 2 * card.gtk.matchWindowNs * 1e-3;
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const { r, b } = ctx;
    for (let i = start; i < end; i++) {
      r.ktag[i] =
        b.pdg[i * MAX_SLOTS] === 321
          ? this.eff
          : this.eff * (1 - Math.exp(-this.accidental * r.intensity[i]));
    }
  }
}

/**
 * KTAG (CEDAR-W, differential Cherenkov counter on the beam): tags the kaon with efficiency ε_KTAG
 * (≥ 5 sectors in coincidence) and time resolution σt = 70 ps. When the beam particle is not a
 * kaon (upstream interactions of beam pions and protons) only an accidental kaon can be tagged: the
 * kaon rate (6% of the beam) times the association window.
 */
import { k12Beam } from "../beam/k12.ts";
import { MAX_SLOTS } from "../core/batch.ts";
import type { PeriodCard } from "./card.ts";
import type { DetectorContext, SectionReader, Subsystem, SubsystemSpec } from "./subsystem.ts";

function readKtag(r: SectionReader) {
  return { present: r.bool("present"), efficiency: r.prob("efficiency"), sigmaT: r.num("sigmaT", 0) };
}

/** KTAG: card section, no plane of its own (it sits on the beam upstream of the decay volume) */
export const KTAG: SubsystemSpec<"ktag", ReturnType<typeof readKtag>> = {
  name: "KTAG",
  section: "ktag",
  card: readKtag,
  veto: false,
  create: (card) => new Ktag(card),
};

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

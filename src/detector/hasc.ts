/**
 * HASC: hadronic sampling calorimeter beside the beam pipe at z = 253.35 m, behind a 1.02 GeV/c
 * sweeping magnet: catches positive particles that left through the beam holes (π⁺ of
 * K⁺→π⁺π⁺π⁻ and K⁺→π⁺π⁰). One module on the −x side (2016–2018), a second one on the +x side
 * from 2021. An extra charged particle in the HASC is vetoed with its efficiency.
 */
import type { PeriodCard } from "./card.ts";
import { chargedMiss } from "./multiplicity.ts";
import { vetoCharged } from "./muv0.ts";
import type { DetectorContext, Subsystem } from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

export class Hasc implements Subsystem {
  readonly name = "HASC";
  private readonly missProb: number;

  constructor(card: PeriodCard) {
    this.missProb = chargedMiss(card.hasc.efficiency, card.multiplicity.chargedIneffScale);
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    vetoCharged(ctx, Hit.HASC, this.missProb, start, end);
  }
}

/**
 * IRC: intermediate-ring shashlik calorimeter around the beam pipe in front of the LKr
 * (60 < R < 145 mm), a small-angle photon veto. Photon inefficiency vs energy from the period card.
 */
import type { PeriodCard } from "./card.ts";
import { chargedMiss } from "./multiplicity.ts";
import { applyVeto } from "./photon-veto.ts";
import { Curve } from "./response-math.ts";
import type { DetectorContext, Subsystem } from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

export class Irc implements Subsystem {
  readonly name = "IRC";
  readonly curve: Curve;
  /** probability of missing an extra charged particle */
  private readonly chargedMissProb: number;

  constructor(card: PeriodCard) {
    this.curve = new Curve(card.irc.photonIneff, card.photonVeto.ineffScale);
    this.chargedMissProb = chargedMiss(card.irc.chargedEfficiency, card.multiplicity.chargedIneffScale);
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    applyVeto(ctx.tb, ctx.r, ctx.b.nParticles, Hit.IRC, this.curve, this.chargedMissProb, start, end);
  }
}

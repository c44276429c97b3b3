/**
 * IRC: intermediate-ring shashlik calorimeter around the beam pipe in front of the LKr
 * (60 < R < 145 mm), a small-angle photon veto. Photon inefficiency vs energy from the period card.
 */
import type { PeriodCard } from "./card.ts";
import { applyVeto } from "./photon-veto.ts";
import { Curve } from "./response-math.ts";
import type { DetectorContext, Subsystem } from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

export class Irc implements Subsystem {
  readonly name = "IRC";
  readonly curve: Curve;
  private readonly chargedEff: number;

  constructor(card: PeriodCard) {
    this.curve = new Curve(card.irc.photonIneff);
    this.chargedEff = card.irc.chargedEfficiency;
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    applyVeto(ctx.tb, ctx.r, ctx.b.nParticles, Hit.IRC, this.curve, this.chargedEff, start, end);
  }
}

/**
 * IRC: intermediate-ring shashlik calorimeter around the beam pipe in front of the LKr
 * (60 < R < 145 mm), a small-angle photon veto. Photon inefficiency vs energy from the period card.
 */
import type { PeriodCard } from "./card.ts";
import { chargedMiss } from "./multiplicity.ts";
import { applyVeto } from "./photon-veto.ts";
import { Curve } from "./response-math.ts";
import {
  type DetectorContext,
  PlaneFlag,
  PlaneKind,
  type SectionReader,
  type Subsystem,
  type SubsystemSpec,
} from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

function readIrc(r: SectionReader) {
  return {
    photonIneff: r.curve("photonIneff"),
    chargedEfficiency: r.prob("chargedEfficiency"),
    sigmaT: r.num("sigmaT", 0),
  };
}

/** IRC: one annulus around the beam in front of the LKr; photons that hit it stop there */
export const IRC: SubsystemSpec<"irc", ReturnType<typeof readIrc>> = {
  name: "IRC",
  section: "irc",
  card: readIrc,
  planes: (g) => [
    {
      z: g.irc.z,
      kind: PlaneKind.APERTURE,
      bit: Hit.IRC,
      charged: true,
      photon: true,
      rMin: g.irc.rMin,
      rMax: g.irc.rMax,
      flags: PlaneFlag.LEAVES_PIPE | PlaneFlag.STOPS_PHOTON_ON_HIT,
    },
  ],
  veto: true,
  accidentals: { source: "ircsac", column: "rv" },
  create: (card) => new Irc(card),
};

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

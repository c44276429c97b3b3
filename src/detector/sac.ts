/**
 * SAC: small-angle shashlik calorimeter (205 × 205 mm²) at the end of the hall, on the beam axis
 * behind the HASC sweeping magnet, which bends the charged beam away; it closes the photon
 * coverage down to zero angle. Photon inefficiency vs energy from the period card.
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

function readSac(r: SectionReader) {
  return {
    photonIneff: r.curve("photonIneff"),
    chargedEfficiency: r.prob("chargedEfficiency"),
    sigmaT: r.num("sigmaT", 0),
  };
}

/** SAC: a square at the end of the beam line, for particles still in the beam pipe; photons stop there */
export const SAC: SubsystemSpec<"sac", ReturnType<typeof readSac>> = {
  name: "SAC",
  section: "sac",
  card: readSac,
  planes: (g) => [
    {
      z: g.sac.z,
      kind: PlaneKind.APERTURE,
      bit: Hit.SAC,
      charged: true,
      photon: true,
      halfX: g.sac.halfSide,
      halfY: g.sac.halfSide,
      flags: PlaneFlag.PIPE_ONLY | PlaneFlag.STOPS_PHOTON,
    },
  ],
  veto: true,
  accidentals: { source: "ircsac", column: "rv" },
  create: (card) => new Sac(card),
};

export class Sac implements Subsystem {
  readonly name = "SAC";
  readonly curve: Curve;
  /** probability of missing an extra charged particle */
  private readonly chargedMissProb: number;

  constructor(card: PeriodCard) {
    this.curve = new Curve(card.sac.photonIneff, card.photonVeto.ineffScale);
    this.chargedMissProb = chargedMiss(card.sac.chargedEfficiency, card.multiplicity.chargedIneffScale);
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    applyVeto(ctx.tb, ctx.r, ctx.b.nParticles, Hit.SAC, this.curve, this.chargedMissProb, start, end);
  }
}

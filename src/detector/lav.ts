/**
 * LAV: twelve rings of lead-glass blocks (OPAL) around the decay volume and the spectrometer,
 * covering 8.5–50 mrad from the fiducial volume (geometry: GeometricAcceptance.cc). Photon
 * inefficiency vs energy from the period card (~10⁻⁴ above 200 MeV); charged particles crossing a
 * ring give hits.
 */
import type { PeriodCard } from "./card.ts";
import { chargedMiss } from "./multiplicity.ts";
import { applyVeto } from "./photon-veto.ts";
import { Curve } from "./response-math.ts";
import {
  type DetectorContext,
  PlaneKind,
  type SectionReader,
  type Subsystem,
  type SubsystemSpec,
} from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

function readLav(r: SectionReader) {
  return {
    photonIneff: r.curve("photonIneff"),
    chargedEfficiency: r.prob("chargedEfficiency"),
    sigmaT: r.num("sigmaT", 0),
  };
}

/** LAV: twelve rings (front and back planes), charged particles and photons */
export const LAV: SubsystemSpec<"lav", ReturnType<typeof readLav>> = {
  name: "LAV",
  section: "lav",
  card: readLav,
  planes: (g) =>
    g.lav.zFront.map((z, i) => ({
      z,
      kind: PlaneKind.RING,
      bit: Hit.LAV,
      charged: true,
      photon: true,
      index: i,
      rMin: g.lav.rInner[i],
      rMax: g.lav.rOuter[i],
      zBack: g.lav.zBack[i],
    })),
  veto: true,
  accidentals: { source: "lav", column: "rv" },
  create: (card) => new Lav(card),
};

export class Lav implements Subsystem {
  readonly name = "LAV";
  readonly curve: Curve;
  /** probability of missing an extra charged particle */
  private readonly chargedMissProb: number;

  constructor(card: PeriodCard) {
    this.curve = new Curve(card.lav.photonIneff, card.photonVeto.ineffScale);
    this.chargedMissProb = chargedMiss(card.lav.chargedEfficiency, card.multiplicity.chargedIneffScale);
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    applyVeto(ctx.tb, ctx.r, ctx.b.nParticles, Hit.LAV, this.curve, this.chargedMissProb, start, end);
  }
}

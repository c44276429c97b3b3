/**
 * HASC: hadronic sampling calorimeter beside the beam pipe at z = 253.35 m, behind a 1.02 GeV/c
 * sweeping magnet: catches positive particles that left through the beam holes (π⁺ of
 * K⁺→π⁺π⁺π⁻ and K⁺→π⁺π⁰). One module on the −x side (2016–2018), a second one on the +x side
 * from 2021. An extra charged particle in the HASC is vetoed with its efficiency.
 */
import type { PeriodCard } from "./card.ts";
import { chargedMiss } from "./multiplicity.ts";
import { vetoCharged } from "./muv0.ts";
import {
  type DetectorContext,
  PlaneFlag,
  PlaneKind,
  type SectionReader,
  type Subsystem,
  type SubsystemSpec,
} from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

function readHasc(r: SectionReader) {
  return { present: r.bool("present"), modules: r.num("modules", 0, 2), efficiency: r.prob("efficiency") };
}

/** HASC: side modules for charged particles still in the beam pipe (none when the card leaves it out) */
export const HASC: SubsystemSpec<"hasc", ReturnType<typeof readHasc>> = {
  name: "HASC",
  section: "hasc",
  card: readHasc,
  planes: (g, card) => [
    {
      z: g.hasc.z,
      kind: PlaneKind.SIDE,
      bit: Hit.HASC,
      charged: true,
      photon: false,
      index: card.hasc.present ? card.hasc.modules : 0,
      flags: PlaneFlag.PIPE_ONLY,
    },
  ],
  veto: true,
  accidentals: { source: "hasc", column: "rv" },
  create: (card) => (card.hasc.present ? new Hasc(card) : null),
};

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

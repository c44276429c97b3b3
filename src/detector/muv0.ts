/**
 * MUV0: scintillator counters outside the RICH vessel on the +x side (NA62MC geometry), catching
 * negative particles of a few GeV/c swept out of the acceptance by the MNP33 (π⁻ from K⁺→π⁺π⁺π⁻).
 * An extra charged particle in MUV0 is vetoed with its efficiency.
 */

import { MAX_SLOTS } from "../core/batch.ts";
import type { PeriodCard } from "./card.ts";
import { chargedMiss } from "./multiplicity.ts";
import {
  type DetectorContext,
  PlaneKind,
  type SectionReader,
  type Subsystem,
  type SubsystemSpec,
} from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

function readMuv0(r: SectionReader) {
  return { present: r.bool("present"), efficiency: r.prob("efficiency") };
}

/** MUV0: one square plane off the beam on the +x side, charged particles */
export const MUV0: SubsystemSpec<"muv0", ReturnType<typeof readMuv0>> = {
  name: "MUV0",
  section: "muv0",
  card: readMuv0,
  planes: (g) => [
    {
      z: g.muv0.z,
      kind: PlaneKind.APERTURE,
      bit: Hit.MUV0,
      charged: true,
      photon: false,
      xCentre: g.muv0.xCentre,
      halfX: g.muv0.halfSize,
      halfY: g.muv0.halfSize,
    },
  ],
  veto: true,
  accidentals: { source: "muv0", column: "rv" },
  create: (card) => (card.muv0.present ? new Muv0(card) : null),
};

/** multiply the mult column by (1 − ε) for every extra charged particle with Hit bit `bit` */
export function vetoCharged(
  ctx: DetectorContext,
  bit: number,
  missProb: number,
  start: number,
  end: number,
): void {
  const { b, tb, r } = ctx;
  for (let i = start; i < end; i++) {
    if (!(tb.eventMask[i] & bit)) continue;
    const base = i * MAX_SLOTS;
    const sel = r.trackSlot[i];
    for (let k = 1; k < b.nParticles[i]; k++) {
      if (k !== sel && tb.mask[base + k] & bit && tb.mask[base + k] & Hit.TRACK) r.mult[i] *= missProb;
    }
  }
}

export class Muv0 implements Subsystem {
  readonly name = "MUV0";
  private readonly missProb: number;

  constructor(card: PeriodCard) {
    this.missProb = chargedMiss(card.muv0.efficiency, card.multiplicity.chargedIneffScale);
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    vetoCharged(ctx, Hit.MUV0, this.missProb, start, end);
  }
}

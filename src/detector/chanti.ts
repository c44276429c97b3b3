/**
 * CHANTI: six stations of scintillator bars around the beam just downstream of GTK3, vetoing
 * inelastic interactions in GTK3 and particles from upstream decays crossing it at large angle
 * (34 mrad–1.38 rad from GTK3). Every charged particle of the event crossing it multiplies the
 * chanti survival by 1 − ε; its accidentals are applied in the accidentals module.
 */
import { MAX_SLOTS } from "../core/batch.ts";
import type { PeriodCard } from "./card.ts";
import {
  type DetectorContext,
  PlaneKind,
  type SectionReader,
  type Subsystem,
  type SubsystemSpec,
} from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

function readChanti(r: SectionReader) {
  return { present: r.bool("present"), efficiency: r.prob("efficiency"), windowNs: r.num("windowNs", 0) };
}

/** CHANTI: its back plane (outside the θmin cone from GTK3, inside the stations' squares) */
export const CHANTI: SubsystemSpec<"chanti", ReturnType<typeof readChanti>> = {
  name: "CHANTI",
  section: "chanti",
  card: readChanti,
  planes: (g) => [
    {
      z: g.chanti.zBack,
      kind: PlaneKind.APERTURE,
      bit: Hit.CHANTI,
      charged: true,
      photon: true,
      rMin: g.chanti.thetaMin * (g.chanti.zBack - g.gtk.z[2]),
      halfX: g.chanti.outerHalf,
      halfY: g.chanti.outerHalf,
    },
  ],
  veto: true,
  accidentals: { source: "chanti", column: "chanti" },
  create: (card) => (card.chanti.present ? new Chanti(card) : null),
};

export class Chanti implements Subsystem {
  readonly name = "CHANTI";
  private readonly eff: number;

  constructor(card: PeriodCard) {
    this.eff = card.chanti.efficiency;
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const { b, tb, r } = ctx;
    for (let i = start; i < end; i++) {
      if (!(tb.eventMask[i] & Hit.CHANTI)) continue;
      const base = i * MAX_SLOTS;
      for (let k = 1; k < b.nParticles[i]; k++) {
        const m = tb.mask[base + k];
        if (m & Hit.CHANTI && m & Hit.TRACK) r.chanti[i] *= 1 - this.eff;
      }
    }
  }
}

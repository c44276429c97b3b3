/**
 * MUV3: scintillator tiles behind 80 cm of iron, the fast muon veto (L0 !MUV3 in the PNN trigger,
 * positive muon identification for Kμ2). The probability of an in-time MUV3 hit for the selected
 * track: ε_MUV3 for a muon in acceptance, the punch-through probability for a pion, 0 for an
 * electron (absorbed in the LKr). The same for every track of the event model.
 */
import { MAX_SLOTS } from "../core/batch.ts";
import { MAX_TRACKS } from "../core/track-list.ts";
import type { PeriodCard } from "./card.ts";
import {
  type DetectorContext,
  PlaneKind,
  type SectionReader,
  type Subsystem,
  type SubsystemSpec,
} from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

function readMuv3(r: SectionReader) {
  return {
    efficiency: r.prob("efficiency"),
    punchThrough: r.prob("punchThrough"),
    sigmaT: r.num("sigmaT", 0),
    windowNs: r.num("windowNs", 0),
  };
}

/** MUV3: the muon plane, charged particles */
export const MUV3: SubsystemSpec<"muv3", ReturnType<typeof readMuv3>> = {
  name: "MUV3",
  section: "muv3",
  card: readMuv3,
  planes: (g) => [{ z: g.muv3.z, kind: PlaneKind.MUON, bit: Hit.MUV3, charged: true, photon: false }],
  veto: true,
  create: (card) => new Muv3(card),
};

export class Muv3 implements Subsystem {
  readonly name = "MUV3";
  private readonly c: PeriodCard["muv3"];

  constructor(card: PeriodCard) {
    this.c = card.muv3;
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const { tb, r } = ctx;
    const tl = r.tracks;
    const eff = this.c.efficiency;
    const punch = this.c.punchThrough;
    r.muv3Hit.fill(0, start, end); // the loop overwrites the events with a track in MUV3
    const trackSlot = r.trackSlot;
    for (let i = start; i < end; i++) {
      const sel = trackSlot[i];
      if (sel < 0) continue;
      const base = i * MAX_SLOTS;
      const o = i * MAX_TRACKS;
      // every track of the event model (the selected one among them)
      for (let j = 0; j < tl.count[i]; j++) {
        const g = base + tl.slot[o + j];
        let h = 0;
        if (tb.mask[g] & Hit.MUV3) {
          const id = tb.muv3Id[g];
          h = id === 13 ? eff : id === 211 ? punch : 0;
        }
        tl.muv3[o + j] = h;
      }
      r.muv3Hit[i] = tl.muv3[o + tl.selected[i]];
    }
  }
}

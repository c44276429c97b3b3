/**
 * MUV1 and MUV2 (iron/scintillator hadronic calorimeters) with the LKr and the MUV3 veto make the
 * calorimetric particle identification of NA62 (a BDT in 2016–2022). It is modelled by its published
 * working point, applied to the particle that reaches the calorimeters (a pion that decayed
 * upstream arrives as a muon): π⁺ identified as π with 75%, μ⁺ mis-identified as π with 1.2 × 10⁻⁵
 * for 15–40 GeV/c (NA62, JHEP 11 (2023) 138), e⁺ by E/p; the other entries are best estimates.
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

function readMuv12(r: SectionReader) {
  return {
    pionEfficiency: r.prob("pionEfficiency"),
    pionAsMuon: r.prob("pionAsMuon"),
    muonMisId: r.prob("muonMisId"),
    muonEfficiency: r.prob("muonEfficiency"),
    electronMisId: r.prob("electronMisId"),
    electronEfficiency: r.prob("electronEfficiency"),
  };
}

/** MUV1 and MUV2: one plane each (squares with a beam hole), charged particles */
export const MUV12: SubsystemSpec<"muv12", ReturnType<typeof readMuv12>> = {
  name: "MUV1/2",
  section: "muv12",
  card: readMuv12,
  planes: (g) =>
    [g.muv1, g.muv2].map((m, i) => ({
      z: m.z,
      kind: PlaneKind.APERTURE,
      bit: i === 0 ? Hit.MUV1 : Hit.MUV2,
      charged: true,
      photon: false,
      rMin: m.rMin,
      halfX: m.halfSide,
      halfY: m.halfSide,
    })),
  veto: false,
  create: (card) => new Muv12(card),
};

export class Muv12 implements Subsystem {
  readonly name = "MUV1/MUV2 (calorimetric PID)";
  private readonly c: PeriodCard["muv12"];

  constructor(card: PeriodCard) {
    this.c = card.muv12;
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const { tb, r } = ctx;
    const c = this.c;
    // no track: 0 (in bulk; the loop overwrites the events with a track)
    r.caloPi.fill(0, start, end);
    r.caloMu.fill(0, start, end);
    r.caloE.fill(0, start, end);
    const trackSlot = r.trackSlot;
    for (let i = start; i < end; i++) {
      const sel = trackSlot[i];
      if (sel < 0) continue;
      const g = i * MAX_SLOTS + sel;
      const id = tb.lkrId[g] || tb.strawId[g];
      if (id === 13) {
        r.caloPi[i] = c.muonMisId;
        r.caloMu[i] = c.muonEfficiency;
        r.caloE[i] = c.muonMisId;
      } else if (id === 11) {
        r.caloPi[i] = c.electronMisId;
        r.caloMu[i] = c.muonMisId;
        r.caloE[i] = c.electronEfficiency;
      } else {
        r.caloPi[i] = c.pionEfficiency;
        r.caloMu[i] = c.pionAsMuon;
        r.caloE[i] = c.electronMisId;
      }
    }
  }
}

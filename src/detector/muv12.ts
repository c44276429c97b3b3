/**
 * MUV1 and MUV2 (iron/scintillator hadronic calorimeters) with the LKr and the MUV3 veto make the
 * calorimetric particle identification of NA62 (a BDT in 2016–2022). It is modelled by its published
 * working point, applied to the particle that reaches the calorimeters (a pion that decayed
 * upstream arrives as a muon): π⁺ identified as π with 75%, μ⁺ mis-identified as π with 1.2 × 10⁻⁵
 * for 15–40 GeV/c (NA62, JHEP 11 (2023) 138), e⁺ by E/p; the other entries are best estimates.
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

  /** the calorimetric identification probabilities of the particle |pdg| id: out[0..2] = π, μ, e */
  private probs(id: number, out: Float64Array): void {
    const c = this.c;
    if (id === 13) {
      out[0] = c.muonMisId;
      out[1] = c.muonEfficiency;
      out[2] = c.muonMisId;
    } else if (id === 11) {
      out[0] = c.electronMisId;
      out[1] = c.muonMisId;
      out[2] = c.electronEfficiency;
    } else {
      out[0] = c.pionEfficiency;
      out[1] = c.pionAsMuon;
      out[2] = c.electronMisId;
    }
  }

  private readonly out = new Float64Array(3);

  process(ctx: DetectorContext, start: number, end: number): void {
    const { tb, r } = ctx;
    const tl = r.tracks;
    const out = this.out;
    // no track: 0 (in bulk; the loop overwrites the events with a track)
    r.caloPi.fill(0, start, end);
    r.caloMu.fill(0, start, end);
    r.caloE.fill(0, start, end);
    const trackSlot = r.trackSlot;
    for (let i = start; i < end; i++) {
      const sel = trackSlot[i];
      if (sel < 0) continue;
      const base = i * MAX_SLOTS;
      const o = i * MAX_TRACKS;
      // every track of the event model (the selected one among them)
      for (let j = 0; j < tl.count[i]; j++) {
        const g = base + tl.slot[o + j];
        this.probs(tb.lkrId[g] || tb.strawId[g], out);
        tl.caloPi[o + j] = out[0];
        tl.caloMu[o + j] = out[1];
        tl.caloE[o + j] = out[2];
      }
      const ks = o + tl.selected[i];
      r.caloPi[i] = tl.caloPi[ks];
      r.caloMu[i] = tl.caloMu[ks];
      r.caloE[i] = tl.caloE[ks];
    }
  }
}

/**
 * MUV1 and MUV2 (iron/scintillator hadronic calorimeters) with the LKr and the MUV3 veto make the
 * calorimetric particle identification of NA62 (a BDT in 2016–2022). It is modelled by its published
 * working point, applied to the particle that reaches the calorimeters (a pion that decayed
 * upstream arrives as a muon): π⁺ identified as π with 75%, μ⁺ mis-identified as π with 1.2 × 10⁻⁵
 * for 15–40 GeV/c (NA62, JHEP 11 (2023) 138), e⁺ by E/p; the other entries are best estimates.
 *
 * Every track of the event model also gets the energy it leaves in MUV1 and in MUV2 (eMuv1, eMuv2),
 * measured from the event-model stream (no single-track draw moves):
 *  - e±: 0 (contained in the 27 X₀ of the LKr);
 *  - μ±: the minimum-ionising loss in each module's iron (card mipMuv1/mipMuv2, GeV) with a relative
 *    spread mipSpread (Gaussian, truncated at 0);
 *  - hadrons: the energy the LKr did not absorb, E − E_LKr, shared between MUV1 (fraction
 *    hadronMuv1Fraction of it, of the shower that has started; a hadron that crossed the LKr as a MIP
 *    starts its shower in MUV1) and MUV2, each smeared with the stochastic term hadronStochastic/√E;
 *  - a track that does not reach MUV1 (MUV2) has 0 there.
 */
import { MAX_SLOTS } from "../core/batch.ts";
import { MAX_TRACKS, type TrackList } from "../core/track-list.ts";
import type { PeriodCard } from "./card.ts";
import type { NormalStream } from "./normal-stream.ts";
import {
  type DetectorContext,
  PlaneKind,
  type SectionReader,
  type Subsystem,
  type SubsystemSpec,
  trackStream,
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
    mipMuv1: r.num("mipMuv1", 0),
    mipMuv2: r.num("mipMuv2", 0),
    mipSpread: r.num("mipSpread", 0),
    hadronMuv1Fraction: r.prob("hadronMuv1Fraction"),
    hadronStochastic: r.num("hadronStochastic", 0),
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

  /** a non-negative Gaussian measurement of e with relative spread s */
  private static smear(e: number, s: number, gauss: NormalStream): number {
    const v = e * (1 + s * gauss.next());
    return Math.max(v, 0);
  }

  /**
   * the MUV1 and MUV2 energies of track k (absolute index) of the list, whose particle is |pdg| id
   * with energy E at the LKr front plane and Hit mask m
   */
  private energies(tl: TrackList, k: number, id: number, E: number, m: number, gauss: NormalStream): void {
    const c = this.c;
    let e1 = 0;
    let e2 = 0;
    if (m & (Hit.MUV1 | Hit.MUV2) && id !== 11) {
      if (id === 13) {
        e1 = Muv12.smear(c.mipMuv1, c.mipSpread, gauss);
        e2 = Muv12.smear(c.mipMuv2, c.mipSpread, gauss);
      } else {
        const rest = Math.max(E - tl.eLkr[k], 0);
        const f = c.hadronMuv1Fraction;
        const a1 = f * rest;
        const a2 = rest - a1;
        e1 = a1 > 0 ? Muv12.smear(a1, c.hadronStochastic / Math.sqrt(a1), gauss) : 0;
        e2 = a2 > 0 ? Muv12.smear(a2, c.hadronStochastic / Math.sqrt(a2), gauss) : 0;
      }
      if (!(m & Hit.MUV1)) e1 = 0;
      if (!(m & Hit.MUV2)) e2 = 0;
    }
    tl.eMuv1[k] = e1;
    tl.eMuv2[k] = e2;
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const { tb, r } = ctx;
    const extra = trackStream(ctx);
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
        const m = tb.mask[g];
        // the energy arriving at the LKr (at the STRAW for a track outside the LKr's acceptance)
        const E = m & Hit.LKR ? tb.eL[g] : tl.pTrue[o + j];
        this.energies(tl, o + j, tb.lkrId[g] || tb.strawId[g], E, m, extra);
      }
      const ks = o + tl.selected[i];
      r.caloPi[i] = tl.caloPi[ks];
      r.caloMu[i] = tl.caloMu[ks];
      r.caloE[i] = tl.caloE[ks];
    }
  }
}

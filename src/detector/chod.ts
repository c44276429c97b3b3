/**
 * CHOD (two planes of NA48 scintillator slabs, σt ≈ 200 ps) and NewCHOD (tiles, from 2017): count
 * the in-time charged particles (L0 Q1/QX/UTMC, dump H2/Q1), veto extra charged particles seen by both
 * (the CHOD–NewCHOD coincidence of NA62's multiplicity rejection; the CHOD alone in a period
 * without NewCHOD), and give
 * the downstream time. The event reference time combines the KTAG (70 ps), the RICH ring (if any)
 * and the CHOD; the true event time is 0, so the measured reference is drawn with the combined
 * resolution. Every track of the event model gets its own CHOD (else NewCHOD) time, true arrival
 * time plus the plane's resolution (event-model stream).
 */
import { MAX_SLOTS } from "../core/batch.ts";
import { MAX_TRACKS } from "../core/track-list.ts";
import { C_LIGHT } from "../core/units.ts";
import type { PeriodCard } from "./card.ts";
import { geometry } from "./geometry.ts";
import { chargedMiss } from "./multiplicity.ts";
import {
  type DetectorContext,
  PlaneFlag,
  PlaneKind,
  type SectionReader,
  type Subsystem,
  type SubsystemSpec,
  trackStream,
} from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

function readHodoscope(r: SectionReader) {
  return { present: r.bool("present"), efficiency: r.prob("efficiency"), sigmaT: r.num("sigmaT", 0) };
}

/** CHOD: vertical and horizontal planes (a hit needs both); its module also reads the NewCHOD */
export const CHOD: SubsystemSpec<"chod", ReturnType<typeof readHodoscope>> = {
  name: "CHOD",
  section: "chod",
  card: readHodoscope,
  planes: (g) => [
    {
      z: g.chod.zV,
      kind: PlaneKind.APERTURE,
      bit: Hit.CHOD,
      charged: true,
      photon: false,
      rMin: g.chod.rMin,
      rMax: g.chod.rMax,
    },
    {
      z: g.chod.zH,
      kind: PlaneKind.APERTURE,
      bit: Hit.CHOD,
      charged: true,
      photon: false,
      rMin: g.chod.rMin,
      rMax: g.chod.rMax,
      flags: PlaneFlag.REQUIRE,
    },
  ],
  veto: true,
  accidentals: { source: "chod", column: "rv" },
  create: (card) => (card.chod.present || card.newchod.present ? new Chod(card) : null),
};

/** NewCHOD: one plane; its response is in the CHOD module (no module of its own) */
export const NEWCHOD: SubsystemSpec<"newchod", ReturnType<typeof readHodoscope>> = {
  name: "NewCHOD",
  section: "newchod",
  card: readHodoscope,
  planes: (g) => [
    {
      z: g.newchod.z,
      kind: PlaneKind.APERTURE,
      bit: Hit.NEWCHOD,
      charged: true,
      photon: false,
      rMin: g.newchod.rMin,
      rMax: g.newchod.rMax,
    },
  ],
  veto: true,
  accidentals: { source: "chod", column: "rv" },
};

export class Chod implements Subsystem {
  readonly name = "CHOD/NewCHOD";
  private readonly chod: PeriodCard["chod"];
  private readonly newchod: PeriodCard["newchod"];
  private readonly sKtag: number;
  private readonly sRich: number;
  /** probability of missing an extra charged particle: CHOD–NewCHOD coincidence, CHOD alone */
  private readonly missPair: number;
  private readonly missChod: number;

  /** z of GTK3 (mm): the track times are aligned to the event with the flight time from there */
  private readonly zGtk3: number;

  constructor(card: PeriodCard, zGtk3 = geometry().gtk.z[2]) {
    this.zGtk3 = zGtk3;
    this.chod = card.chod;
    this.newchod = card.newchod;
    this.sKtag = card.ktag.present ? card.ktag.sigmaT : 0;
    this.sRich = card.rich.sigmaT;
    const s = card.multiplicity.chargedIneffScale;
    this.missPair = chargedMiss(card.chod.efficiency * card.newchod.efficiency, s);
    this.missChod = chargedMiss(card.chod.efficiency, s);
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const { b, tb, r, gauss } = ctx;
    const ch = this.chod;
    const nc = this.newchod;
    const useChod = ch.present;
    const useNew = nc.present;
    const tl = r.tracks;
    const extra = trackStream(ctx);
    const zG = this.zGtk3;
    for (let i = start; i < end; i++) {
      const base = i * MAX_SLOTS;
      const n = b.nParticles[i];
      const sel = r.trackSlot[i];
      if (!(tb.eventMask[i] & (Hit.CHOD | Hit.NEWCHOD)) && sel < 0) {
        r.chodHits[i] = 0;
        continue;
      }
      let hits = 0;
      for (let k = 1; k < n; k++) {
        const m = tb.mask[base + k];
        if (!(m & Hit.TRACK)) continue;
        const inC = useChod && (m & Hit.CHOD) !== 0;
        const inN = useNew && (m & Hit.NEWCHOD) !== 0;
        if (!inC && !inN) continue;
        hits++;
        if (k === sel) continue;
        // NA62's multiplicity rejection needs a coincidence: an extra particle seen by the CHOD
        // alone gives ≤ 3 in-time slab hits (not rejected), by the NewCHOD alone nothing; the
        // CHOD–NewCHOD pair rejects (the pairs with the LKr are covered by the LKr's own cluster
        // veto, lkr.ts). [S] PnnAnalyzers/MultiplicitySelection.cc (MaxNCHODSlabs = 3, the
        // CHOD–NewCHOD, CHOD–LKr and NewCHOD–LKr coincidences), PnnFunctions.cc NCHODSlabs.
        // Without a NewCHOD (2016) there is no coincidence partner: NA62's 2016 multiplicity
        // rejection used the CHOD's in-time hits (with the LKr), so an extra particle in the CHOD
        // acceptance is vetoed by the CHOD alone (PLB 791 (2019) 156, UNCONFIRMED reading; the L1
        // CHOD-multiplicity algorithm of 2015 cut on in-time slabs alone). The LKr keeps its own veto.
        if (inC && inN) r.mult[i] *= this.missPair;
        else if (inC && !useNew) r.mult[i] *= this.missChod;
      }
      r.chodHits[i] = hits;
      // reference time: inverse-variance combination of KTAG, RICH and CHOD/NewCHOD
      let w = 0;
      if (this.sKtag > 0 && r.ktag[i] > 0) w += 1 / (this.sKtag * this.sKtag);
      if (r.richRing[i]) w += 1 / (this.sRich * this.sRich);
      if (sel >= 0) {
        const m = tb.mask[base + sel];
        if (useChod && m & Hit.CHOD) w += 1 / (ch.sigmaT * ch.sigmaT);
        else if (useNew && m & Hit.NEWCHOD) w += 1 / (nc.sigmaT * nc.sigmaT);
      }
      const s = w > 0 ? 1 / Math.sqrt(w) : 1;
      r.sigmaTRef[i] = s;
      r.tRef[i] = s * gauss.next();
      // the time of every track of the event model: the CHOD's, else the NewCHOD's (own stream)
      const o = i * MAX_TRACKS;
      const nt = tl.count[i];
      for (let j = 0; j < nt; j++) {
        const k = o + j;
        const g = base + tl.slot[k];
        const m = tb.mask[g];
        const st = useChod && m & Hit.CHOD ? ch.sigmaT : useNew && m & Hit.NEWCHOD ? nc.sigmaT : Number.NaN;
        // aligned to the event: the arrival time at the plane less the flight time at c from GTK3
        // to it (≈ 0 for a track of the kaon's decay, like tRef); NaN outside both planes
        tl.t[k] = st > 0 ? b.t[g] + (zG - b.vz[g]) / C_LIGHT + st * extra.next() : Number.NaN;
      }
    }
  }
}

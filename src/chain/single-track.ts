/**
 * The one single-track selection: "one positive downstream track" and the cuts every single-track
 * study adds to it, in one place. The K⁺→π⁺νν̄ analysis (src/analyses/pnn/selection.ts), the
 * detector-performance figures (performance.ts) and the validation tables
 * (scripts/validation-detector.ts) each build a SingleTrackSelection with their own cuts:
 *
 *  - one reconstructed track, positive (always);
 *  - the track's hit bits contain `acceptance` (the downstream detectors it must reach) and, with
 *    `lkrInnerCut`, its LKr impact is outside the analysis inner radius;
 *  - `momentum` (GeV/c) and `vertexZ` (mm): open intervals on the measured track momentum and the
 *    reconstructed track–kaon vertex;
 *  - `kaon`: a GTK track associated with it; `fit`: a good track fit (effTrack > 0).
 *
 * It reads the reconstruction columns only (a RecoBatch or any batch with these columns).
 */
import { apertures, geometry } from "../detector/geometry.ts";
import { Hit } from "../detector/transport-batch.ts";

type Col = ArrayLike<number>;

/** the reconstruction columns the selection reads (those of RecoBatch) */
export interface SingleTrackColumns {
  nTracks: Col;
  trackQ: Col;
  trackMask: Col;
  xLkr: Col;
  yLkr: Col;
  pTrack: Col;
  zVtx: Col;
  gtkMatch: Col;
  effTrack: Col;
}

/** the four STRAW chambers */
export const STRAW_ALL = Hit.STRAW1 | Hit.STRAW2 | Hit.STRAW3 | Hit.STRAW4;

/** the downstream acceptance of NA62's πνν̄ track (PnnAnalyzers BestTrackSelection::AcceptanceOK) */
export const PNN_ACCEPTANCE =
  Hit.RICH | Hit.NEWCHOD | Hit.CHOD | Hit.LKR | Hit.MUV1 | Hit.MUV2 | Hit.MUV3 | Hit.IN_LAV;

/** the acceptance of the detector-performance figures: STRAW, RICH, CHOD, LKr, MUV3, inside the LAV */
export const PERFORMANCE_ACCEPTANCE = STRAW_ALL | Hit.RICH | Hit.CHOD | Hit.LKR | Hit.MUV3 | Hit.IN_LAV;

export interface SingleTrackCuts {
  /** hit bits the track must have (0: none) */
  acceptance?: number;
  /** the LKr impact outside the analysis inner radius (geometry lkr.rMin) */
  lkrInnerCut?: boolean;
  /** open interval on the track momentum (GeV/c) */
  momentum?: readonly [number, number];
  /** open interval on the vertex z (mm) */
  vertexZ?: readonly [number, number];
  /** an associated GTK track */
  kaon?: boolean;
  /** a good track fit (effTrack > 0) */
  fit?: boolean;
}

/** one reconstructed track, positive */
export function onePositiveTrack(r: Pick<SingleTrackColumns, "nTracks" | "trackQ">, i: number): boolean {
  return r.nTracks[i] === 1 && r.trackQ[i] > 0;
}

export class SingleTrackSelection {
  readonly cuts: Readonly<SingleTrackCuts>;
  private readonly mask: number;
  private readonly pLo: number;
  private readonly pHi: number;
  private readonly zLo: number;
  private readonly zHi: number;
  private readonly ap = apertures(geometry());
  private readonly rLkr = geometry().lkr.rMin;

  constructor(cuts: SingleTrackCuts = {}) {
    this.cuts = { ...cuts };
    this.mask = cuts.acceptance ?? 0;
    [this.pLo, this.pHi] = cuts.momentum ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
    [this.zLo, this.zHi] = cuts.vertexZ ?? [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
  }

  /** does event i pass? */
  accepts(r: SingleTrackColumns, i: number): boolean {
    if (!onePositiveTrack(r, i)) return false;
    const c = this.cuts;
    if ((r.trackMask[i] & this.mask) !== this.mask) return false;
    if (c.momentum) {
      const p = r.pTrack[i];
      if (!(p > this.pLo && p < this.pHi)) return false;
    }
    if (c.vertexZ) {
      const z = r.zVtx[i];
      if (!(z > this.zLo && z < this.zHi)) return false;
    }
    if (c.kaon && r.gtkMatch[i] < 0) return false;
    if (c.fit && !(r.effTrack[i] > 0)) return false;
    if (c.lkrInnerCut && !this.ap.lkr(r.xLkr[i], r.yLkr[i], this.rLkr)) return false;
    return true;
  }
}

/**
 * Per-event detector, trigger and reconstruction columns (struct of arrays, one entry per event of
 * the EventBatch they were computed from). The detector modules write measurements and per-object
 * probabilities, the trigger writes its mask efficiencies, the reconstruction the decisions.
 *
 * Probabilities ("survival" columns, pid_*, trig_*) are per-event weights in the weighted mode and
 * 0/1 draws in the sample mode; an analysis multiplies the generator weight by the ones it uses.
 */

import { ClusterList } from "./cluster-list.ts";
import { TrackList } from "./track-list.ts";

/** the candidate GTK tracks kept per event (true kaon + pile-up beam tracks) */
export const MAX_GTK_CANDIDATES = 16;
/** fields per GTK candidate: p, tx, ty, x, y (at GTK3), t, isTrueKaon */
export const GTK_FIELDS = 7;

/** where the event comes from */
export const Source = { KAON: 0, UPSTREAM_DECAY: 1, UPSTREAM_INTERACTION: 2, UPSTREAM_BEAMLINE: 3 } as const;
export const SOURCE_NAMES = ["kaon", "upstream-decay", "upstream-interaction", "upstream-beamline"] as const;

export class RecoBatch {
  readonly capacity: number;
  size = 0;

  // ---- event model: every STRAW track and every LKr cluster (the columns below that describe
  // "the track" are a view of the selected track of this list, tracks.selected)
  readonly tracks: TrackList;
  readonly clusters: ClusterList;

  // ---- event
  readonly source: Int8Array;
  /** instantaneous beam intensity of the event (fraction of nominal) */
  readonly intensity: Float64Array;

  // ---- selected downstream track (truth)
  /** slot of the selected track head in the EventBatch, −1 if none */
  readonly trackSlot: Int8Array;
  /** |pdg| of the particle crossing STRAW1 for the selected track */
  readonly trackId: Int32Array;
  readonly pTrackTrue: Float64Array;
  /** Hit mask of the selected track (transport) */
  readonly trackMask: Int32Array;

  // ---- STRAW
  readonly nTracks: Int32Array;
  readonly trackQ: Int8Array;
  readonly pTrack: Float64Array;
  readonly txTrack: Float64Array;
  readonly tyTrack: Float64Array;
  readonly xStraw1: Float64Array;
  readonly yStraw1: Float64Array;
  /** probability that the track is reconstructed with good quality */
  readonly effTrack: Float64Array;

  // ---- KTAG / GTK
  readonly ktag: Float64Array;
  readonly nGtk: Int32Array;
  /** candidates: [ev·MAX_GTK_CANDIDATES + c]·GTK_FIELDS + field */
  readonly gtkCand: Float64Array;
  /** downstream reference time (ns) measured for the track (RICH/CHOD/KTAG combination) */
  readonly tRef: Float64Array;
  readonly sigmaTRef: Float64Array;
  /** associated kaon: 1 true kaon, 0 pile-up track, −1 none */
  readonly gtkMatch: Int8Array;
  readonly pK: Float64Array;
  readonly txK: Float64Array;
  readonly tyK: Float64Array;
  readonly xK: Float64Array;
  readonly yK: Float64Array;

  // ---- vertex and kinematics
  readonly zVtx: Float64Array;
  readonly xVtx: Float64Array;
  readonly yVtx: Float64Array;
  readonly cda: Float64Array;
  readonly thetaTrack: Float64Array;
  readonly m2miss: Float64Array;
  readonly m2missRich: Float64Array;
  readonly m2missBeam: Float64Array;
  readonly m2missTrue: Float64Array;

  // ---- vertex fit of all the event's tracks (reco/vertex-fit.ts); NaN with fewer than two
  readonly vtxNTracks: Int32Array;
  readonly vtxX: Float64Array;
  readonly vtxY: Float64Array;
  readonly vtxZ: Float64Array;
  readonly vtxChi2: Float64Array;
  /** total momentum, its transverse momentum to the nominal beam axis, invariant mass (π hypothesis) */
  readonly vtxP: Float64Array;
  readonly vtxPt: Float64Array;
  readonly vtxMass: Float64Array;

  // ---- RICH
  readonly richRing: Uint8Array;
  /** measured ring radius (mm) = focal length × Cherenkov angle */
  readonly richRadius: Float64Array;
  readonly pRich: Float64Array;
  /** RICH momentum (π hypothesis) of the ring conditioned on the π⁺ identification (rich.ts) */
  readonly pRichPi: Float64Array;
  /** the π-identified ring's parameters (rich.ts PionRing) */
  readonly ringTheta: Float64Array;
  readonly ringSigma: Float64Array;
  readonly ringSigmaTail: Float64Array;
  readonly ringLo: Float64Array;
  readonly ringHi: Float64Array;
  readonly ringCore: Float64Array;
  readonly ringU: Float64Array;
  readonly ringN2: Float64Array;
  readonly massRich: Float64Array;
  readonly richPi: Float64Array;
  readonly richMu: Float64Array;
  readonly richE: Float64Array;

  // ---- calorimeters, MUV3
  readonly eLkrTrack: Float64Array;
  /** impact point of the selected track on the LKr front plane (mm) */
  readonly xLkr: Float64Array;
  readonly yLkr: Float64Array;
  /** the track's LKr cluster as measured: position (mm) and time (ns); NaN without a cluster */
  readonly xLkrCluster: Float64Array;
  readonly yLkrCluster: Float64Array;
  readonly tLkrCluster: Float64Array;
  readonly eLkrTotal: Float64Array;
  readonly nLkrClusters: Int32Array;
  readonly caloPi: Float64Array;
  readonly caloMu: Float64Array;
  readonly caloE: Float64Array;
  readonly muv3Hit: Float64Array;

  // ---- vetoes: probabilities that nothing is seen
  readonly pv: Float64Array;
  readonly mult: Float64Array;
  readonly rv: Float64Array;
  readonly chanti: Float64Array;
  /** expected number of in-time LAV hits from the event itself (photons, charged) */
  readonly lavHits: Float64Array;
  /** number of in-time CHOD-quadrant hits from charged particles of the event */
  readonly chodHits: Int32Array;

  // ---- decisions (probabilities)
  readonly pidPi: Float64Array;
  readonly pidMu: Float64Array;
  readonly pidE: Float64Array;
  readonly trigPnn: Float64Array;
  readonly trigControl: Float64Array;
  readonly trigMt: Float64Array;
  readonly trigEmt: Float64Array;
  readonly trigMumt: Float64Array;
  /** di-muon multi-track line (2μMT: MT × ≥ 2 muons in the MUV3 outer tiles), before its downscale */
  readonly trigDimuon: Float64Array;
  readonly trigH2: Float64Array;
  readonly trigQ1: Float64Array;
  readonly trigDumpControl: Float64Array;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`RecoBatch: capacity ${capacity}`);
    this.capacity = capacity;
    const f = () => new Float64Array(capacity);
    this.tracks = new TrackList(capacity);
    this.clusters = new ClusterList(capacity);
    this.vtxNTracks = new Int32Array(capacity);
    this.vtxX = f();
    this.vtxY = f();
    this.vtxZ = f();
    this.vtxChi2 = f();
    this.vtxP = f();
    this.vtxPt = f();
    this.vtxMass = f();
    this.source = new Int8Array(capacity);
    this.intensity = f();
    this.trackSlot = new Int8Array(capacity);
    this.trackId = new Int32Array(capacity);
    this.pTrackTrue = f();
    this.trackMask = new Int32Array(capacity);
    this.nTracks = new Int32Array(capacity);
    this.trackQ = new Int8Array(capacity);
    this.pTrack = f();
    this.txTrack = f();
    this.tyTrack = f();
    this.xStraw1 = f();
    this.yStraw1 = f();
    this.effTrack = f();
    this.ktag = f();
    this.nGtk = new Int32Array(capacity);
    this.gtkCand = new Float64Array(capacity * MAX_GTK_CANDIDATES * GTK_FIELDS);
    this.tRef = f();
    this.sigmaTRef = f();
    this.gtkMatch = new Int8Array(capacity);
    this.pK = f();
    this.txK = f();
    this.tyK = f();
    this.xK = f();
    this.yK = f();
    this.zVtx = f();
    this.xVtx = f();
    this.yVtx = f();
    this.cda = f();
    this.thetaTrack = f();
    this.m2miss = f();
    this.m2missRich = f();
    this.m2missBeam = f();
    this.m2missTrue = f();
    this.richRing = new Uint8Array(capacity);
    this.richRadius = f();
    this.pRich = f();
    this.pRichPi = f();
    this.ringTheta = f();
    this.ringSigma = f();
    this.ringSigmaTail = f();
    this.ringLo = f();
    this.ringHi = f();
    this.ringCore = f();
    this.ringU = f();
    this.ringN2 = f();
    this.massRich = f();
    this.richPi = f();
    this.richMu = f();
    this.richE = f();
    this.eLkrTrack = f();
    this.xLkr = f();
    this.yLkr = f();
    this.xLkrCluster = f();
    this.yLkrCluster = f();
    this.tLkrCluster = f();
    this.eLkrTotal = f();
    this.nLkrClusters = new Int32Array(capacity);
    this.caloPi = f();
    this.caloMu = f();
    this.caloE = f();
    this.muv3Hit = f();
    this.pv = f();
    this.mult = f();
    this.rv = f();
    this.chanti = f();
    this.lavHits = f();
    this.chodHits = new Int32Array(capacity);
    this.pidPi = f();
    this.pidMu = f();
    this.pidE = f();
    this.trigPnn = f();
    this.trigControl = f();
    this.trigMt = f();
    this.trigEmt = f();
    this.trigMumt = f();
    this.trigDimuon = f();
    this.trigH2 = f();
    this.trigQ1 = f();
    this.trigDumpControl = f();
  }

  /** reset the per-event accumulators of events [0, n) before the detector modules run */
  reset(n: number): void {
    this.size = n;
    this.source.fill(0, 0, n);
    this.resetRange(0, n);
  }

  /**
   * reset the accumulators of events [start, end) for a new detector response (the source, set by
   * the upstream source before the transport, is kept)
   */
  resetRange(start: number, end: number): void {
    this.trackSlot.fill(-1, start, end);
    this.nTracks.fill(0, start, end);
    this.tracks.clear(start, end);
    this.clusters.clear(start, end);
    this.nGtk.fill(0, start, end);
    this.pv.fill(1, start, end);
    this.mult.fill(1, start, end);
    this.rv.fill(1, start, end);
    this.chanti.fill(1, start, end);
    this.lavHits.fill(0, start, end);
    this.chodHits.fill(0, start, end);
    this.eLkrTotal.fill(0, start, end);
    this.nLkrClusters.fill(0, start, end);
    this.effTrack.fill(0, start, end);
  }
}

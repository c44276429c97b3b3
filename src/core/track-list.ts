/**
 * The reconstructed STRAW tracks of a batch: a variable-length list per event, stored as struct of
 * arrays with fixed offsets (track j of event i at index i·MAX_TRACKS + j, `count[i]` of them), so
 * no object is allocated per track and a sub-range of events can be re-measured in place.
 *
 * Every charged track crossing the four STRAW chambers inside their acceptance is in the list, in
 * the order of its particle slot. The single-track RecoBatch columns (pTrack, txTrack, richPi,
 * eLkrTrack, …) are a view of the selected track, `selected[i]`.
 *
 * Units: GeV/c, mm, ns, rad (slopes are dx/dz, dy/dz). Probabilities in [0, 1].
 */

/** tracks kept per event (a K⁺ decay has at most five charged products) */
export const MAX_TRACKS = 8;

export class TrackList {
  /** events */
  readonly capacity: number;
  /** tracks per event (≤ MAX_TRACKS; `found` counts those beyond) */
  readonly count: Int32Array;
  /** tracks crossing the four chambers, including any beyond MAX_TRACKS */
  readonly found: Int32Array;
  /** index (0…count−1) of the selected track, −1 if none */
  readonly selected: Int8Array;

  // ---- per track: index i·MAX_TRACKS + j
  /** particle slot of the track head in the EventBatch */
  readonly slot: Int8Array;
  /** |pdg| of the particle crossing STRAW1 (truth) */
  readonly pdg: Int32Array;
  /** transport hit mask of the track (truth: which detectors it crosses in acceptance) */
  readonly mask: Int32Array;
  readonly q: Int8Array;
  /** true spectrometer momentum before resolution */
  readonly pTrue: Float64Array;
  /** measured momentum, slopes and position at STRAW1 */
  readonly p: Float64Array;
  readonly tx: Float64Array;
  readonly ty: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** position and slope resolutions of the measurement (mm, rad; per projection) */
  readonly sigmaPos: Float64Array;
  readonly sigmaSlope: Float64Array;
  /** probability that the track is reconstructed with good quality */
  readonly eff: Float64Array;
  /** impact points on the LKr front plane and on the MUV3 plane (transport; NaN if not reached) */
  readonly xLkr: Float64Array;
  readonly yLkr: Float64Array;
  readonly xMuv3: Float64Array;
  readonly yMuv3: Float64Array;
  /**
   * time measured by the CHOD (else the NewCHOD), ns, aligned to the event: the arrival time less
   * the flight time at c from GTK3 to the plane (≈ 0 for the kaon's decay products); NaN outside both
   */
  readonly t: Float64Array;
  /** RICH ring radius (mm) and momentum in the π hypothesis; NaN without a ring */
  readonly richRadius: Float64Array;
  readonly pRich: Float64Array;
  /** RICH identification probabilities */
  readonly richPi: Float64Array;
  readonly richMu: Float64Array;
  readonly richE: Float64Array;
  /** LKr energy of the track (GeV) and its cluster (index in the ClusterList, −1 none) */
  readonly eLkr: Float64Array;
  readonly cluster: Int8Array;
  /** calorimetric (LKr + MUV1/2) identification probabilities */
  readonly caloPi: Float64Array;
  readonly caloMu: Float64Array;
  readonly caloE: Float64Array;
  /**
   * energy measured in MUV1 and in MUV2 (GeV; 0 for a track that does not reach them, src/detector/muv12.ts)
   */
  readonly eMuv1: Float64Array;
  readonly eMuv2: Float64Array;
  /** probability of an in-time MUV3 hit associated with the track */
  readonly muv3: Float64Array;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`TrackList: capacity ${capacity}`);
    this.capacity = capacity;
    const n = capacity * MAX_TRACKS;
    const f = () => new Float64Array(n);
    this.count = new Int32Array(capacity);
    this.found = new Int32Array(capacity);
    this.selected = new Int8Array(capacity).fill(-1);
    this.slot = new Int8Array(n);
    this.pdg = new Int32Array(n);
    this.mask = new Int32Array(n);
    this.q = new Int8Array(n);
    this.pTrue = f();
    this.p = f();
    this.tx = f();
    this.ty = f();
    this.x = f();
    this.y = f();
    this.sigmaPos = f();
    this.sigmaSlope = f();
    this.eff = f();
    this.xLkr = f();
    this.yLkr = f();
    this.xMuv3 = f();
    this.yMuv3 = f();
    this.t = f();
    this.richRadius = f();
    this.pRich = f();
    this.richPi = f();
    this.richMu = f();
    this.richE = f();
    this.eLkr = f();
    this.cluster = new Int8Array(n);
    this.caloPi = f();
    this.caloMu = f();
    this.caloE = f();
    this.eMuv1 = f();
    this.eMuv2 = f();
    this.muv3 = f();
  }

  /** index of the first track of event i */
  offset(i: number): number {
    return i * MAX_TRACKS;
  }

  /** empty the lists of events [start, end) */
  clear(start: number, end: number): void {
    this.count.fill(0, start, end);
    this.found.fill(0, start, end);
    this.selected.fill(-1, start, end);
  }

  /** momentum components (GeV/c, lab frame) of track k (absolute index): out[0..2] = px, py, pz */
  momentum(k: number, out: Float64Array): void {
    const tx = this.tx[k];
    const ty = this.ty[k];
    const pz = this.p[k] / Math.sqrt(1 + tx * tx + ty * ty);
    out[0] = pz * tx;
    out[1] = pz * ty;
    out[2] = pz;
  }
}

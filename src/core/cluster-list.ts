/**
 * The LKr clusters of a batch: a variable-length list per event as struct of arrays with fixed
 * offsets (cluster j of event i at index i·MAX_CLUSTERS + j, `count[i]` of them). Photons and
 * charged particles that deposit more than the cluster threshold make one cluster each; a charged
 * track's cluster points back to it (`track`, the index in the event's TrackList, −1 otherwise).
 *
 * Units: GeV, mm (LKr front plane), ns.
 */

/** clusters kept per event */
export const MAX_CLUSTERS = 12;

export class ClusterList {
  readonly capacity: number;
  readonly count: Int32Array;
  readonly e: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly t: Float64Array;
  /** index of the associated track in the event's TrackList, −1 for none (photons, untracked) */
  readonly track: Int8Array;
  /** 1 if a photon made the cluster (truth) */
  readonly photon: Uint8Array;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0)
      throw new RangeError(`ClusterList: capacity ${capacity}`);
    this.capacity = capacity;
    const n = capacity * MAX_CLUSTERS;
    this.count = new Int32Array(capacity);
    this.e = new Float64Array(n);
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.t = new Float64Array(n);
    this.track = new Int8Array(n);
    this.photon = new Uint8Array(n);
  }

  offset(i: number): number {
    return i * MAX_CLUSTERS;
  }

  clear(start: number, end: number): void {
    this.count.fill(0, start, end);
  }

  /** append a cluster to event i; returns its index in the event, −1 if the list is full */
  add(i: number, e: number, x: number, y: number, t: number, track: number, photon: boolean): number {
    const j = this.count[i];
    if (j >= MAX_CLUSTERS) return -1;
    const k = i * MAX_CLUSTERS + j;
    this.e[k] = e;
    this.x[k] = x;
    this.y[k] = y;
    this.t[k] = t;
    this.track[k] = track;
    this.photon[k] = photon ? 1 : 0;
    this.count[i] = j + 1;
    return j;
  }
}

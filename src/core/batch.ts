/**
 * The event batch: struct-of-arrays typed columns, the unit every pipeline stage reads and writes.
 * A batch holds up to `capacity` events; each event owns MAX_SLOTS particle slots, so particle
 * `k` of event `i` lives at index i·MAX_SLOTS + k of every particle column. Slot 0 is the kaon
 * (status INITIAL), the decay products follow, then the products of secondary decays.
 * No per-event objects: stages loop over indices.
 */
export const MAX_SLOTS = 16;

export const Status = {
  NONE: 0,
  INITIAL: 1,
  INTERMEDIATE: 2,
  FINAL: 3,
} as const;
export type StatusCode = (typeof Status)[keyof typeof Status];
export const STATUS_NAMES = ["none", "initial", "intermediate", "final"] as const;

export class EventBatch {
  readonly capacity: number;
  /** number of filled events */
  size = 0;

  // ---- per event
  /** channel index in the catalogue the batch was generated from */
  readonly channel: Uint16Array;
  /** event weight (normalised to kaon decays: see docs/generation.md) */
  readonly weight: Float64Array;
  /** number of used particle slots */
  readonly nParticles: Uint8Array;
  /** primary (kaon) decay vertex, mm, and time, ns (t = 0 when the kaon crosses GTK3) */
  readonly vtxX: Float64Array;
  readonly vtxY: Float64Array;
  readonly vtxZ: Float64Array;
  readonly vtxT: Float64Array;

  // ---- per particle slot
  readonly pdg: Int32Array;
  readonly status: Uint8Array;
  /** slot index of the parent within the event; −1 for the kaon */
  readonly parent: Int8Array;
  readonly mass: Float64Array;
  readonly px: Float64Array;
  readonly py: Float64Array;
  readonly pz: Float64Array;
  readonly e: Float64Array;
  /** production vertex, mm, and time, ns */
  readonly vx: Float64Array;
  readonly vy: Float64Array;
  readonly vz: Float64Array;
  readonly t: Float64Array;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity <= 0)
      throw new RangeError(`EventBatch: capacity ${capacity}`);
    this.capacity = capacity;
    const n = capacity * MAX_SLOTS;
    this.channel = new Uint16Array(capacity);
    this.weight = new Float64Array(capacity);
    this.nParticles = new Uint8Array(capacity);
    this.vtxX = new Float64Array(capacity);
    this.vtxY = new Float64Array(capacity);
    this.vtxZ = new Float64Array(capacity);
    this.vtxT = new Float64Array(capacity);
    this.pdg = new Int32Array(n);
    this.status = new Uint8Array(n);
    this.parent = new Int8Array(n);
    this.mass = new Float64Array(n);
    this.px = new Float64Array(n);
    this.py = new Float64Array(n);
    this.pz = new Float64Array(n);
    this.e = new Float64Array(n);
    this.vx = new Float64Array(n);
    this.vy = new Float64Array(n);
    this.vz = new Float64Array(n);
    this.t = new Float64Array(n);
  }

  /** reset the event counters (columns are overwritten by the next fill) */
  clear(): void {
    this.size = 0;
    this.nParticles.fill(0);
  }

  /**
   * Add a particle to event `ev` and return its global index. Momentum is zeroed; vertex is
   * copied from the arguments.
   */
  addParticle(
    ev: number,
    pdg: number,
    mass: number,
    status: number,
    parentSlot: number,
    x: number,
    y: number,
    z: number,
    t: number,
  ): number {
    const slot = this.nParticles[ev];
    if (slot >= MAX_SLOTS) throw new RangeError(`event ${ev}: more than ${MAX_SLOTS} particles`);
    this.nParticles[ev] = slot + 1;
    const g = ev * MAX_SLOTS + slot;
    this.pdg[g] = pdg;
    this.mass[g] = mass;
    this.status[g] = status;
    this.parent[g] = parentSlot;
    this.px[g] = 0;
    this.py[g] = 0;
    this.pz[g] = 0;
    this.e[g] = 0;
    this.vx[g] = x;
    this.vy[g] = y;
    this.vz[g] = z;
    this.t[g] = t;
    return g;
  }

  /** total number of particle rows over the filled events */
  particleCount(): number {
    let n = 0;
    for (let i = 0; i < this.size; i++) n += this.nParticles[i];
    return n;
  }
}

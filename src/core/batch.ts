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
export const STATUS_NAMES = ["none", "initial", "intermediate", "final"] as const;

/**
 * Column numbers in EventBatch.f64 (per particle slot: column c of slot g is f64[c·stride + g]) and
 * EventBatch.e64 (per event: column c of event i is e64[c·eventStride + i]).
 */
export const F64 = { mass: 0, px: 1, py: 2, pz: 3, e: 4, vx: 5, vy: 6, vz: 7, t: 8 } as const;
export const E64 = { weight: 0, vtxX: 1, vtxY: 2, vtxZ: 3, vtxT: 4 } as const;

/** where each per-particle float64 column starts in EventBatch.f64 (F64 column × stride) */
export type ColumnOffsets = { readonly [K in keyof typeof F64]: number };
/** where each per-event float64 column starts in EventBatch.e64 (E64 column × eventStride) */
export type EventColumnOffsets = { readonly [K in keyof typeof E64]: number };

/**
 * The column offsets of a batch, computed once in its constructor. Hot loops destructure them into
 * integer locals before the loop — `const { px: oPx, e: oE } = b.col` — and index f64[oPx + g].
 */
function columnOffsets(stride: number, eventStride: number): [ColumnOffsets, EventColumnOffsets] {
  const S = stride | 0;
  const ES = eventStride | 0;
  const col = {
    mass: F64.mass * S,
    px: F64.px * S,
    py: F64.py * S,
    pz: F64.pz * S,
    e: F64.e * S,
    vx: F64.vx * S,
    vy: F64.vy * S,
    vz: F64.vz * S,
    t: F64.t * S,
  };
  const ecol = {
    weight: E64.weight * ES,
    vtxX: E64.vtxX * ES,
    vtxY: E64.vtxY * ES,
    vtxZ: E64.vtxZ * ES,
    vtxT: E64.vtxT * ES,
  };
  // not frozen: a frozen object's fields are slower to load in V8 (readonly in the types only)
  return [col, ecol];
}

export class EventBatch {
  readonly capacity: number;
  /** number of particle slots (capacity · MAX_SLOTS) */
  readonly slots: number;
  /** distance between the columns in f64 and in e64 (the size plus one 64-byte cache line) */
  readonly stride: number;
  readonly eventStride: number;
  /** offsets of the per-particle columns in f64 (see columnOffsets) */
  readonly col: ColumnOffsets;
  /** offsets of the per-event columns in e64 */
  readonly ecol: EventColumnOffsets;
  /** number of filled events */
  size = 0;
  /**
   * The float64 columns, each a view into one of two buffers: per particle (mass, px, py, pz, e,
   * vx, vy, vz, t; see F64) and per event (weight, vtxX, vtxY, vtxZ, vtxT; see E64). Hot loops index
   * the buffers directly: V8 then checks and locates one typed array per loop iteration instead of
   * one per column (it re-checks every typed array it touches at each iteration). The columns are
   * one cache line more than their size apart: at a power-of-two distance the same slot of every
   * column would fall into the same cache set.
   */
  readonly f64: Float64Array;
  readonly e64: Float64Array;

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
    this.slots = n;
    this.stride = n + 8;
    this.eventStride = capacity + 8;
    [this.col, this.ecol] = columnOffsets(this.stride, this.eventStride);
    this.e64 = new Float64Array(5 * this.eventStride);
    this.f64 = new Float64Array(9 * this.stride);
    const ev = (c: number) => this.e64.subarray(c * this.eventStride, c * this.eventStride + capacity);
    const pc = (c: number) => this.f64.subarray(c * this.stride, c * this.stride + n);
    this.channel = new Uint16Array(capacity);
    this.weight = ev(E64.weight);
    this.nParticles = new Uint8Array(capacity);
    this.vtxX = ev(E64.vtxX);
    this.vtxY = ev(E64.vtxY);
    this.vtxZ = ev(E64.vtxZ);
    this.vtxT = ev(E64.vtxT);
    this.pdg = new Int32Array(n);
    this.status = new Uint8Array(n);
    this.parent = new Int8Array(n);
    this.mass = pc(F64.mass);
    this.px = pc(F64.px);
    this.py = pc(F64.py);
    this.pz = pc(F64.pz);
    this.e = pc(F64.e);
    this.vx = pc(F64.vx);
    this.vy = pc(F64.vy);
    this.vz = pc(F64.vz);
    this.t = pc(F64.t);
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

/**
 * Per-particle-slot output of the transport (index ev·MAX_SLOTS + slot, like EventBatch):
 * which detectors a particle (or its chain of in-flight decay products) reaches inside their
 * acceptance, and the true-level quantities the subsystem responses need.
 */
import { MAX_SLOTS } from "../core/batch.ts";

/** bits of TransportBatch.mask */
export const Hit = {
  STRAW1: 1 << 0,
  STRAW2: 1 << 1,
  STRAW3: 1 << 2,
  STRAW4: 1 << 3,
  RICH: 1 << 4,
  NEWCHOD: 1 << 5,
  CHOD: 1 << 6,
  LKR: 1 << 7,
  MUV1: 1 << 8,
  MUV2: 1 << 9,
  MUV3: 1 << 10,
  IRC: 1 << 11,
  SAC: 1 << 12,
  LAV: 1 << 13,
  MUV0: 1 << 14,
  HASC: 1 << 15,
  /** photon in the LKr between the IRC edge and the analysis inner cut */
  LKR_EDGE: 1 << 16,
  /** charged track inside the inner radius of every LAV station downstream of its origin */
  IN_LAV: 1 << 17,
  CHANTI: 1 << 18,
  /** stopped by the final collimator */
  ABSORBED: 1 << 19,
  /** a charged track (chain head) */
  TRACK: 1 << 20,
  /** a photon */
  PHOTON: 1 << 21,
} as const;

export const STRAW_ALL = Hit.STRAW1 | Hit.STRAW2 | Hit.STRAW3 | Hit.STRAW4;

export class TransportBatch {
  readonly capacity: number;
  /** per event: OR of the masks of its particles (lets modules skip events quickly) */
  readonly eventMask: Int32Array;
  readonly mask: Int32Array;
  /** LAV station (0–11) hit first, −1 if none */
  readonly lav: Int8Array;
  /** charge of the track head (±1), 0 for photons and untracked slots */
  readonly charge: Int8Array;
  /** position at STRAW1 (mm) and direction measured by chambers 1–2 (slopes) */
  readonly x1: Float64Array;
  readonly y1: Float64Array;
  readonly tx: Float64Array;
  readonly ty: Float64Array;
  /** spectrometer momentum before smearing (GeV): true |p| without a kink, from the bend otherwise */
  readonly pSpec: Float64Array;
  /** largest kink angle between STRAW1 and STRAW4 (rad), 0 without a decay there */
  readonly kink: Float64Array;
  /** mass and momentum of the particle radiating in the RICH (0 if none) */
  readonly richMass: Float64Array;
  readonly richP: Float64Array;
  /** |pdg| of the particle crossing STRAW1, the LKr front plane and the MUV3 plane (0 if none) */
  readonly strawId: Int32Array;
  readonly lkrId: Int32Array;
  readonly muv3Id: Int32Array;
  /** position at the LKr front plane (mm) and energy arriving there (GeV) */
  readonly xL: Float64Array;
  readonly yL: Float64Array;
  readonly eL: Float64Array;
  /** radius at MUV3 (mm) */
  readonly rM3: Float64Array;
  /** position at the MUV3 plane (mm), NaN if the particle does not reach it */
  readonly xM3: Float64Array;
  readonly yM3: Float64Array;

  constructor(capacity: number) {
    this.capacity = capacity;
    const n = capacity * MAX_SLOTS;
    this.eventMask = new Int32Array(capacity);
    this.mask = new Int32Array(n);
    this.lav = new Int8Array(n);
    this.charge = new Int8Array(n);
    this.x1 = new Float64Array(n);
    this.y1 = new Float64Array(n);
    this.tx = new Float64Array(n);
    this.ty = new Float64Array(n);
    this.pSpec = new Float64Array(n);
    this.kink = new Float64Array(n);
    this.richMass = new Float64Array(n);
    this.richP = new Float64Array(n);
    this.strawId = new Int32Array(n);
    this.lkrId = new Int32Array(n);
    this.muv3Id = new Int32Array(n);
    this.xL = new Float64Array(n);
    this.yL = new Float64Array(n);
    this.eL = new Float64Array(n);
    this.rM3 = new Float64Array(n);
    this.xM3 = new Float64Array(n);
    this.yM3 = new Float64Array(n);
  }
}

/** Types shared by the decay catalogue and its generators. */
import { type EventBatch, MAX_SLOTS, Status } from "../core/batch.ts";
import type { ParticleTable } from "../core/particles.ts";
import type { AcceptReject } from "../core/rng/samplers.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";

type ChannelKind = "sm" | "search";

/** one entry of conditions/decays/kplus.json */
export interface ChannelRecord {
  /** the channel's stable id (never renumbered when a channel is inserted) */
  id: number;
  name: string;
  br: number | null;
  brError?: number;
  daughters: string[];
  generator: string;
  inclusive?: boolean;
  subsetOf?: string;
  kind?: ChannelKind;
  matrixElement: string;
  source: string;
}

export interface ChannelInfo {
  /** the stable id of conditions/decays/kplus.json: written to outputs, indexes per-channel arrays */
  id: number;
  name: string;
  /** branching ratio; null for searched-for modes */
  br: number | null;
  brError: number | null;
  daughters: string[];
  /** generator id (src/decays/registry.ts) */
  generator: string;
  /** member of the exclusive set whose BRs sum to 1 */
  inclusive: boolean;
  /** parent mode this radiative/restricted mode is a subset of */
  subsetOf: string | null;
  kind: ChannelKind;
  matrixElement: string;
  source: string;
  /** final state after prompt secondary decays are left undone (the primary daughters) */
  finalState: string;
}

/** what a generator factory gets: the channel, the particle table and matrix-element parameters */
export interface DecayContext {
  particles: ParticleTable;
}

/**
 * A channel generator: decays the kaon (slot 0) of events [start, end) of a batch whose slot 0 and
 * per-event vertex are filled. It appends the primary daughters (status FINAL, parent 0, vertex =
 * the event's decay vertex) in the order of `ChannelInfo.daughters`.
 */
export interface ChannelGenerator {
  /**
   * zSkip (optional): for events whose kaon decays at z ≥ zSkip the generator may leave the float
   * columns of the daughters (mass, momentum, energy, vertex) unwritten; it still draws exactly
   * the same random numbers and writes pdg, status, parent and nParticles (see DecayGenerator.fill)
   */
  decay(b: EventBatch, start: number, end: number, rng: Xoshiro128, zSkip?: number): void;
  /** accept/reject bookkeeping, when the generator uses it (checked by the tests) */
  readonly sampler?: AcceptReject;
}

export type GeneratorFactory = (info: ChannelInfo, ctx: DecayContext) => ChannelGenerator;

/** append the primary daughters of event ev (status FINAL, parent = the kaon); returns the first global index */
export function addDaughters(b: EventBatch, ev: number, pdgs: Int32Array, masses: Float64Array): number {
  const first = ev * MAX_SLOTS + b.nParticles[ev];
  const x = b.vtxX[ev];
  const y = b.vtxY[ev];
  const z = b.vtxZ[ev];
  const t = b.vtxT[ev];
  for (let k = 0; k < pdgs.length; k++) b.addParticle(ev, pdgs[k], masses[k], Status.FINAL, 0, x, y, z, t);
  return first;
}

/** PDG codes and masses of a list of particle names */
export function daughterArrays(
  names: string[],
  particles: ParticleTable,
): { pdgs: Int32Array; masses: Float64Array } {
  const pdgs = new Int32Array(names.length);
  const masses = new Float64Array(names.length);
  names.forEach((n, i) => {
    const p = particles.get(n);
    pdgs[i] = p.pdg;
    masses[i] = p.mass;
  });
  return { pdgs, masses };
}

/**
 * The interface of a detector module (one per subsystem, in the spirit of a Delphes card): it reads
 * the generated particles and the transport output of a batch and writes its measurements and
 * per-object probabilities into the RecoBatch. The period card chooses which modules run.
 *
 * Each subsystem also describes itself (a SubsystemSpec, exported by its module and listed once in
 * src/detector/registry.ts): its period-card section (read and validated by its `card` function),
 * the planes it puts along z for the transport, whether it vetoes, the accidental source it takes,
 * and how to create its module. The card reader, the transport's plane list, the accidentals and
 * the detector's module list all loop over the registry (docs/chain.md, "How to add a subsystem").
 */
import type { EventBatch } from "../core/batch.ts";
import type { RecoBatch } from "../core/reco-batch.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";
import type { Biasing } from "./biasing.ts";
import type { InefficiencyCurve, PeriodCard } from "./card.ts";
import type { Geometry } from "./geometry.ts";
import type { NormalStream } from "./normal-stream.ts";
import type { TransportBatch } from "./transport-batch.ts";

export interface DetectorContext {
  b: EventBatch;
  tb: TransportBatch;
  r: RecoBatch;
  card: PeriodCard;
  geo: Geometry;
  /** the detector's random stream of this shard */
  rng: Xoshiro128;
  /** standard normal deviates drawn from the same stream */
  gauss: NormalStream;
  /**
   * normal deviates of a stream of their own for the LKr cluster position and time of the track
   * (measurements nothing downstream uses: a stream of their own leaves every other draw as it was)
   */
  cluster: NormalStream;
  /**
   * normal deviates (and, through .rng, uniforms) of a stream of its own for the measurements of
   * the event model beyond the selected track: the other STRAW tracks, their RICH rings, LKr
   * clusters and CHOD times, the photon clusters (src/core/track-list.ts). A stream of its own
   * leaves every draw of the selected track where it was. Optional for callers that build their own
   * context; without it those measurements come from `cluster` (nothing downstream of the
   * single-track columns reads either).
   */
  tracks?: NormalStream;
}

/** the stream of the event-model measurements of a context (DetectorContext.tracks) */
export function trackStream(ctx: DetectorContext): NormalStream {
  return ctx.tracks ?? ctx.cluster;
}

export interface Subsystem {
  readonly name: string;
  /** respond to events [start, end) of the context's batches */
  process(ctx: DetectorContext, start: number, end: number): void;
}

/**
 * Typed, validated access to the fields of one card section (paths relative to the section: a
 * bad or missing value throws a RangeError naming the card and the full path).
 */
export interface SectionReader {
  num(field: string, min?: number, max?: number): number;
  /** a number in [0, 1] */
  prob(field: string): number;
  bool(field: string): boolean;
  /** a non-empty array of finite numbers */
  arr(field: string): number[];
  /** an inefficiency curve: nodes in `<field>E` (increasing, > 0), values in `<field>` ((0, 1]) */
  curve(field: string): InefficiencyCurve;
}

/**
 * The behaviours the transport knows for a plane (src/detector/transport.ts). A subsystem picks
 * one per plane and gives its numbers; a new subsystem with a plain (x, y) acceptance uses APERTURE.
 */
export const PlaneKind = {
  /**
   * an annular ring (rMin, rMax) that stops whatever meets it: a particle inside rMin at the front
   * and at zBack passes; one between rMin and rMax hits (bit; TransportBatch.lav = index)
   */
  RING: 0,
  /** a spectrometer chamber `index` (Apertures.straw; position kept for the momentum measurement) */
  CHAMBER: 1,
  /** an absorber: stops a particle between its aperture (halfX, halfY) and its outer edge (outerHalfX, outerHalfY) */
  ABSORBER: 2,
  /**
   * the general acceptance: (x − xCentre)² + y² in (rMin², rMax²), |x − xCentre| < halfX,
   * |y| < halfY (each bound optional); behaviour refined by PlaneFlag
   */
  APERTURE: 3,
  /** the radiator mid-plane: mass and momentum of the particle radiating if `bit` is set already */
  RADIATOR: 4,
  /** the calorimeter front (Apertures.lkr octagon: position, energy, particle id, LKR_EDGE for photons) */
  CALORIMETER: 5,
  /** the muon plane (Apertures.muv3: radius and particle id) */
  MUON: 6,
  /** side modules beside the beam pipe (Apertures.hasc, `index` = number of modules) */
  SIDE: 7,
} as const;
export type PlaneKindId = (typeof PlaneKind)[keyof typeof PlaneKind];

/** refinements of a plane's behaviour (bits) */
export const PlaneFlag = {
  /** the plane clears `bit` when the particle is outside (a second plane of the same detector) */
  REQUIRE: 1,
  /** charged particles are tested only while still inside the beam pipe (not yet out of IRC, LKr, MUV3) */
  PIPE_ONLY: 2,
  /** a charged particle that hits it has left the beam pipe */
  LEAVES_PIPE: 4,
  /** a photon that hits it stops there */
  STOPS_PHOTON_ON_HIT: 8,
  /** a photon that reaches the plane stops there, hit or not */
  STOPS_PHOTON: 16,
} as const;

export interface PlaneSpec {
  /** front-plane z, mm from the T10 target */
  z: number;
  kind: PlaneKindId;
  /** Hit bit it sets in TransportBatch.mask (0: none) */
  bit: number;
  /** met by charged tracks, by photons */
  charged: boolean;
  photon: boolean;
  /** station index (RING, CHAMBER) or module count (SIDE) */
  index?: number;
  /** PlaneFlag bits */
  flags?: number;
  xCentre?: number;
  rMin?: number;
  rMax?: number;
  halfX?: number;
  halfY?: number;
  outerHalfX?: number;
  outerHalfY?: number;
  /** back plane of a RING */
  zBack?: number;
}

/** the accidental source a subsystem takes (conditions/periods: accidentals.<source>) */
export interface AccidentalUse {
  /** key in the card's accidentals section (several subsystems may share one, e.g. ircsac) */
  source: string;
  /**
   * "rv": the common random-veto survival ε_RV (counted once per source while one of its
   * subsystems is present); "chanti": the CHANTI survival column
   */
  column: "rv" | "chanti";
}

/** a module of the detector's processing list (registry order is processing order) */
export interface ModuleSpec {
  /** display name (also the module's `name`) */
  readonly name: string;
  /** the module for this card, or null when the card leaves the subsystem out */
  readonly create?: (card: PeriodCard, geo: Geometry, bias: Biasing | undefined) => Subsystem | null;
}

/** a detector subsystem's self-description */
export interface SubsystemSpec<S extends string = string, C = unknown> extends ModuleSpec {
  /** its period-card section */
  readonly section: S;
  /** read and validate the section (the typed value becomes PeriodCard[section]) */
  readonly card: (r: SectionReader) => C;
  /** its planes along z (none for a subsystem the transport does not need) */
  readonly planes?: (g: Geometry, card: PeriodCard) => PlaneSpec[];
  /** it vetoes events (photon or multiplicity veto, or a veto survival column) */
  readonly veto: boolean;
  readonly accidentals?: AccidentalUse;
}

/** the section is switched on: no `present` field, or `present: true` */
export function isPresent(card: PeriodCard, section: string): boolean {
  const s = (card as unknown as Record<string, { present?: unknown } | undefined>)[section];
  return s !== undefined && s.present !== false;
}

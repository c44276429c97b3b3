/**
 * The JSON shapes of `kaonlab serve`'s API (src/run/explorer-server.ts): run folders
 * (explorer-runs.ts) and event-display batches (explorer-events.ts). Types only, no imports, so
 * that the web app (web/src/api.ts) uses the same definitions.
 */

export type RunState = "planned" | "running" | "done" | "stopped";

export interface RunSummary {
  /** the folder's name (unique among the served folders: a suffix is added to repeats) */
  id: string;
  dir: string;
  job: string;
  period: string | null;
  seed: number;
  events: number;
  state: RunState;
  progress: { shardsDone: number; shards: number; eventsDone: number; events: number };
  /** modification time of the newest shard or of the manifest (ISO) */
  updatedAt: string | null;
  histograms: string[];
  tables: string[];
  plots: string[];
  ntuples: number;
}

/** the candidate columns the plane shows */
export interface Candidates {
  period: string[];
  /** the simulated sample the row comes from (scaled to expected events by results.ntupleScales) */
  sample: string[];
  source: string[];
  category: string[];
  p: number[];
  m2miss: number[];
  weight: number[];
  /**
   * expected events of the row: weight × the run's scale of its (period, sample) (results.json
   * ntupleScales); null when the run gives no scale
   */
  expected: (number | null)[];
  /** rows left out beyond `limit` */
  truncated: number;
}

/** one detector element as drawn: a box, a disc/annulus (rMin–rMax) or an octagon, from z0 to z1 */
export interface DisplayElement {
  name: string;
  group: string;
  shape: "box" | "annulus" | "octagon";
  z0: number;
  z1: number;
  /** box half sizes, or the octagon apothem in halfX */
  halfX?: number;
  halfY?: number;
  rMin?: number;
  rMax?: number;
  /** x of the centre (the STRAW beam hole is off axis) */
  x?: number;
}

export interface DisplayParticle {
  slot: number;
  pdg: number;
  name: string;
  charge: number;
  status: number;
  parent: number;
  p: number;
  /** x, y, z of the drawn path, flattened */
  path: number[];
  /** detectors reached in acceptance, with the hit position */
  hits: { detector: string; x: number; y: number; z: number }[];
}

export interface DisplayEvent {
  index: number;
  channel: string;
  weight: number;
  vertex: [number, number, number];
  particles: DisplayParticle[];
  tracks: { p: number; q: number; x: number; y: number; tx: number; ty: number; pdg: number }[];
  clusters: { e: number; x: number; y: number; photon: boolean }[];
  reco: { p: number; m2miss: number; zVtx: number; nTracks: number };
}

export interface DisplayRequest {
  channel: string;
  period: string;
  events: number;
  seed: number;
  /** "all": every decay in the fiducial volume; "track": at least one reconstructed STRAW track */
  selection: "all" | "track";
}

export interface DisplayBatch {
  request: DisplayRequest;
  /** decays simulated to find the events */
  simulated: number;
  magnet: { z: number; ptKick: number };
  elements: DisplayElement[];
  events: DisplayEvent[];
}

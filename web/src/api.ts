/** The JSON API of `kaonlab serve` (src/run/explorer-server.ts) and its shapes. */
export interface RunSummary {
  id: string;
  dir: string;
  job: string;
  period: string | null;
  seed: number;
  events: number;
  state: "planned" | "running" | "done" | "stopped";
  progress: { shardsDone: number; shards: number; eventsDone: number; events: number };
  updatedAt: string | null;
  histograms: string[];
  tables: string[];
  plots: string[];
  ntuples: number;
}

export interface PlainHist {
  kind: "h1" | "h2";
  name: string;
  title: string;
  x: { label: string; edges: number[] };
  y?: { label: string; edges: number[] };
  yLabel?: string;
  zLabel?: string;
  entries: number;
  sumw: number[];
  sumw2: number[];
}

export interface FigureJson {
  name: string;
  kind: "hist1d" | "hist2d" | "efficiency";
  title: string;
  caption: string | null;
  stamp: string;
  xLabel: string;
  yLabel: string;
  stack?: boolean;
  logY?: boolean;
  /** lower end of a log y axis, when the job sets it */
  yMin?: number | null;
  logZ?: boolean;
  normalise?: boolean;
  bands?: { label: string; x: [number, number]; color?: string }[];
  regions?: import("./plot.ts").RegionOutline[];
  series?: {
    label: string;
    color: string;
    hist?: PlainHist;
    points?: { x: number; lo: number; hi: number; value: number; error: number }[];
  }[];
  hist?: PlainHist;
  yRange?: [number, number] | null;
}

export interface TableJson {
  title: string;
  header: string[];
  rows: (string | number)[][];
}

export interface Candidates {
  period: string[];
  sample: string[];
  expected: (number | null)[];
  source: string[];
  category: string[];
  p: number[];
  m2miss: number[];
  weight: number[];
  truncated: number;
}

export interface DisplayElement {
  name: string;
  group: string;
  shape: "box" | "annulus" | "octagon";
  z0: number;
  z1: number;
  halfX?: number;
  halfY?: number;
  rMin?: number;
  rMax?: number;
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
  path: number[];
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

export interface DisplayBatch {
  request: { channel: string; period: string; events: number; seed: number; selection: string };
  simulated: number;
  magnet: { z: number; ptKick: number };
  elements: DisplayElement[];
  events: DisplayEvent[];
}

export async function getJson<T>(path: string): Promise<T> {
  const r = await fetch(path, { cache: "no-store" });
  const body = await r.json();
  if (!r.ok) throw new Error((body as { error?: string }).error ?? `${path}: HTTP ${r.status}`);
  return body as T;
}

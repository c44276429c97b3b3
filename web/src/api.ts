/**
 * The JSON API of `kaonlab serve` (src/run/explorer-server.ts) and its shapes: those of run folders
 * and event-display batches are the server's own (src/run/explorer-types.ts, types only: erased
 * from the bundle); histograms, figures and tables are the JSON files of a run folder.
 */
export type {
  Candidates,
  DisplayBatch,
  DisplayElement,
  DisplayEvent,
  RunSummary,
} from "../../src/run/explorer-types.ts";
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

export async function getJson<T>(path: string): Promise<T> {
  const r = await fetch(path, { cache: "no-store" });
  const body = await r.json();
  if (!r.ok) throw new Error((body as { error?: string }).error ?? `${path}: HTTP ${r.status}`);
  return body as T;
}

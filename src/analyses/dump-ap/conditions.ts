/**
 * The numbers of the beam-dump A′→μ⁺μ⁻ analysis, read once from conditions/analyses/dump-ap/published.json
 * (each with its source there).
 */
import { loadConditions } from "../../core/conditions.ts";
import type { ComparisonConditions } from "../layer/comparison.ts";

interface V<T = number> {
  value: T;
  source: string;
  tag?: string;
}

export interface Region {
  cdaMax: number;
  zTax: [number, number];
}

export interface DumpConditions extends ComparisonConditions {
  exposure: { pot: V; potProjection: V; protonsPerSpill: V; spillSeconds: V };
  geometry: { zTax: V; zDecayStart: V; zDecayEnd: V; zFiducial: V<[number, number]> };
  production: {
    beamEnergy: V;
    interactionsPerPot: V;
    bremsZRange: V<[number, number]>;
    bremsPtMax: V;
    bremsFormFactor: V<"none" | "vmd">;
  };
  selection: {
    vertexChi2Max: V;
    signalRegion: Region;
    validationRegion: Region;
    controlRegion: Region;
    massWindowSigmas: V;
  };
  background: {
    timeWindow: V;
    haloPairScale: V;
    massSpan: V<[number, number]>;
    promptModel: { pressure: V; temperature: V; nucleusZ: V };
  };
  observed: { events: V; mass: V; pValue: V; globalSignificance: V; validationRegion: V };
  expectedBackground: { total: V };
  contour: {
    source: string;
    upper: [number, number][];
    lower: [number, number][];
    massRange: V<[number, number]>;
  };
}

let cached: DumpConditions | null = null;

export function dumpConditions(): DumpConditions {
  if (!cached) cached = loadConditions<DumpConditions>("analyses/dump-ap/published.json");
  return cached;
}

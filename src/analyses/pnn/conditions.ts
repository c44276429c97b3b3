/**
 * The K⁺→π⁺νν̄ analysis conditions (conditions/analyses/pnn/): selection parameters per period
 * (selection.json, with `extends` inheritance), the published figures and the kaon flux of each
 * period (published.json). Every leaf is { value, source[, calibrated] }; the loader resolves the
 * inheritance chain, validates the result with zod and keeps the provenance of every value.
 */

import { z } from "zod";
import { loadConditions } from "../../core/conditions.ts";
import { didYouMean } from "../../io/spelling.ts";

/** the data-taking periods the analysis knows (one selection block each) */
export const PNN_PERIODS = ["2016", "2017", "2018-S1", "2018-S2", "2021-22", "HIKE-phase1"] as const;
export type PnnPeriod = (typeof PNN_PERIODS)[number];
/** the combined Run 1 pseudo-period */
export const RUN1 = "run1";
export const RUN1_COMPONENTS: readonly PnnPeriod[] = ["2016", "2017", "2018-S1", "2018-S2"];
/** the 2016–2022 combination NA62 published its observation with (Run 1 and 2021–22) */
export const RUN_2016_22 = "2016-22";
/** the combinations of periods (pseudo-periods) and the periods each one adds up */
export const COMBINATIONS: Readonly<Record<string, readonly PnnPeriod[]>> = {
  [RUN1]: RUN1_COMPONENTS,
  [RUN_2016_22]: [...RUN1_COMPONENTS, "2021-22"],
};
/** every value accepted by --period */
export const PERIOD_CHOICES: readonly string[] = [...PNN_PERIODS, ...Object.keys(COMBINATIONS)];

/** the periods of a combination, or null for a single period */
export function combinationOf(period: string): readonly PnnPeriod[] | null {
  return Object.hasOwn(COMBINATIONS, period) ? COMBINATIONS[period] : null;
}

const num = z.number().finite();
const triple = z.tuple([num, num, num]);

export const SelectionParamsSchema = z.object({
  calibration: z.object({ efficiency: num.positive().max(1) }),
  fiducial: z.object({ zMin: num, zMax: num }),
  track: z.object({
    pMin: num,
    pMaxR1: num,
    pMaxR2: num,
    binEdges: z.array(num).min(2),
  }),
  kaon: z.object({
    pMin: num,
    pMax: num,
    slopeXMin: num,
    slopeXMax: num,
    slopeYMin: num,
    slopeYMax: num,
    cdaMax: num.positive(),
    gtk3HoleX: num,
    gtk3HoleY: num,
    gtk3HitDistance: num,
    gtk3SensorHalfX: num,
    gtk3SensorHalfY: num,
    extraVertexZMin: num,
    extraVertexZMax: num,
    extraVertexCdaMax: num,
  }),
  upstream: z.object({
    cut: z.enum(["box", "rstraw1", "none"]),
    rStraw1Q: num,
    rStraw1K: num,
    straw1CentreX: num,
    boxZ: num,
    boxHalfX: num,
    boxHalfY: num,
  }),
  regions: z.object({
    kmu2Low: num,
    r1Low: num,
    r1High: num,
    pipiLow: num,
    pipiHigh: num,
    r2Low: num,
    r2High: num,
    k3piLow: num,
    kmu2Sigma: num,
    kmu2BeamMomentum: num,
    pLowEdge: num,
    pHighEdge: num,
    r1RichLow: triple,
    r1RichHigh: triple,
    r2RichLow: num,
    r2RichHigh: num,
    pipiRichLow: num,
    pipiRichHigh: num,
    r1BeamLow: triple,
    r1BeamHigh: triple,
    r2BeamLow: num,
    r2BeamHigh: num,
  }),
});
export type SelectionParams = z.infer<typeof SelectionParamsSchema>;

export interface Provenance {
  value: unknown;
  source: string;
  calibrated?: string;
  /** the selection block that set the value */
  block: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (o: Json | undefined): o is JsonObject =>
  o !== null && o !== undefined && typeof o === "object" && !Array.isArray(o);
const isLeaf = (o: Json | undefined): o is JsonObject => isObject(o) && "value" in o;

interface SelectionFile {
  periods: Record<string, JsonObject>;
}

/** resolve a block's `extends` chain into leaves tagged with the block that set them */
function resolveBlock(blocks: Record<string, JsonObject>, name: string, seen: string[] = []): JsonObject {
  const block = blocks[name];
  if (!block) throw new RangeError(`selection.json: no block "${name}"`);
  if (seen.includes(name))
    throw new RangeError(`selection.json: circular extends ${[...seen, name].join(" → ")}`);
  const parent =
    typeof block.extends === "string" ? resolveBlock(blocks, block.extends, [...seen, name]) : {};
  const tag = (o: JsonObject): JsonObject => {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(o)) {
      if (k === "extends" || k.startsWith("$")) continue;
      if (isLeaf(v)) out[k] = { ...v, block: name };
      else if (isObject(v)) out[k] = tag(v);
      else
        throw new RangeError(
          `selection.json ${name}.${k}: expected { value, source }, got ${JSON.stringify(v)}`,
        );
    }
    return out;
  };
  return mergeTree(parent, tag(block));
}

function mergeTree(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(v) && !isLeaf(v) && isObject(b) && !isLeaf(b) ? mergeTree(b, v) : v;
  }
  return out;
}

function collect(tree: JsonObject, prefix: string, values: JsonObject, prov: Map<string, Provenance>): void {
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (isLeaf(v)) {
      values[k] = v.value;
      prov.set(path, {
        value: v.value,
        source: String(v.source ?? ""),
        calibrated: typeof v.calibrated === "string" ? v.calibrated : undefined,
        block: String(v.block),
      });
    } else if (isObject(v)) {
      const sub: JsonObject = {};
      values[k] = sub;
      collect(v, path, sub, prov);
    }
  }
}

/** "did you mean" for the key `keys[at]` among the keys at its level (as full paths) */
function hint(obj: JsonObject, keys: string[], at: number): string {
  let o: Json = obj;
  for (let i = 0; i < at; i++) o = isObject(o) ? o[keys[i]] : undefined!;
  if (!isObject(o)) return "";
  const head = keys.slice(0, at).join(".");
  const full = (k: string) => (head ? `${head}.${k}` : k);
  return didYouMean(full(keys[at]), Object.keys(o).map(full));
}

/** set "a.b.c" = value in a nested plain object (the path must exist) */
function setPath(obj: JsonObject, path: string, value: Json, what: string): void {
  const keys = path.split(".");
  let o: Json = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    o = isObject(o) ? o[keys[i]] : undefined!;
    if (!isObject(o))
      throw new RangeError(`${what}: unknown selection parameter "${path}"${hint(obj, keys, i)}`);
  }
  const last = keys[keys.length - 1];
  if (!isObject(o) || !(last in o))
    throw new RangeError(`${what}: unknown selection parameter "${path}"${hint(obj, keys, keys.length - 1)}`);
  o[last] = value;
}

export interface ResolvedSelection {
  period: PnnPeriod;
  params: SelectionParams;
  provenance: Map<string, Provenance>;
}

export function isPnnPeriod(p: string): p is PnnPeriod {
  return (PNN_PERIODS as readonly string[]).includes(p);
}

/**
 * The selection of a period, with optional overrides { "kaon.cdaMax": 3 } (validated: an unknown
 * path or a bad value raises a RangeError naming it).
 */
export function selectionFor(period: string, overrides: Record<string, Json> = {}): ResolvedSelection {
  if (!isPnnPeriod(period)) {
    throw new RangeError(
      `--period: expected one of ${PNN_PERIODS.join(", ")}, got "${period}"${didYouMean(period, PNN_PERIODS)}`,
    );
  }
  const file = loadConditions<SelectionFile>("analyses/pnn/selection.json");
  const tree = resolveBlock(file.periods, period);
  const values: JsonObject = {};
  const provenance = new Map<string, Provenance>();
  collect(tree, "", values, provenance);
  for (const [path, v] of Object.entries(overrides)) {
    setPath(values, path, v, "--set");
    const p = provenance.get(path);
    provenance.set(path, { value: v, source: "user override", block: p?.block ?? period });
  }
  const parsed = SelectionParamsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.join(".");
    throw new RangeError(`selection ${period} ${path}: ${issue.message}`);
  }
  const params = parsed.data;
  const edges = params.track.binEdges;
  for (let i = 1; i < edges.length; i++) {
    if (!(edges[i] > edges[i - 1])) {
      throw new RangeError(
        `selection ${period} track.binEdges: expected increasing edges, got ${edges.join(", ")}`,
      );
    }
  }
  if (edges[0] !== params.track.pMin) {
    throw new RangeError(
      `selection ${period} track.binEdges: the first edge must equal track.pMin (${params.track.pMin})`,
    );
  }
  return { period, params, provenance };
}

// ---------------------------------------------------------------- published figures

export interface PublishedFigure {
  /** central value (absent for an upper bound) */
  value?: number;
  /** '< limit' */
  limit?: number;
  /** '> bound' (a published lower bound, e.g. a significance "> 5σ") */
  lowerBound?: number;
  error?: number;
  errorUp?: number;
  errorDown?: number;
  tag: string;
  source: string;
}

interface PublishedPeriod {
  kaonDecays?: { value: number; tag: string; source: string };
  components?: { value: string[]; source: string };
  figures: Record<string, PublishedFigure>;
  /** NA62's BR and significance from its observed candidates */
  inference?: { br: PublishedFigure; significance: PublishedFigure };
}

interface PublishedFile {
  periods: Record<string, PublishedPeriod>;
}

function publishedPeriod(period: string): PublishedPeriod {
  const f = loadConditions<PublishedFile>("analyses/pnn/published.json");
  const p = f.periods[period];
  if (!p) throw new RangeError(`--period: no published figures for "${period}"`);
  return p;
}

/** NA62's published figures of a period (keys are the paths of the kaonlab JSON output) */
export function publishedFigures(period: string): Record<string, PublishedFigure> {
  return publishedPeriod(period).figures;
}

/** NA62's measured BR and significance of a period or combination, if published */
export function publishedInference(period: string): PublishedPeriod["inference"] {
  return publishedPeriod(period).inference;
}

/** the kaon flux N_K (K⁺ decays in the fiducial volume) of a period, with its source */
export function kaonFlux(period: string): { value: number; tag: string; source: string } {
  const k = publishedPeriod(period).kaonDecays;
  if (!k) throw new RangeError(`published.json: no kaonDecays for "${period}"`);
  return k;
}

/**
 * Period cards (conditions/periods/<name>.json): beam intensity, geometry changes, the performance
 * of every subsystem, trigger masks and downscales, with the source of every number.
 *
 * A card may `extends` another one and override what changed. Leaves are `{ value, source }` with an
 * optional `calibrated` naming the figure a tuned number was tuned on. `loadPeriod` resolves the
 * chain, applies user overrides ("gtk.sigmaT=0.05"), and returns the typed card plus a provenance
 * map (path → source, calibrated) for documentation.
 */

import { readdirSync } from "node:fs";
import { conditionsFile, loadConditions } from "../core/conditions.ts";
import { didYouMean } from "../io/spelling.ts";
import { REGISTRY, type SubsystemCards, subsystems } from "./registry.ts";
import type { ModuleSpec, SectionReader, SubsystemSpec } from "./subsystem.ts";

export interface Sourced {
  value: unknown;
  source: string;
  calibrated?: string;
}

export interface Provenance {
  value: unknown;
  source: string;
  calibrated?: string;
  /** the card that set this value (after inheritance) */
  card: string;
}

export interface InefficiencyCurve {
  /** energy nodes, GeV, increasing */
  e: number[];
  /** inefficiency at the nodes (log-log interpolation, clamped at the ends) */
  p: number[];
}

export interface AccidentalSource {
  /** accidental rate at nominal intensity (MHz), before the common scale */
  rateMHz: number;
  /** half-width of the veto window, ns */
  windowNs: number;
}

export type Mode = "kaon" | "dump";

/**
 * The core sections of a period card: beam, event-level rejections, accidentals, trigger, upstream
 * source, reconstruction constants, fiducial volume. The subsystem sections (ktag, gtk, straw,
 * lkr, …) are declared by the subsystems themselves (SubsystemSpec.card, src/detector/registry.ts).
 */
export interface CoreCard {
  name: string;
  description: string;
  mode: Mode;
  beam: {
    intensity: number;
    momentum: number;
    nominalSlopeX: number;
    nominalSlopeY: number;
    spillIntensitySpread: number;
  };
  /** the multiplicity rejection of extra charged particles (charged-veto.ts) */
  multiplicity: { chargedIneffScale: number; commonMiss: number };
  /** common scale of the photon-veto inefficiencies (LKr, LAV, IRC, SAC; response-math.ts Curve) */
  photonVeto: { ineffScale: number };
  accidentals: {
    scale: number;
    /** accidental sources by key (lkr, lav, ircsac, …), in the order of the card */
    sources: Record<string, AccidentalSource>;
  };
  trigger: {
    downscale: { pnn: number; control: number; mt: number; emt: number; mumt: number; dimuon: number };
    l0: {
      richEfficiency: number;
      chodEfficiency: number;
      chodBacksplash: number;
      lkrEnergyMax: number;
      lkrClustersMax: number;
      chodHitsMax: number;
      mtLKrElectron: number;
      mtLKrMuon: number;
      muv3OuterTileR: number;
    };
    l1: {
      ktagEfficiency: number;
      strawEfficiency: number;
      strawPMax: number;
      lavHitsMax: number;
      mtTracksMin: number;
    };
    dump: { h2Downscale: number; q1Downscale: number; controlDownscale: number };
  };
  upstream: {
    zStart: number;
    /** start of the far upstream-decay range (GTK1): decays in [zStartFar, zStart] */
    zStartFar: number;
    interactionProb: number;
    pionYield: number;
    meanPt: number;
    /** the Run 2 upstream veto counter (upstream-veto.ts); null when the period has none */
    vetoCounter: {
      efficiency: number;
      z: number[];
      innerHalfX: number;
      innerHalfY: number;
      outerHalfX: number;
      outerHalfY: number;
    } | null;
    trim5Kick: number;
    /** normalisation of the upstream source (calibrated, upstream.ts) */
    scale: number;
  };
  reco: { pionMass: number; kaonMass: number };
  fiducial: { zMin: number; zMax: number };
  /** path → value, source, calibrated mark, card that set it */
  provenance: Map<string, Provenance>;
  /** the registry the card was read with (detector modules in processing order) */
  registry: readonly ModuleSpec[];
  /** its subsystems (the entries with a card section), in registry order */
  subsystems: readonly SubsystemSpec[];
}

/** the resolved, typed period card (plain numbers; sources are in `provenance`) */
export type PeriodCard = CoreCard & SubsystemCards;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
/** a card as read from conditions/periods (before typing) */
export type JsonObject = { [k: string]: Json };

/** the sections the card reader reads itself (a subsystem may not take these names) */
const CORE_SECTIONS = [
  "name",
  "description",
  "mode",
  "beam",
  "multiplicity",
  "photonVeto",
  "accidentals",
  "trigger",
  "upstream",
  "reco",
  "fiducial",
  "provenance",
  "registry",
  "subsystems",
];

function isLeaf(o: Json): o is JsonObject {
  return o !== null && typeof o === "object" && !Array.isArray(o) && "value" in o;
}

function isObject(o: Json): o is JsonObject {
  return o !== null && typeof o === "object" && !Array.isArray(o);
}

/** the names of the cards in conditions/periods (sorted) */
export function periodNames(): string[] {
  return readdirSync(conditionsFile("periods/"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** deep merge: leaves of `over` replace those of `base`; objects merge recursively */
function merge(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    if (isObject(v) && !isLeaf(v) && b !== undefined && isObject(b) && !isLeaf(b)) out[k] = merge(b, v);
    else out[k] = v;
  }
  return out;
}

/** tag every leaf of `o` with the card that set it */
function tagLeaves(o: JsonObject, card: string): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) {
    if (isLeaf(v)) out[k] = { ...v, card };
    else if (isObject(v)) out[k] = tagLeaves(v, card);
    else out[k] = v;
  }
  return out;
}

/** the card `name` with its `extends` chain merged, every leaf tagged with the card that set it */
export function rawCard(name: string, seen: string[] = []): JsonObject {
  if (!periodNames().includes(name)) {
    throw new RangeError(
      `--period: unknown period "${name}"${didYouMean(name, periodNames())} (known: ${periodNames().join(", ")})`,
    );
  }
  if (seen.includes(name)) throw new Error(`period cards: circular "extends" ${[...seen, name].join(" → ")}`);
  const own = tagLeaves(loadConditions<JsonObject>(`periods/${name}.json`), name);
  const parent = own.extends;
  delete own.extends;
  if (typeof parent === "string") return merge(rawCard(parent, [...seen, name]), own);
  return own;
}

/** flatten leaves to path → provenance */
function flatten(o: JsonObject, prefix: string, out: Map<string, Provenance>): void {
  for (const [k, v] of Object.entries(o)) {
    if (k.startsWith("$")) continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (isLeaf(v)) {
      out.set(path, {
        value: v.value,
        source: String(v.source ?? ""),
        calibrated: v.calibrated === undefined ? undefined : String(v.calibrated),
        card: String(v.card ?? ""),
      });
    } else if (isObject(v)) flatten(v, path, out);
  }
}

/** parse an override "path=value" (number, true/false, or a JSON array) */
function parseOverride(text: string): [string, unknown] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new RangeError(`--card: expected PATH=VALUE (e.g. gtk.sigmaT=0.05), got "${text}"`);
  const path = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  let v: unknown;
  if (raw === "true" || raw === "false") v = raw === "true";
  else if (raw.startsWith("[")) {
    try {
      v = JSON.parse(raw);
    } catch {
      throw new RangeError(`--card ${path}: expected a JSON array, got "${raw}"`);
    }
  } else {
    v = Number(raw);
    if (raw === "" || !Number.isFinite(v))
      throw new RangeError(`--card ${path}: expected a number, got "${raw}"`);
  }
  return [path, v];
}

class Reader {
  constructor(
    readonly card: string,
    readonly prov: Map<string, Provenance>,
  ) {}

  private get(path: string): unknown {
    const p = this.prov.get(path);
    if (!p) throw new RangeError(`period card ${this.card}: missing field "${path}"`);
    return p.value;
  }

  num(path: string, min = -Infinity, max = Infinity): number {
    const v = this.get(path);
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
      throw new RangeError(
        `period card ${this.card}: field "${path}" must be a number in [${min}, ${max}], got ${JSON.stringify(v)}`,
      );
    }
    return v;
  }

  prob(path: string): number {
    return this.num(path, 0, 1);
  }

  bool(path: string): boolean {
    const v = this.get(path);
    if (typeof v !== "boolean")
      throw new RangeError(
        `period card ${this.card}: field "${path}" must be true or false, got ${JSON.stringify(v)}`,
      );
    return v;
  }

  str(path: string): string {
    const v = this.get(path);
    if (typeof v !== "string")
      throw new RangeError(
        `period card ${this.card}: field "${path}" must be a string, got ${JSON.stringify(v)}`,
      );
    return v;
  }

  arr(path: string): number[] {
    const v = this.get(path);
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === "number" && Number.isFinite(x))) {
      throw new RangeError(
        `period card ${this.card}: field "${path}" must be an array of numbers, got ${JSON.stringify(v)}`,
      );
    }
    return v as number[];
  }

  curve(path: string): InefficiencyCurve {
    const e = this.arr(`${path}E`);
    const p = this.arr(path);
    if (e.length !== p.length)
      throw new RangeError(`period card ${this.card}: "${path}E" and "${path}" must have the same length`);
    for (let i = 0; i < e.length; i++) {
      if (!(e[i] > 0) || (i > 0 && !(e[i] > e[i - 1])))
        throw new RangeError(
          `period card ${this.card}: "${path}E" must be positive and increasing, got ${JSON.stringify(e)}`,
        );
      if (!(p[i] > 0 && p[i] <= 1))
        throw new RangeError(`period card ${this.card}: "${path}" values must be in (0, 1], got ${p[i]}`);
    }
    return { e, p };
  }

  acc(path: string): AccidentalSource {
    return { rateMHz: this.num(`${path}.rateMHz`, 0), windowNs: this.num(`${path}.windowNs`, 0) };
  }

  /** a reader of the fields of one section (paths relative to it) */
  section(name: string): SectionReader {
    const p = (f: string) => `${name}.${f}`;
    return {
      num: (f, min, max) => this.num(p(f), min, max),
      prob: (f) => this.prob(p(f)),
      bool: (f) => this.bool(p(f)),
      arr: (f) => this.arr(p(f)),
      curve: (f) => this.curve(p(f)),
    };
  }
}

/** the accidental sources of the card, in its order, and those the subsystems declare */
function accidentalSources(r: Reader, subs: readonly SubsystemSpec[]): Record<string, AccidentalSource> {
  const keys: string[] = [];
  for (const path of r.prov.keys()) {
    const m = /^accidentals\.([^.]+)\.rateMHz$/.exec(path);
    if (m) keys.push(m[1]);
  }
  for (const s of subs) {
    const k = s.accidentals?.source;
    if (k !== undefined && !keys.includes(k)) keys.push(k);
  }
  const out: Record<string, AccidentalSource> = {};
  for (const k of keys) out[k] = r.acc(`accidentals.${k}`);
  return out;
}

/** the registry's subsystems, checked: one section each, none named like a core section */
function checkedSubsystems(registry: readonly ModuleSpec[]): SubsystemSpec[] {
  const subs = subsystems(registry);
  const seen = new Set<string>();
  for (const s of subs) {
    if (CORE_SECTIONS.includes(s.section) || seen.has(s.section))
      throw new Error(`detector registry: subsystem ${s.name} takes the card section "${s.section}" twice`);
    seen.add(s.section);
  }
  return subs;
}

/**
 * The typed card of `name` with optional overrides ("gtk.sigmaT=0.05", "beam.intensity=2.6").
 * Throws a RangeError naming the card, the field and the value on bad input.
 */
export function loadPeriod(
  name: string,
  overrides: string[] = [],
  registry: readonly ModuleSpec[] = REGISTRY,
): PeriodCard {
  return readPeriod(rawCard(name), name, overrides, registry);
}

/**
 * The typed card of a raw (merged) card: the core sections, then the section of every registered
 * subsystem through its own `card` function.
 */
export function readPeriod(
  raw: JsonObject,
  name: string,
  overrides: string[] = [],
  registry: readonly ModuleSpec[] = REGISTRY,
): PeriodCard {
  const subs = checkedSubsystems(registry);
  const prov = new Map<string, Provenance>();
  flatten(raw, "", prov);
  for (const o of overrides) {
    const [path, v] = parseOverride(o);
    const old = prov.get(path);
    if (!old) throw new RangeError(`--card: unknown card field "${path}" in period ${name}`);
    prov.set(path, { value: v, source: `user override (--card ${o})`, card: "override" });
  }
  const r = new Reader(name, prov);
  const mode = r.str("mode");
  if (mode !== "kaon" && mode !== "dump")
    throw new RangeError(`period card ${name}: field "mode" must be "kaon" or "dump", got "${mode}"`);
  const core: CoreCard = {
    name: typeof raw.name === "string" ? raw.name : name,
    description: typeof raw.description === "string" ? raw.description : "",
    mode,
    beam: {
      intensity: r.num("beam.intensity", 0),
      momentum: r.num("beam.momentum", 1),
      nominalSlopeX: r.num("beam.nominalSlopeX"),
      nominalSlopeY: r.num("beam.nominalSlopeY"),
      spillIntensitySpread: r.num("beam.spillIntensitySpread", 0, 2),
    },
    multiplicity: {
      chargedIneffScale: r.num("multiplicity.chargedIneffScale", 0),
      commonMiss: r.prob("multiplicity.commonMiss"),
    },
    photonVeto: { ineffScale: r.num("photonVeto.ineffScale", 0) },
    accidentals: { scale: r.num("accidentals.scale", 0), sources: accidentalSources(r, subs) },
    trigger: {
      downscale: {
        pnn: r.num("trigger.masks.pnn.downscale", 1),
        control: r.num("trigger.masks.control.downscale", 1),
        mt: r.num("trigger.masks.mt.downscale", 1),
        emt: r.num("trigger.masks.emt.downscale", 1),
        mumt: r.num("trigger.masks.mumt.downscale", 1),
        dimuon: r.num("trigger.masks.dimuon.downscale", 1),
      },
      l0: {
        richEfficiency: r.prob("trigger.l0.richEfficiency"),
        chodEfficiency: r.prob("trigger.l0.chodEfficiency"),
        chodBacksplash: r.prob("trigger.l0.chodBacksplash"),
        lkrEnergyMax: r.num("trigger.l0.lkrEnergyMax", 0),
        lkrClustersMax: r.num("trigger.l0.lkrClustersMax", 0),
        chodHitsMax: r.num("trigger.l0.chodHitsMax", 1),
        mtLKrElectron: r.num("trigger.l0.mtLKrElectron", 0),
        mtLKrMuon: r.num("trigger.l0.mtLKrMuon", 0),
        muv3OuterTileR: r.num("trigger.l0.muv3OuterTileR", 0),
      },
      l1: {
        ktagEfficiency: r.prob("trigger.l1.ktagEfficiency"),
        strawEfficiency: r.prob("trigger.l1.strawEfficiency"),
        strawPMax: r.num("trigger.l1.strawPMax", 0),
        lavHitsMax: r.num("trigger.l1.lavHitsMax", 0),
        mtTracksMin: r.num("trigger.l1.mtTracksMin", 1),
      },
      dump: {
        h2Downscale: r.num("trigger.dump.h2Downscale", 1),
        q1Downscale: r.num("trigger.dump.q1Downscale", 1),
        controlDownscale: r.num("trigger.dump.controlDownscale", 1),
      },
    },
    upstream: {
      zStart: r.num("upstream.zStart"),
      zStartFar: r.num("upstream.zStartFar"),
      interactionProb: r.prob("upstream.interactionProb"),
      pionYield: r.num("upstream.pionYield", 0),
      meanPt: r.num("upstream.meanPt", 0),
      vetoCounter: r.bool("upstream.vetoCounter.present")
        ? {
            efficiency: r.prob("upstream.vetoCounter.efficiency"),
            z: r.arr("upstream.vetoCounter.z"),
            innerHalfX: r.num("upstream.vetoCounter.innerHalfX", 0),
            innerHalfY: r.num("upstream.vetoCounter.innerHalfY", 0),
            outerHalfX: r.num("upstream.vetoCounter.outerHalfX", 0),
            outerHalfY: r.num("upstream.vetoCounter.outerHalfY", 0),
          }
        : null,
      trim5Kick: r.num("upstream.trim5Kick"),
      scale: r.num("upstream.scale", 0),
    },
    reco: { pionMass: r.num("reco.pionMass", 0), kaonMass: r.num("reco.kaonMass", 0) },
    fiducial: { zMin: r.num("fiducial.zMin"), zMax: r.num("fiducial.zMax") },
    provenance: prov,
    registry,
    subsystems: subs,
  };
  const sections: Record<string, unknown> = {};
  for (const s of subs) sections[s.section] = s.card(r.section(s.section));
  return { ...core, ...sections } as PeriodCard;
}

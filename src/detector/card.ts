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

/** the resolved, typed period card (plain numbers; sources are in `provenance`) */
export interface PeriodCard {
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
  collimator: {
    z: number;
    apertureHalfX: number;
    apertureHalfY: number;
    outerHalfX: number;
    outerHalfY: number;
  };
  ktag: { present: boolean; efficiency: number; sigmaT: number };
  gtk: {
    stations: number;
    sigmaPRel: number;
    sigmaTheta: number;
    sigmaXY: number;
    sigmaT: number;
    efficiency: number;
    matchSigmaCDA: number;
    matchMaxChi2: number;
    matchWindowNs: number;
  };
  chanti: { present: boolean; efficiency: number; windowNs: number };
  straw: {
    sigmaPConst: number;
    sigmaPLin: number;
    sigmaX: number;
    hitsPerChamber: number;
    efficiency: number;
    kinkMaxAngle: number;
    extraTrackEfficiency: number;
  };
  rich: {
    nMinus1: number;
    sigmaHit: number;
    hitsMax: number;
    hitsMin: number;
    tailFraction: number;
    tailScale: number;
    massMin: number;
    massMax: number;
    muonMassMin: number;
    efficiency: number;
    sigmaT: number;
  };
  chod: { present: boolean; efficiency: number; sigmaT: number };
  newchod: { present: boolean; efficiency: number; sigmaT: number };
  lkr: {
    sigmaEStoch: number;
    sigmaENoise: number;
    sigmaEConst: number;
    sigmaXY: number;
    sigmaT: number;
    photonIneff: InefficiencyCurve;
    innerEdgeIneff: number;
    pionInteraction: number;
    pionEopMean: number;
    pionEopSigma: number;
    pionSplitProb: number;
    mipEnergy: number;
    clusterThreshold: number;
    chargedEfficiency: number;
  };
  lav: { photonIneff: InefficiencyCurve; chargedEfficiency: number; sigmaT: number };
  irc: { photonIneff: InefficiencyCurve; chargedEfficiency: number; sigmaT: number };
  sac: { photonIneff: InefficiencyCurve; chargedEfficiency: number; sigmaT: number };
  muv12: {
    pionEfficiency: number;
    pionAsMuon: number;
    muonMisId: number;
    muonEfficiency: number;
    electronMisId: number;
    electronEfficiency: number;
  };
  muv3: { efficiency: number; punchThrough: number; sigmaT: number; windowNs: number };
  muv0: { present: boolean; efficiency: number };
  hasc: { present: boolean; modules: number; efficiency: number };
  /** the multiplicity rejection of extra charged particles (charged-veto.ts) */
  multiplicity: { chargedIneffScale: number; commonMiss: number };
  /** common scale of the photon-veto inefficiencies (LKr, LAV, IRC, SAC; response-math.ts Curve) */
  photonVeto: { ineffScale: number };
  accidentals: {
    scale: number;
    lkr: AccidentalSource;
    lav: AccidentalSource;
    ircsac: AccidentalSource;
    chod: AccidentalSource;
    hasc: AccidentalSource;
    muv0: AccidentalSource;
    chanti: AccidentalSource;
  };
  trigger: {
    downscale: { pnn: number; control: number; mt: number; emt: number; mumt: number };
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
    interactionProb: number;
    pionYield: number;
    meanPt: number;
    vetoEfficiency: number;
    trim5Kick: number;
    /** normalisation of the upstream source (calibrated, upstream.ts) */
    scale: number;
  };
  reco: { pionMass: number; kaonMass: number };
  fiducial: { zMin: number; zMax: number };
  /** path → value, source, calibrated mark, card that set it */
  provenance: Map<string, Provenance>;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

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

function rawCard(name: string, seen: string[] = []): JsonObject {
  if (!periodNames().includes(name)) {
    throw new RangeError(`--period: unknown period "${name}" (known: ${periodNames().join(", ")})`);
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
}

/**
 * The typed card of `name` with optional overrides ("gtk.sigmaT=0.05", "beam.intensity=2.6").
 * Throws a RangeError naming the card, the field and the value on bad input.
 */
export function loadPeriod(name: string, overrides: string[] = []): PeriodCard {
  const raw = rawCard(name);
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
  const acc = (d: string) => r.acc(`accidentals.${d}`);
  return {
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
    collimator: {
      z: r.num("collimator.z"),
      apertureHalfX: r.num("collimator.apertureHalfX", 0),
      apertureHalfY: r.num("collimator.apertureHalfY", 0),
      outerHalfX: r.num("collimator.outerHalfX", 0),
      outerHalfY: r.num("collimator.outerHalfY", 0),
    },
    ktag: {
      present: r.bool("ktag.present"),
      efficiency: r.prob("ktag.efficiency"),
      sigmaT: r.num("ktag.sigmaT", 0),
    },
    gtk: {
      stations: r.num("gtk.stations", 3, 4),
      sigmaPRel: r.num("gtk.sigmaPRel", 0),
      sigmaTheta: r.num("gtk.sigmaTheta", 0),
      sigmaXY: r.num("gtk.sigmaXY", 0),
      sigmaT: r.num("gtk.sigmaT", 1e-6),
      efficiency: r.prob("gtk.efficiency"),
      matchSigmaCDA: r.num("gtk.matchSigmaCDA", 1e-6),
      matchMaxChi2: r.num("gtk.matchMaxChi2", 0),
      matchWindowNs: r.num("gtk.matchWindowNs", 0),
    },
    chanti: {
      present: r.bool("chanti.present"),
      efficiency: r.prob("chanti.efficiency"),
      windowNs: r.num("chanti.windowNs", 0),
    },
    straw: {
      sigmaPConst: r.num("straw.sigmaPConst", 0),
      sigmaPLin: r.num("straw.sigmaPLin", 0),
      sigmaX: r.num("straw.sigmaX", 0),
      hitsPerChamber: r.num("straw.hitsPerChamber", 1),
      efficiency: r.prob("straw.efficiency"),
      kinkMaxAngle: r.num("straw.kinkMaxAngle", 0),
      extraTrackEfficiency: r.prob("straw.extraTrackEfficiency"),
    },
    rich: {
      nMinus1: r.num("rich.nMinus1", 1e-7, 1e-2),
      sigmaHit: r.num("rich.sigmaHit", 0),
      hitsMax: r.num("rich.hitsMax", 1),
      hitsMin: r.num("rich.hitsMin", 0),
      tailFraction: r.prob("rich.tailFraction"),
      tailScale: r.num("rich.tailScale", 1),
      massMin: r.num("rich.massMin", 0),
      massMax: r.num("rich.massMax", 0),
      muonMassMin: r.num("rich.muonMassMin", 0),
      efficiency: r.prob("rich.efficiency"),
      sigmaT: r.num("rich.sigmaT", 0),
    },
    chod: {
      present: r.bool("chod.present"),
      efficiency: r.prob("chod.efficiency"),
      sigmaT: r.num("chod.sigmaT", 0),
    },
    newchod: {
      present: r.bool("newchod.present"),
      efficiency: r.prob("newchod.efficiency"),
      sigmaT: r.num("newchod.sigmaT", 0),
    },
    lkr: {
      sigmaEStoch: r.num("lkr.sigmaEStoch", 0),
      sigmaENoise: r.num("lkr.sigmaENoise", 0),
      sigmaEConst: r.num("lkr.sigmaEConst", 0),
      sigmaXY: r.num("lkr.sigmaXY", 0),
      sigmaT: r.num("lkr.sigmaT", 0),
      photonIneff: r.curve("lkr.photonIneff"),
      innerEdgeIneff: r.prob("lkr.innerEdgeIneff"),
      pionInteraction: r.prob("lkr.pionInteraction"),
      pionEopMean: r.num("lkr.pionEopMean", 0, 1.5),
      pionEopSigma: r.num("lkr.pionEopSigma", 0),
      pionSplitProb: r.prob("lkr.pionSplitProb"),
      mipEnergy: r.num("lkr.mipEnergy", 0),
      clusterThreshold: r.num("lkr.clusterThreshold", 0),
      chargedEfficiency: r.prob("lkr.chargedEfficiency"),
    },
    lav: {
      photonIneff: r.curve("lav.photonIneff"),
      chargedEfficiency: r.prob("lav.chargedEfficiency"),
      sigmaT: r.num("lav.sigmaT", 0),
    },
    irc: {
      photonIneff: r.curve("irc.photonIneff"),
      chargedEfficiency: r.prob("irc.chargedEfficiency"),
      sigmaT: r.num("irc.sigmaT", 0),
    },
    sac: {
      photonIneff: r.curve("sac.photonIneff"),
      chargedEfficiency: r.prob("sac.chargedEfficiency"),
      sigmaT: r.num("sac.sigmaT", 0),
    },
    muv12: {
      pionEfficiency: r.prob("muv12.pionEfficiency"),
      pionAsMuon: r.prob("muv12.pionAsMuon"),
      muonMisId: r.prob("muv12.muonMisId"),
      muonEfficiency: r.prob("muv12.muonEfficiency"),
      electronMisId: r.prob("muv12.electronMisId"),
      electronEfficiency: r.prob("muv12.electronEfficiency"),
    },
    muv3: {
      efficiency: r.prob("muv3.efficiency"),
      punchThrough: r.prob("muv3.punchThrough"),
      sigmaT: r.num("muv3.sigmaT", 0),
      windowNs: r.num("muv3.windowNs", 0),
    },
    muv0: { present: r.bool("muv0.present"), efficiency: r.prob("muv0.efficiency") },
    hasc: {
      present: r.bool("hasc.present"),
      modules: r.num("hasc.modules", 0, 2),
      efficiency: r.prob("hasc.efficiency"),
    },
    multiplicity: {
      chargedIneffScale: r.num("multiplicity.chargedIneffScale", 0),
      commonMiss: r.prob("multiplicity.commonMiss"),
    },
    photonVeto: { ineffScale: r.num("photonVeto.ineffScale", 0) },
    accidentals: {
      scale: r.num("accidentals.scale", 0),
      lkr: acc("lkr"),
      lav: acc("lav"),
      ircsac: acc("ircsac"),
      chod: acc("chod"),
      hasc: acc("hasc"),
      muv0: acc("muv0"),
      chanti: acc("chanti"),
    },
    trigger: {
      downscale: {
        pnn: r.num("trigger.masks.pnn.downscale", 1),
        control: r.num("trigger.masks.control.downscale", 1),
        mt: r.num("trigger.masks.mt.downscale", 1),
        emt: r.num("trigger.masks.emt.downscale", 1),
        mumt: r.num("trigger.masks.mumt.downscale", 1),
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
      interactionProb: r.prob("upstream.interactionProb"),
      pionYield: r.num("upstream.pionYield", 0),
      meanPt: r.num("upstream.meanPt", 0),
      vetoEfficiency: r.prob("upstream.vetoEfficiency"),
      trim5Kick: r.num("upstream.trim5Kick"),
      scale: r.num("upstream.scale", 0),
    },
    reco: { pionMass: r.num("reco.pionMass", 0), kaonMass: r.num("reco.kaonMass", 0) },
    fiducial: { zMin: r.num("fiducial.zMin"), zMax: r.num("fiducial.zMax") },
    provenance: prov,
  };
}

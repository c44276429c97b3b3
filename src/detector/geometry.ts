/**
 * NA62 detector geometry (conditions/detector/geometry.json) and the analytic acceptance rules of
 * the NA62 analysis code (GeometricAcceptance.cc, [NA62-FW-2019]): STRAW chambers (outer radius,
 * beam hole seen in ≥ 2 of the x/y and u/v view pairs), RICH, CHOD, NewCHOD, IRC, the LKr octagon
 * with its inner hole, MUV1–3 squares, SAC, LAV rings, plus MUV0 and HASC from the NA62MC geometry.
 * Every rule is a pure function of (x, y) in the detector's front plane.
 */
import { loadConditions } from "../core/conditions.ts";
import type { SingleScatteringParams } from "./single-scattering.ts";

type Leaf = { value: unknown; source: string };
type RawGeometry = Record<string, Record<string, Leaf> | string>;

export interface Geometry {
  gtk: { z: number[]; zGTK0: number; halfX: number; halfY: number };
  trim5: { z: number };
  achromat: {
    zStart: number[];
    zEnd: number[];
    field: number;
    polarity: number[];
    /** B3/B4, upstream of GTK2 (the first half of the achromat) */
    firstPairZStart: number[];
    firstPairZEnd: number[];
    firstPairPolarity: number[];
    halfX: number;
    halfY: number;
  };
  chanti: { zFront: number; zBack: number; thetaMin: number; thetaMax: number; outerHalf: number };
  straw: { z: number[]; holeCentreX: number[]; holeHalfSize: number; rMax: number };
  mnp33: { zFront: number; length: number; ptKick: number };
  rich: {
    zFront: number;
    xFront: number;
    zMirror: number;
    zBack: number;
    xBack: number;
    rMin: number;
    rMax: number;
    focalLength: number;
  };
  muv0: { z: number; xCentre: number; halfSize: number };
  newchod: { z: number; rMin: number; rMax: number };
  chod: { zV: number; zH: number; rMin: number; rMax: number };
  irc: { z: number; rMin: number; rMax: number };
  lkr: { z: number; rMin: number; rMinPhysical: number; apothem: number; cellSize: number };
  muv1: { z: number; rMin: number; halfSide: number };
  muv2: { z: number; rMin: number; halfSide: number };
  muv3: { z: number; rMin: number; halfSide: number; gapWidth: number };
  hasc: { magnetZ: number; ptKick: number; z: number; xMin: number; xMax: number; halfY: number };
  sac: { z: number; halfSide: number };
  lav: { zFront: number[]; zBack: number[]; rInner: number[]; rOuter: number[] };
  material: {
    gtkStationX0: number;
    strawChamberX0: number;
    richX0: number;
    singleScatteringZ: number;
    singleScatteringMinSigma: number;
    singleScatteringQNuclear: number;
  };
}

let cached: Geometry | undefined;

/** the detector geometry with the sources stripped (they stay in the JSON file) */
export function geometry(): Geometry {
  if (!cached) {
    const raw = loadConditions<RawGeometry>("detector/geometry.json");
    const out: Record<string, Record<string, unknown>> = {};
    for (const [k, v] of Object.entries(raw)) {
      if (k.startsWith("$") || typeof v === "string") continue;
      out[k] = {};
      for (const [f, leaf] of Object.entries(v)) out[k][f] = leaf.value;
    }
    // a JSON round trip gives fast-mode objects (keyed stores of > 12 properties would leave `out`
    // in dictionary mode, and every property load in the transport loops would be a hash lookup)
    cached = JSON.parse(JSON.stringify(out)) as Geometry;
    const g = cached;
    if (g.straw.z.length !== 4 || g.straw.holeCentreX.length !== 4)
      throw new Error("geometry.json: straw.z and straw.holeCentreX need 4 entries");
    if (g.lav.zFront.length !== 12) throw new Error("geometry.json: lav needs 12 stations");
  }
  return cached;
}

/** the single-scattering tail parameters of geometry.json's material block */
export function singleScatteringParams(g: Geometry): SingleScatteringParams {
  return {
    z: g.material.singleScatteringZ,
    minSigma: g.material.singleScatteringMinSigma,
    qNuclear: g.material.singleScatteringQNuclear,
  };
}

/** z of the MNP33 thin-lens kick plane (magnet centre), mm */
export function magnetCentreZ(g: Geometry): number {
  return g.mnp33.zFront + 0.5 * g.mnp33.length;
}

const SQRT1_2 = Math.SQRT1_2;

/**
 * The acceptance rules as methods of an object with flat numeric fields (fast in the transport
 * loops: no nested property loads).
 */
export class Apertures {
  private readonly strawHoleX: Float64Array;
  private readonly strawH: number;
  private readonly strawR2: number;
  private readonly richX: number;
  private readonly richRmin2: number;
  private readonly richRmax2: number;
  private readonly newchodRmin2: number;
  private readonly newchodRmax2: number;
  private readonly chodRmin2: number;
  private readonly chodRmax2: number;
  private readonly ircRmin2: number;
  private readonly ircRmax2: number;
  readonly lkrRmin: number;
  readonly lkrRminPhysical: number;
  private readonly lkrA: number;
  private readonly muv1Rmin2: number;
  private readonly muv1H: number;
  private readonly muv2Rmin2: number;
  private readonly muv2H: number;
  private readonly muv3Rmin2: number;
  private readonly muv3H: number;
  private readonly muv3Gap: number;
  private readonly sacH: number;
  private readonly muv0X: number;
  private readonly muv0H: number;
  private readonly hascXmin: number;
  private readonly hascXmax: number;
  private readonly hascY: number;

  constructor(g: Geometry) {
    this.strawHoleX = Float64Array.from(g.straw.holeCentreX);
    this.strawH = g.straw.holeHalfSize;
    this.strawR2 = g.straw.rMax * g.straw.rMax;
    this.richX = g.rich.xFront;
    this.richRmin2 = g.rich.rMin * g.rich.rMin;
    this.richRmax2 = g.rich.rMax * g.rich.rMax;
    this.newchodRmin2 = g.newchod.rMin * g.newchod.rMin;
    this.newchodRmax2 = g.newchod.rMax * g.newchod.rMax;
    this.chodRmin2 = g.chod.rMin * g.chod.rMin;
    this.chodRmax2 = g.chod.rMax * g.chod.rMax;
    this.ircRmin2 = g.irc.rMin * g.irc.rMin;
    this.ircRmax2 = g.irc.rMax * g.irc.rMax;
    this.lkrRmin = g.lkr.rMin;
    this.lkrRminPhysical = g.lkr.rMinPhysical;
    this.lkrA = g.lkr.apothem;
    this.muv1Rmin2 = g.muv1.rMin * g.muv1.rMin;
    this.muv1H = g.muv1.halfSide;
    this.muv2Rmin2 = g.muv2.rMin * g.muv2.rMin;
    this.muv2H = g.muv2.halfSide;
    this.muv3Rmin2 = g.muv3.rMin * g.muv3.rMin;
    this.muv3H = g.muv3.halfSide;
    this.muv3Gap = 0.5 * g.muv3.gapWidth;
    this.sacH = g.sac.halfSide;
    this.muv0X = g.muv0.xCentre;
    this.muv0H = g.muv0.halfSize;
    this.hascXmin = g.hasc.xMin;
    this.hascXmax = g.hasc.xMax;
    this.hascY = g.hasc.halfY;
  }

  /**
   * STRAW chamber `i` (0–3): inside R < rMax around the nominal axis, outside the beam hole by the
   * radius around the hole centre, and outside the square hole in at least two views: the (x, y)
   * pair and the (u, v) pair rotated by 45° (GeometricAcceptance.cc, [NA62-FW-2019]).
   */
  straw(i: number, x: number, y: number): boolean {
    const h = this.strawH;
    const xs = x - this.strawHoleX[i];
    const u = (xs - y) * SQRT1_2;
    const v = (xs + y) * SQRT1_2;
    const twoViews = (Math.abs(xs) > h || Math.abs(y) > h) && (Math.abs(u) > h || Math.abs(v) > h);
    return twoViews && xs * xs + y * y > h * h && x * x + y * y < this.strawR2;
  }

  /** RICH front plane: R > rMin around the front-plane centre (x = +34 mm), R < rMax */
  rich(x: number, y: number): boolean {
    const xc = x - this.richX;
    const r2 = xc * xc + y * y;
    return r2 > this.richRmin2 && r2 < this.richRmax2;
  }

  newChod(x: number, y: number): boolean {
    const r2 = x * x + y * y;
    return r2 > this.newchodRmin2 && r2 < this.newchodRmax2;
  }

  /** one CHOD plane (the analysis requires both the V and the H plane: call it twice) */
  chod(x: number, y: number): boolean {
    const r2 = x * x + y * y;
    return r2 > this.chodRmin2 && r2 < this.chodRmax2;
  }

  irc(x: number, y: number): boolean {
    const r2 = x * x + y * y;
    return r2 > this.ircRmin2 && r2 < this.ircRmax2;
  }

  /** LKr: R > rMin and inside the regular octagon of apothem a (|x|, |y| < a, |x| + |y| < √2·a) */
  lkr(x: number, y: number, rMin: number): boolean {
    const ax = Math.abs(x);
    const ay = Math.abs(y);
    const a = this.lkrA;
    return ax * ax + ay * ay > rMin * rMin && ax < a && ay < a && ax + ay < Math.SQRT2 * a;
  }

  muv1(x: number, y: number): boolean {
    return x * x + y * y > this.muv1Rmin2 && Math.abs(x) < this.muv1H && Math.abs(y) < this.muv1H;
  }

  muv2(x: number, y: number): boolean {
    return x * x + y * y > this.muv2Rmin2 && Math.abs(x) < this.muv2H && Math.abs(y) < this.muv2H;
  }

  /** MUV3: R > 103 mm, square of half-side 1320 mm, plus half the central 0.8 mm gap in x */
  muv3(x: number, y: number): boolean {
    return (
      x * x + y * y > this.muv3Rmin2 && Math.abs(x) < this.muv3H + this.muv3Gap && Math.abs(y) < this.muv3H
    );
  }

  sac(x: number, y: number): boolean {
    return Math.abs(x) < this.sacH && Math.abs(y) < this.sacH;
  }

  muv0(x: number, y: number): boolean {
    return Math.abs(x - this.muv0X) < this.muv0H && Math.abs(y) < this.muv0H;
  }

  /** HASC modules: one block on the −x side; `modules` = 2 adds the mirror block at +x */
  hasc(x: number, y: number, modules: number): boolean {
    if (Math.abs(y) >= this.hascY || modules <= 0) return false;
    if (x > this.hascXmin && x < this.hascXmax) return true;
    return modules >= 2 && x > -this.hascXmax && x < -this.hascXmin;
  }
}

const apertureCache = new WeakMap<Geometry, Apertures>();

/** the Apertures of a geometry (cached) */
export function apertures(g: Geometry): Apertures {
  let a = apertureCache.get(g);
  if (!a) {
    a = new Apertures(g);
    apertureCache.set(g, a);
  }
  return a;
}

export function inStraw(g: Geometry, i: number, x: number, y: number): boolean {
  return apertures(g).straw(i, x, y);
}
export function inRich(g: Geometry, x: number, y: number): boolean {
  return apertures(g).rich(x, y);
}
export function inNewChod(g: Geometry, x: number, y: number): boolean {
  return apertures(g).newChod(x, y);
}
export function inChod(g: Geometry, x: number, y: number): boolean {
  return apertures(g).chod(x, y);
}
export function inIrc(g: Geometry, x: number, y: number): boolean {
  return apertures(g).irc(x, y);
}
export function inLkr(g: Geometry, x: number, y: number, rMin = g.lkr.rMin): boolean {
  return apertures(g).lkr(x, y, rMin);
}
export function inMuv1(g: Geometry, x: number, y: number): boolean {
  return apertures(g).muv1(x, y);
}
export function inMuv3(g: Geometry, x: number, y: number): boolean {
  return apertures(g).muv3(x, y);
}
export function inSac(g: Geometry, x: number, y: number): boolean {
  return apertures(g).sac(x, y);
}
export function inMuv0(g: Geometry, x: number, y: number): boolean {
  return apertures(g).muv0(x, y);
}
export function inHasc(g: Geometry, x: number, y: number, modules: number): boolean {
  return apertures(g).hasc(x, y, modules);
}

/**
 * The particle table (conditions/particles.json, PDG 2024) and user-defined hypothetical
 * particles (X, S, A′, a) whose mass and lifetime the user sets.
 */
import { loadConditions } from "./conditions.ts";
import { C_LIGHT, HBAR } from "./units.ts";

export interface Particle {
  name: string;
  pdg: number;
  charge: number;
  /** GeV */
  mass: number;
  massError?: number;
  /** proper lifetime, ns; Infinity for stable particles */
  lifetime: number;
  source: string;
  hypothetical: boolean;
  /** escapes every detector without interacting (neutrinos, an invisible X) */
  invisible: boolean;
}

interface ParticleRecord {
  name: string;
  pdg: number;
  charge: number;
  mass: number;
  massError?: number;
  lifetime?: number;
  width?: number;
  ctau?: number | null;
  invisible?: boolean;
  source: string;
}

const NEUTRINOS = new Set([12, -12, 14, -14, 16, -16]);

function fromRecord(r: ParticleRecord, hypothetical: boolean): Particle {
  let lifetime = Number.POSITIVE_INFINITY;
  if (r.lifetime !== undefined) lifetime = r.lifetime;
  else if (r.width !== undefined && r.width > 0) lifetime = HBAR / r.width;
  else if (r.ctau !== undefined && r.ctau !== null) lifetime = r.ctau / C_LIGHT;
  return {
    name: r.name,
    pdg: r.pdg,
    charge: r.charge,
    mass: r.mass,
    massError: r.massError,
    lifetime,
    source: r.source,
    hypothetical,
    invisible: r.invisible ?? NEUTRINOS.has(r.pdg),
  };
}

/** overrides of hypothetical-particle properties, e.g. { "X.mass": 0.12, "X.ctau": 5000 } */
export type ParticleOverrides = Record<string, number>;

export class ParticleTable {
  private readonly byName = new Map<string, Particle>();
  private readonly byPdg = new Map<number, Particle>();

  constructor(particles: Particle[]) {
    for (const p of particles) {
      this.byName.set(p.name, p);
      this.byPdg.set(p.pdg, p);
    }
  }

  get(name: string): Particle {
    const p = this.byName.get(name);
    if (!p) throw new RangeError(`unknown particle "${name}"`);
    return p;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  byCode(pdg: number): Particle {
    const p = this.byPdg.get(pdg);
    if (!p) throw new RangeError(`unknown PDG code ${pdg}`);
    return p;
  }

  mass(name: string): number {
    return this.get(name).mass;
  }

  all(): Particle[] {
    return [...this.byName.values()];
  }

  /**
   * A copy with hypothetical-particle properties set. Keys are `<name>.<property>` with
   * property mass (GeV), lifetime (ns), ctau (mm) or width (GeV); only hypothetical particles
   * can be changed. Throws a RangeError naming the key and value on bad input.
   */
  withOverrides(overrides: ParticleOverrides): ParticleTable {
    const copy = this.all().map((p) => ({ ...p }));
    const byName = new Map(copy.map((p) => [p.name, p]));
    for (const [key, value] of Object.entries(overrides)) {
      const dot = key.lastIndexOf(".");
      const name = key.slice(0, dot);
      const prop = key.slice(dot + 1);
      const p = byName.get(name);
      if (dot < 0 || !p) throw new RangeError(`--set ${key}: unknown particle "${name}"`);
      if (!p.hypothetical)
        throw new RangeError(`--set ${key}: ${name} is a PDG particle; only X, S, A', a can be set`);
      if (!Number.isFinite(value) || value < 0)
        throw new RangeError(`--set ${key}: expected a number ≥ 0, got ${value}`);
      switch (prop) {
        case "mass":
          p.mass = value;
          break;
        case "lifetime":
          p.lifetime = value;
          break;
        case "ctau":
          p.lifetime = value / C_LIGHT;
          break;
        case "width":
          p.lifetime = value > 0 ? HBAR / value : Number.POSITIVE_INFINITY;
          break;
        case "invisible":
          p.invisible = value !== 0;
          break;
        default:
          throw new RangeError(
            `--set ${key}: unknown property "${prop}" (mass, lifetime, ctau, width, invisible)`,
          );
      }
    }
    return new ParticleTable(copy);
  }
}

let standard: ParticleTable | undefined;

/** the PDG 2024 table with the default hypothetical particles */
export function particleTable(): ParticleTable {
  if (!standard) {
    const data = loadConditions<{ particles: ParticleRecord[]; hypothetical: ParticleRecord[] }>(
      "particles.json",
    );
    standard = new ParticleTable([
      ...data.particles.map((r) => fromRecord(r, false)),
      ...data.hypothetical.map((r) => fromRecord(r, true)),
    ]);
  }
  return standard;
}

/** PDG codes used throughout the code */
export const PDG = {
  Kp: 321,
  Km: -321,
  KL: 130,
  KS: 310,
  pip: 211,
  pim: -211,
  pi0: 111,
  eta: 221,
  mum: 13,
  mup: -13,
  em: 11,
  ep: -11,
  nue: 12,
  nuebar: -12,
  numu: 14,
  numubar: -14,
  nutau: 16,
  nutaubar: -16,
  gamma: 22,
  p: 2212,
  n: 2112,
  X: 9000001,
  S: 9000002,
  Ap: 9000003,
  a: 9000004,
} as const;

/**
 * The LFV/LNV modes of `kaonlab run lnv` and their published inputs (conditions/analyses/lnv/*.json):
 * per mode the searched channel, its final-state hypothesis (charged daughters in track order, the
 * photons of a π⁰), the trigger line, NA62's normalisation channel, exposure years, observed count,
 * expected background and 90% CL upper limit, each with its source and provenance tag.
 */
import { loadConditions } from "../../core/conditions.ts";
import type { Reference } from "../layer/comparison.ts";

export type Hyp = "pi" | "mu" | "e";

export interface PublishedValue {
  value: number;
  error?: number;
  tag: string;
  source: string;
}

export interface LnvMode {
  mode: string;
  label: string;
  channel: string;
  /** π⁰→μ⁻e⁺: the K⁺→π⁺μ⁻e⁺ sample restricted to m(μ⁻e⁺) = m_π⁰ at generator level */
  pi0?: boolean;
  years: string[];
  daughters: string[];
  photons?: number;
  trigger: "emt" | "mumt" | "dimuon";
  normalisation: string;
  ul: PublishedValue | null;
  observed: PublishedValue | null;
  background: PublishedValue | null;
  method: { value: string; tag: string; source: string };
}

export interface LnvPublished {
  exposure: Record<string, PublishedValue>;
  tolerance: { default: { factor: number } };
  calibrated: Record<string, Record<string, string>>;
  modes: LnvMode[];
}

export interface LnvSelectionParams {
  zRange: [number, number];
  vertexChi2Max: number;
  trackMomentum: [number, number];
  totalMomentum: [number, number];
  ptMax: number;
  massWindow: number;
  pi0MassWindow: number;
  pi0TruthWindow: number;
  ggMassWindow: number;
  normalisationMeeMin: number;
}

export function lnvPublished(): LnvPublished {
  return loadConditions<LnvPublished>("analyses/lnv/published.json");
}

export function lnvSelection(): LnvSelectionParams {
  return loadConditions<LnvSelectionParams>("analyses/lnv/selection.json");
}

/** the hypothesis and charge of a daughter name ("pi-", "mu+", "e+") */
export function parseDaughter(name: string): { hyp: Hyp; q: number } {
  const m = /^(pi|mu|e)([+-])$/.exec(name);
  if (!m) throw new RangeError(`lnv mode daughters: expected pi±, mu± or e±, got "${name}"`);
  return { hyp: m[1] as Hyp, q: m[2] === "+" ? 1 : -1 };
}

/** N_K of a mode: the sum of the K⁺ decays in the fiducial volume of its years */
export function exposureOf(pub: LnvPublished, m: LnvMode): number {
  let s = 0;
  for (const y of m.years) {
    const e = pub.exposure[y];
    if (!e) throw new RangeError(`lnv mode ${m.mode}: no exposure for year "${y}"`);
    s += e.value;
  }
  return s;
}

export function asReference(v: PublishedValue | null): Reference | null {
  return v ? { value: v.value, error: v.error, tag: v.tag, source: v.source } : null;
}

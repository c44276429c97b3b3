/**
 * The K⁺→μ⁻νe⁺e⁺ conditions (conditions/analyses/munuee/): the selection (selection.json, every
 * leaf { value, source }) flattened to numbers and validated, and NA62's published figures
 * (published.json: the background table by mode and m²miss region, the observed counts, the UL).
 */
import { z } from "zod";
import { loadConditions } from "../../core/conditions.ts";
import type { ComparisonConditions, Reference } from "../layer/comparison.ts";

const num = z.number().finite();

export const MunueeSelectionSchema = z.object({
  tracks: z.object({
    count: num.int().positive(),
    pMin: num.positive(),
    pMax: num,
    lkrRadiusMin: num.nonnegative(),
  }),
  vertex: z.object({
    chi2Max: num.positive(),
    fiducialZMin: num,
    fiducialZMax: num,
    signalZOffset: num.nonnegative(),
  }),
  pid: z.object({
    eopElectronMin: num,
    eopElectronMax: num,
    eopMuonMax: num,
    muonMuv3: num.int().min(0).max(1),
    eopPionMax: num,
  }),
  signal: z.object({
    deltaPMax: num,
    clusterEMax: num.positive(),
    m2Lower: num,
    m2Upper: num,
    m2Min: num,
    m2Max: num,
  }),
  normalisation: z.object({
    deltaPAbsMax: num.positive(),
    ptMax: num.positive(),
    meeMin: num.nonnegative(),
    massWindow: num.positive(),
  }),
});
export type MunueeSelectionParams = z.infer<typeof MunueeSelectionSchema>;

/** { value, source } leaves → values */
function values(node: unknown): unknown {
  if (node === null || typeof node !== "object" || Array.isArray(node)) return node;
  const o = node as Record<string, unknown>;
  if ("value" in o && "source" in o) return o.value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!k.startsWith("$")) out[k] = values(v);
  return out;
}

let cachedSelection: MunueeSelectionParams | null = null;

/** the selection parameters, validated (a field and value in the message otherwise) */
export function munueeSelection(): MunueeSelectionParams {
  if (cachedSelection) return cachedSelection;
  const raw = values(loadConditions<unknown>("analyses/munuee/selection.json"));
  const r = MunueeSelectionSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new RangeError(`conditions/analyses/munuee/selection.json: ${i.path.join(".")}: ${i.message}`);
  }
  const p = r.data;
  if (
    !(
      p.signal.m2Min < p.signal.m2Lower &&
      p.signal.m2Lower < p.signal.m2Upper &&
      p.signal.m2Upper < p.signal.m2Max
    )
  )
    throw new RangeError(
      "conditions/analyses/munuee/selection.json: signal: expected m2Min < m2Lower < m2Upper < m2Max",
    );
  cachedSelection = p;
  return p;
}

/** the m²miss regions of the published table, in its order */
export const REGIONS = ["lower", "signal", "upper"] as const;
export type Region = (typeof REGIONS)[number];

/** the background rows of the published table, in its order */
export const BACKGROUNDS = ["pipipi", "pipienu", "up-pipipi", "up-pipienu", "pi0denu", "enumumu"] as const;
export type BackgroundKey = (typeof BACKGROUNDS)[number];

interface PublishedRow {
  label: string;
  lower: Reference;
  signal: Reference;
  upper: Reference;
}

export interface MunueePublished {
  brUpperLimit: { limit: number; cl: number; tag: string; source: string };
  observed: Record<Region, { value: number; source: string }>;
  kaonDecays: { value: number; error: number; tag: string; source: string };
  background: Record<BackgroundKey | "total", PublishedRow>;
  tolerance: ComparisonConditions["tolerance"];
  /** figures a number of the simulation was tuned on, per period card */
  calibrated?: ComparisonConditions["calibrated"];
}

export function munueePublished(): MunueePublished {
  return loadConditions<MunueePublished>("analyses/munuee/published.json");
}

/** the published reference of a background cell, with the source of the table */
export function backgroundReference(key: BackgroundKey | "total", region: Region): Reference {
  const row = munueePublished().background[key];
  return {
    ...row[region],
    tag: "talk",
    source: "[NA62-EQCD2024-talk] K⁺→μ⁻νe⁺e⁺ results table ([NA62-MUNUEE-2023])",
  };
}

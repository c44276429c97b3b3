/**
 * The conditions of the K⁺→π⁺μ⁺μ⁻ job (conditions/analyses/pimumu/published.json): NA62's
 * published figures, the selection cuts and the fit binning, each with its source.
 */
import { loadConditions } from "../../core/conditions.ts";
import type { ComparisonConditions, Reference } from "../layer/comparison.ts";
import type { ZBinning } from "./form-factor.ts";
import type { PimumuCuts } from "./selection.ts";

interface Valued {
  value: number;
  error?: number;
  source: string;
  tag?: string;
}

interface PimumuConditionsFile {
  published: Record<"candidates" | "background" | "kaonDecaysEffective" | "br" | "aPlus" | "bPlus", Valued>;
  selection: { fiducial: { zMin: Valued; zMax: Valued } } & Record<string, Valued | object>;
  fit: { zBins: Valued; zLo: Valued; zHi: Valued };
  comparison: ComparisonConditions;
}

export interface PimumuConditions {
  published: Record<keyof PimumuConditionsFile["published"], Reference & { value: number }>;
  cuts: PimumuCuts;
  bins: ZBinning;
  comparison: ComparisonConditions;
}

const CUT_KEYS = [
  "pMin",
  "pMax",
  "chi2Max",
  "pBeam",
  "dPMax",
  "ptMax",
  "eopMuMax",
  "eopPiMax",
  "dMMax",
  "dM3piMax",
] as const;

let cached: PimumuConditions | undefined;

export function pimumuConditions(): PimumuConditions {
  if (cached) return cached;
  const f = loadConditions<PimumuConditionsFile>("analyses/pimumu/published.json");
  const num = (v: unknown, what: string): number => {
    const x = (v as Valued | undefined)?.value;
    if (typeof x !== "number" || !Number.isFinite(x))
      throw new RangeError(`conditions/analyses/pimumu/published.json: ${what}: expected a number, got ${x}`);
    return x;
  };
  const cuts = {
    zMin: num(f.selection.fiducial.zMin, "selection.fiducial.zMin"),
    zMax: num(f.selection.fiducial.zMax, "selection.fiducial.zMax"),
  } as PimumuCuts;
  for (const k of CUT_KEYS) cuts[k] = num((f.selection as Record<string, unknown>)[k], `selection.${k}`);
  const published = {} as PimumuConditions["published"];
  for (const [k, v] of Object.entries(f.published)) {
    published[k as keyof PimumuConditions["published"]] = {
      value: num(v, `published.${k}`),
      error: v.error,
      tag: v.tag,
      source: v.source,
    };
  }
  cached = {
    published,
    cuts,
    bins: { n: num(f.fit.zBins, "fit.zBins"), lo: num(f.fit.zLo, "fit.zLo"), hi: num(f.fit.zHi, "fit.zHi") },
    comparison: f.comparison,
  };
  return cached;
}

/**
 * The pi4e job's configuration and its conditions (conditions/analyses/pi4e/published.json): the
 * selection parameters, NA62's published figures and the comparison rules.
 */
import { z } from "zod";
import { loadConditions } from "../../core/conditions.ts";
import { particleTable } from "../../core/particles.ts";
import { flag } from "../../core/schema.ts";
import { loadPeriod } from "../../detector/card.ts";
import { geometry } from "../../detector/geometry.ts";
import { VertexFit } from "../../reco/vertex-fit.ts";
import type { ComparisonConditions } from "../layer/comparison.ts";
import { cardOverridesSchema, zRangeSchema } from "../layer/config.ts";
import { FiveTrackSelection, type Pi4eCuts } from "./selection.ts";

export const PI4E_PERIODS = ["2018-S2"] as const;

export const pi4eConfigSchema = z
  .object({
    /** kaon decays are forced into [zMin, zMax] (mm), with the matching weight */
    zRange: zRangeSchema(),
    /** detector period-card overrides, e.g. ["gtk.sigmaT=0.05"] */
    card: cardOverridesSchema(),
    /** write the candidate ntuple of the SR, CR and LCR events (Parquet, one file per shard) */
    ntuple: flag().default(true),
  })
  .strict();

export type Pi4eConfig = z.infer<typeof pi4eConfigSchema>;

interface Val<T> {
  value: T;
  source: string;
}
export interface PublishedRow {
  label: string;
  br?: number;
  CR: [number, number] | null;
  LCR: [number, number] | null;
  SR: [number, number] | null;
}
export interface Pi4eConditions {
  selection: Record<keyof Pi4eCuts | "tracks" | "massWindow", Val<number | [number, number]>>;
  published: {
    brUpperLimit: { limit: number; tag: string; source: string };
    brSM: { value: number; error: number; tag: string; source: string };
    observed: { CR: number; LCR: number; SR: number; tag: string; source: string };
    darkLimitLevel: { value: number; tag: string; source: string };
  };
  backgrounds: Record<string, PublishedRow | string>;
  comparison: ComparisonConditions;
}

export function pi4eConditions(): Pi4eConditions {
  return loadConditions<Pi4eConditions>("analyses/pi4e/published.json");
}

export function pi4eCuts(c = pi4eConditions()): Pi4eCuts {
  const s = c.selection;
  const v = <T>(k: keyof Pi4eCuts) => s[k].value as unknown as T;
  return {
    mPi4eWindow: v("mPi4eWindow"),
    m4eOffPole: v("m4eOffPole"),
    mMissOffPole: v("mMissOffPole"),
    pPiMin: v("pPiMin"),
    dpSignal: v("dpSignal"),
    dpControl: v("dpControl"),
    pairingResolution: v("pairingResolution"),
    pairingMax: v("pairingMax"),
    vertexChi2Max: v("vertexChi2Max"),
    ambiguityVeto: v<number>("ambiguityVeto") === 1,
    fiducialZ: v("fiducialZ"),
    pBeam: v("pBeam"),
  };
}

/** the selection of a period (the STRAW1 plane of the vertex fit, the beam axis of the card) */
export function selectionSetup(period: string, card: string[]): { sel: FiveTrackSelection; window: number } {
  const c = pi4eConditions();
  const cuts = pi4eCuts(c);
  const pc = loadPeriod(period, card);
  const pt = particleTable();
  const fit = new VertexFit(geometry().straw.z[0]);
  const sel = new FiveTrackSelection(
    cuts,
    fit,
    { pi: pt.mass("pi+"), e: pt.mass("e-"), k: pt.mass("K+"), pi0: pt.mass("pi0") },
    [pc.beam.nominalSlopeX, pc.beam.nominalSlopeY],
  );
  return { sel, window: c.selection.massWindow.value as number };
}

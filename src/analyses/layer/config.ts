/**
 * Configuration pieces every analysis job repeats: the z range its kaon decays are forced into, the
 * period-card overrides, and the choice of the period among the ones the job can simulate.
 */
import { z } from "zod";
import { finiteNumber } from "../../core/schema.ts";

/** the default fiducial range kaon decays are forced into (mm from the T10 target) */
export const DEFAULT_Z_RANGE: [number, number] = [102500, 180000];

/** `zRange`: kaon decays are forced into [zMin, zMax] (mm), with the matching weight */
export function zRangeSchema(def: [number, number] = DEFAULT_Z_RANGE) {
  return z
    .tuple([finiteNumber(), finiteNumber()], { error: "expected [zMin, zMax] in mm" })
    .refine((r) => (r[1] as number) > (r[0] as number), { error: "expected zMin < zMax" })
    .default(def);
}

/** `card`: detector period-card overrides, e.g. ["gtk.sigmaT=0.05"] */
export function cardOverridesSchema() {
  return z.array(z.string()).default([]);
}

/**
 * the period of a run: `p`, or `fallback` when the card names none; a RangeError naming the value
 * and the periods the job accepts otherwise
 */
export function choosePeriod<T extends string>(p: string | null, periods: readonly T[], fallback: T): T {
  const period = p ?? fallback;
  if (!(periods as readonly string[]).includes(period))
    throw new RangeError(`period: expected one of ${periods.join(", ")}, got "${period}"`);
  return period as T;
}

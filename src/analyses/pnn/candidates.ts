/**
 * The K⁺→π⁺νν̄ candidate ntuple: one row per event (or per region fraction of an event whose RICH
 * ring constraint is averaged) after the full selection but the trigger and random veto, in any
 * kinematic region — the signal regions R1/R2 and every control region — with the analysis layer's
 * common columns (period, sample, source, category = region, event, weight = the expected-event
 * weight w·a·trig·rv in the sample's normalisation) and these:
 */
import type { ColumnSpec } from "../../io/table.ts";
import { N_REGIONS, REGION_NAMES } from "./regions.ts";

/**
 * The regions written by default: the signal regions and the control regions next to them (the
 * background regions π⁺π⁰, μ⁺ν and π⁺π⁺π⁻ hold ~80% of the rows; add them with `ntupleRegions`)
 */
export const DEFAULT_NTUPLE_REGIONS = ["R1", "R2", "CR1", "CR2", "CR-Kmu2"] as const;

/** a mask over the region indices (regions.ts) of the named regions */
export function regionMask(names: readonly string[]): Uint8Array {
  const m = new Uint8Array(N_REGIONS);
  for (const n of names) {
    const i = (REGION_NAMES as readonly string[]).indexOf(n);
    if (i < 0)
      throw new RangeError(`ntupleRegions: unknown region "${n}" (known: ${REGION_NAMES.join(", ")})`);
    m[i] = 1;
  }
  return m;
}

/** the single-track columns both ntuples start with */
const TRACK_COLUMNS: readonly ColumnSpec[] = [
  { name: "p", type: "DOUBLE" },
  { name: "m2miss", type: "DOUBLE" },
  { name: "m2miss_rich", type: "DOUBLE" },
  { name: "m2miss_beam", type: "DOUBLE" },
  { name: "z_vtx", type: "DOUBLE" },
  { name: "cda", type: "DOUBLE" },
  { name: "bin", type: "INT32" },
  { name: "pid_pi", type: "DOUBLE" },
];

export const PNN_CANDIDATE_COLUMNS: readonly ColumnSpec[] = [
  ...TRACK_COLUMNS,
  { name: "trigger", type: "DOUBLE" },
  { name: "random_veto", type: "DOUBLE" },
  // the upstream-background cut variables: R_STRAW1 (mm, from the STRAW1 beam-hole centre) and the
  // track's straight back-extrapolation to the TRIM5 plane (the box cut), whatever cut the period uses
  { name: "r_straw1", type: "DOUBLE" },
  { name: "x_trim5", type: "DOUBLE" },
  { name: "y_trim5", type: "DOUBLE" },
];

/**
 * The normalisation ntuple (the k2pi job): the π⁺-identified events of the π⁺π⁰ region with the
 * minimum-bias control trigger, weight = the normalisation weight w·a·pid·trig_control
 */
export const NORM_CANDIDATE_COLUMNS: readonly ColumnSpec[] = [
  ...TRACK_COLUMNS,
  { name: "trigger_control", type: "DOUBLE" },
];

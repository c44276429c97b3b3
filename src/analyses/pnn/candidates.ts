/**
 * The K⁺→π⁺νν̄ candidate ntuple: one row per event (or per region fraction of an event whose RICH
 * ring constraint is averaged) after the full selection but the trigger and random veto, in any
 * kinematic region — the signal regions R1/R2 and every control region — with the analysis layer's
 * common columns (period, sample, source, category = region, event, weight = the expected-event
 * weight w·a·trig·rv in the sample's normalisation) and these:
 */
import type { ColumnSpec } from "../../io/table.ts";

export const PNN_CANDIDATE_COLUMNS: readonly ColumnSpec[] = [
  { name: "p", type: "DOUBLE" },
  { name: "m2miss", type: "DOUBLE" },
  { name: "m2miss_rich", type: "DOUBLE" },
  { name: "m2miss_beam", type: "DOUBLE" },
  { name: "z_vtx", type: "DOUBLE" },
  { name: "cda", type: "DOUBLE" },
  { name: "bin", type: "INT32" },
  { name: "pid_pi", type: "DOUBLE" },
  { name: "trigger", type: "DOUBLE" },
  { name: "random_veto", type: "DOUBLE" },
];

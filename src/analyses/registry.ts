/**
 * The registry of analysis jobs that `kaonlab run <job>` knows. To add a job kind, write it as an
 * AnalysisJob (src/analyses/job.ts) and add it to JOBS below (one import, one entry). Worker threads and
 * batch nodes find jobs here by name.
 */

import { dumpAlpJob } from "./dump-alp/job.ts";
import { dumpApJob } from "./dump-ap/job.ts";
import type { AnyJob } from "./job.ts";
import { k2piJob } from "./k2pi/job.ts";
import { lnvJob } from "./lnv/job.ts";
import { mixJob } from "./mix/job.ts";
import { munueeJob } from "./munuee/job.ts";
import { pi0invJob } from "./pi0inv/job.ts";
import { pi4eJob } from "./pi4e/job.ts";
import { pimumuJob } from "./pimumu/job.ts";
import { pixJob } from "./pix/job.ts";
import { pnnJob } from "./pnn/job.ts";

export const JOBS: AnyJob[] = [
  mixJob,
  pnnJob,
  k2piJob,
  pimumuJob,
  lnvJob,
  dumpApJob,
  dumpAlpJob,
  pixJob,
  pi0invJob,
  pi4eJob,
  munueeJob,
];

export function jobNames(): string[] {
  return JOBS.map((j) => j.name);
}

/** the job called `name`; a RangeError naming the value and the known jobs otherwise */
export function getJob(name: string, what = "job"): AnyJob {
  const j = JOBS.find((x) => x.name === name);
  if (!j) throw new RangeError(`${what}: unknown job "${name}" (known: ${jobNames().join(", ")})`);
  return j;
}

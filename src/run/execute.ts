/**
 * Running a planned run folder on an engine, and resuming it. The CLI commands run, submit, resume
 * and merge are thin layers over these functions.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ExitCodeError } from "../core/errors.ts";
import { CONDOR_DIR, writeCondorFiles } from "./engines/htcondor.ts";
import { removeTemporaries, runShardsLocal } from "./engines/local.ts";
import {
  mergeIsStuck,
  readSubmissions,
  resumeSlurm,
  type SlurmOptions,
  slurmAvailable,
  submitSlurm,
  waitForJob,
} from "./engines/slurm.ts";
import { acquireRunLock } from "./lock.ts";
import { indexList, type MergeSummary, mergeRun, shardStatus } from "./merge.ts";
import { type Engine, MANIFEST_FILE, type RunPlan, readPlan } from "./plan.ts";
import { createProgress, type ProgressMode } from "./progress.ts";
import { shellQuote } from "./script-safety.ts";
import { shardPath } from "./shard-file.ts";

export interface ExecOptions {
  workers: number;
  progress: ProgressMode;
  signal?: AbortSignal;
  /** progress and message lines (stderr) */
  log: (line: string) => void;
  /** wait for a batch run's merge */
  wait?: boolean;
  waitTimeoutSeconds?: number;
}

export interface ExecResult {
  dir: string;
  engine: Engine;
  /** shards run or submitted by this call */
  shards: number[];
  merged: MergeSummary | null;
  slurm?: { arrays: string[]; merge: string; mergeAction?: string; mergeState?: string | null };
  htcondor?: { dag: string; submit: string };
  seconds: number;
}

function slurmOptions(plan: RunPlan): SlurmOptions {
  const c = plan.card;
  return {
    partition: c.partition,
    time: c.slurm.time,
    mem: c.slurm.mem,
    throttle: c.slurm.throttle,
    killOnInvalidDep: c.slurm.killOnInvalidDep,
    extraArgs: c.slurm.extraArgs,
  };
}

/** run the given shards locally, then merge if the run is complete */
async function local(dir: string, plan: RunPlan, indices: number[], o: ExecOptions): Promise<ExecResult> {
  const t0 = performance.now();
  const r = await runShardsLocal(dir, plan, indices, {
    workers: o.workers,
    progress: o.progress,
    signal: o.signal,
    write: o.log,
  });
  const st = shardStatus(dir, plan);
  const left = st.problems.map((p) => p.index);
  if (r.aborted) {
    throw new ExitCodeError(
      `interrupted: ${st.complete.length} of ${plan.shards.length} shards complete in ${dir}; ` +
        `\`kaonlab resume ${shellQuote(dir)}\` runs the rest (${indexList(left)})`,
      130,
    );
  }
  const fsFailure = r.failed
    .map((f) => /^(ENOSPC|EDQUOT|EROFS|EACCES|EPERM|EIO|EFBIG): ([^,]+)/.exec(f.error))
    .find(Boolean);
  if (r.failed.length > 0 && fsFailure) {
    // the folder cannot take the shards (full, read-only, no permission): the user's to fix
    throw new ExitCodeError(
      `out: cannot write into the run folder ${dir}: ${fsFailure[2]} (${fsFailure[1]}); ` +
        `${r.failed.length} shard(s) not written (${indexList(r.failed.map((f) => f.index))}), ` +
        `${st.complete.length} of ${plan.shards.length} complete; free the space (or make it writable) and \`kaonlab resume ${shellQuote(dir)}\``,
      2,
    );
  }
  if (r.failed.length > 0) {
    throw new ExitCodeError(
      `${r.failed.length} shard(s) failed (${indexList(r.failed.map((f) => f.index))}): ${r.failed[0].error}; ` +
        `${st.complete.length} of ${plan.shards.length} complete; \`kaonlab resume ${shellQuote(dir)}\` re-runs the rest`,
      1,
    );
  }
  const merged = mergeRun(dir);
  return { dir, engine: "local", shards: indices, merged, seconds: (performance.now() - t0) / 1000 };
}

async function waitSlurm(dir: string, merge: string, o: ExecOptions): Promise<string | null> {
  const plan = readPlan(dir);
  const bar = createProgress(`${plan.job} (slurm)`, plan.events, plan.shards.length, o.progress, o.log, 30);
  const poll = () => {
    let events = 0;
    let shards = 0;
    for (const sp of plan.shards)
      if (existsSync(shardPath(dir, sp.index))) {
        events += sp.events;
        shards++;
      }
    bar.update(events, shards);
  };
  let s: Awaited<ReturnType<typeof waitForJob>>;
  try {
    s = await waitForJob(merge, o.waitTimeoutSeconds, o.signal, poll);
  } finally {
    bar.stop();
  }
  if (o.signal?.aborted) {
    throw new ExitCodeError(
      `stopped waiting; the jobs go on (merge job ${merge}); \`kaonlab resume ${shellQuote(dir)}\` checks them`,
      130,
    );
  }
  if (existsSync(join(dir, MANIFEST_FILE))) return s?.state ?? "COMPLETED";
  const st = shardStatus(dir);
  const left = st.problems.map((p) => p.index);
  const what = s ? `${s.state}${s.reason && s.reason !== "None" ? ` (${s.reason})` : ""}` : "gone";
  if (s !== null && !mergeIsStuck(s) && s.state !== "COMPLETED") {
    throw new ExitCodeError(
      `stopped waiting after ${o.waitTimeoutSeconds} s: slurm merge job ${merge} is ${what}; ` +
        `${st.complete.length} of ${plan.shards.length} shards complete; the jobs go on; ` +
        `\`kaonlab resume ${shellQuote(dir)}\` checks them`,
      1,
    );
  }
  const tail = mergeIsStuck(s)
    ? `; shards to re-run: ${left.length ? indexList(left) : "none"}; \`kaonlab resume ${shellQuote(dir)}\` resubmits them and the merge`
    : "";
  throw new ExitCodeError(`slurm merge job ${merge}: ${what}${tail}`, 1);
}

function nextResumeDag(dir: string): string {
  let k = 1;
  while (existsSync(join(dir, CONDOR_DIR, `resume-${k}.dag`))) k++;
  return `resume-${k}.dag`;
}

/** start a freshly planned run folder on its engine (holding the folder's lock) */
export async function executeRun(dir: string, o: ExecOptions): Promise<ExecResult> {
  const release = acquireRunLock(dir, "run");
  try {
    return await executeLocked(dir, o, release);
  } finally {
    release();
  }
}

/** `release` gives the lock up before waiting for batch jobs (their merge job takes it) */
async function executeLocked(dir: string, o: ExecOptions, release: () => void): Promise<ExecResult> {
  const t0 = performance.now();
  const plan = readPlan(dir);
  const all = plan.shards.map((s) => s.index);
  if (plan.engine === "local") return local(dir, plan, all, o);
  if (plan.engine === "slurm") {
    if (!slurmAvailable())
      throw new ExitCodeError("--engine slurm: no Slurm controller answers (sinfo failed)", 1);
    const s = submitSlurm(dir, plan, slurmOptions(plan));
    o.log(
      `submitted array ${s.arrays.map((a) => a.id).join(", ")} (${all.length} shards) and merge ${s.merge}`,
    );
    release();
    const state = o.wait ? await waitSlurm(dir, s.merge, o) : null;
    return {
      dir,
      engine: "slurm",
      shards: all,
      merged: null,
      slurm: { arrays: s.arrays.map((a) => a.id), merge: s.merge, mergeState: state },
      seconds: (performance.now() - t0) / 1000,
    };
  }
  const files = writeCondorFiles(dir, all, plan.card.htcondor);
  o.log(`wrote ${files.dag}; submit with: ${files.submit}`);
  return {
    dir,
    engine: "htcondor",
    shards: all,
    merged: null,
    htcondor: files,
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Finish a run folder: run (local) or resubmit (slurm, htcondor) only the shards that are missing or
 * unusable, then merge (local) or make sure a merge job follows them (slurm).
 */
export async function resumeRun(dir: string, o: ExecOptions, engine?: Engine): Promise<ExecResult> {
  readPlan(dir); // a folder that is not a run is named before its lock is looked at
  const release = acquireRunLock(dir, "resume");
  try {
    return await resumeLocked(dir, o, release, engine);
  } finally {
    release();
  }
}

async function resumeLocked(
  dir: string,
  o: ExecOptions,
  release: () => void,
  engine?: Engine,
): Promise<ExecResult> {
  const t0 = performance.now();
  const plan = readPlan(dir);
  const eng = engine ?? plan.engine;
  const st = shardStatus(dir, plan);
  const missing = st.problems.map((p) => p.index);
  if (eng === "local") {
    removeTemporaries(dir);
    if (missing.length === 0 && existsSync(join(dir, MANIFEST_FILE))) {
      o.log(`${dir}: complete and merged; nothing to do`);
      return { dir, engine: eng, shards: [], merged: null, seconds: 0 };
    }
    if (missing.length > 0)
      o.log(`${dir}: running ${missing.length} missing shard(s): ${indexList(missing)}`);
    return local(dir, plan, missing, o);
  }
  if (eng === "slurm") {
    if (!slurmAvailable())
      throw new ExitCodeError("--engine slurm: no Slurm controller answers (sinfo failed)", 1);
    if (missing.length === 0 && existsSync(join(dir, MANIFEST_FILE))) {
      o.log(`${dir}: complete and merged; nothing to do`);
      return { dir, engine: eng, shards: [], merged: null, seconds: 0 };
    }
    if (readSubmissions(dir).length === 0) {
      const s = submitSlurm(dir, plan, slurmOptions(plan), missing);
      o.log(`submitted array ${s.arrays.map((a) => a.id).join(", ")} and merge ${s.merge}`);
      release();
      const state = o.wait ? await waitSlurm(dir, s.merge, o) : null;
      return {
        dir,
        engine: eng,
        shards: missing,
        merged: null,
        slurm: { arrays: s.arrays.map((a) => a.id), merge: s.merge, mergeAction: "new", mergeState: state },
        seconds: (performance.now() - t0) / 1000,
      };
    }
    const r = resumeSlurm(dir, plan, missing, slurmOptions(plan));
    const prev = r.previousMergeState
      ? `${r.previousMergeState.state} (${r.previousMergeState.reason})`
      : "gone";
    o.log(
      `resubmitted shard(s) ${r.resubmitted.length ? indexList(r.resubmitted) : "none"}` +
        `${r.stillActive.length ? `; still queued or running: ${indexList(r.stillActive)}` : ""}` +
        `; merge ${r.previousMerge ?? "-"} was ${prev}: ${
          r.mergeAction === "repointed"
            ? `re-pointed (job ${r.merge})`
            : r.mergeAction === "kept"
              ? "left running"
              : `new merge job ${r.merge}`
        }`,
    );
    release();
    const state = o.wait ? await waitSlurm(dir, r.merge, o) : null;
    return {
      dir,
      engine: eng,
      shards: r.resubmitted,
      merged: null,
      slurm: {
        arrays: r.arrays.map((a) => a.id),
        merge: r.merge,
        mergeAction: r.mergeAction,
        mergeState: state,
      },
      seconds: (performance.now() - t0) / 1000,
    };
  }
  const files = writeCondorFiles(dir, missing, plan.card.htcondor, nextResumeDag(dir));
  o.log(
    `wrote ${files.dag} for shard(s) ${missing.length ? indexList(missing) : "none"}; submit with: ${files.submit}`,
  );
  return {
    dir,
    engine: eng,
    shards: missing,
    merged: null,
    htcondor: files,
    seconds: (performance.now() - t0) / 1000,
  };
}

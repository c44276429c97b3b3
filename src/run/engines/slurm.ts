/**
 * The Slurm engine: one job array (one shard per task) and a merge job that depends on it
 * (`--dependency=afterok`). Scripts and logs live in RUN/slurm/; every submission is recorded in
 * RUN/slurm/jobs.json.
 *
 * Failures ([Slurm-docs]): when a shard task fails, the merge either stays PENDING
 * forever (Reason=DependencyNeverSatisfied, Slurm's default) or is CANCELLED (the site set
 * DependencyParameters=kill_invalid_depend). `resumeSlurm` resubmits exactly the missing or failed
 * shards as a new array, then re-points the pending merge at it (`scontrol update Dependency=`) or,
 * when the merge is gone, submits a new one. `scontrol requeue` is not used (it does not work for
 * failed array tasks). Arrays are chunked below MaxArraySize (default 1001) with an index offset.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../../core/errors.ts";
import { writeFileAtomic } from "../../io/atomic.ts";
import { indexList } from "../merge.ts";
import type { RunPlan } from "../plan.ts";
import { assertScriptSafe, shellCommand, shellQuote, slurmFilename } from "../script-safety.ts";

export const SLURM_DIR = "slurm";
export const JOBS_FILE = "jobs.json";
/** array indices per sbatch (Slurm's MaxArraySize defaults to 1001: indices 0..1000) */
export const ARRAY_CHUNK = 1000;

export interface ArraySubmission {
  id: string;
  /** shard indices of this array (task id + offset) */
  indices: number[];
  offset: number;
}

export interface SlurmSubmission {
  kind: "submit" | "resume";
  at: string;
  arrays: ArraySubmission[];
  merge: string;
  /** what was done with an earlier merge job on resume */
  mergeAction?: "repointed" | "replaced" | "new" | "kept";
}

export interface SlurmOptions {
  partition?: string;
  time?: string;
  mem?: string;
  throttle?: number;
  killOnInvalidDep?: boolean;
  extraArgs?: string[];
}

/** node and the kaonlab launcher of this installation (absolute paths) */
export function kaonlabCommand(): string[] {
  return [process.execPath, fileURLToPath(new URL("../../../bin/kaonlab.js", import.meta.url))];
}

/** the installation paths and run folder of a script, checked for control characters */
function scriptWords(dir: string, cmd: string[]): { dir: string; cmd: string } {
  for (const [i, c] of cmd.entries())
    assertScriptSafe(i === 0 ? "node executable path" : "kaonlab installation path", c);
  return { dir: shellQuote(assertScriptSafe("run folder", dir)), cmd: shellCommand(cmd) };
}

/**
 * The shard task script. The log path (--output) and the working folder (--chdir) are given to
 * sbatch as arguments, not as #SBATCH lines, so that no path is parsed by sbatch's directive reader.
 */
export function shardScript(dir: string, cmd: string[] = kaonlabCommand()): string {
  const w = scriptWords(dir, cmd);
  return [
    "#!/bin/bash",
    "# kaonlab shard task: one shard of the run per array task (index = task id + KAONLAB_SHARD_OFFSET)",
    "#SBATCH --ntasks=1",
    "#SBATCH --cpus-per-task=1",
    "set -euo pipefail",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, not a template
    "INDEX=$(( SLURM_ARRAY_TASK_ID + ${KAONLAB_SHARD_OFFSET:-0} ))",
    `exec ${w.cmd} shard ${w.dir} --index "$INDEX" --engine slurm`,
    "",
  ].join("\n");
}

export function mergeScript(dir: string, cmd: string[] = kaonlabCommand()): string {
  const w = scriptWords(dir, cmd);
  return [
    "#!/bin/bash",
    "# kaonlab merge: verifies that every shard is complete, then writes results, histograms, report, manifest",
    "#SBATCH --ntasks=1",
    "#SBATCH --cpus-per-task=1",
    "set -euo pipefail",
    `exec ${w.cmd} merge ${w.dir} --quiet`,
    "",
  ].join("\n");
}

/** sbatch --output for the logs of a run folder (a Slurm file-name pattern) */
export function logOption(dir: string, name: string): string {
  return `--output=${slurmFilename("run folder", join(dir, SLURM_DIR, "logs"))}/${name}`;
}

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 })
      .toString()
      .trim();
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string; code?: string };
    if (err.code === "ENOENT")
      throw new UsageError(`--engine slurm: ${cmd} is not installed on this machine`);
    throw new Error(`${cmd} ${args.join(" ")}: ${err.stderr?.toString().trim() || err.message}`);
  }
}

/** true when sbatch/squeue reach a Slurm controller */
export function slurmAvailable(): boolean {
  try {
    execFileSync("sinfo", ["-h", "-o", "%P"], { stdio: "ignore", timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

function commonArgs(plan: RunPlan, o: SlurmOptions): string[] {
  const a: string[] = [];
  for (const [field, v] of [
    ["partition", o.partition],
    ["slurm.time", o.time],
    ["slurm.mem", o.mem],
  ] as const)
    if (v !== undefined) assertScriptSafe(field, v);
  for (const [i, x] of (o.extraArgs ?? []).entries()) assertScriptSafe(`slurm.extraArgs.${i}`, x);
  if (o.partition) a.push(`--partition=${o.partition}`);
  if (o.time) a.push(`--time=${o.time}`);
  if (o.mem) a.push(`--mem=${o.mem}`);
  a.push(...(o.extraArgs ?? []));
  a.push(`--comment=kaonlab ${plan.job} ${plan.cardHash.slice(0, 12)}`);
  return a;
}

export function readSubmissions(dir: string): SlurmSubmission[] {
  const p = join(dir, SLURM_DIR, JOBS_FILE);
  if (!existsSync(p)) return [];
  return JSON.parse(readFileSync(p, "utf8")) as SlurmSubmission[];
}

function recordSubmission(dir: string, s: SlurmSubmission): void {
  const all = [...readSubmissions(dir), s];
  writeFileAtomic(join(dir, SLURM_DIR, JOBS_FILE), JSON.stringify(all, null, 2) + "\n");
}

/** write the batch scripts of a run folder (idempotent) */
export function writeSlurmScripts(folder: string): { shard: string; merge: string } {
  const dir = resolve(folder);
  // generated (and checked) before anything is written
  const shardText = shardScript(dir);
  const mergeText = mergeScript(dir);
  logOption(dir, "x");
  mkdirSync(join(dir, SLURM_DIR, "logs"), { recursive: true });
  const shard = join(dir, SLURM_DIR, "shard.sbatch");
  const merge = join(dir, SLURM_DIR, "merge.sbatch");
  writeFileAtomic(shard, shardText);
  writeFileAtomic(merge, mergeText);
  chmodSync(shard, 0o755);
  chmodSync(merge, 0o755);
  return { shard, merge };
}

/** sbatch the given shard indices as arrays (chunked), returning their submissions */
function submitArrays(folder: string, plan: RunPlan, indices: number[], o: SlurmOptions): ArraySubmission[] {
  const dir = resolve(folder);
  const { shard } = writeSlurmScripts(dir);
  const chunks = new Map<number, number[]>();
  for (const i of [...indices].sort((a, b) => a - b)) {
    const c = Math.floor(i / ARRAY_CHUNK);
    if (!chunks.has(c)) chunks.set(c, []);
    chunks.get(c)!.push(i);
  }
  const out: ArraySubmission[] = [];
  for (const [c, list] of chunks) {
    const offset = c * ARRAY_CHUNK;
    const spec = indexList(list.map((i) => i - offset)) + (o.throttle ? `%${o.throttle}` : "");
    const id = run("sbatch", [
      "--parsable",
      `--array=${spec}`,
      `--job-name=kaonlab-${plan.job}`,
      `--chdir=${dir}`,
      logOption(dir, "shard-%A_%a.out"),
      `--export=ALL,KAONLAB_SHARD_OFFSET=${offset}`,
      ...commonArgs(plan, o),
      shard,
    ]).split(";")[0];
    out.push({ id, indices: list, offset });
  }
  return out;
}

function dependencyOf(okArrays: string[], anyArrays: string[]): string {
  const parts: string[] = [];
  if (okArrays.length) parts.push(`afterok:${okArrays.join(":")}`);
  if (anyArrays.length) parts.push(`afterany:${anyArrays.join(":")}`);
  return parts.join(",");
}

function submitMerge(folder: string, plan: RunPlan, dependency: string, o: SlurmOptions): string {
  const dir = resolve(folder);
  const { merge } = writeSlurmScripts(dir);
  const args = [
    "--parsable",
    `--job-name=kaonlab-${plan.job}-merge`,
    `--chdir=${dir}`,
    logOption(dir, "merge-%j.out"),
    ...commonArgs(plan, o),
  ];
  if (dependency) args.push(`--dependency=${dependency}`);
  if (o.killOnInvalidDep !== undefined)
    args.push(`--kill-on-invalid-dep=${o.killOnInvalidDep ? "yes" : "no"}`);
  args.push(merge);
  return run("sbatch", args).split(";")[0];
}

/** submit the shards (all, or the given indices) and the dependent merge */
export function submitSlurm(
  dir: string,
  plan: RunPlan,
  o: SlurmOptions,
  indices?: number[],
): SlurmSubmission {
  const list = indices ?? plan.shards.map((s) => s.index);
  const arrays = submitArrays(dir, plan, list, o);
  const merge = submitMerge(
    dir,
    plan,
    dependencyOf(
      arrays.map((a) => a.id),
      [],
    ),
    o,
  );
  const s: SlurmSubmission = { kind: "submit", at: new Date().toISOString(), arrays, merge };
  recordSubmission(dir, s);
  return s;
}

export interface JobState {
  state: string;
  reason: string;
}

/**
 * State and reason of a job: null when the controller no longer knows it (finished longer ago than
 * MinJobAge); an Error when squeue itself fails (controller busy or unreachable: try again).
 */
export function jobState(id: string): JobState | null {
  let out: string;
  try {
    out = run("squeue", ["-h", "-t", "all", "-j", id, "-o", "%T|%r"]);
  } catch (e) {
    if (/invalid job id/i.test((e as Error).message)) return null;
    throw e;
  }
  const line = out.split("\n").find((l) => l.includes("|"));
  if (!line) return null;
  const [state, reason] = line.split("|");
  return { state, reason };
}

const ACTIVE = new Set([
  "PENDING",
  "RUNNING",
  "CONFIGURING",
  "COMPLETING",
  "REQUEUED",
  "RESIZING",
  "SUSPENDED",
]);

/** shard indices of an array that are still pending or running */
export function activeShards(a: ArraySubmission): number[] {
  let out: string;
  const t0 = Date.now();
  for (;;) {
    try {
      out = run("squeue", ["-h", "-r", "-t", "all", "-j", a.id, "-o", "%K|%T"]);
      break;
    } catch (e) {
      // an array the controller has forgotten has nothing running; any other failure (a busy
      // controller) is retried for a minute: reading it as "nothing running" would resubmit
      // shards that are still running
      if (/invalid job id/i.test((e as Error).message)) return [];
      if (Date.now() - t0 > 60_000) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
  const active: number[] = [];
  for (const line of out.split("\n")) {
    const [k, st] = line.split("|");
    if (k === undefined || st === undefined || !ACTIVE.has(st)) continue;
    const n = Number(k);
    if (Number.isInteger(n)) active.push(n + a.offset);
  }
  return active;
}

/** a merge that will never run on its own: failed dependency, or finished without success */
export function mergeIsStuck(s: JobState | null): boolean {
  if (s === null) return true;
  if (s.state === "PENDING") return s.reason === "DependencyNeverSatisfied";
  return !ACTIVE.has(s.state) && s.state !== "COMPLETED";
}

export interface SlurmResume {
  resubmitted: number[];
  stillActive: number[];
  arrays: ArraySubmission[];
  merge: string;
  mergeAction: "repointed" | "replaced" | "new" | "kept";
  previousMerge: string | null;
  previousMergeState: JobState | null;
}

/**
 * Resubmit the shards that are neither complete nor still queued/running, and make sure a merge
 * will run after them: re-point a pending merge, keep one that is already running when nothing
 * else is to run, or replace one that is gone, cancelled or failed.
 */
export function resumeSlurm(dir: string, plan: RunPlan, missing: number[], o: SlurmOptions): SlurmResume {
  const subs = readSubmissions(dir);
  const last = subs[subs.length - 1];
  const activeArrays: string[] = [];
  const stillActive: number[] = [];
  for (const s of subs)
    for (const a of s.arrays) {
      const act = activeShards(a).filter((i) => missing.includes(i));
      if (act.length > 0) {
        activeArrays.push(a.id);
        stillActive.push(...act);
      }
    }
  const toRun = missing.filter((i) => !stillActive.includes(i));
  const arrays = toRun.length > 0 ? submitArrays(dir, plan, toRun, o) : [];
  const dep = dependencyOf(
    arrays.map((a) => a.id),
    activeArrays,
  );
  const prev = last?.merge ?? null;
  const prevState = prev ? jobStateRetrying(prev) : null;
  let merge: string;
  let action: SlurmResume["mergeAction"];
  if (prev && prevState && prevState.state === "PENDING") {
    run("scontrol", ["update", `JobId=${prev}`, `Dependency=${dep}`]);
    merge = prev;
    action = "repointed";
  } else if (prev && prevState && ACTIVE.has(prevState.state) && dep === "") {
    // the merge is already running and nothing was missing: let it finish
    merge = prev;
    action = "kept";
  } else {
    merge = submitMerge(dir, plan, dep, o);
    action = prev ? "replaced" : "new";
  }
  recordSubmission(dir, { kind: "resume", at: new Date().toISOString(), arrays, merge, mergeAction: action });
  return {
    resubmitted: toRun,
    stillActive,
    arrays,
    merge,
    mergeAction: action,
    previousMerge: prev,
    previousMergeState: prevState,
  };
}

/** jobState, retried for up to `seconds` while squeue fails (a busy controller) */
export function jobStateRetrying(id: string, seconds = 60): JobState | null {
  const t0 = Date.now();
  for (;;) {
    try {
      return jobState(id);
    } catch (e) {
      if ((Date.now() - t0) / 1000 > seconds) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
  }
}

/** wait until a job finishes (or is stuck); returns its last state */
export async function waitForJob(
  id: string,
  timeoutSeconds = 86400,
  signal?: AbortSignal,
  onPoll?: () => void,
  pollMs = 250,
): Promise<JobState | null> {
  const t0 = Date.now();
  let failingSince: number | null = null;
  for (;;) {
    onPoll?.();
    let s: JobState | null;
    try {
      s = jobState(id);
      failingSince = null;
    } catch (e) {
      // squeue failed (controller busy): keep polling for a minute before giving up
      failingSince ??= Date.now();
      if (Date.now() - failingSince > 60_000) throw e;
      if ((Date.now() - t0) / 1000 > timeoutSeconds || signal?.aborted) throw e;
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    if (s === null || mergeIsStuck(s) || s.state === "COMPLETED") return s;
    if ((Date.now() - t0) / 1000 > timeoutSeconds || signal?.aborted) return s;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

/**
 * The HTCondor engine (CERN's batch system): writes a submit file for the shards, one for the
 * merge, and a DAGMan file with one node per shard and a merge node that is the child of all of
 * them. `condor_submit_dag RUN/htcondor/run.dag` submits it. On resume a new DAG lists only the
 * shards that are missing (resume-N.dag). Nothing here talks to a scheduler, so the output is
 * checked by golden-file tests.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../../io/atomic.ts";
import { kaonlabCommand } from "./slurm.ts";

export const CONDOR_DIR = "htcondor";

export interface CondorOptions {
  requestMemory: string;
  extraLines: string[];
}

function args(list: string[]): string {
  // HTCondor "new" argument syntax: double-quoted, arguments with spaces in single quotes
  return `"${list.map((a) => (/[\s']/.test(a) ? `'${a.replace(/'/g, "''")}'` : a)).join(" ")}"`;
}

function submitFile(dir: string, o: CondorOptions, comment: string, argv: string[], stem: string): string {
  const logs = join(dir, CONDOR_DIR, "logs");
  return [
    comment,
    "universe       = vanilla",
    `executable     = ${argv[0]}`,
    `arguments      = ${args(argv.slice(1))}`,
    `initialdir     = ${dir}`,
    `output         = ${logs}/${stem}.out`,
    `error          = ${logs}/${stem}.err`,
    `log            = ${join(dir, CONDOR_DIR, "run.log")}`,
    "getenv         = true",
    "request_cpus   = 1",
    `request_memory = ${o.requestMemory}`,
    ...o.extraLines,
    "queue",
    "",
  ].join("\n");
}

export function shardSubmitFile(dir: string, o: CondorOptions, cmd: string[] = kaonlabCommand()): string {
  return submitFile(
    dir,
    o,
    "# kaonlab shard: one shard of the run per job; the DAG sets $(shard)",
    [...cmd, "shard", dir, "--index", "$(shard)", "--engine", "htcondor"],
    "shard-$(shard)",
  );
}

export function mergeSubmitFile(dir: string, o: CondorOptions, cmd: string[] = kaonlabCommand()): string {
  return submitFile(
    dir,
    o,
    "# kaonlab merge: verifies that every shard is complete, then writes the outputs and the manifest",
    [...cmd, "merge", dir, "--quiet"],
    "merge",
  );
}

/**
 * DAGMan file: one node per shard (with a retry), a merge node after all of them. Submit files are
 * named by absolute path, so the DAG works from any working directory.
 */
export function dagFile(dir: string, indices: number[], retries = 1): string {
  const cdir = join(dir, CONDOR_DIR);
  const lines = ["# kaonlab run: one node per shard, then the merge", ""];
  for (const i of indices) {
    lines.push(`JOB shard${i} ${join(cdir, "shard.sub")}`);
    lines.push(`VARS shard${i} shard="${i}"`);
    if (retries > 0) lines.push(`RETRY shard${i} ${retries}`);
  }
  lines.push(`JOB merge ${join(cdir, "merge.sub")}`);
  if (indices.length > 0) lines.push(`PARENT ${indices.map((i) => `shard${i}`).join(" ")} CHILD merge`);
  lines.push("");
  return lines.join("\n");
}

export interface CondorFiles {
  dag: string;
  submit: string;
}

/** write the submit files and a DAG for the given shard indices; returns the DAG path */
export function writeCondorFiles(
  dir: string,
  indices: number[],
  o: CondorOptions,
  dagName = "run.dag",
): CondorFiles {
  const cdir = join(dir, CONDOR_DIR);
  mkdirSync(join(cdir, "logs"), { recursive: true });
  writeFileAtomic(join(cdir, "shard.sub"), shardSubmitFile(dir, o));
  writeFileAtomic(join(cdir, "merge.sub"), mergeSubmitFile(dir, o));
  const dag = join(cdir, dagName);
  writeFileAtomic(dag, dagFile(dir, indices));
  return { dag, submit: `condor_submit_dag ${dag}` };
}

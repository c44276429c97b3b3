/**
 * The HTCondor engine (CERN's batch system): writes a submit file for the shards, one for the
 * merge, and a DAGMan file with one node per shard and a merge node that is the child of all of
 * them. `condor_submit_dag -usedagdir RUN/htcondor/run.dag` submits it. On resume a new DAG lists only the
 * shards that are missing (resume-N.dag). Nothing here talks to a scheduler, so the output is
 * checked by golden-file tests.
 *
 * Every value is checked and quoted for the syntax it lands in (src/run/script-safety.ts): control
 * characters are refused, `$` is written `$(DOLLAR)`, arguments use the "new" quoting; the DAG names
 * its submit files relative to its own folder (no path on a DAG line: submit with -usedagdir).
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic } from "../../io/atomic.ts";
import {
  condorArguments,
  condorExtraLine,
  condorMemory,
  condorValue,
  shellCommand,
} from "../script-safety.ts";
import { kaonlabCommand } from "./slurm.ts";

export const CONDOR_DIR = "htcondor";

export interface CondorOptions {
  requestMemory: string;
  extraLines: string[];
}

function submitFile(dir: string, o: CondorOptions, comment: string, argv: string[], stem: string): string {
  const d = condorValue("run folder", dir);
  const logs = join(d, CONDOR_DIR, "logs");
  return [
    comment,
    "universe       = vanilla",
    `executable     = ${condorValue("node executable path", argv[0])}`,
    `arguments      = ${condorArguments("kaonlab installation path", argv.slice(1), ["$(shard)"])}`,
    `initialdir     = ${d}`,
    `output         = ${logs}/${stem}.out`,
    `error          = ${logs}/${stem}.err`,
    `log            = ${join(d, CONDOR_DIR, "run.log")}`,
    "getenv         = true",
    "request_cpus   = 1",
    `request_memory = ${condorMemory(o.requestMemory)}`,
    ...o.extraLines.map((l, i) => condorExtraLine(`htcondor.extraLines.${i}`, l)),
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
 * named relative to the DAG's folder (no path, so nothing on a DAG line needs quoting); submit with
 * `condor_submit_dag -usedagdir`, so the DAG works from any working directory.
 */
export function dagFile(indices: number[], retries = 1): string {
  const lines = ["# kaonlab run: one node per shard, then the merge (condor_submit_dag -usedagdir)", ""];
  for (const i of indices) {
    if (!Number.isSafeInteger(i) || i < 0) throw new RangeError(`dag: bad shard index ${i}`);
    lines.push(`JOB shard${i} shard.sub`);
    lines.push(`VARS shard${i} shard="${i}"`);
    if (retries > 0) lines.push(`RETRY shard${i} ${retries}`);
  }
  lines.push("JOB merge merge.sub");
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
  folder: string,
  indices: number[],
  o: CondorOptions,
  dagName = "run.dag",
): CondorFiles {
  const dir = resolve(folder);
  const cdir = join(dir, CONDOR_DIR);
  // everything is generated (and checked) before anything is written
  const shard = shardSubmitFile(dir, o);
  const merge = mergeSubmitFile(dir, o);
  const dagText = dagFile(indices);
  mkdirSync(join(cdir, "logs"), { recursive: true });
  writeFileAtomic(join(cdir, "shard.sub"), shard);
  writeFileAtomic(join(cdir, "merge.sub"), merge);
  const dag = join(cdir, dagName);
  writeFileAtomic(dag, dagText);
  return { dag, submit: submitCommand(dag) };
}

/** the command that submits a DAG, quoted for bash */
export function submitCommand(dag: string): string {
  return shellCommand(["condor_submit_dag", "-usedagdir", dag]);
}

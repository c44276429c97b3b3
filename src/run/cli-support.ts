/**
 * Shared pieces of the run/submit/resume/merge commands: option resolution from card + command line,
 * SIGINT handling, and the printed summary.
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { getJob } from "../analyses/registry.ts";
import { ExitCodeError } from "../core/errors.ts";
import { defaultWorkers } from "../core/worker-pool.ts";
import type { CliIO } from "../io/terminal.ts";
import { explicitOptions, readCard, resolveCardOptions } from "./card.ts";
import { readSubmissions } from "./engines/slurm.ts";
import { type ExecOptions, type ExecResult, executeRun } from "./execute.ts";
import {
  checkRunDir,
  createRunDir,
  defaultOutDir,
  makePlan,
  type RunCard,
  type RunPlan,
  runCardSchema,
} from "./plan.ts";
import { checkEngine, checkPlanRuns } from "./preflight.ts";
import { progressMode } from "./progress.ts";

/** help texts of options whose defaults are computed here and in plan.ts (a test checks them) */
export const SHARDS_HELP =
  "number of shards (default: max(8, ⌈events / 2·10⁶⌉), at most one per event and 100 000)";
export const WORKERS_HELP = "worker threads (default: the number of cores, at most one per shard)";

/** card file + explicit command-line options → validated card and plan (nothing written yet) */
export function planFromCommand(
  cmd: Command,
  extra: Record<string, unknown>,
  cardPath: string | undefined,
  /** job options given as command-line flags: flag key → config key, overlaid on the card's config */
  configFlags: Record<string, { key: string; parse: (v: string) => unknown }> = {},
): { card: RunCard; plan: RunPlan } {
  const cli = { ...explicitOptions(cmd), ...extra };
  const card = cardPath ? readCard(cardPath) : {};
  const overlay: Record<string, unknown> = {};
  for (const [flag, c] of Object.entries(configFlags)) {
    if (cli[flag] === undefined) continue;
    overlay[c.key] = c.parse(String(cli[flag]));
    delete cli[flag];
  }
  if (Object.keys(overlay).length > 0) {
    const base =
      card.config && typeof card.config === "object" ? (card.config as Record<string, unknown>) : {};
    card.config = { ...base, ...overlay };
  }
  const { options } = resolveCardOptions(runCardSchema, { card, cli, omit: ["card"] });
  return { card: options, plan: makePlan(options) };
}

/**
 * Create the run folder once the whole plan is known to run and the engine answers: only now is
 * anything written.
 */
export async function startRunDir(card: RunCard, plan: RunPlan): Promise<string> {
  const dir = card.out ?? defaultOutDir(plan);
  checkRunDir(dir);
  checkEngine(plan);
  await checkPlanRuns(plan);
  return createRunDir(dir, plan);
}

export function execOptions(
  io: CliIO,
  card: { quiet: boolean; workers?: number; wait?: boolean; timeout?: number },
  shards: number,
): ExecOptions {
  const quiet = card.quiet;
  return {
    workers: card.workers ?? Math.min(defaultWorkers(), shards),
    progress: progressMode({ quiet, tty: Boolean(process.stderr.isTTY) && io.tty }),
    log: quiet ? () => {} : (l) => io.err(l),
    wait: card.wait,
    waitTimeoutSeconds: card.timeout,
  };
}

/**
 * Create the run folder and start it on its engine. When a batch submission fails before any job
 * was accepted (sbatch refused, the controller went away), the folder is removed again, so that
 * the same command can simply be run again.
 */
export async function startAndExecute(io: CliIO, card: RunCard, plan: RunPlan): Promise<ExecResult> {
  const out = card.out ?? defaultOutDir(plan);
  const existed = existsSync(out);
  const dir = await startRunDir(card, plan);
  try {
    return await withInterrupt((signal) =>
      executeRun(dir, { ...execOptions(io, card, plan.shards.length), signal }),
    );
  } catch (e) {
    if (plan.engine === "slurm" && readSubmissions(dir).length === 0) {
      if (existed) for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true });
      else rmSync(dir, { recursive: true, force: true });
      const msg = e instanceof Error ? e.message : String(e);
      throw new ExitCodeError(
        `--engine slurm: submission failed, nothing was submitted and the run folder was removed: ${msg.split("\n")[0]}`,
        1,
      );
    }
    throw e;
  }
}

/** run `fn` with an AbortSignal that fires on SIGINT/SIGTERM */
export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const onSignal = () => ac.abort();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await fn(ac.signal);
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** the human or JSON summary of an engine call */
export function printExec(io: CliIO, r: ExecResult, json: boolean): void {
  if (json) {
    if (r.merged && getJob(r.merged.job).jsonResults) {
      const run = {
        dir: r.dir,
        engine: r.engine,
        shards: r.shards,
        seconds: r.seconds,
        merged: { seconds: r.merged.seconds, files: r.merged.files },
      };
      io.out(JSON.stringify({ ...r.merged.results, run }, null, 2));
      return;
    }
    io.out(
      JSON.stringify(
        {
          dir: r.dir,
          engine: r.engine,
          shards: r.shards,
          seconds: r.seconds,
          merged: r.merged ? { seconds: r.merged.seconds, files: r.merged.files } : null,
          slurm: r.slurm ?? null,
          htcondor: r.htcondor ?? null,
          results: r.merged?.results ?? null,
        },
        null,
        2,
      ),
    );
    return;
  }
  if (r.merged) {
    io.out(
      `${r.merged.job}: ${r.merged.events} events in ${r.merged.shards} shards → ${r.dir} ` +
        `(${r.seconds.toFixed(1)} s; merge ${r.merged.seconds.toFixed(1)} s): report.md, results.json, ` +
        `${r.merged.files.filter((f) => f.startsWith("histograms/") && !f.endsWith(".root.json")).length} histograms, ` +
        `${r.merged.files.filter((f) => f.endsWith(".svg")).length} plots, manifest.json`,
    );
    if (r.merged.terminal) io.out(`\n${r.merged.terminal}`);
  } else if (r.slurm) {
    io.out(
      `slurm: array ${r.slurm.arrays.join(", ") || "-"} (${r.shards.length} shards), merge ${r.slurm.merge}` +
        `${r.slurm.mergeAction ? ` (${r.slurm.mergeAction})` : ""}${r.slurm.mergeState ? `: ${r.slurm.mergeState}` : ""} → ${r.dir}`,
    );
  } else if (r.htcondor) {
    io.out(
      `htcondor: ${r.shards.length} shard node(s) + merge in ${r.htcondor.dag}; submit with: ${r.htcondor.submit}`,
    );
  } else {
    io.out(`${r.dir}: nothing to do`);
  }
}

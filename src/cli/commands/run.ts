/**
 * `kaonlab run <job> [--card FILE] [--period P] --events N --seed S [--shards K] [--workers W]
 *  [--out DIR] [--json] [--quiet]`: plan, run the shards on local worker threads, merge.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { jobJson } from "../../analyses/job.ts";
import { jobNames } from "../../analyses/registry.ts";
import type { CliIO } from "../../io/terminal.ts";
import {
  planFromCommand,
  printExec,
  SHARDS_HELP,
  startAndExecute,
  WORKERS_HELP,
} from "../../run/cli-support.ts";

/** job options that have their own flag (the rest go through the card's config block) */
export const JOB_FLAGS = {
  pot: { key: "pot", parse: (v: string) => (/^[0-9.eE+-]+$/.test(v) ? Number(v) : v) },
  grid: { key: "grid", parse: (v: string) => v },
  massStep: { key: "massStep", parse: (v: string) => Number(v) },
  lifetimes: {
    key: "lifetimes",
    parse: (v: string) => v.split(",").map((x) => (x.trim() === "stable" ? "stable" : Number(x))),
  },
};

export function registerRun(program: Command, io: CliIO): void {
  program
    .command("run")
    .description("run an analysis job locally: shards on worker threads, then the merge into a run folder")
    .argument("[job]", `the job (${jobNames().join(", ")}); or "job:" in the card`)
    .option("--card <FILE>", "run card (JSON or YAML); command-line options override it")
    .option("--period <P>", "data-taking period (conditions/periods; default: the job's own, if it has one)")
    .option("-n, --events <N>", "number of events (kaon decays)")
    .option("-s, --seed <S>", "random seed (default 1)")
    .option("--shards <K>", SHARDS_HELP)
    .option("-w, --workers <W>", WORKERS_HELP)
    .option("-o, --out <DIR>", "run folder (default runs/<job>-s<seed>-<events>-<time>)")
    .option("--json", "print the summary and results as JSON")
    .option("--quiet", "no progress output")
    .option("--pot <N>", "protons on target (beam-dump jobs: dump-ap); goes to config.pot")
    .option("--grid <MxE>", "(mass × coupling) grid of the beam-dump jobs, e.g. 60x60; goes to config.grid")
    .option("--mass-step <M>", "pix: spacing of the scanned X masses, MeV/c² (config.massStep)")
    .option(
      "--lifetimes <L>",
      'pix: X lifetimes, comma-separated ns or "stable", e.g. stable,5,1 (config.lifetimes)',
    )
    .action(async (job: string | undefined, opts: { card?: string }, cmd: Command) => {
      const { card, plan } = planFromCommand(
        cmd,
        { ...(job ? { job } : {}), engine: "local" },
        opts.card,
        JOB_FLAGS,
      );
      const r = await startAndExecute(io, card, plan);
      if (card.json && r.merged) {
        // one top-level shape for every job: its results, the run summary added under "run"
        const run = {
          dir: r.dir,
          engine: r.engine,
          shardsRun: r.shards,
          seconds: r.seconds,
          merged: { seconds: r.merged.seconds, files: r.merged.files },
        };
        // results.json as written (its "run" provenance block included), plus the summary
        const results = JSON.parse(readFileSync(join(r.dir, "results.json"), "utf8"));
        io.out(JSON.stringify(jobJson(r.merged.job, results, run), null, 2));
        return;
      }
      printExec(io, r, card.json);
    });
}

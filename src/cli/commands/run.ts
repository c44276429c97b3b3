/**
 * `kaonlab run <job> [--card FILE] [--period P] --events N --seed S [--shards K] [--workers W]
 *  [--out DIR] [--json] [--quiet]`: plan, run the shards on local worker threads, merge.
 */
import type { Command } from "commander";
import { jobNames } from "../../analyses/registry.ts";
import type { CliIO } from "../../io/terminal.ts";
import {
  planFromCommand,
  printExec,
  SHARDS_HELP,
  startAndExecute,
  WORKERS_HELP,
} from "../../run/cli-support.ts";

/**
 * options of `run` that belong to a job's configuration (the card's `config:` block), not to the run
 * card: the command line value, converted, goes to config.<key>
 */
export const RUN_JOB_OPTIONS: Record<string, (v: string) => unknown> = {
  pot: (v) => (/^[0-9.eE+-]+$/.test(v) ? Number(v) : v),
  grid: (v) => v,
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
    .action(async (job: string | undefined, opts: { card?: string }, cmd: Command) => {
      const { card, plan } = planFromCommand(
        cmd,
        { ...(job ? { job } : {}), engine: "local" },
        opts.card,
        RUN_JOB_OPTIONS,
      );
      printExec(io, await startAndExecute(io, card, plan), card.json);
    });
}

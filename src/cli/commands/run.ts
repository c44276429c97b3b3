/**
 * `kaonlab run <job> [--card FILE] [--period P] --events N --seed S [--shards K] [--workers W]
 *  [--out DIR] [--json] [--quiet]`: plan, run the shards on local worker threads, merge.
 */
import type { Command } from "commander";
import { jobNames } from "../../analyses/registry.ts";
import type { CliIO } from "../../io/terminal.ts";
import { planFromCommand, printExec, startAndExecute } from "../../run/cli-support.ts";

export function registerRun(program: Command, io: CliIO): void {
  program
    .command("run")
    .description("run an analysis job locally: shards on worker threads, then the merge into a run folder")
    .argument("[job]", `the job (${jobNames().join(", ")}); or "job:" in the card`)
    .option("--card <FILE>", "run card (JSON or YAML); command-line options override it")
    .option("--period <P>", "data-taking period (conditions/periods)")
    .option("-n, --events <N>", "number of events (kaon decays)")
    .option("-s, --seed <S>", "random seed (default 1)")
    .option("--shards <K>", "number of shards (default: max(8, events / 2·10⁶))")
    .option("-w, --workers <W>", "worker threads (default: the number of cores)")
    .option("-o, --out <DIR>", "run folder (default runs/<job>-s<seed>-<events>-<time>)")
    .option("--json", "print the summary and results as JSON")
    .option("--quiet", "no progress output")
    .action(async (job: string | undefined, opts: { card?: string }, cmd: Command) => {
      const { card, plan } = planFromCommand(cmd, { ...(job ? { job } : {}), engine: "local" }, opts.card);
      printExec(io, await startAndExecute(io, card, plan), card.json);
    });
}

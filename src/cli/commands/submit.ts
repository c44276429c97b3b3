/**
 * `kaonlab submit CARD --engine local|slurm|htcondor [--shards K] [--partition P] [--out DIR] [--wait]`:
 * plan a run from a card and hand it to an engine (local worker threads, a Slurm job array with a
 * dependent merge, or HTCondor submit files and a DAG).
 */
import type { Command } from "commander";
import type { CliIO } from "../../io/terminal.ts";
import {
  planFromCommand,
  printExec,
  SHARDS_HELP,
  startAndExecute,
  WORKERS_HELP,
} from "../../run/cli-support.ts";

export function registerSubmit(program: Command, io: CliIO): void {
  program
    .command("submit")
    .description(
      "submit a run card to an engine: local, slurm (job array + dependent merge) or htcondor (DAG)",
    )
    .argument("<card>", "run card (JSON or YAML)")
    .option("--engine <E>", "local, slurm or htcondor (default: the card's, else local)")
    .option("--shards <K>", `${SHARDS_HELP}; one array task / DAG node each`)
    .option("--partition <P>", "Slurm partition")
    .option("-n, --events <N>", "number of events")
    .option("-s, --seed <S>", "random seed (default 1)")
    .option("--period <P>", "data-taking period (default: the job's own, if it has one)")
    .option("-w, --workers <W>", `local engine: ${WORKERS_HELP}`)
    .option("-o, --out <DIR>", "run folder (default runs/<job>-s<seed>-<events>-<time>)")
    .option(
      "--wait",
      "slurm: wait until the merge job has finished (local always waits; htcondor only writes the files)",
    )
    .option("--timeout <S>", "with --wait: stop waiting after S seconds (the jobs go on)")
    .option("--json", "print JSON")
    .option("--quiet", "no progress output")
    .action(async (cardPath: string, _opts: unknown, cmd: Command) => {
      const { card, plan } = planFromCommand(cmd, {}, cardPath);
      printExec(io, await startAndExecute(io, card, plan), card.json);
    });
}

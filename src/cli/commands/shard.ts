/**
 * `kaonlab shard RUN_DIR --index I [--engine E]`: run one shard of a planned run folder in this
 * process. The batch scripts of the slurm and htcondor engines call it; it is rarely typed by hand.
 */
import type { Command } from "commander";
import type { CliIO } from "../../io/terminal.ts";
import { runShardTask } from "../../run/shard-task.ts";
import { nonNegativeInt } from "../parse.ts";

export function registerShard(program: Command, io: CliIO): void {
  program
    .command("shard")
    .description("run one shard of a planned run folder (used by batch jobs)")
    .argument("<run-dir>", "the run folder")
    .requiredOption("--index <I>", "shard index")
    .option("--engine <E>", "engine label recorded in the shard file", "local")
    .option("--quiet", "print nothing")
    .action(async (dir: string, opts: { index: string; engine: string; quiet?: boolean }) => {
      const index = nonNegativeInt("--index", opts.index);
      const r = await runShardTask({ dir, index, engine: opts.engine });
      if (!opts.quiet) io.out(`shard ${r.index}: ${r.events} events in ${r.seconds.toFixed(2)} s`);
    });
}

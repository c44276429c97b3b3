/**
 * `kaonlab merge RUN_DIR [--json] [--quiet]`: verify that every shard is complete (each index once,
 * same card hash and seed, checksums) and write the merged outputs; otherwise refuse (exit 2) and
 * name the shards to re-run.
 */
import type { Command } from "commander";
import type { CliIO } from "../../io/terminal.ts";
import { printJson } from "../../io/terminal.ts";
import { mergeRun } from "../../run/merge.ts";

export function registerMerge(program: Command, io: CliIO): void {
  program
    .command("merge")
    .description(
      "check a run folder's shards (checksums, formats, plan hash) and merge them into results, histograms, " +
        "report and manifest; an incomplete run is refused (exit 2) naming the shards to re-run",
    )
    .argument("<run-dir>", "the run folder")
    .option("--json", "print JSON")
    .option("--quiet", "print nothing on success")
    .action((dir: string, opts: { json?: boolean; quiet?: boolean }) => {
      const m = mergeRun(dir);
      if (opts.json) printJson(io, { dir, seconds: m.seconds, files: m.files, results: m.results });
      else if (!opts.quiet)
        io.out(
          `${m.job}: merged ${m.shards} shards (${m.events} events) in ${m.seconds.toFixed(1)} s → ${dir}`,
        );
    });
}

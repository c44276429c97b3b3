/**
 * `kaonlab resume RUN_DIR [--engine E] [--workers W] [--wait]`: run or resubmit only the shards that
 * are missing or failed, then merge (local) or re-point / replace the merge job (slurm).
 */
import type { Command } from "commander";
import { z } from "zod";
import type { CliIO } from "../../io/terminal.ts";
import { oneOf, parseOrThrow, positiveInt } from "../../run/card.ts";
import { execOptions, printExec, WORKERS_HELP, withInterrupt } from "../../run/cli-support.ts";
import { resumeRun } from "../../run/execute.ts";
import { ENGINES, readPlan } from "../../run/plan.ts";

const resumeSchema = z
  .object({
    engine: oneOf(ENGINES).optional(),
    workers: positiveInt().optional(),
    wait: z.boolean().default(false),
    timeout: positiveInt().optional(),
    json: z.boolean().default(false),
    quiet: z.boolean().default(false),
  })
  .strict();

export function registerResume(program: Command, io: CliIO): void {
  program
    .command("resume")
    .description(
      "finish a run folder: run (local), resubmit (slurm) or write a DAG for (htcondor) only the missing or " +
        "failed shards, then merge; refused while another kaonlab process writes the folder",
    )
    .argument("<run-dir>", "the run folder")
    .option("--engine <E>", "local, slurm or htcondor (default: the engine the run was started with)")
    .option("-w, --workers <W>", `local engine: ${WORKERS_HELP}`)
    .option("--wait", "slurm: wait until the merge job has finished (local always waits)")
    .option("--timeout <S>", "with --wait: stop waiting after S seconds (the jobs go on)")
    .option("--json", "print JSON")
    .option("--quiet", "no progress output")
    .action(async (dir: string, opts: Record<string, unknown>) => {
      const o = parseOrThrow(resumeSchema, opts, new Set(Object.keys(opts)));
      const plan = readPlan(dir);
      const r = await withInterrupt((signal) =>
        resumeRun(dir, { ...execOptions(io, o, plan.shards.length), signal }, o.engine),
      );
      printExec(io, r, o.json);
    });
}

/** `kaonlab bench [--json] [--only a,b] [--quick]`: the benchmark sections of src/bench. */
import type { Command } from "commander";
import { BENCH_SECTIONS } from "../../bench/registry.ts";
import { UsageError } from "../../core/errors.ts";
import { type CliIO, printJson } from "../../io/terminal.ts";

export function registerBench(program: Command, io: CliIO): void {
  program
    .command("bench")
    .description("run the benchmarks (generation, threads, chain, stats, ...) on the built code")
    .option("--json", "print JSON")
    .option("--only <sections>", `comma-separated subset of: ${BENCH_SECTIONS.map((s) => s.name).join(", ")}`)
    .option("--quick", "short runs (indicative figures)")
    .action(async (opts: { json?: boolean; only?: string; quick?: boolean }) => {
      const names = opts.only
        ? opts.only.split(",").map((s) => s.trim())
        : BENCH_SECTIONS.filter((s) => !s.optIn).map((s) => s.name);
      for (const n of names) {
        if (!BENCH_SECTIONS.some((s) => s.name === n)) {
          throw new UsageError(
            `--only: unknown section "${n}" (${BENCH_SECTIONS.map((s) => s.name).join(", ")})`,
          );
        }
      }
      const result: Record<string, unknown> = {};
      for (const s of BENCH_SECTIONS) {
        if (!names.includes(s.name)) continue;
        result[s.name] = await s.run({ quick: Boolean(opts.quick), log: (l) => io.err(l) });
      }
      if (opts.json) printJson(io, result);
      else io.out(JSON.stringify(result, null, 2));
    });
}

/** `kaonlab channels [--json]`: the decay catalogue. */
import type { Command } from "commander";
import { catalogue } from "../../decays/catalogue.ts";
import { type CliIO, formatTable, printJson } from "../../io/terminal.ts";

export function registerChannels(program: Command, io: CliIO): void {
  program
    .command("channels")
    .description("list the K+ decay catalogue: name, BR, source, final state")
    .option("--json", "print JSON")
    .action((opts: { json?: boolean }) => {
      const rows = catalogue().map((c) => ({
        name: c.name,
        br: c.br,
        brError: c.brError,
        source: c.source,
        finalState: c.daughters,
        matrixElement: c.matrixElement,
        kind: c.kind,
        subsetOf: c.subsetOf,
      }));
      if (opts.json) {
        printJson(io, rows);
        return;
      }
      io.out(
        formatTable(
          ["channel", "BR", "final state", "source"],
          rows.map((r) => [
            r.name,
            r.br === null ? "search" : r.br.toExponential(3),
            r.finalState.join(" "),
            r.source,
          ]),
        ),
      );
    });
}

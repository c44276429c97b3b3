/**
 * `kaonlab serve [RUN_DIR…] [--port N] [--host H]`: the explorer, a local web app over run folders
 * (run browser with interactive plots, the (p, m²miss) plane, a 3D event display of events simulated
 * on request, live progress of running jobs). Serves until interrupted (Ctrl-C).
 */
import type { Command } from "commander";
import { UsageError } from "../../core/errors.ts";
import type { CliIO } from "../../io/terminal.ts";
import { checkServedPaths, scanRuns, startExplorer } from "../../run/explorer-server.ts";

export const DEFAULT_PORT = 8462;

export function registerServe(program: Command, io: CliIO): void {
  program
    .command("serve")
    .description(
      "the explorer: a local web app over run folders (plots, the (p, m²miss) plane, event display)",
    )
    .argument("[RUN_DIR...]", "run folders, or folders of run folders (default: runs)")
    .option("--port <N>", `TCP port (0: any free port; default ${DEFAULT_PORT})`)
    .option("--host <H>", "address to listen on (default 127.0.0.1: this machine only)")
    .action(async (dirs: string[], opts: { port?: string; host?: string }) => {
      const port = opts.port === undefined ? DEFAULT_PORT : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError(`--port: expected an integer 0–65535, got "${opts.port}"`);
      const host = opts.host ?? "127.0.0.1";
      const paths = checkServedPaths(dirs.length > 0 ? dirs : ["runs"]);
      const { server, url } = await startExplorer(paths, { host, port });
      io.err(`kaonlab serve: ${scanRuns(paths).size} run folder(s) from ${paths.join(", ")}`);
      io.out(`kaonlab serve: ${url}  (Ctrl-C stops)`);
      await new Promise<void>((done) => {
        const stop = () => server.close(() => done());
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}

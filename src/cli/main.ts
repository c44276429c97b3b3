/**
 * The kaonlab command line: a thin layer over the library. Each command lives in
 * src/cli/commands/<name>.ts and registers itself here. Exit codes: 0 success, 2 bad input
 * (the message names the field and the value), 1 internal failure.
 */
import { Command, CommanderError } from "commander";
import { ExitCodeError, isUsageError } from "../core/errors.ts";
import { destinationOf } from "../io/atomic.ts";
import { type CliIO, processIO } from "../io/terminal.ts";
import { VERSION } from "../version.ts";
import { registerBench } from "./commands/bench.ts";
import { registerChannels } from "./commands/channels.ts";
import { registerExport } from "./commands/export.ts";
import { registerGenerate } from "./commands/generate.ts";
import { registerMerge } from "./commands/merge.ts";
import { registerResume } from "./commands/resume.ts";
import { registerRun } from "./commands/run.ts";
import { registerServe } from "./commands/serve.ts";
import { registerShard } from "./commands/shard.ts";
import { registerSimulate } from "./commands/simulate.ts";
import { registerStats } from "./commands/stats.ts";
import { registerSubmit } from "./commands/submit.ts";

export type Register = (program: Command, io: CliIO) => void;

const COMMANDS: Register[] = [
  registerChannels,
  registerGenerate,
  registerSimulate,
  registerBench,
  registerStats,
  registerRun,
  registerSubmit,
  registerShard,
  registerMerge,
  registerResume,
  registerExport,
  registerServe,
];

export function buildProgram(io: CliIO): Command {
  const program = new Command("kaonlab")
    .description("kaonlab: the NA62 rare-kaon experiment as a fast parametric simulation and analysis")
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  for (const reg of COMMANDS) reg(program, io);
  for (const c of program.commands) c.exitOverride();
  return program;
}

const FS_CODES: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EROFS: "read-only file system",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "no such file or folder",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "is a folder",
  EFBIG: "file too large",
  EIO: "input/output error",
};

/** a one-line message for a file-system error (a path the user chose, a full or read-only disk) */
function fileSystemError(e: unknown): string | null {
  const err = e as NodeJS.ErrnoException;
  if (!err || typeof err !== "object" || typeof err.code !== "string" || !(err.code in FS_CODES)) return null;
  const what =
    err.syscall === "open" || err.syscall === "write" || err.syscall === "rename"
      ? "cannot write"
      : "cannot use";
  const path = err.path ? ` "${destinationOf(err.path)}"` : "";
  return `${what}${path}: ${FS_CODES[err.code]} (${err.code})`;
}

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0; // --help, --version
      return 2; // commander already printed the message
    }
    if (e instanceof ExitCodeError) {
      io.err(`kaonlab: ${e.message}`);
      return e.exitCode;
    }
    const fsMessage = fileSystemError(e);
    if (fsMessage) {
      io.err(`kaonlab: ${fsMessage}`);
      return 2;
    }
    if (isUsageError(e)) {
      io.err(`kaonlab: ${(e as Error).message}`);
      return 2;
    }
    io.err(`kaonlab: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  }
}

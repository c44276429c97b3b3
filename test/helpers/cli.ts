/** Run the CLI in-process and capture its output. */

import { runCli } from "../../src/cli/main.ts";
import type { CliIO } from "../../src/io/terminal.ts";

export async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIO = { out: (t) => (out += t + "\n"), err: (t) => (err += t + "\n"), tty: false };
  const code = await runCli(args, io);
  return { code, out, err };
}

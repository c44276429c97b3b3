/** Helpers of the run tests: an in-process CLI with captured output, temp folders, file comparison. */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "../../src/cli/main.ts";
import { slurmAvailable } from "../../src/run/engines/slurm.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BIN = join(ROOT, "bin", "kaonlab.js");

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function cli(args: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await runCli(args, {
    out: (t) => {
      out += t.endsWith("\n") ? t : `${t}\n`;
    },
    err: (t) => {
      err += t.endsWith("\n") ? t : `${t}\n`;
    },
    tty: false,
  });
  return { code, out, err };
}

/** the built CLI (dist/) in a child process; resolves when it exits */
export function spawnCli(
  args: string[],
  env: Record<string, string> = {},
): { child: ReturnType<typeof spawn>; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => {
    out += d;
  });
  child.stderr!.on("data", (d) => {
    err += d;
  });
  const done = new Promise<CliRun>((resolve) => {
    child.on("close", (code, signal) =>
      resolve({ code: code ?? (signal === "SIGKILL" ? 137 : -1), out, err }),
    );
  });
  return { child, done };
}

/**
 * Whether a Slurm controller answers. `scontrol ping` says so at once; the engine's own probe
 * (slurmAvailable: sinfo) retries for ~9 s when no controller runs, so it is asked only when scontrol
 * says the controller is up (then it answers at once) or when there is no scontrol to ask.
 */
export function slurmAnswers(): boolean {
  const ping = spawnSync("scontrol", ["ping"], { stdio: "ignore", timeout: 10_000 });
  if (ping.error === undefined && ping.status !== 0) return false;
  return slurmAvailable();
}

export function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `kaonlab-${tag}-`));
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** every file under dir (relative paths, sorted) */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/**
 * The merged outputs that must be bit-identical between two runs of the same card: everything but
 * the manifest (timings, hosts), the plan (creation time, execution options) and engine files.
 */
export function exactOutputs(dir: string): string[] {
  return listFiles(dir).filter(
    (f) =>
      !f.startsWith("slurm/") &&
      !f.startsWith("htcondor/") &&
      !f.startsWith("shards/") &&
      f !== "manifest.json" &&
      f !== "plan.json",
  );
}

/** assert-friendly: the list of files whose bytes differ (or exist in one folder only) */
export function differingFiles(a: string, b: string): string[] {
  const fa = exactOutputs(a);
  const fb = exactOutputs(b);
  const all = [...new Set([...fa, ...fb])].sort();
  return all.filter((f) => {
    if (!fa.includes(f) || !fb.includes(f)) return true;
    return !readFileSync(join(a, f)).equals(readFileSync(join(b, f)));
  });
}

/** shard payloads compare exactly too (the header holds timings and hosts) */
export function shardPayloads(dir: string): string[] {
  return listFiles(join(dir, "shards"))
    .filter((f) => f.endsWith(".json"))
    .map((f) => readFileSync(join(dir, "shards", f), "utf8").split("\n")[1]);
}

export async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Argument parsers for the CLI: each names the option and the bad value in its error. */
import { accessSync, constants, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "../core/errors.ts";
import { tableFormat } from "../io/table.ts";

export function positiveInt(what: string, text: string | number | undefined): number {
  const v = typeof text === "number" ? text : Number(String(text ?? "").replace(/_/g, ""));
  if (text === undefined || String(text).trim() === "" || !Number.isSafeInteger(v) || v <= 0) {
    throw new UsageError(`${what}: expected a positive integer, got ${JSON.stringify(text ?? null)}`);
  }
  return v;
}

export function nonNegativeInt(what: string, text: string | number | undefined): number {
  const v = typeof text === "number" ? text : Number(String(text ?? "").replace(/_/g, ""));
  if (text === undefined || String(text).trim() === "" || !Number.isSafeInteger(v) || v < 0) {
    throw new UsageError(`${what}: expected a non-negative integer, got ${JSON.stringify(text ?? null)}`);
  }
  return v;
}

export function finiteNumber(what: string, text: string | number | undefined): number {
  const v = typeof text === "number" ? text : Number(text);
  if (text === undefined || String(text).trim() === "" || !Number.isFinite(v)) {
    throw new UsageError(`${what}: expected a number, got ${JSON.stringify(text ?? null)}`);
  }
  return v;
}

/** "--set X.mass=0.1" options into a record */
export function keyValues(what: string, items: string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items ?? []) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new UsageError(`${what}: expected NAME.PROPERTY=VALUE, got "${item}"`);
    out[item.slice(0, eq)] = finiteNumber(`${what} ${item.slice(0, eq)}`, item.slice(eq + 1));
  }
  return out;
}

/**
 * An output table file (--out): the name ends in .parquet or .csv, its folder exists, and the path is
 * not a folder — checked before any work, so that a bad path is a usage error (exit 2) and not an
 * internal failure after the run.
 */
export function outputTable(what: string, path: string): "parquet" | "csv" {
  if (path === "") throw new UsageError(`${what}: expected a file name ending in .parquet or .csv, got ""`);
  const format = tableFormat(path, what);
  const dir = dirname(resolve(path));
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // missing: reported below
  }
  if (!isDir) throw new UsageError(`${what}: the folder "${dir}" does not exist, got "${path}"`);
  let st: ReturnType<typeof statSync> | null = null;
  try {
    st = statSync(path);
  } catch {
    // a new file
  }
  if (st?.isDirectory()) throw new UsageError(`${what}: "${path}" is a folder, expected a file name`);
  if (st && !st.isFile()) throw new UsageError(`${what}: "${path}" is not a regular file (a device?)`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`${what}: the folder "${dir}" is not writable, got "${path}"`);
  }
  return format;
}

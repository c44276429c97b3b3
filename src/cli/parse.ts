/** Argument parsers for the CLI: each names the option and the bad value in its error. */
import { UsageError } from "./errors.ts";

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

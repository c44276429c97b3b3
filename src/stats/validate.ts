/**
 * Input validation with zod: the first problem becomes a RangeError that names the offending path
 * and value (e.g. `categories[2].background: expected a number ≥ 0, got -1`), which the CLI maps
 * to exit code 2.
 */
import type { z } from "zod";

function pathString(prefix: string, path: readonly PropertyKey[]): string {
  let s = prefix;
  for (const k of path) s += typeof k === "number" ? `[${k}]` : s === "" ? String(k) : `.${String(k)}`;
  return s === "" ? "(top level)" : s;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return "nothing";
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** parse `input` with `schema`; on failure throw RangeError("<where>.<path>: <message>, got <value>") */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, where = ""): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue.path as PropertyKey[];
  throw new RangeError(`${pathString(where, path)}: ${issue.message}, got ${show(valueAt(input, path))}`);
}

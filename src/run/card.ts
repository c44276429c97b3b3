/**
 * Run cards: JSON or YAML files whose keys are the CLI options of a command (camelCase: `zRange` for
 * `--z-range`). A command validates the card and the options given on its command line together
 * with one zod schema: command line over card over the schema's defaults. Errors name the path and
 * the value (`events: expected a positive integer, got -5`; `--events: ...` when the value came from
 * the command line) and are UsageErrors (exit 2), raised before anything is written.
 *
 * The mechanism is generic: `resolveCardOptions(schema, { card, cli })` serves `run`, `submit` and
 * any other command (e.g. `simulate`): give it the command's zod object schema, the card path (or
 * an already-parsed object) and the options given explicitly on the command line
 * (`explicitOptions(command)`).
 */

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { UsageError } from "../core/errors.ts";
import { closest } from "../io/spelling.ts";

export { finiteNumber, flag, nonNegativeInt, oneOf, positiveInt } from "../core/schema.ts";

/** deepest nesting of objects and arrays a card may have (a card needs a handful) */
export const MAX_DEPTH = 64;

/** nesting depth of a parsed value, counted without recursion, stopping at `limit` */
export function nestingDepth(value: unknown, limit = Infinity): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (d + 1 > max) max = d + 1;
    if (max >= limit) return max;
    for (const x of Object.values(v as object)) stack.push([x, d + 1]);
  }
  return max;
}

/** read a card file: .json, .yaml or .yml; a UsageError naming the file otherwise */
export function readCard(path: string, what = "--card"): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(`${what}: cannot read "${path}" (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  let value: unknown;
  try {
    if (path.endsWith(".json")) value = JSON.parse(text);
    else if (path.endsWith(".yaml") || path.endsWith(".yml")) value = parseYaml(text);
    else throw new Error("the file name must end in .json, .yaml or .yml");
  } catch (e) {
    const msg = (e as Error).message.split("\n")[0];
    if (e instanceof RangeError || /Maximum call stack/.test(msg)) {
      throw new UsageError(`${what}: "${path}" is nested too deeply (at most ${MAX_DEPTH} levels)`);
    }
    throw new UsageError(`${what}: "${path}" is not a valid card: ${msg}`);
  }
  const depth = nestingDepth(value, MAX_DEPTH + 1);
  if (depth > MAX_DEPTH) {
    throw new UsageError(`${what}: "${path}" is nested too deeply (more than ${MAX_DEPTH} levels)`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`${what}: "${path}" must hold a mapping of option names to values`);
  }
  return value as Record<string, unknown>;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function show(v: unknown): string {
  if (v === undefined) return "nothing";
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  return JSON.stringify(v);
}

/**
 * Human messages for a zod error: one line per issue, `path: message, got value`.
 * `fromCli` names the top-level keys that came from the command line (shown as --kebab-case).
 */
export function formatIssues(
  error: z.ZodError,
  raw: unknown,
  fromCli: Set<string> = new Set(),
  prefix = "",
  schema?: z.ZodType,
): string {
  return error.issues
    .map((iss) => {
      const path = iss.path;
      const top = String(path[0] ?? "");
      const label =
        path.length > 0 && fromCli.has(top) && !prefix
          ? [`--${kebab(top)}`, ...path.slice(1).map(String)].join(".")
          : [prefix, ...path.map(String)].filter(Boolean).join(".") || "card";
      if (iss.code === "unrecognized_keys") {
        const keys = (iss as { keys: string[] }).keys;
        const known = schema ? keysAt(schema, path) : [];
        const named = keys.map((k) => {
          const c = closest(k, known);
          return c.length > 0 ? `"${k}" (did you mean ${c.map((x) => `"${x}"`).join(" or ")}?)` : `"${k}"`;
        });
        return `${label}: unknown ${keys.length > 1 ? "keys" : "key"} ${named.join(", ")}`;
      }
      return `${label}: ${iss.message}, got ${show(valueAt(raw, path))}`;
    })
    .join("\n");
}

/** the keys of the object schema at `path` inside `schema` (through optional, default, pipes) */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s: unknown = schema;
  const unwrap = (x: unknown): unknown => {
    for (let i = 0; i < 10; i++) {
      const def = (x as { def?: { innerType?: unknown; out?: unknown; in?: unknown; type?: string } }).def;
      if (!def) return x;
      if (def.innerType) x = def.innerType;
      else if (def.type === "pipe")
        x = def.out && (def.out as { def?: { type?: string } }).def?.type !== "transform" ? def.out : def.in;
      else return x;
    }
    return x;
  };
  s = unwrap(s);
  for (const k of path) {
    const shape = (s as { shape?: Record<string, unknown> }).shape;
    if (!shape || !(String(k) in shape)) return [];
    s = unwrap(shape[String(k)]);
  }
  const shape = (s as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** parse with a schema, turning a failure into a UsageError with path and value */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  fromCli: Set<string> = new Set(),
  prefix = "",
): z.infer<S> {
  const r = schema.safeParse(raw);
  if (!r.success) throw new UsageError(formatIssues(r.error, raw, fromCli, prefix, schema));
  return r.data;
}

/** the options the user gave on the command line (not commander's defaults) */
export function explicitOptions(cmd: Command): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const opts = cmd.opts();
  for (const [k, v] of Object.entries(opts)) {
    const src = cmd.getOptionValueSource(k);
    if (v !== undefined && (src === "cli" || src === "env")) out[k] = v;
  }
  return out;
}

export interface ResolvedOptions<T> {
  options: T;
  /** the merged raw input (card overlaid by the command line), before defaults */
  raw: Record<string, unknown>;
  /** path of the card, when one was given */
  cardPath: string | null;
}

/**
 * Options of a command from a card and its command line: cli over card over the schema's defaults,
 * validated together. `card` is a path (JSON/YAML) or an already-read object; keys outside the
 * schema are errors (a misspelt key in a card must not be ignored silently). `omit` lists command-line
 * keys that are not options of the card (e.g. "card" itself).
 */
export function resolveCardOptions<S extends z.ZodType>(
  schema: S,
  input: {
    card?: string | Record<string, unknown> | null;
    /** the option that named the card file, for messages (default --card) */
    cardOption?: string;
    cli: Record<string, unknown>;
    omit?: string[];
  },
): ResolvedOptions<z.infer<S>> {
  const card = typeof input.card === "string" ? readCard(input.card, input.cardOption) : (input.card ?? {});
  const cli = { ...input.cli };
  for (const k of input.omit ?? ["card"]) delete cli[k];
  const raw = { ...card, ...cli };
  const options = parseOrThrow(schema, raw, new Set(Object.keys(cli)));
  return { options, raw, cardPath: typeof input.card === "string" ? input.card : null };
}

/** JSON with object keys sorted at every level (for hashes that do not depend on key order) */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(",")}}`;
}

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

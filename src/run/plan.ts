/**
 * A run plan: what a run directory is to contain, fixed before any shard runs. The card (job, its
 * config, period, events, seed, shards) defines the run; `cardHash` is the sha256 of its canonical
 * JSON, so that every shard and the merge can check they belong to the same run. How the run is
 * executed (workers, engine, partition, output folder) is not part of the hash: the results are the
 * same whichever way the shards are run.
 *
 * Events are split over shards deterministically: shard i gets ⌊N/K⌋ events, plus one for i < N mod K.
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { getJob, jobNames } from "../analyses/registry.ts";
import { UsageError } from "../core/errors.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { VERSION } from "../version.ts";
import { canonicalJson, flag, nonNegativeInt, oneOf, parseOrThrow, positiveInt, sha256 } from "./card.ts";
import { shellQuote } from "./script-safety.ts";

export const PLAN_FILE = "plan.json";
export const MANIFEST_FILE = "manifest.json";
export const RESULTS_FILE = "results.json";
export const REPORT_FILE = "report.md";
export const SHARD_DIR = "shards";
export const NTUPLE_DIR = "ntuples";
export const HIST_DIR = "histograms";
export const PLOT_DIR = "plots";
export const FORMAT = "kaonlab-run/1";

export const ENGINES = ["local", "slurm", "htcondor"] as const;
export type Engine = (typeof ENGINES)[number];

/** events per shard above which the default shard count grows */
export const DEFAULT_SHARD_EVENTS = 2_000_000;
/** largest shard: progress counters are int32 */
export const MAX_SHARD_EVENTS = 2 ** 31 - 1;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const NO_CONTROL =
  "control characters (newline, tab, …) are not allowed: the value is written into batch scripts";

/** a string that is written into batch scripts: non-empty, no control characters */
function scriptString(error: string) {
  return z
    .string({ error })
    .refine((v) => v !== "", { error: `${error} (not empty)` })
    .refine((v) => !CONTROL.test(v), { error: NO_CONTROL });
}

/** the run card of `kaonlab run` and `kaonlab submit`: every option of both commands */
export const runCardSchema = z
  .object({
    job: z.string({ error: `expected a job name (${jobNames().join(", ")})` }),
    period: z.string({ error: "expected a period name" }).nullable().default(null),
    /** required unless the job has a default (AnalysisJob.defaultEvents) */
    events: positiveInt().optional(),
    seed: nonNegativeInt().default(1),
    shards: positiveInt().optional(),
    workers: positiveInt().optional(),
    out: scriptString("expected a folder name").optional(),
    json: flag().default(false),
    quiet: flag().default(false),
    engine: oneOf(ENGINES).default("local"),
    partition: scriptString("expected a partition name").optional(),
    /** wait for a batch run to finish (submit, resume) */
    wait: flag().default(false),
    /** with wait: stop waiting after this many seconds (the jobs go on) */
    timeout: positiveInt().optional(),
    slurm: z
      .object({
        /** sbatch --time */
        time: scriptString("expected a time limit (e.g. 02:00:00)").optional(),
        /** sbatch --mem (per shard task) */
        mem: scriptString("expected a memory size (e.g. 2G)")
          .refine((v) => /^\d+[KMGT]?B?$/i.test(v), { error: "expected a memory size such as 2G or 2048M" })
          .optional(),
        /** at most this many array tasks at once (--array=...%N) */
        throttle: positiveInt().optional(),
        /** sbatch --kill-on-invalid-dep for the merge job (default: the cluster's setting) */
        killOnInvalidDep: flag().optional(),
        /** more sbatch arguments for every job */
        extraArgs: z.array(scriptString("expected an sbatch argument")).default([]),
      })
      .strict()
      .default({ extraArgs: [] }),
    htcondor: z
      .object({
        requestMemory: z
          .string({ error: "expected a memory size" })
          .refine((v) => /^\s*\d+(\.\d+)?\s*([KMGT]B?)?\s*$/i.test(v), {
            error: 'expected a number with an optional unit (KB, MB, GB, TB), e.g. "2 GB"',
          })
          .default("2 GB"),
        extraLines: z
          .array(
            scriptString("expected a submit command").refine(
              (v) => /^\s*\+?[A-Za-z_][A-Za-z0-9_.]*\s*=/.test(v),
              { error: 'expected a submit command "name = value" or "+Attribute = value"' },
            ),
          )
          .default([]),
      })
      .strict()
      .default({ requestMemory: "2 GB", extraLines: [] }),
    /** the job's configuration (see the job's schema) */
    config: z
      .record(z.string(), z.unknown(), { error: "expected a mapping of the job's settings" })
      .default({}),
  })
  .strict();

export type RunCard = z.infer<typeof runCardSchema>;
/** a card whose events are settled (given, or the job's default) */
export type ResolvedRunCard = RunCard & { events: number };

export interface ShardPlan {
  index: number;
  firstEvent: number;
  events: number;
}

export interface RunPlan {
  format: string;
  kaonlab: string;
  job: string;
  /** the validated job configuration */
  config: Record<string, unknown>;
  period: string | null;
  seed: number;
  events: number;
  shards: ShardPlan[];
  /** sha256 of the canonical JSON of the run definition (job, config, period, events, seed, shards) */
  cardHash: string;
  /** the card as resolved (all options, including how it is executed) */
  card: RunCard;
  engine: Engine;
  createdAt: string;
  /** sha256 of the plan (without this field) and of each of its fields: plan.json is checked on
   *  every read, and an edited field is named */
  integrity?: PlanIntegrity;
}

export interface PlanIntegrity {
  sha256: string;
  fields: Record<string, string>;
}

export function defaultShards(events: number): number {
  return Math.min(events, Math.max(8, Math.ceil(events / DEFAULT_SHARD_EVENTS)), 100_000);
}

export function splitEvents(events: number, shards: number): ShardPlan[] {
  const base = Math.floor(events / shards);
  const extra = events % shards;
  const out: ShardPlan[] = [];
  let first = 0;
  for (let i = 0; i < shards; i++) {
    const n = base + (i < extra ? 1 : 0);
    out.push({ index: i, firstEvent: first, events: n });
    first += n;
  }
  return out;
}

function knownPeriods(): string[] | null {
  try {
    const dir = new URL("../../conditions/periods/", import.meta.url);
    if (!existsSync(dir)) return null;
    return readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.replace(/\.json$/, ""))
      .sort();
  } catch {
    return null;
  }
}

/** validate a card (already merged with the command line) into a plan; throws UsageError */
export function makePlan(input: RunCard, now = new Date()): RunPlan {
  const job = getJob(input.job);
  const events = input.events ?? job.defaultEvents;
  if (events === undefined) throw new UsageError("events: expected a positive integer, got nothing");
  const card: ResolvedRunCard = { ...input, events, period: input.period ?? job.defaultPeriod ?? null };
  const config = parseOrThrow(job.schema, card.config, new Set(), "config") as Record<string, unknown>;
  const shards = card.shards ?? defaultShards(card.events);
  if (shards > card.events) {
    throw new UsageError(
      `shards: expected at most one shard per event (events ${card.events}), got ${shards}`,
    );
  }
  if (Math.ceil(card.events / shards) > MAX_SHARD_EVENTS) {
    throw new UsageError(
      `shards: a shard may hold at most ${MAX_SHARD_EVENTS} events; got ${shards} shards for ${card.events} events`,
    );
  }
  if (card.period !== null) {
    const periods = job.periods ? [...job.periods()] : knownPeriods();
    if (periods && !periods.includes(card.period)) {
      throw new UsageError(`period: unknown period "${card.period}" (known: ${periods.join(", ")})`);
    }
  }
  const definition = {
    job: card.job,
    config,
    period: card.period,
    events: card.events,
    seed: card.seed,
    shards,
  };
  return sealPlan({
    format: FORMAT,
    kaonlab: VERSION,
    job: card.job,
    config,
    period: card.period,
    seed: card.seed,
    events: card.events,
    shards: splitEvents(card.events, shards),
    cardHash: sha256(canonicalJson(definition)),
    card: { ...card, shards },
    engine: card.engine,
    createdAt: now.toISOString(),
  });
}

/** the fields of a plan that are hashed one by one: top-level keys, and the keys of config and card */
function planFields(plan: RunPlan): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(plan)) {
    if (k === "integrity" || v === undefined) continue;
    if ((k === "config" || k === "card") && v !== null && typeof v === "object" && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v as Record<string, unknown>))
        if (v2 !== undefined) out[`${k}.${k2}`] = sha256(canonicalJson(v2));
      out[k] = sha256(canonicalJson(Object.keys(v as object).sort()));
    } else out[k] = sha256(canonicalJson(v));
  }
  return out;
}

function planHash(plan: RunPlan): string {
  const { integrity: _, ...rest } = plan;
  return sha256(canonicalJson(rest));
}

/** a plan with its integrity hashes */
export function sealPlan(plan: RunPlan): RunPlan {
  const { integrity: _, ...rest } = plan;
  return { ...rest, integrity: { sha256: planHash(rest), fields: planFields(rest) } };
}

/**
 * Check a plan read from plan.json against its hashes; a UsageError naming the changed fields.
 * (A plan is fixed when the run starts: shards, merge and resume must all see the same one.)
 */
export function verifyPlan(dir: string, plan: RunPlan): void {
  const integ = plan.integrity;
  if (!integ || typeof integ.sha256 !== "string" || typeof integ.fields !== "object" || !integ.fields) {
    throw new UsageError(
      `run folder: "${dir}/${PLAN_FILE}" has no plan hash (written by an older kaonlab, or edited); start a new run`,
    );
  }
  if (planHash(plan) === integ.sha256) return;
  const now = planFields(plan);
  const names = [...new Set([...Object.keys(now), ...Object.keys(integ.fields)])]
    .filter((k) => now[k] !== integ.fields[k])
    .sort()
    // a changed config.x also changes nothing else; a changed key set of config is named by its key
    .filter((k, _i, all) => !((k === "config" || k === "card") && all.some((x) => x.startsWith(`${k}.`))));
  throw new UsageError(
    `run folder: "${dir}/${PLAN_FILE}" was changed after the run was planned ` +
      `(${names.length ? `changed: ${names.join(", ")}` : "its hash does not match"}); ` +
      "restore it, or start a new run with the changed card",
  );
}

/** default output folder: runs/<job>-s<seed>-<events>-<yyyymmdd-hhmmss> */
export function defaultOutDir(plan: RunPlan): string {
  const t = plan.createdAt.replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return join("runs", `${plan.job}-s${plan.seed}-${plan.events}-${t}`);
}

/**
 * A folder that can become a new run folder: absent, or an empty folder; its parent exists and is a
 * folder. UsageErrors naming `out` otherwise (an existing file, a device such as /dev/null, …).
 */
export function checkRunDir(dir: string): string {
  const label = `out: "${dir}"`;
  if (dir === "") throw new UsageError('out: expected a folder name, got ""');
  const abs = resolve(dir);
  let st: ReturnType<typeof statSync> | null = null;
  try {
    st = statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") throw new UsageError(`${label}: a part of the path is a file, not a folder`);
    if (code !== "ENOENT") throw new UsageError(`${label}: cannot be used (${code})`);
  }
  if (st) {
    if (!st.isDirectory()) throw new UsageError(`${label} exists and is not a folder; choose another folder`);
    if (existsSync(join(abs, PLAN_FILE))) {
      throw new UsageError(
        `${label} already holds a run; use kaonlab resume ${shellQuote(dir)}, or choose another folder`,
      );
    }
    if (readdirSync(abs).length > 0)
      throw new UsageError(`${label} exists and is not empty; choose another folder`);
    return abs;
  }
  // a new folder: the nearest existing ancestor must be a writable folder
  let parent = dirname(abs);
  while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
  let pst: ReturnType<typeof statSync>;
  try {
    pst = statSync(parent);
  } catch (e) {
    throw new UsageError(`${label}: cannot be used (${(e as NodeJS.ErrnoException).code})`);
  }
  if (!pst.isDirectory()) throw new UsageError(`${label}: "${parent}" is a file, not a folder`);
  try {
    accessSync(parent, constants.W_OK);
  } catch {
    throw new UsageError(`${label}: the folder "${parent}" is not writable`);
  }
  return abs;
}

/** create the run folder and write the plan; refuses a folder that already holds a run */
export function createRunDir(dir: string, plan: RunPlan): string {
  const abs = checkRunDir(dir);
  try {
    mkdirSync(join(abs, SHARD_DIR), { recursive: true });
    writeFileAtomic(join(abs, PLAN_FILE), JSON.stringify(plan, null, 2) + "\n");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === "string")
      throw new UsageError(`out: cannot write the run folder "${dir}": ${fsReason(e)}`);
    throw e;
  }
  return abs;
}

/** "no space left on device (ENOSPC)" from a file-system error */
export function fsReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const m = /^[A-Z]+: ([^,]+)/.exec(err.message ?? "");
  return `${m ? m[1] : (err.message ?? String(e))}${err.code ? ` (${err.code})` : ""}`;
}

/** read and check a run folder's plan; UsageError naming the folder otherwise */
export function readPlan(dir: string): RunPlan {
  const p = join(dir, PLAN_FILE);
  let plan: RunPlan;
  try {
    plan = JSON.parse(readFileSync(p, "utf8")) as RunPlan;
  } catch {
    throw new UsageError(`run folder: "${dir}" holds no readable ${PLAN_FILE} (not a kaonlab run folder)`);
  }
  if (plan === null || typeof plan !== "object" || plan.format !== FORMAT) {
    throw new UsageError(
      `run folder: "${dir}" has format ${JSON.stringify(plan?.format)}, expected ${FORMAT}`,
    );
  }
  verifyPlan(dir, plan);
  return plan;
}

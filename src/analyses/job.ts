/**
 * Analysis jobs: what `kaonlab run <job>` runs. A job kind supplies
 *  - `schema`: a zod schema of its configuration (the `config:` block of a run card);
 *  - `runShard(config, seed, shard, events, ctx)`: one shard, depending only on its arguments
 *    (random numbers from `stream(seed, shard, "<stage>")`), returning a ShardResult: plain data
 *    that survives structured clone and JSON exactly (numbers, strings, typed arrays, histograms);
 *  - `merge(config, total, info)`: the exact sum of the shard results in shard order (counters,
 *    arrays and histograms added; src/run/combine.ts) → results.json content, the histograms to
 *    write and the report (tables and plot specs). Per-shard `extra` values are in info.extras.
 * Register a job kind in src/analyses/registry.ts. Per-event ntuple columns go through `ctx.ntuple` (one
 * Parquet file per shard, written as the shard runs so memory stays flat) or, for small outputs,
 * `ShardResult.ntuple`.
 */
import type { z } from "zod";
import type { Hist } from "../io/histogram.ts";
import type { ReportContent } from "../io/plot.ts";
import type { ColumnData, ColumnSpec } from "../io/table.ts";

export interface ShardResult {
  /** events generated in this shard */
  events: number;
  /** named counters (sums of weights, counts) */
  counters: Record<string, number>;
  /** histograms by name */
  hists: Record<string, Hist>;
  /** typed-array or number-array payloads of the job (e.g. per-channel sums) */
  arrays?: Record<string, Float64Array | Int32Array | number[]>;
  /** small per-shard ntuple kept in memory (large ones: ShardContext.ntuple) */
  ntuple?: { columns: ColumnSpec[]; data: Record<string, ColumnData>; rows: number };
  /** anything else JSON-able */
  extra?: unknown;
}

/** appends rows to the shard's Parquet ntuple */
export interface NtupleSink {
  append(columns: Record<string, ColumnData>, n: number): void;
}

export interface ShardContext {
  /** the period of the run card, if any */
  period: string | null;
  /** the shard's ntuple, when the job declares columns for this config; null otherwise */
  ntuple: NtupleSink | null;
  /** report the number of events done so far in this shard (for progress bars) */
  progress(done: number): void;
}

export interface MergeOutput {
  /** results.json content (exact JSON: no timings, no host names) */
  results: Record<string, unknown>;
  /** histograms to write (ROOT JSON and plain JSON); plot specs may refer to others too */
  hists: Hist[];
  report: ReportContent;
  /** what a terminal shows after the run (e.g. the job's result tables); omitted with --json */
  terminal?: string;
}

export interface AnalysisJob<C = unknown> {
  name: string;
  description: string;
  schema: z.ZodType<C>;
  /** the periods the job accepts now (default: the period cards of conditions/periods) */
  periods?(): readonly string[];
  /** the period when the card names none */
  defaultPeriod?: string;
  /** the number of events when the card gives none (default: events are required) */
  defaultEvents?: number;
  /** --json prints the job's results at the top level, with the run summary under "run" */
  jsonResults?: boolean;
  /** ntuple columns for a configuration (null: no ntuple) */
  ntupleColumns?(config: C): ColumnSpec[] | null;
  runShard(
    config: C,
    seed: number,
    shard: number,
    events: number,
    ctx: ShardContext,
  ): ShardResult | Promise<ShardResult>;
  merge(config: C, total: ShardResult, info: MergeInfo): MergeOutput;
}

export interface MergeInfo {
  seed: number;
  events: number;
  shards: number;
  period: string | null;
  /** the `extra` value of each shard, in shard order */
  extras: unknown[];
}

/** a job with its type parameter erased (what the registry holds) */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds jobs of any configuration type
export type AnyJob = AnalysisJob<any>;

/** what `kaonlab run <job> --json` adds to the results' own "run" block: where and how the run went */
export interface RunSummary {
  dir: string;
  engine: string;
  /** the shard indices this call ran (the provenance's `shards` is their number in the plan) */
  shardsRun: number[];
  seconds: number;
  merged: { seconds: number; files: string[] };
}

/**
 * The one top-level shape of `kaonlab run <job> --json`, the same for every job: the job's
 * results as results.json holds them (src/analyses/layer/results.ts: analysis, period, seed, events,
 * comparison, then the job's own keys, e.g. pix `limits`, dump-ap `exclusion`), with the run
 * summary added to its "run" provenance block. `analysis`, `period` and `comparison` are always
 * present (a null period and an empty comparison when a job has neither).
 */
export function jobJson(
  job: string,
  results: Record<string, unknown>,
  summary: RunSummary,
): Record<string, unknown> {
  const { run: provenance, ...rest } = results;
  return {
    analysis: job,
    period: null,
    comparison: [],
    ...rest,
    run: { ...(provenance as Record<string, unknown> | undefined), ...summary },
  };
}

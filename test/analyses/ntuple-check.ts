/**
 * Helpers of the candidate-ntuple tests of the analysis jobs: run a job through the CLI, read its
 * per-shard Parquet ntuples back with the bundled reader (hyparquet), and add weight × scale.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { candidateColumns } from "../../src/analyses/layer/ntuple.ts";
import type { ColumnSpec } from "../../src/io/table.ts";
import { cli } from "../run/helpers.ts";

export type Row = Record<string, unknown>;

/** `kaonlab run JOB` into dir with the given workers; its results.json */
export async function runJob(dir: string, job: string, args: string[], workers = 1) {
  const r = await cli(["run", job, "--quiet", "--json", "--workers", String(workers), "--out", dir, ...args]);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(readFileSync(join(dir, "results.json"), "utf8"));
}

/** every row of the run's ntuples, shard by shard; checks one file per shard and the column order */
export async function readNtuples(dir: string, shards: number, extra: readonly ColumnSpec[]): Promise<Row[]> {
  const files = readdirSync(join(dir, "ntuples")).sort();
  assert.deepEqual(
    files,
    Array.from({ length: shards }, (_, i) => `shard-${String(i).padStart(6, "0")}.parquet`),
  );
  const names = candidateColumns(extra).map((c) => c.name);
  const rows: Row[] = [];
  for (const f of files) {
    const data = (await parquetReadObjects({
      file: await asyncBufferFromFile(join(dir, "ntuples", f)),
    })) as Row[];
    for (const r of data) {
      assert.deepEqual(Object.keys(r), names);
      assert.ok(Number.isFinite(r.weight as number) && (r.weight as number) > 0, `weight ${r.weight}`);
    }
    rows.push(...data);
  }
  return rows;
}

/**
 * Σ weight × scale of the rows that pass `keep`, the scale looked up by (period, sample), or, for
 * jobs whose scales depend on the category or the source too (entries with `category` or `source`),
 * by those as well
 */
export function expectedOf(
  results: { ntupleScales?: unknown },
  rows: Row[],
  keep: (r: Row) => boolean,
): number {
  assert.ok(Array.isArray(results.ntupleScales), "ntupleScales in the results");
  type Scale = { period: string; sample: string; category?: string; source?: string; scale: number };
  const key = (p: unknown, s: unknown, c: unknown, o: unknown) => `${p}|${s}|${c}|${o}`;
  const scales = new Map<string, number>(
    (results.ntupleScales as Scale[]).map((s) => [
      key(s.period, s.sample, s.category ?? "*", s.source ?? "*"),
      s.scale,
    ]),
  );
  let sum = 0;
  for (const r of rows) {
    if (!keep(r)) continue;
    const s =
      scales.get(key(r.period, r.sample, "*", "*")) ??
      scales.get(key(r.period, r.sample, r.category, "*")) ??
      scales.get(key(r.period, r.sample, "*", r.source));
    assert.ok(s !== undefined, `no scale for ${r.period} ${r.sample} ${r.category} ${r.source}`);
    sum += (r.weight as number) * s;
  }
  return sum;
}

/** |got − want| within a relative rounding tolerance */
export function assertClose(got: number, want: number, what: string): void {
  assert.ok(
    Math.abs(got - want) <= 1e-9 * Math.max(Math.abs(want), 1e-300),
    `${what}: ntuple ${got}, results ${want}`,
  );
}

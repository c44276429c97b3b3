/**
 * The Parquet table writer: rows buffered into row groups of the requested size whatever the append
 * sizes, Snappy by default, BOOLEAN columns from 0/1 numbers, INT64 from numbers, key–value metadata
 * in the footer, byte-identical files for the same rows appended in different blocks, nothing left
 * behind by abort(); the CSV writer prints booleans as 0/1.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { type ColumnData, type ColumnSpec, openTable, ROW_GROUP_ROWS } from "../../src/io/table.ts";

const dir = mkdtempSync(join(tmpdir(), "kaonlab-table-"));

const SCHEMA: ColumnSpec[] = [
  { name: "event", type: "INT32" },
  { name: "label", type: "STRING" },
  { name: "x", type: "DOUBLE" },
  { name: "ok", type: "BOOLEAN" },
  { name: "big", type: "INT64" },
];

function rows(n: number): Record<string, ColumnData> {
  const event = new Int32Array(n);
  const x = new Float64Array(n);
  const ok = new Uint8Array(n);
  const big = new Float64Array(n);
  const label: string[] = [];
  for (let i = 0; i < n; i++) {
    event[i] = i;
    x[i] = Math.sin(i) * 100;
    ok[i] = i % 3 === 0 ? 1 : 0;
    big[i] = 2 ** 40 + i;
    label.push(i % 2 ? "odd" : "even");
  }
  return { event, label, x, ok, big };
}

function sub(all: Record<string, ColumnData>, a: number, b: number): Record<string, ColumnData> {
  const out: Record<string, ColumnData> = {};
  for (const [k, v] of Object.entries(all)) out[k] = v.slice(a, b) as ColumnData;
  return out;
}

function write(file: string, n: number, block: number, rowGroupRows?: number): void {
  const all = rows(n);
  const t = openTable(file, SCHEMA, { "kaonlab.seed": "7" }, { rowGroupRows });
  for (let i = 0; i < n; i += block) t.append(sub(all, i, Math.min(n, i + block)), Math.min(block, n - i));
  t.close();
}

function ab(f: string): ArrayBuffer {
  const b = readFileSync(f);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

describe("Parquet table writer", () => {
  it("row groups of rowGroupRows rows whatever the append size; Snappy; typed columns", async () => {
    const f = join(dir, "a.parquet");
    write(f, 2500, 256, 1000);
    const meta = parquetMetadata(ab(f));
    assert.deepEqual(
      meta.row_groups.map((g) => Number(g.num_rows)),
      [1000, 1000, 500],
    );
    for (const g of meta.row_groups) for (const c of g.columns) assert.equal(c.meta_data?.codec, "SNAPPY");
    const back = await parquetReadObjects({ file: ab(f) });
    assert.equal(back.length, 2500);
    for (const i of [0, 1, 999, 1000, 2499]) {
      assert.equal(back[i].event, i);
      assert.equal(back[i].ok, i % 3 === 0);
      assert.equal(back[i].big, BigInt(2 ** 40 + i));
      assert.equal(back[i].x, Math.sin(i) * 100);
      assert.equal(back[i].label, i % 2 ? "odd" : "even");
    }
    assert.equal(meta.key_value_metadata?.find((k) => k.key === "kaonlab.seed")?.value, "7");
  });

  it("the default row group is ROW_GROUP_ROWS (≥ 64k rows)", () => {
    assert.ok(ROW_GROUP_ROWS >= 65536);
    const f = join(dir, "d.parquet");
    write(f, ROW_GROUP_ROWS + 10, 4096);
    const meta = parquetMetadata(ab(f));
    assert.deepEqual(
      meta.row_groups.map((g) => Number(g.num_rows)),
      [ROW_GROUP_ROWS, 10],
    );
  });

  it("the same rows in different append blocks give byte-identical files", () => {
    const a = join(dir, "b1.parquet");
    const b = join(dir, "b2.parquet");
    write(a, 3000, 256, 1000);
    write(b, 3000, 1000, 1000);
    assert.deepEqual(readFileSync(a), readFileSync(b));
  });

  it("abort() leaves nothing; a missing or short column is an error", () => {
    const sub1 = mkdtempSync(join(dir, "ab-"));
    const f = join(sub1, "c.parquet");
    const t = openTable(f, SCHEMA);
    t.append(rows(10), 10);
    assert.throws(() => t.append({ event: new Int32Array(5) }, 5), /column label missing/);
    assert.throws(() => t.append(rows(3), 5), /holds 3 values, expected 5/);
    t.abort();
    assert.equal(existsSync(f), false);
    assert.deepEqual(readdirSync(sub1), []);
  });

  it("CSV: booleans as 0/1", () => {
    const f = join(dir, "e.csv");
    const t = openTable(f, [
      { name: "ok", type: "BOOLEAN" },
      { name: "n", type: "INT32" },
    ]);
    t.append({ ok: [true, false], n: new Int32Array([3, 4]) }, 2);
    t.close();
    assert.equal(readFileSync(f, "utf8"), "ok,n\n1,3\n0,4\n");
  });
});

/**
 * Write and read speed of the Parquet ntuples (docs/outputs.md): reads a `kaonlab simulate` file,
 * rewrites its columns with several row-group sizes and codecs, and reads each back with hyparquet.
 *
 *   node --import tsx scripts/parquet-bench.ts FILE.parquet
 */
import { rmSync, statSync } from "node:fs";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from "hyparquet";
import {
  type ColumnData,
  type ColumnSpec,
  type ColumnType,
  openTable,
  type ParquetCodec,
} from "../src/io/table.ts";

const file = process.argv[2];
if (!file) throw new Error("usage: parquet-bench.ts FILE.parquet");
const buf = await asyncBufferFromFile(file);
const meta = await parquetMetadataAsync(buf);
const rows = await parquetReadObjects({ file: buf });
const n = rows.length;
const schema: ColumnSpec[] = parquetSchema(meta).children.map((c) => {
  const t = c.element.type;
  const type: ColumnType = t === "BYTE_ARRAY" ? "STRING" : (t as ColumnType);
  return { name: c.element.name, type };
});
const columns: Record<string, ColumnData> = {};
for (const c of schema) {
  const v = rows.map((r) => r[c.name]);
  columns[c.name] =
    c.type === "DOUBLE"
      ? Float64Array.from(v as number[])
      : c.type === "INT32"
        ? Int32Array.from(v as number[])
        : c.type === "BOOLEAN"
          ? (v as boolean[])
          : (v as string[]);
}
const out = `${file}.bench.parquet`;
const cases: [number, ParquetCodec][] = [
  [256, "SNAPPY"],
  [65536, "UNCOMPRESSED"],
  [65536, "SNAPPY"],
  [1048576, "SNAPPY"],
];
console.log(`${n} rows × ${schema.length} columns (${file})`);
console.log("rows/group  codec         size (MB)  write (s)  read all (s)  read 3 cols (s)");
for (const [group, codec] of cases) {
  const t0 = performance.now();
  const t = openTable(out, schema, {}, { rowGroupRows: group, codec });
  // appended in blocks of 256 rows, as the simulation hands them over
  for (let i = 0; i < n; i += 256) {
    const k = Math.min(256, n - i);
    const block: Record<string, ColumnData> = {};
    for (const c of schema) block[c.name] = (columns[c.name] as Float64Array).slice(i, i + k) as ColumnData;
    t.append(block, k);
  }
  t.close();
  const t1 = performance.now();
  const size = statSync(out).size;
  const f = await asyncBufferFromFile(out);
  const t2 = performance.now();
  await parquetReadObjects({ file: f });
  const t3 = performance.now();
  await parquetReadObjects({ file: f, columns: ["m2miss", "p_track", "weight"] });
  const t4 = performance.now();
  console.log(
    `${String(group).padStart(10)}  ${codec.padEnd(12)}  ${(size / 1e6).toFixed(1).padStart(9)}  ${((t1 - t0) / 1000).toFixed(2).padStart(9)}  ${((t3 - t2) / 1000).toFixed(2).padStart(12)}  ${((t4 - t3) / 1000).toFixed(2).padStart(15)}`,
  );
  rmSync(out);
}

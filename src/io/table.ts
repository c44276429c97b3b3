/**
 * Column-table writers for ntuples: Parquet (hyparquet-writer) and CSV. Parquet rows are buffered
 * into row groups of ROW_GROUP_ROWS rows (the last one holds the rest) and compressed (Snappy by
 * default: GZIP or ZSTD would need extra packages in the bundled reader); DOUBLE columns use BYTE_STREAM_SPLIT. BOOLEAN columns take booleans or 0/1 numbers,
 * INT64 columns bigints or numbers. CSV writes booleans as 0/1.
 * Both write to a temporary file and rename on close() (atomic); abort() removes the temporary.
 * Output is deterministic: the same columns give byte-identical files.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { AtomicFile, commitTemp, discardTemp, tempPathFor } from "./atomic.ts";

export type ColumnType = "INT32" | "INT64" | "DOUBLE" | "FLOAT" | "STRING" | "BOOLEAN";

export interface ColumnSpec {
  name: string;
  type: ColumnType;
}

export type ColumnData =
  | Int32Array
  | Float64Array
  | Float32Array
  | BigInt64Array
  | string[]
  | boolean[]
  | Uint8Array;

export interface TableWriter {
  /** append n rows; each column's data must hold at least n values */
  append(columns: Record<string, ColumnData>, n: number): void;
  /** finish and move the file into place */
  close(): void;
  /** stop and leave nothing behind */
  abort(): void;
}

export const VERSION_TAG = "kaonlab";

function slice(d: ColumnData, n: number): ColumnData {
  return d.length === n ? d : (d.slice(0, n) as ColumnData);
}

/**
 * hyparquet-writer's byte writer, flushed in chunks of ~1 MB through one open file handle (its own
 * fileWriter re-opens the file by name for every chunk).
 */
function handleWriter(file: AtomicFile): ByteWriter & { appendDirect(bytes: Uint8Array): void } {
  const writer = new ByteWriter() as ByteWriter & { appendDirect(bytes: Uint8Array): void };
  const chunkSize = 1_000_000;
  const flush = () => {
    file.write(new Uint8Array(writer.buffer, 0, writer.index));
    writer.index = 0;
  };
  writer.ensure = (size: number) => {
    if (writer.index > chunkSize) flush();
    if (writer.index + size > writer.buffer.byteLength) {
      const grown = new ArrayBuffer(Math.max(writer.buffer.byteLength * 2, writer.index + size));
      new Uint8Array(grown).set(new Uint8Array(writer.buffer));
      writer.buffer = grown;
      writer.view = new DataView(writer.buffer);
    }
  };
  writer.finish = () => flush();
  // bytes encoded elsewhere go straight to the file
  writer.appendDirect = (bytes: Uint8Array) => {
    flush();
    file.write(bytes);
    writer.offset += bytes.length;
  };
  return writer;
}

/**
 * A Parquet row group encoded on its own (on any thread: plain data, structured-cloneable), placed
 * into a file by the table writer with its offsets moved: the file's bytes are the same whichever
 * thread encoded it.
 */
export interface EncodedRowGroup {
  /** the column chunks' bytes */
  bytes: Uint8Array;
  rows: number;
  /** hyparquet-writer's row group and page-index records, offsets relative to `bytes` + 4 */
  rowGroup: unknown;
  indexes: unknown[];
}

interface ChunkRecord {
  file_offset: bigint;
  meta_data?: { data_page_offset: bigint; dictionary_page_offset?: bigint };
}
interface IndexRecord {
  offsetIndex?: { page_locations: { offset: bigint }[] };
}
interface WriterInternals {
  row_groups: { columns: ChunkRecord[] }[];
  pendingIndexes: IndexRecord[];
  num_rows: bigint;
}

function schemaElements(schema: ColumnSpec[]) {
  return [
    { name: "root", num_children: schema.length },
    ...schema.map((c) =>
      c.type === "STRING"
        ? {
            name: c.name,
            type: "BYTE_ARRAY" as const,
            converted_type: "UTF8" as const,
            repetition_type: "REQUIRED" as const,
          }
        : { name: c.name, type: c.type, repetition_type: "REQUIRED" as const },
    ),
  ];
}

/** one row group of `n` rows of `columns`, encoded (Snappy by default) for a table of `schema` */
export function encodeRowGroup(
  schema: ColumnSpec[],
  columns: Record<string, ColumnData>,
  n: number,
  codec: ParquetCodec = DEFAULT_CODEC,
): EncodedRowGroup {
  if (n === 0) return { bytes: new Uint8Array(0), rows: 0, rowGroup: null, indexes: [] };
  const bw = new ByteWriter(1 << 20);
  const pw = new ParquetWriter({ writer: bw, schema: schemaElements(schema), codec, createdBy: VERSION_TAG });
  pw.write({
    columnData: schema.map((c) => {
      const d = columns[c.name];
      if (d === undefined) throw new Error(`table: column ${c.name} missing`);
      if (d.length < n)
        throw new RangeError(`table: column ${c.name} holds ${d.length} values, expected ${n}`);
      return {
        name: c.name,
        data: toWriterData(c.type, d, n),
        ...(c.type === "DOUBLE" ? { encoding: "BYTE_STREAM_SPLIT" as const } : {}),
      };
    }),
    rowGroupSize: n,
  });
  const internals = pw as unknown as WriterInternals;
  return {
    bytes: new Uint8Array(bw.buffer.slice(4, bw.offset)),
    rows: n,
    rowGroup: internals.row_groups[0],
    indexes: internals.pendingIndexes,
  };
}

/** rows per Parquet row group (the last group of a file holds the rest) */
export const ROW_GROUP_ROWS = 65536;

/** Parquet options: rows per row group and the compression codec */
export interface ParquetOptions {
  rowGroupRows?: number;
  codec?: ParquetCodec;
}

/** codecs the bundled reader (hyparquet) reads without extra packages */
export type ParquetCodec = "SNAPPY" | "UNCOMPRESSED";

/** the default codec: Snappy (fast to write and read; see docs/outputs.md for the measurements) */
export const DEFAULT_CODEC: ParquetCodec = "SNAPPY";

/** a column buffer of `n` rows for a column type (BOOLEAN as 0/1 bytes, INT64 as doubles) */
function columnBuffer(
  type: ColumnType,
  n: number,
): Float64Array | Float32Array | Int32Array | Uint8Array | string[] {
  switch (type) {
    case "DOUBLE":
    case "INT64":
      return new Float64Array(n);
    case "FLOAT":
      return new Float32Array(n);
    case "INT32":
      return new Int32Array(n);
    case "BOOLEAN":
      return new Uint8Array(n);
    case "STRING":
      return new Array<string>(n).fill("");
  }
}

/** the values hyparquet-writer takes for a column type: booleans for BOOLEAN, bigints for INT64 */
function toWriterData(type: ColumnType, d: ColumnData, n: number): ColumnData {
  if (type === "BOOLEAN") {
    if (Array.isArray(d) && (n === 0 || typeof d[0] === "boolean")) return slice(d, n);
    const out = new Array<boolean>(n);
    for (let i = 0; i < n; i++) out[i] = Boolean((d as ArrayLike<unknown>)[i]);
    return out;
  }
  if (type === "INT64" && !(d instanceof BigInt64Array)) {
    const out = new BigInt64Array(n);
    const src = d as ArrayLike<number>;
    for (let i = 0; i < n; i++) out[i] = BigInt(src[i]);
    return out;
  }
  return slice(d, n);
}

class ParquetTable implements TableWriter {
  private readonly file: AtomicFile;
  private readonly writer: ParquetWriter;
  private readonly bytes: ReturnType<typeof handleWriter>;
  private readonly codec: ParquetCodec;
  private readonly groupRows: number;
  private readonly buf: ReturnType<typeof columnBuffer>[];
  private fill = 0;
  private allocated = false;
  private closed = false;

  constructor(
    dest: string,
    private readonly schema: ColumnSpec[],
    kv: Record<string, string>,
    options: ParquetOptions = {},
  ) {
    this.groupRows = options.rowGroupRows ?? ROW_GROUP_ROWS;
    if (!Number.isInteger(this.groupRows) || this.groupRows < 1)
      throw new RangeError(`rowGroupRows: expected a positive integer, got ${this.groupRows}`);
    const codec = options.codec ?? DEFAULT_CODEC;
    this.buf = schema.map((c) => columnBuffer(c.type, 0));
    this.file = new AtomicFile(dest);
    this.bytes = handleWriter(this.file);
    this.codec = codec;
    this.writer = new ParquetWriter({
      writer: this.bytes,
      schema: schemaElements(schema),
      codec,
      createdBy: VERSION_TAG,
      kvMetadata: Object.entries(kv).map(([key, value]) => ({ key, value })),
    });
  }

  private writeGroup(columns: ColumnData[], n: number): void {
    const named: Record<string, ColumnData> = {};
    this.schema.forEach((c, j) => {
      named[c.name] = columns[j];
    });
    this.placeGroup(encodeRowGroup(this.schema, named, n, this.codec));
  }

  /** a row group encoded by encodeRowGroup (the buffered rows are written first) */
  appendEncoded(g: EncodedRowGroup): void {
    this.flush();
    this.placeGroup(g);
  }

  private placeGroup(g: EncodedRowGroup): void {
    if (g.rows === 0) return;
    const shift = BigInt(this.bytes.offset - 4);
    const rg = g.rowGroup as WriterInternals["row_groups"][number];
    for (const c of rg.columns) {
      c.file_offset += shift;
      if (c.meta_data) {
        c.meta_data.data_page_offset += shift;
        if (c.meta_data.dictionary_page_offset !== undefined) c.meta_data.dictionary_page_offset += shift;
      }
    }
    const indexes = g.indexes as IndexRecord[];
    for (const ix of indexes) for (const p of ix.offsetIndex?.page_locations ?? []) p.offset += shift;
    this.bytes.appendDirect(g.bytes);
    const w = this.writer as unknown as WriterInternals;
    w.row_groups.push(rg);
    w.pendingIndexes.push(...indexes);
    w.num_rows += BigInt(g.rows);
  }

  private flush(): void {
    if (this.fill === 0) return;
    this.writeGroup(this.buf as ColumnData[], this.fill);
    this.fill = 0;
  }

  append(columns: Record<string, ColumnData>, n: number): void {
    if (n === 0) return;
    const src = this.schema.map((c) => {
      const d = columns[c.name];
      if (d === undefined) throw new Error(`table: column ${c.name} missing`);
      if (d.length < n)
        throw new RangeError(`table: column ${c.name} holds ${d.length} values, expected ${n}`);
      return d;
    });
    // a whole group with nothing buffered goes straight to the writer
    if (this.fill === 0 && n === this.groupRows) {
      this.writeGroup(src, n);
      return;
    }
    let done = 0;
    while (done < n) {
      if (!this.allocated) {
        for (let j = 0; j < this.schema.length; j++)
          this.buf[j] = columnBuffer(this.schema[j].type, this.groupRows);
        this.allocated = true;
      }
      const k = Math.min(n - done, this.groupRows - this.fill);
      for (let j = 0; j < this.schema.length; j++) {
        const dst = this.buf[j];
        const s = src[j];
        if (Array.isArray(dst)) {
          for (let i = 0; i < k; i++) dst[this.fill + i] = (s as string[])[done + i];
        } else if (
          ArrayBuffer.isView(s) &&
          !(s instanceof BigInt64Array) &&
          s.constructor === dst.constructor
        ) {
          dst.set((s as Float64Array).subarray(done, done + k), this.fill);
        } else {
          const a = s as ArrayLike<number | boolean | bigint>;
          for (let i = 0; i < k; i++) dst[this.fill + i] = Number(a[done + i]);
        }
      }
      this.fill += k;
      done += k;
      if (this.fill === this.groupRows) this.flush();
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
      this.writer.finish();
      this.file.commit();
    } catch (e) {
      this.file.abort();
      throw e;
    }
  }

  abort(): void {
    this.closed = true;
    this.file.abort();
  }
}

class CsvTable implements TableWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private closed = false;

  constructor(
    private readonly dest: string,
    private readonly schema: ColumnSpec[],
  ) {
    this.tmp = tempPathFor(dest);
    this.fd = openSync(this.tmp, "w");
    writeSync(this.fd, schema.map((c) => c.name).join(",") + "\n");
  }

  append(columns: Record<string, ColumnData>, n: number): void {
    const cols = this.schema.map((c) => columns[c.name]);
    const m = cols.length;
    let chunk = "";
    for (let i = 0; i < n; i++) {
      let line = "";
      for (let j = 0; j < m; j++) {
        if (j > 0) line += ",";
        const v = cols[j][i];
        line += typeof v === "boolean" ? (v ? "1" : "0") : String(v);
      }
      chunk += line + "\n";
      if (chunk.length > 1 << 20) {
        writeSync(this.fd, chunk);
        chunk = "";
      }
    }
    if (chunk.length > 0) writeSync(this.fd, chunk);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    commitTemp(this.tmp, this.dest);
  }

  abort(): void {
    if (!this.closed) closeSync(this.fd);
    this.closed = true;
    discardTemp(this.tmp);
  }
}

/** table format from the file name: .parquet or .csv; a RangeError naming `what` otherwise */
export function tableFormat(path: string, what = "--out"): "parquet" | "csv" {
  if (path.endsWith(".parquet")) return "parquet";
  if (path.endsWith(".csv")) return "csv";
  throw new RangeError(`${what}: the file name must end in .parquet or .csv, got "${path}"`);
}

/** a Parquet table writer's appendEncoded, or null for CSV (which takes rows only) */
export function encodedSink(t: TableWriter): ((g: EncodedRowGroup) => void) | null {
  return t instanceof ParquetTable ? (g) => t.appendEncoded(g) : null;
}

export function openTable(
  path: string,
  schema: ColumnSpec[],
  metadata: Record<string, string> = {},
  options: ParquetOptions = {},
): TableWriter {
  return tableFormat(path) === "parquet"
    ? new ParquetTable(path, schema, metadata, options)
    : new CsvTable(path, schema);
}

/**
 * A table kept in memory: the rows appended are copied and joined into one column per name by
 * columns(). For parts of a table computed elsewhere (a worker thread) and written in order later.
 */
export class MemoryTable implements TableWriter {
  private readonly parts: Record<string, ColumnData>[] = [];
  rows = 0;

  constructor(private readonly schema: ColumnSpec[]) {}

  append(columns: Record<string, ColumnData>, n: number): void {
    if (n === 0) return;
    const part: Record<string, ColumnData> = {};
    for (const c of this.schema) {
      const d = columns[c.name];
      if (d === undefined) throw new Error(`table: column ${c.name} missing`);
      part[c.name] = d.slice(0, n) as ColumnData;
    }
    this.parts.push(part);
    this.rows += n;
  }

  /** every column, all rows */
  columns(): Record<string, ColumnData> {
    const out: Record<string, ColumnData> = {};
    for (const c of this.schema) {
      const pieces = this.parts.map((p) => p[c.name]);
      if (pieces.length > 0 && Array.isArray(pieces[0])) {
        out[c.name] = ([] as unknown[]).concat(...(pieces as unknown[][])) as ColumnData;
        continue;
      }
      const first = pieces[0] as Float64Array | undefined;
      const Ctor = (first?.constructor ?? Float64Array) as new (n: number) => Float64Array;
      const all = new Ctor(this.rows);
      let at = 0;
      for (const p of pieces as Float64Array[]) {
        all.set(p, at);
        at += p.length;
      }
      out[c.name] = all;
    }
    return out;
  }

  close(): void {}

  abort(): void {
    this.parts.length = 0;
    this.rows = 0;
  }
}

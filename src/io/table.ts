/**
 * Column-table writers for ntuples: Parquet (hyparquet-writer, one row group per append) and CSV.
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
function handleWriter(file: AtomicFile): ByteWriter {
  const writer = new ByteWriter();
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
  return writer;
}

class ParquetTable implements TableWriter {
  private readonly file: AtomicFile;
  private readonly writer: ParquetWriter;
  private closed = false;

  constructor(
    dest: string,
    private readonly schema: ColumnSpec[],
    kv: Record<string, string>,
  ) {
    this.file = new AtomicFile(dest);
    const elements = [
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
    this.writer = new ParquetWriter({
      writer: handleWriter(this.file),
      schema: elements,
      createdBy: VERSION_TAG,
      kvMetadata: Object.entries(kv).map(([key, value]) => ({ key, value })),
    });
  }

  append(columns: Record<string, ColumnData>, n: number): void {
    if (n === 0) return;
    this.writer.write({
      columnData: this.schema.map((c) => ({
        name: c.name,
        data: slice(columns[c.name], n),
        ...(c.type === "DOUBLE" ? { encoding: "BYTE_STREAM_SPLIT" as const } : {}),
      })),
      rowGroupSize: n,
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
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
        line += String(cols[j][i]);
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

export function openTable(
  path: string,
  schema: ColumnSpec[],
  metadata: Record<string, string> = {},
): TableWriter {
  return tableFormat(path) === "parquet"
    ? new ParquetTable(path, schema, metadata)
    : new CsvTable(path, schema);
}

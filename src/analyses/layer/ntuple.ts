/**
 * Per-shard Parquet ntuples of an analysis's selected candidates and control-region events. Every
 * row carries the common columns — period, sample and source labels, the category (signal or
 * control region, …), the event index in its sample and the simulated weight — followed by the
 * columns the analysis declares (numbers). The run machinery writes one file per shard
 * (ntuples/shard-NNNNNN.parquet, ShardContext.ntuple) as the shard runs, so memory stays flat.
 *
 * The weight is the event's selected weight in the sample's own normalisation; expected events are
 * weight × the sample's scale, which the job's results give per (period, sample) once the shards
 * are merged (`ntupleScales`).
 */
import type { ColumnData, ColumnSpec } from "../../io/table.ts";
import type { NtupleSink } from "../job.ts";

export const CANDIDATE_COLUMNS: readonly ColumnSpec[] = [
  { name: "period", type: "STRING" },
  { name: "sample", type: "STRING" },
  { name: "source", type: "STRING" },
  { name: "category", type: "STRING" },
  { name: "event", type: "INT32" },
  { name: "weight", type: "DOUBLE" },
];

const NUMERIC = new Set(["DOUBLE", "FLOAT", "INT32"]);

/** the full column list of a candidate ntuple: the common columns, then the analysis's own */
export function candidateColumns(extra: readonly ColumnSpec[]): ColumnSpec[] {
  const names = new Set(CANDIDATE_COLUMNS.map((c) => c.name));
  for (const c of extra) {
    if (names.has(c.name)) throw new RangeError(`candidate ntuple: column "${c.name}" declared twice`);
    if (!NUMERIC.has(c.type))
      throw new RangeError(`candidate ntuple: column "${c.name}" must be numeric, got ${c.type}`);
    names.add(c.name);
  }
  return [...CANDIDATE_COLUMNS, ...extra];
}

/** expected events per unit of ntuple weight of one (period, sample) */
export interface NtupleScale {
  period: string;
  sample: string;
  /** when the scale also depends on the row's category (lnv: per mode) */
  category?: string;
  /** when the scale also depends on the row's source (pi4e: per background-table row) */
  source?: string;
  scale: number;
}

/** buffers candidate rows and hands them to the shard's ntuple sink in blocks */
export class CandidateNtuple {
  readonly extra: readonly ColumnSpec[];
  private readonly sink: NtupleSink;
  private readonly cap: number;
  private readonly cols: Record<string, ColumnData>;
  private readonly period: string[];
  private readonly sample: string[];
  private readonly source: string[];
  private readonly category: string[];
  private readonly event: Int32Array;
  private readonly weight: Float64Array;
  private readonly values: (Float64Array | Float32Array | Int32Array)[];
  private n = 0;
  private labels = { period: "", sample: "", source: "" };
  rows = 0;

  constructor(sink: NtupleSink, extra: readonly ColumnSpec[], capacity = 4096) {
    candidateColumns(extra);
    this.sink = sink;
    this.extra = extra;
    this.cap = capacity;
    this.period = new Array<string>(capacity).fill("");
    this.sample = new Array<string>(capacity).fill("");
    this.source = new Array<string>(capacity).fill("");
    this.category = new Array<string>(capacity).fill("");
    this.event = new Int32Array(capacity);
    this.weight = new Float64Array(capacity);
    this.values = extra.map((c) =>
      c.type === "INT32"
        ? new Int32Array(capacity)
        : c.type === "FLOAT"
          ? new Float32Array(capacity)
          : new Float64Array(capacity),
    );
    this.cols = {
      period: this.period,
      sample: this.sample,
      source: this.source,
      category: this.category,
      event: this.event,
      weight: this.weight,
    };
    extra.forEach((c, j) => {
      this.cols[c.name] = this.values[j];
    });
  }

  /** the labels of the rows that follow (the sample being simulated) */
  setLabels(period: string, sample: string, source: string): void {
    this.labels = { period, sample, source };
  }

  /** one row: its category, event index, weight and the declared columns' values in their order */
  add(category: string, event: number, weight: number, values: ArrayLike<number>): void {
    if (values.length !== this.values.length)
      throw new RangeError(`candidate ntuple: ${values.length} values for ${this.values.length} columns`);
    const k = this.n;
    this.period[k] = this.labels.period;
    this.sample[k] = this.labels.sample;
    this.source[k] = this.labels.source;
    this.category[k] = category;
    this.event[k] = event;
    this.weight[k] = weight;
    for (let j = 0; j < this.values.length; j++) this.values[j][k] = values[j];
    this.n++;
    if (this.n === this.cap) this.flush();
  }

  /** hand the buffered rows to the sink (call at the end of the shard) */
  flush(): void {
    if (this.n === 0) return;
    this.sink.append(this.cols, this.n);
    this.rows += this.n;
    this.n = 0;
  }
}

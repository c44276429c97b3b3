/**
 * The particle-level ntuple of `kaonlab generate`: one row per particle (kaon, intermediates,
 * final state) with columns event, index, parent, pdg, status, px, py, pz, e [GeV],
 * vx, vy, vz [mm], t [ns], weight.
 */
import { type EventBatch, MAX_SLOTS, STATUS_NAMES } from "../core/batch.ts";
import type { ColumnSpec, TableWriter } from "./table.ts";

export const PARTICLE_COLUMNS: ColumnSpec[] = [
  { name: "event", type: "INT32" },
  { name: "index", type: "INT32" },
  { name: "parent", type: "INT32" },
  { name: "pdg", type: "INT32" },
  { name: "status", type: "STRING" },
  { name: "px", type: "DOUBLE" },
  { name: "py", type: "DOUBLE" },
  { name: "pz", type: "DOUBLE" },
  { name: "e", type: "DOUBLE" },
  { name: "vx", type: "DOUBLE" },
  { name: "vy", type: "DOUBLE" },
  { name: "vz", type: "DOUBLE" },
  { name: "t", type: "DOUBLE" },
  { name: "weight", type: "DOUBLE" },
];

/** flattens batches into particle rows and appends them to a table */
export class ParticleRowWriter {
  private cap = 0;
  private cols!: {
    event: Int32Array;
    index: Int32Array;
    parent: Int32Array;
    pdg: Int32Array;
    status: string[];
    px: Float64Array;
    py: Float64Array;
    pz: Float64Array;
    e: Float64Array;
    vx: Float64Array;
    vy: Float64Array;
    vz: Float64Array;
    t: Float64Array;
    weight: Float64Array;
  };

  constructor(private readonly table: TableWriter) {}

  private ensure(n: number): void {
    if (n <= this.cap) return;
    this.cap = n;
    this.cols = {
      event: new Int32Array(n),
      index: new Int32Array(n),
      parent: new Int32Array(n),
      pdg: new Int32Array(n),
      status: new Array<string>(n),
      px: new Float64Array(n),
      py: new Float64Array(n),
      pz: new Float64Array(n),
      e: new Float64Array(n),
      vx: new Float64Array(n),
      vy: new Float64Array(n),
      vz: new Float64Array(n),
      t: new Float64Array(n),
      weight: new Float64Array(n),
    };
  }

  /** append the events of `b`, numbering them from `firstEvent` */
  write(b: EventBatch, firstEvent: number): void {
    const rows = b.particleCount();
    this.ensure(rows);
    const c = this.cols;
    let r = 0;
    for (let i = 0; i < b.size; i++) {
      const ev = firstEvent + i;
      const n = b.nParticles[i];
      for (let k = 0; k < n; k++) {
        const g = i * MAX_SLOTS + k;
        c.event[r] = ev;
        c.index[r] = k;
        c.parent[r] = b.parent[g];
        c.pdg[r] = b.pdg[g];
        c.status[r] = STATUS_NAMES[b.status[g]];
        c.px[r] = b.px[g];
        c.py[r] = b.py[g];
        c.pz[r] = b.pz[g];
        c.e[r] = b.e[g];
        c.vx[r] = b.vx[g];
        c.vy[r] = b.vy[g];
        c.vz[r] = b.vz[g];
        c.t[r] = b.t[g];
        c.weight[r] = b.weight[i];
        r++;
      }
    }
    this.table.append(c, rows);
  }
}

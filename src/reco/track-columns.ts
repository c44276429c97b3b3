/**
 * The per-track ntuple of `kaonlab simulate --tracks FILE`: one row per reconstructed STRAW track
 * of the event model (src/core/track-list.ts), every event's tracks in slot order. Units GeV/c, mm,
 * ns; momenta in the lab frame; probabilities in [0, 1]. Undefined values are NaN.
 *
 *   event, track            the event (as in the events file) and the track's index in it
 *   selected                1 for the track the single-track columns describe
 *   q, px, py, pz, p        charge; measured momentum components and magnitude
 *   tx, ty                  measured slopes dx/dz, dy/dz
 *   x_straw1, y_straw1      measured position at STRAW1
 *   x_lkr, y_lkr            impact point on the LKr front plane (transport)
 *   x_muv3, y_muv3          impact point on the MUV3 plane (transport)
 *   t                       CHOD time (else NewCHOD), ns, aligned to the event (less the flight at c from GTK3)
 *   eff                     probability of a good-quality track
 *   e_lkr, eop              LKr energy of the track and E/p
 *   lkr_cluster             index of its LKr cluster in the event (−1 none)
 *   rich_radius, p_rich     RICH ring radius and momentum (π hypothesis)
 *   rich_pi, rich_mu, rich_e    RICH identification probabilities
 *   calo_pi, calo_mu, calo_e    calorimetric identification probabilities
 *   e_muv1, e_muv2          energy measured in MUV1 and MUV2 (GeV; 0 if the track does not reach them)
 *   muv3                    probability of an associated in-time MUV3 hit
 *   pdg_true, p_true        truth: |pdg| at STRAW1, spectrometer momentum before resolution
 */
import type { RecoBatch } from "../core/reco-batch.ts";
import { MAX_TRACKS, type TrackList } from "../core/track-list.ts";
import type { ColumnSpec, TableWriter } from "../io/table.ts";

type Getter = (tl: TrackList, k: number) => number;

interface TrackColumn {
  name: string;
  type: "DOUBLE" | "INT32";
  get: Getter;
}

const pz = (tl: TrackList, k: number) => {
  const tx = tl.tx[k];
  const ty = tl.ty[k];
  return tl.p[k] / Math.sqrt(1 + tx * tx + ty * ty);
};

/** the numeric columns after event, track, selected */
export function trackColumns(): TrackColumn[] {
  const D = (name: string, get: Getter): TrackColumn => ({ name, type: "DOUBLE", get });
  const I = (name: string, get: Getter): TrackColumn => ({ name, type: "INT32", get });
  return [
    I("q", (tl, k) => tl.q[k]),
    D("px", (tl, k) => pz(tl, k) * tl.tx[k]),
    D("py", (tl, k) => pz(tl, k) * tl.ty[k]),
    D("pz", pz),
    D("p", (tl, k) => tl.p[k]),
    D("tx", (tl, k) => tl.tx[k]),
    D("ty", (tl, k) => tl.ty[k]),
    D("x_straw1", (tl, k) => tl.x[k]),
    D("y_straw1", (tl, k) => tl.y[k]),
    D("x_lkr", (tl, k) => tl.xLkr[k]),
    D("y_lkr", (tl, k) => tl.yLkr[k]),
    D("x_muv3", (tl, k) => tl.xMuv3[k]),
    D("y_muv3", (tl, k) => tl.yMuv3[k]),
    D("t", (tl, k) => tl.t[k]),
    D("eff", (tl, k) => tl.eff[k]),
    D("e_lkr", (tl, k) => tl.eLkr[k]),
    D("eop", (tl, k) => tl.eLkr[k] / tl.p[k]),
    I("lkr_cluster", (tl, k) => tl.cluster[k]),
    D("rich_radius", (tl, k) => tl.richRadius[k]),
    D("p_rich", (tl, k) => tl.pRich[k]),
    D("rich_pi", (tl, k) => tl.richPi[k]),
    D("rich_mu", (tl, k) => tl.richMu[k]),
    D("rich_e", (tl, k) => tl.richE[k]),
    D("calo_pi", (tl, k) => tl.caloPi[k]),
    D("calo_mu", (tl, k) => tl.caloMu[k]),
    D("calo_e", (tl, k) => tl.caloE[k]),
    D("e_muv1", (tl, k) => tl.eMuv1[k]),
    D("e_muv2", (tl, k) => tl.eMuv2[k]),
    D("muv3", (tl, k) => tl.muv3[k]),
    I("pdg_true", (tl, k) => tl.pdg[k]),
    D("p_true", (tl, k) => tl.pTrue[k]),
  ];
}

/** the schema of the --tracks ntuple */
export function trackSchema(): ColumnSpec[] {
  return [
    { name: "event", type: "INT32" },
    { name: "track", type: "INT32" },
    { name: "selected", type: "BOOLEAN" },
    ...trackColumns().map((c) => ({ name: c.name, type: c.type })),
  ];
}

/** copies the tracks of each batch into column buffers and appends them to a table */
export class TrackRowWriter {
  private readonly cols = trackColumns();
  private cap = 0;
  private buf: Record<string, Float64Array | Int32Array> = {};
  private readonly rowTrack: Int32Array;

  constructor(
    private readonly table: TableWriter,
    batchCapacity: number,
  ) {
    this.rowTrack = new Int32Array(batchCapacity * MAX_TRACKS);
  }

  private ensure(n: number): void {
    if (n <= this.cap) return;
    this.cap = n;
    this.buf = { event: new Int32Array(n), track: new Int32Array(n), selected: new Int32Array(n) };
    for (const c of this.cols)
      this.buf[c.name] = c.type === "INT32" ? new Int32Array(n) : new Float64Array(n);
  }

  /** append the tracks of the first `size` events of r; `first` is the index of its first event */
  write(r: RecoBatch, size: number, first: number): void {
    const tl = r.tracks;
    let rows = 0;
    for (let i = 0; i < size; i++) rows += tl.count[i];
    if (rows === 0) return;
    this.ensure(rows);
    const ev = this.buf.event as Int32Array;
    const tr = this.buf.track as Int32Array;
    const sel = this.buf.selected as Int32Array;
    const at = this.rowTrack;
    let row = 0;
    for (let i = 0; i < size; i++) {
      const o = i * MAX_TRACKS;
      for (let j = 0; j < tl.count[i]; j++) {
        ev[row] = first + i;
        tr[row] = j;
        sel[row] = tl.selected[i] === j ? 1 : 0;
        at[row] = o + j;
        row++;
      }
    }
    for (const c of this.cols) {
      const a = this.buf[c.name];
      const get = c.get;
      for (let q = 0; q < rows; q++) a[q] = get(tl, at[q]);
    }
    this.table.append(this.buf as never, rows);
  }
}

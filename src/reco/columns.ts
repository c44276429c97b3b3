/**
 * The event-level ntuple of `kaonlab simulate`: one row per generated kaon decay. Columns (units GeV,
 * mm, rad, GeV²/c⁴; probabilities in [0, 1], 0/1 in the sample mode):
 *
 *   event, channel, source, weight            generator weight (normalised to kaon decays)
 *   z_vtx_true, p_track_true, track_pdg        truth: kaon decay z, track momentum, |pdg| at STRAW1
 *   n_tracks, track_charge, p_track, theta_track, tx_track, ty_track, x_straw1, y_straw1
 *   p_k, tx_k, ty_k, gtk_match                 associated GTK track (1 kaon, 0 pile-up, −1 none)
 *   z_vtx, cda, m2miss, m2miss_rich, m2miss_beam, m2miss_true
 *   rich_radius, p_rich, mass_rich, e_lkr, eop
 *   eff_track, ktag, pid_pi, pid_mu, pid_e, muv3_hit
 *   pv_survival, mult_survival, rv_survival, chanti_survival
 *   trig_pnn, trig_control, trig_mt, trig_emt, trig_mumt, trig_dimuon (and trig_h2, trig_q1, trig_dump_control)
 *   acc_straw, acc_rich, acc_chod, acc_newchod, acc_lkr, acc_muv1, acc_muv2, acc_muv3, acc_lav, acc_irc,
 *   acc_sac, acc_muv0, acc_hasc, acc_chanti     the selected track crosses the subsystem's active area
 *                                              (the beam detectors: ktag and gtk_match)
 *   intensity                                  instantaneous intensity of the event (fraction of nominal)
 *
 * With the per-track ntuple (`--tracks`, track-columns.ts) the events also get the fit of all their
 * tracks (reco/vertex-fit.ts; NaN with fewer than two):
 *   vtx_ntracks, vtx_x, vtx_y, vtx_z, vtx_chi2    tracks fitted, vertex (mm), χ² (2n − 3 dof)
 *   vtx_p, vtx_pt, vtx_mass                       total momentum, p_T to the nominal beam axis,
 *                                                 invariant mass with the π mass for every track
 */
import type { EventBatch } from "../core/batch.ts";
import { type RecoBatch, SOURCE_NAMES, Source } from "../core/reco-batch.ts";
import { channelNames } from "../decays/catalogue.ts";
import { type Geometry, inLkr } from "../detector/geometry.ts";
import { Hit, STRAW_ALL } from "../detector/transport-batch.ts";
import type { ColumnSpec, TableWriter } from "../io/table.ts";

const INTERACTION = "beam interaction in GTK3";

type Getter = (b: EventBatch, r: RecoBatch, i: number) => number;

interface NumericColumn {
  name: string;
  type: "DOUBLE" | "INT32" | "BOOLEAN";
  get: Getter;
}

const flag =
  (bit: number): Getter =>
  (_b, r, i) =>
    (r.trackMask[i] & bit) === bit ? 1 : 0;

/** the per-event vertex columns (after the others, with --tracks) */
function vertexColumns(): NumericColumn[] {
  const D = (name: string, get: Getter): NumericColumn => ({ name, type: "DOUBLE", get });
  return [
    { name: "vtx_ntracks", type: "INT32", get: (_b, r, i) => r.vtxNTracks[i] },
    D("vtx_x", (_b, r, i) => r.vtxX[i]),
    D("vtx_y", (_b, r, i) => r.vtxY[i]),
    D("vtx_z", (_b, r, i) => r.vtxZ[i]),
    D("vtx_chi2", (_b, r, i) => r.vtxChi2[i]),
    D("vtx_p", (_b, r, i) => r.vtxP[i]),
    D("vtx_pt", (_b, r, i) => r.vtxPt[i]),
    D("vtx_mass", (_b, r, i) => r.vtxMass[i]),
  ];
}

/** numeric columns in output order (after event, channel, source); `vertex`: the vtx_* columns too */
export function simulationColumns(geo: Geometry, vertex = false): NumericColumn[] {
  const cols = singleTrackColumns(geo);
  return vertex ? [...cols, ...vertexColumns()] : cols;
}

function singleTrackColumns(geo: Geometry): NumericColumn[] {
  const D = (name: string, get: Getter): NumericColumn => ({ name, type: "DOUBLE", get });
  const I = (name: string, get: Getter): NumericColumn => ({ name, type: "INT32", get });
  const B = (name: string, get: Getter): NumericColumn => ({ name, type: "BOOLEAN", get });
  return [
    D("weight", (b, _r, i) => b.weight[i]),
    D("z_vtx_true", (b, _r, i) => b.vtxZ[i]),
    D("p_track_true", (_b, r, i) => r.pTrackTrue[i]),
    I("track_pdg", (_b, r, i) => r.trackId[i]),
    I("n_tracks", (_b, r, i) => r.nTracks[i]),
    I("track_charge", (_b, r, i) => r.trackQ[i]),
    D("p_track", (_b, r, i) => r.pTrack[i]),
    D("theta_track", (_b, r, i) => r.thetaTrack[i]),
    D("tx_track", (_b, r, i) => r.txTrack[i]),
    D("ty_track", (_b, r, i) => r.tyTrack[i]),
    D("x_straw1", (_b, r, i) => r.xStraw1[i]),
    D("y_straw1", (_b, r, i) => r.yStraw1[i]),
    D("p_k", (_b, r, i) => r.pK[i]),
    D("tx_k", (_b, r, i) => r.txK[i]),
    D("ty_k", (_b, r, i) => r.tyK[i]),
    I("gtk_match", (_b, r, i) => r.gtkMatch[i]),
    D("z_vtx", (_b, r, i) => r.zVtx[i]),
    D("cda", (_b, r, i) => r.cda[i]),
    D("m2miss", (_b, r, i) => r.m2miss[i]),
    D("m2miss_rich", (_b, r, i) => r.m2missRich[i]),
    D("m2miss_beam", (_b, r, i) => r.m2missBeam[i]),
    D("m2miss_true", (_b, r, i) => r.m2missTrue[i]),
    D("rich_radius", (_b, r, i) => r.richRadius[i]),
    D("p_rich", (_b, r, i) => r.pRich[i]),
    D("mass_rich", (_b, r, i) => r.massRich[i]),
    D("e_lkr", (_b, r, i) => r.eLkrTrack[i]),
    D("eop", (_b, r, i) => r.eLkrTrack[i] / r.pTrack[i]),
    D("lkr_cluster_x", (_b, r, i) => r.xLkrCluster[i]),
    D("lkr_cluster_y", (_b, r, i) => r.yLkrCluster[i]),
    D("lkr_cluster_t", (_b, r, i) => r.tLkrCluster[i]),
    D("eff_track", (_b, r, i) => r.effTrack[i]),
    D("ktag", (_b, r, i) => r.ktag[i]),
    D("pid_pi", (_b, r, i) => r.pidPi[i]),
    D("pid_mu", (_b, r, i) => r.pidMu[i]),
    D("pid_e", (_b, r, i) => r.pidE[i]),
    D("muv3_hit", (_b, r, i) => r.muv3Hit[i]),
    D("pv_survival", (_b, r, i) => r.pv[i]),
    D("mult_survival", (_b, r, i) => r.mult[i]),
    D("rv_survival", (_b, r, i) => r.rv[i]),
    D("chanti_survival", (_b, r, i) => r.chanti[i]),
    D("trig_pnn", (_b, r, i) => r.trigPnn[i]),
    D("trig_control", (_b, r, i) => r.trigControl[i]),
    D("trig_mt", (_b, r, i) => r.trigMt[i]),
    D("trig_emt", (_b, r, i) => r.trigEmt[i]),
    D("trig_mumt", (_b, r, i) => r.trigMumt[i]),
    D("trig_dimuon", (_b, r, i) => r.trigDimuon[i]),
    D("trig_h2", (_b, r, i) => r.trigH2[i]),
    D("trig_q1", (_b, r, i) => r.trigQ1[i]),
    D("trig_dump_control", (_b, r, i) => r.trigDumpControl[i]),
    B("acc_straw", flag(STRAW_ALL)),
    B("acc_rich", flag(Hit.RICH)),
    B("acc_chod", flag(Hit.CHOD)),
    B("acc_newchod", flag(Hit.NEWCHOD)),
    B("acc_lkr", (_b, r, i) => (r.trackMask[i] & Hit.LKR && inLkr(geo, r.xLkr[i], r.yLkr[i]) ? 1 : 0)),
    B("acc_muv1", flag(Hit.MUV1)),
    B("acc_muv2", flag(Hit.MUV2)),
    B("acc_muv3", flag(Hit.MUV3)),
    B("acc_lav", flag(Hit.IN_LAV)),
    B("acc_irc", flag(Hit.IRC)),
    B("acc_sac", flag(Hit.SAC)),
    B("acc_muv0", flag(Hit.MUV0)),
    B("acc_hasc", flag(Hit.HASC)),
    B("acc_chanti", flag(Hit.CHANTI)),
    D("intensity", (_b, r, i) => r.intensity[i]),
  ];
}

/** the schema of the simulate ntuple */
export function simulationSchema(geo: Geometry, vertex = false): ColumnSpec[] {
  return [
    { name: "event", type: "INT32" },
    { name: "channel", type: "STRING" },
    { name: "source", type: "STRING" },
    ...simulationColumns(geo, vertex).map((c) => ({ name: c.name, type: c.type })),
  ];
}

/** copies RecoBatch rows into column buffers and appends them to a table */
export class SimulationRowWriter {
  private readonly cols: NumericColumn[];
  private readonly names: string[];
  private cap = 0;
  private buf: Record<string, Float64Array | Int32Array | Uint8Array | string[]> = {};

  constructor(
    private readonly table: TableWriter,
    geo: Geometry,
    vertex = false,
  ) {
    this.cols = simulationColumns(geo, vertex);
    this.names = channelNames();
  }

  private ensure(n: number): void {
    if (n <= this.cap) return;
    this.cap = n;
    this.buf = { event: new Int32Array(n), channel: new Array<string>(n), source: new Array<string>(n) };
    for (const c of this.cols)
      this.buf[c.name] =
        c.type === "INT32"
          ? new Int32Array(n)
          : c.type === "BOOLEAN"
            ? new Uint8Array(n)
            : new Float64Array(n);
  }

  /** append the rows of a batch; `first` is the index of its first event */
  write(b: EventBatch, r: RecoBatch, first: number): void {
    const n = b.size;
    this.ensure(n);
    const ev = this.buf.event as Int32Array;
    const chn = this.buf.channel as string[];
    const src = this.buf.source as string[];
    for (let i = 0; i < n; i++) {
      ev[i] = first + i;
      chn[i] = r.source[i] >= Source.UPSTREAM_INTERACTION ? INTERACTION : this.names[b.channel[i]];
      src[i] = SOURCE_NAMES[r.source[i]];
    }
    for (const c of this.cols) {
      const a = this.buf[c.name] as Float64Array | Int32Array | Uint8Array;
      const get = c.get;
      for (let i = 0; i < n; i++) a[i] = get(b, r, i);
    }
    this.table.append(this.buf as never, n);
  }
}

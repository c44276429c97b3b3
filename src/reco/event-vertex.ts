/**
 * The vertex of all an event's tracks (the vtx_* columns of RecoBatch): the VertexFit of every track of
 * event i, the invariant mass under one mass hypothesis for all of them, the total momentum and its
 * transverse part to the nominal beam direction. Events with fewer than two tracks, or whose fit fails,
 * keep NaN in every vtx_* column but vtxNTracks.
 */
import type { RecoBatch } from "../core/reco-batch.ts";
import { MAX_TRACKS } from "../core/track-list.ts";
import { V, VertexFit } from "./vertex-fit.ts";

export class EventVertex {
  readonly fit: VertexFit;
  private readonly idx = new Int32Array(MAX_TRACKS);
  private readonly masses: Float64Array;

  constructor(
    zStraw1: number,
    massHypothesis: number,
    private readonly beamSlopeX: number,
    private readonly beamSlopeY: number,
  ) {
    this.fit = new VertexFit(zStraw1);
    this.masses = new Float64Array(MAX_TRACKS).fill(massHypothesis);
  }

  /** writes the vtx_* columns of event i of r */
  fill(r: RecoBatch, i: number): void {
    const tl = r.tracks;
    const n = tl.count[i];
    const nan = Number.NaN;
    r.vtxNTracks[i] = n;
    r.vtxX[i] = nan;
    r.vtxY[i] = nan;
    r.vtxZ[i] = nan;
    r.vtxChi2[i] = nan;
    r.vtxP[i] = nan;
    r.vtxPt[i] = nan;
    r.vtxMass[i] = nan;
    if (n < 2) return;
    const idx = this.idx;
    const o = tl.offset(i);
    for (let j = 0; j < n; j++) idx[j] = o + j;
    const f = this.fit;
    if (!f.fit(tl, idx, n)) return;
    f.kinematics(tl, idx, n, this.masses);
    const out = f.out;
    r.vtxX[i] = out[V.x];
    r.vtxY[i] = out[V.y];
    r.vtxZ[i] = out[V.z];
    r.vtxChi2[i] = out[V.chi2];
    r.vtxP[i] = out[V.p];
    r.vtxPt[i] = f.pt(this.beamSlopeX, this.beamSlopeY);
    r.vtxMass[i] = out[V.mass];
  }
}

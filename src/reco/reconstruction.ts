/**
 * Reconstruction of one batch after the detector and the trigger:
 *  - kaon–track association: among the GTK candidates (the kaon and the beam pile-up tracks), the
 *    one minimising χ² = (Δt/σΔt)² + (CDA/σCDA)² with the downstream track, accepted below the card's
 *    cut; a pile-up track that wins gives the wrong kaon;
 *  - vertex: the midpoint of closest approach between the kaon and the track lines, and the CDA;
 *  - multi-track vertex: the fit of all the event's STRAW tracks (vertex-fit.ts) into the vtx_*
 *    columns (position, χ², total momentum, p_T to the nominal beam axis, mass with pions);
 *  - m²miss with the GTK kaon and the STRAW momentum (π⁺ hypothesis), with the RICH momentum, with
 *    the nominal beam; and m2missTrue from the true kaon and the true track (before resolution);
 *  - PID: pid_π = P(RICH says π) × P(calorimeters say π), likewise μ and e;
 *  - in the sample mode, every probability column becomes a 0/1 draw (RICH and calorimeter
 *    categories are drawn jointly so that pid_π, pid_μ, pid_e stay exclusive).
 */
import { type EventBatch, MAX_SLOTS } from "../core/batch.ts";
import { GTK_FIELDS, MAX_GTK_CANDIDATES, type RecoBatch } from "../core/reco-batch.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";
import type { PeriodCard } from "../detector/card.ts";
import type { Geometry } from "../detector/geometry.ts";
import type { TransportBatch } from "../detector/transport-batch.ts";
import { EventVertex } from "./event-vertex.ts";
import { angleBetween, missingMass2 } from "./missing-mass.ts";
import { closestApproach } from "./vertex.ts";

export type SimulationMode = "weighted" | "sample";

function draw(rng: Xoshiro128, p: number): number {
  return rng.uniform() < p ? 1 : 0;
}

export class Reconstruction {
  private readonly card: PeriodCard;
  private readonly zGTK3: number;
  private readonly zS1: number;
  private readonly mK: number;
  private readonly mPi: number;
  private readonly out = new Float64Array(4);
  readonly mode: SimulationMode;
  /** the vertex of all the event's tracks (vtx_* columns), π hypothesis for the mass */
  private readonly eventVertex: EventVertex;

  constructor(card: PeriodCard, geo: Geometry, mode: SimulationMode = "weighted") {
    this.card = card;
    this.zGTK3 = geo.gtk.z[2];
    this.zS1 = geo.straw.z[0];
    this.mK = card.reco.kaonMass;
    this.mPi = card.reco.pionMass;
    this.mode = mode;
    this.eventVertex = new EventVertex(this.zS1, this.mPi, card.beam.nominalSlopeX, card.beam.nominalSlopeY);
  }

  process(
    b: EventBatch,
    tb: TransportBatch,
    r: RecoBatch,
    start: number,
    end: number,
    rng: Xoshiro128,
  ): void {
    const c = this.card;
    const sCda = c.gtk.matchSigmaCDA;
    const sG = c.gtk.sigmaT * Math.sqrt(3 / c.gtk.stations);
    const maxChi2 = c.gtk.matchMaxChi2;
    const out = this.out;
    const mK = this.mK;
    const mPi = this.mPi;
    const zG = this.zGTK3;
    const zS1 = this.zS1;
    const nan = Number.NaN;
    // the values of an event without a track, in bulk; the loop overwrites them where it can
    r.gtkMatch.fill(-1, start, end);
    r.pK.fill(nan, start, end);
    r.txK.fill(nan, start, end);
    r.tyK.fill(nan, start, end);
    r.xK.fill(nan, start, end);
    r.yK.fill(nan, start, end);
    r.zVtx.fill(nan, start, end);
    r.xVtx.fill(nan, start, end);
    r.yVtx.fill(nan, start, end);
    r.cda.fill(nan, start, end);
    r.thetaTrack.fill(nan, start, end);
    r.m2miss.fill(nan, start, end);
    r.m2missRich.fill(nan, start, end);
    r.m2missBeam.fill(nan, start, end);
    r.m2missTrue.fill(nan, start, end);
    r.pidPi.fill(0, start, end);
    r.pidMu.fill(0, start, end);
    r.pidE.fill(0, start, end);
    r.vtxNTracks.fill(0, start, end);
    r.vtxX.fill(nan, start, end);
    r.vtxY.fill(nan, start, end);
    r.vtxZ.fill(nan, start, end);
    r.vtxChi2.fill(nan, start, end);
    r.vtxP.fill(nan, start, end);
    r.vtxPt.fill(nan, start, end);
    r.vtxMass.fill(nan, start, end);
    const sampling = this.mode === "sample";
    const trackSlot = r.trackSlot;
    for (let i = start; i < end; i++) {
      const sel = trackSlot[i];
      if (sel < 0) {
        if (sampling) this.sample(r, i, rng);
        continue;
      }
      this.eventVertex.fill(r, i);
      const g0 = i * MAX_SLOTS;
      // true kaon direction (for m2missTrue and when no candidate is associated)
      const kpz = b.pz[g0];
      const ktx = b.px[g0] / kpz;
      const kty = b.py[g0] / kpz;
      const kp = Math.sqrt(b.px[g0] * b.px[g0] + b.py[g0] * b.py[g0] + kpz * kpz);
      const p = r.pTrack[i];
      const tx = r.txTrack[i];
      const ty = r.tyTrack[i];
      const x1 = r.xStraw1[i];
      const y1 = r.yStraw1[i];
      const gs = g0 + sel;
      r.m2missTrue[i] = missingMass2(kp, ktx, kty, mK, tb.pSpec[gs], tb.tx[gs], tb.ty[gs], mPi);
      r.m2missBeam[i] = missingMass2(
        c.beam.momentum,
        c.beam.nominalSlopeX,
        c.beam.nominalSlopeY,
        mK,
        p,
        tx,
        ty,
        mPi,
      );
      // association
      const nc = r.nGtk[i];
      const sT2 = sG * sG + r.sigmaTRef[i] * r.sigmaTRef[i];
      let best = -1;
      let bestChi2 = maxChi2;
      let bestCda = 0;
      let bx = 0;
      let by = 0;
      let bz = 0;
      const kc = r.gtkCand;
      for (let j = 0; j < nc; j++) {
        const o = (i * MAX_GTK_CANDIDATES + j) * GTK_FIELDS;
        closestApproach(kc[o + 3], kc[o + 4], zG, kc[o + 1], kc[o + 2], x1, y1, zS1, tx, ty, out);
        const dt = kc[o + 5] - r.tRef[i];
        const chi2 = (dt * dt) / sT2 + (out[0] * out[0]) / (sCda * sCda);
        if (chi2 < bestChi2) {
          bestChi2 = chi2;
          best = j;
          bestCda = out[0];
          bx = out[1];
          by = out[2];
          bz = out[3];
        }
      }
      let pk = c.beam.momentum;
      let tkx = c.beam.nominalSlopeX;
      let tky = c.beam.nominalSlopeY;
      if (best >= 0) {
        const o = (i * MAX_GTK_CANDIDATES + best) * GTK_FIELDS;
        pk = kc[o];
        tkx = kc[o + 1];
        tky = kc[o + 2];
        r.gtkMatch[i] = kc[o + 6] > 0 ? 1 : 0;
        r.pK[i] = pk;
        r.txK[i] = tkx;
        r.tyK[i] = tky;
        r.xK[i] = kc[o + 3];
        r.yK[i] = kc[o + 4];
        r.cda[i] = bestCda;
        r.xVtx[i] = bx;
        r.yVtx[i] = by;
        r.zVtx[i] = bz;
        r.m2miss[i] = missingMass2(pk, tkx, tky, mK, p, tx, ty, mPi);
        const pr = r.pRichPi[i];
        if (pr > 0) r.m2missRich[i] = missingMass2(pk, tkx, tky, mK, pr, tx, ty, mPi);
        r.thetaTrack[i] = angleBetween(tkx, tky, tx, ty);
      } else {
        // no associated kaon: vertex and angle with the nominal beam line through the GTK3 centre
        closestApproach(0, 0, zG, tkx, tky, x1, y1, zS1, tx, ty, out);
        r.cda[i] = out[0];
        r.xVtx[i] = out[1];
        r.yVtx[i] = out[2];
        r.zVtx[i] = out[3];
        const pr = r.pRichPi[i];
        if (pr > 0) r.m2missRich[i] = missingMass2(pk, tkx, tky, mK, pr, tx, ty, mPi);
        r.thetaTrack[i] = angleBetween(tkx, tky, tx, ty);
      }
      r.pidPi[i] = r.richPi[i] * r.caloPi[i];
      r.pidMu[i] = r.richMu[i] * r.caloMu[i];
      r.pidE[i] = r.richE[i] * r.caloE[i];
      this.sample(r, i, rng);
    }
  }

  /** sample mode: replace every probability of event i by a 0/1 draw */
  private sample(r: RecoBatch, i: number, rng: Xoshiro128): void {
    if (this.mode !== "sample") return;
    const d = (p: number) => draw(rng, p);
    r.effTrack[i] = d(r.effTrack[i]);
    r.ktag[i] = d(r.ktag[i]);
    r.pv[i] = d(r.pv[i]);
    r.mult[i] = d(r.mult[i]);
    r.rv[i] = d(r.rv[i]);
    r.chanti[i] = d(r.chanti[i]);
    r.muv3Hit[i] = d(r.muv3Hit[i]);
    // PID: one RICH category and one calorimeter category
    const u = rng.uniform();
    const rich =
      u < r.richPi[i]
        ? 0
        : u < r.richPi[i] + r.richMu[i]
          ? 1
          : u < r.richPi[i] + r.richMu[i] + r.richE[i]
            ? 2
            : 3;
    const v = rng.uniform();
    const calo =
      v < r.caloPi[i]
        ? 0
        : v < r.caloPi[i] + r.caloMu[i]
          ? 1
          : v < r.caloPi[i] + r.caloMu[i] + r.caloE[i]
            ? 2
            : 3;
    r.pidPi[i] = rich === 0 && calo === 0 ? 1 : 0;
    r.pidMu[i] = rich === 1 && calo === 1 ? 1 : 0;
    r.pidE[i] = rich === 2 && calo === 2 ? 1 : 0;
    r.trigPnn[i] = d(r.trigPnn[i]);
    r.trigControl[i] = d(r.trigControl[i]);
    r.trigMt[i] = d(r.trigMt[i]);
    r.trigEmt[i] = d(r.trigEmt[i]);
    r.trigMumt[i] = d(r.trigMumt[i]);
    r.trigDimuon[i] = d(r.trigDimuon[i]);
    r.trigH2[i] = d(r.trigH2[i]);
    r.trigQ1[i] = d(r.trigQ1[i]);
    r.trigDumpControl[i] = d(r.trigDumpControl[i]);
  }
}

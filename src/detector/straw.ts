/**
 * STRAW spectrometer: four chambers around the MNP33 magnet. Selects the downstream track (the first
 * positive track crossing all four chambers inside their acceptance; a negative one if there is no
 * positive one), counts the tracks, and measures the selected track:
 *   momentum  σp/p = 0.30% ⊕ 0.005%·p (p in GeV/c; [NA62-EQCD2024-talk]),
 *   direction σθ = θ_MS(one chamber, Highland) ⊕ √2·σx/√n_hits / (z₂ − z₁) per projection,
 *   position  σx/√n_hits at STRAW1.
 * A decay in flight inside the spectrometer whose kink exceeds the fit tolerance loses the track.
 * Beyond the Gaussian core, single (large-angle) Coulomb scattering in the chambers
 * (single-scattering.ts, a 1/θ³ tail per chamber of x/X₀) changes the measurement of the selected
 * track: a scattering in chamber 1 turns the direction measured by the fit (the line pivots at the
 * STRAW1 hit: vertex, CDA and every m²miss follow); one in chamber 2 or 3 changes the slope
 * downstream of it, hence the bend in x and the momentum, 1/p → 1/p − Δθx/p_T(MNP33), and a kink
 * above the fit tolerance loses the track; chamber 4 measures nothing after it.
 * Optionally (card straw.hadronicElasticProb > 0), a π± also scatters elastically on a nucleus of
 * chambers 1–3 with p_T² ~ exp(−b·p_T²) (b = hadronicElasticSlope): angles of ~0.15 GeV/c / p,
 * beyond the Coulomb tail's nuclear cut-off, handled like a Coulomb scattering in the same chamber.
 * Extra charged particles crossing ≥ 2 chambers are seen by the multi-track veto (mult column).
 * Every track crossing the four chambers is measured the same way into the event's TrackList
 * (src/core/track-list.ts): the selected one first, with the draws it always had, the others from
 * the event-model stream (DetectorContext.tracks); the single-track columns are copied from it.
 */
import { MAX_SLOTS } from "../core/batch.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";
import { MAX_TRACKS, type TrackList } from "../core/track-list.ts";
import type { Biasing } from "./biasing.ts";
import type { PeriodCard } from "./card.ts";
import { type Geometry, singleScatteringParams } from "./geometry.ts";
import { chargedMiss } from "./multiplicity.ts";
import type { NormalStream } from "./normal-stream.ts";
import { highland } from "./response-math.ts";
import { SingleScattering } from "./single-scattering.ts";
import {
  type DetectorContext,
  PlaneKind,
  type SectionReader,
  type Subsystem,
  type SubsystemSpec,
  trackStream,
} from "./subsystem.ts";
import { Hit, STRAW_ALL } from "./transport-batch.ts";

function readStraw(r: SectionReader) {
  return {
    sigmaPConst: r.num("sigmaPConst", 0),
    sigmaPLin: r.num("sigmaPLin", 0),
    sigmaX: r.num("sigmaX", 0),
    hitsPerChamber: r.num("hitsPerChamber", 1),
    efficiency: r.prob("efficiency"),
    kinkMaxAngle: r.num("kinkMaxAngle", 0),
    extraTrackEfficiency: r.prob("extraTrackEfficiency"),
    hadronicElasticProb: r.prob("hadronicElasticProb"),
    hadronicElasticSlope: r.num("hadronicElasticSlope", 0),
  };
}

/** STRAW: four chamber planes (bits STRAW1–STRAW4), charged particles only */
export const STRAW: SubsystemSpec<"straw", ReturnType<typeof readStraw>> = {
  name: "STRAW",
  section: "straw",
  card: readStraw,
  planes: (g) =>
    g.straw.z.map((z, i) => ({
      z,
      kind: PlaneKind.CHAMBER,
      bit: Hit.STRAW1 << i,
      charged: true,
      photon: false,
      index: i,
    })),
  veto: true,
  create: (card, geo, bias) => new Straw(card, geo, bias),
};

/** number of set bits among the four STRAW chamber bits */
function chambers(mask: number): number {
  return (mask & 1) + ((mask >> 1) & 1) + ((mask >> 2) & 1) + ((mask >> 3) & 1);
}

export class Straw implements Subsystem {
  readonly name = "STRAW";
  private readonly c: PeriodCard["straw"];
  /** probability that the segment / multi-track veto misses an extra charged particle */
  private readonly extraMiss: number;
  private readonly x0: number;
  private readonly mPi: number;
  /** direction resolution from the hit resolution alone (rad) */
  readonly thetaRes: number;
  /** position resolution at STRAW1 (mm) */
  readonly posRes: number;
  /** single-scattering tail of one chamber */
  readonly tail: SingleScattering;
  /** MNP33 transverse-momentum kick (GeV/c) */
  private readonly kick: number;

  /** fraction of tail angles drawn from the natural density (biasing.ts) */
  private readonly tailMix: number;

  /** factor on the elastic-scattering probability of the selected track (biasing.ts) */
  private readonly elasticBias: number;

  constructor(card: PeriodCard, geo: Geometry, bias?: Biasing) {
    this.tailMix = bias?.tailMix ?? 1;
    this.elasticBias = bias?.elastic ?? 1;
    const pe = 3 * card.straw.hadronicElasticProb * this.elasticBias;
    if (pe >= 1)
      throw new RangeError(
        `biasing.elastic: 3 × straw.hadronicElasticProb × factor must stay below 1, got ${pe} (factor ${this.elasticBias})`,
      );
    const chamberX0 = geo.material.strawChamberX0;
    const z1 = geo.straw.z[0];
    const z2 = geo.straw.z[1];
    this.c = card.straw;
    this.extraMiss = chargedMiss(card.straw.extraTrackEfficiency, card.multiplicity.chargedIneffScale);
    this.x0 = chamberX0;
    this.tail = new SingleScattering(chamberX0, singleScatteringParams(geo));
    this.kick = geo.mnp33.ptKick;
    this.mPi = card.reco.pionMass;
    this.posRes = card.straw.sigmaX / Math.sqrt(card.straw.hitsPerChamber);
    this.thetaRes = (Math.SQRT2 * this.posRes) / (z2 - z1);
  }

  /** momentum resolution σp/p at p (GeV/c) */
  sigmaP(p: number): number {
    const a = this.c.sigmaPConst;
    const b = this.c.sigmaPLin * p;
    return Math.sqrt(a * a + b * b);
  }

  /** direction resolution per projection at p (GeV/c), pion hypothesis for β */
  sigmaTheta(p: number): number {
    const beta = p / Math.sqrt(p * p + this.mPi * this.mPi);
    const ms = highland(p, beta, this.x0);
    return Math.sqrt(ms * ms + this.thetaRes * this.thetaRes);
  }

  /**
   * Measure track k (absolute TrackList index) of slot g of event i: the single-scattering tail
   * (one uniform decides whether and in which of chambers 1–3 it happens, one more its azimuth),
   * then the Gaussian momentum, slopes and position at STRAW1, in that order. `biased`: the
   * selected track, whose tail angle follows the biasing of the run (weight into the event);
   * the other tracks draw it from the natural density.
   */
  private measure(
    ctx: DetectorContext,
    tl: TrackList,
    k: number,
    i: number,
    g: number,
    rng: Xoshiro128,
    gauss: NormalStream,
    biased: boolean,
  ): void {
    const { b, tb } = ctx;
    const tail = this.tail;
    const c = this.c;
    const p = tb.pSpec[g];
    tl.slot[k] = g - i * MAX_SLOTS;
    tl.pdg[k] = tb.strawId[g];
    tl.mask[k] = tb.mask[g];
    tl.q[k] = tb.charge[g];
    tl.pTrue[k] = p;
    let pm = p;
    let dtx = 0;
    let dty = 0;
    let lost = tb.kink[g] > c.kinkMaxAngle;
    const ps = tail.probability(p);
    const u = rng.uniform();
    if (u < 3 * ps) {
      const j = Math.floor(u / ps);
      const mix = biased ? this.tailMix : 1;
      const th = tail.biasedAngle(p, u / ps - j, mix);
      if (mix < 1) b.weight[i] *= tail.weight;
      const phi = 2 * Math.PI * rng.uniform();
      const ax = th * Math.cos(phi);
      if (j === 0) {
        dtx = ax;
        dty = th * Math.sin(phi);
      } else {
        const d = 1 - (p * ax) / this.kick;
        if (d > 0) pm = p / d;
        if (th > c.kinkMaxAngle || d <= 0) lost = true;
      }
    }
    // π± coherent elastic nuclear scattering in chambers 1–3 (off when its probability is 0: no
    // draw, the same random numbers as without it): p_T² ~ exp(−b p_T²), handled as the Coulomb tail
    const ph = c.hadronicElasticProb;
    if (ph > 0 && tl.pdg[k] === 211) {
      const f = biased ? this.elasticBias : 1;
      const pf = ph * f;
      const v = rng.uniform();
      if (f !== 1) b.weight[i] *= v < 3 * pf ? 1 / f : (1 - 3 * ph) / (1 - 3 * pf);
      if (v < 3 * pf) {
        const j = Math.floor(v / pf);
        const th = Math.sqrt(-Math.log(rng.uniform()) / c.hadronicElasticSlope) / p;
        const phi = 2 * Math.PI * rng.uniform();
        const ax = th * Math.cos(phi);
        if (j === 0) {
          dtx += ax;
          dty += th * Math.sin(phi);
        } else {
          const d = 1 - (pm * ax) / this.kick;
          if (d > 0) pm = pm / d;
          if (th > c.kinkMaxAngle || d <= 0) lost = true;
        }
      }
    }
    tl.p[k] = pm * (1 + this.sigmaP(pm) * gauss.next());
    const st = this.sigmaTheta(p);
    tl.tx[k] = tb.tx[g] + dtx + st * gauss.next();
    tl.ty[k] = tb.ty[g] + dty + st * gauss.next();
    tl.x[k] = tb.x1[g] + this.posRes * gauss.next();
    tl.y[k] = tb.y1[g] + this.posRes * gauss.next();
    tl.sigmaPos[k] = this.posRes;
    tl.sigmaSlope[k] = st;
    tl.eff[k] = lost ? 0 : c.efficiency;
    // the impact points downstream (transport); a particle that reaches the MUV3 plane crossed the
    // LKr plane (no LAV between them stops it)
    const reached = !Number.isNaN(tb.xM3[g]);
    tl.xLkr[k] = reached ? tb.xL[g] : Number.NaN;
    tl.yLkr[k] = reached ? tb.yL[g] : Number.NaN;
    tl.xMuv3[k] = tb.xM3[g];
    tl.yMuv3[k] = tb.yM3[g];
    // filled by the LKr for the tracks that reach it, by the CHOD/NewCHOD if the period has them
    // (the RICH, MUV1/2 and MUV3 modules, always present, fill every track)
    tl.cluster[k] = -1;
    tl.eLkr[k] = 0;
    tl.t[k] = Number.NaN;
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const { b, tb, r, rng, gauss } = ctx;
    const extra = trackStream(ctx);
    const tl = r.tracks;
    // the values of an event without a selected track, in bulk (most events have none); the loop
    // below overwrites them for the events with one
    const nan = Number.NaN;
    r.nTracks.fill(0, start, end);
    r.trackSlot.fill(-1, start, end);
    r.trackId.fill(0, start, end);
    r.trackMask.fill(0, start, end);
    r.trackQ.fill(0, start, end);
    r.pTrackTrue.fill(nan, start, end);
    r.pTrack.fill(nan, start, end);
    r.txTrack.fill(nan, start, end);
    r.tyTrack.fill(nan, start, end);
    r.xStraw1.fill(nan, start, end);
    r.yStraw1.fill(nan, start, end);
    r.effTrack.fill(0, start, end);
    tl.clear(start, end);
    const eventMask = tb.eventMask;
    for (let i = start; i < end; i++) {
      const anyStraw = (eventMask[i] & STRAW_ALL) !== 0;
      if (!anyStraw) continue; // no particle in any chamber: no track, no multiplicity veto
      const base = i * MAX_SLOTS;
      const o = i * MAX_TRACKS;
      const n = b.nParticles[i];
      let sel = -1;
      let selNeg = -1;
      let nt = 0;
      let jSel = -1;
      let jNeg = -1;
      for (let k = 1; anyStraw && k < n; k++) {
        const m = tb.mask[base + k];
        if (!(m & Hit.TRACK) || (m & STRAW_ALL) !== STRAW_ALL) continue;
        if (nt < MAX_TRACKS) tl.slot[o + nt] = k;
        if (tb.charge[base + k] > 0) {
          if (sel < 0) {
            sel = k;
            jSel = nt;
          }
        } else if (selNeg < 0) {
          selNeg = k;
          jNeg = nt;
        }
        nt++;
      }
      if (sel < 0) {
        sel = selNeg;
        jSel = jNeg;
      }
      r.nTracks[i] = nt;
      r.trackSlot[i] = sel;
      const kept = Math.min(nt, MAX_TRACKS);
      tl.found[i] = nt;
      tl.count[i] = kept;
      // extra charged particles: multi-track / segment veto
      for (let k = 1; anyStraw && k < n; k++) {
        if (k === sel) continue;
        const m = tb.mask[base + k];
        if (m & Hit.TRACK && chambers(m) >= 2) r.mult[i] *= this.extraMiss;
      }
      if (sel < 0) continue; // the values filled above
      // the selected track first, with the draws of the detector stream (as before the event
      // model); it is kept even beyond MAX_TRACKS (the last entry then holds it)
      if (jSel >= MAX_TRACKS) jSel = MAX_TRACKS - 1;
      tl.selected[i] = jSel;
      const ks = o + jSel;
      this.measure(ctx, tl, ks, i, base + sel, rng, gauss, true);
      r.trackId[i] = tl.pdg[ks];
      r.trackMask[i] = tl.mask[ks];
      r.trackQ[i] = tl.q[ks];
      r.pTrackTrue[i] = tl.pTrue[ks];
      r.pTrack[i] = tl.p[ks];
      r.txTrack[i] = tl.tx[ks];
      r.tyTrack[i] = tl.ty[ks];
      r.xStraw1[i] = tl.x[ks];
      r.yStraw1[i] = tl.y[ks];
      r.effTrack[i] = tl.eff[ks];
      // the other tracks, from the event-model stream
      for (let j = 0; j < kept; j++) {
        if (j === jSel) continue;
        this.measure(ctx, tl, o + j, i, base + tl.slot[o + j], extra.rng, extra, false);
      }
    }
  }
}

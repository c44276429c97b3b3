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
 * Extra charged particles crossing ≥ 2 chambers are seen by the multi-track veto (mult column).
 */
import { MAX_SLOTS } from "../core/batch.ts";
import type { Biasing } from "./biasing.ts";
import type { PeriodCard } from "./card.ts";
import { type Geometry, singleScatteringParams } from "./geometry.ts";
import { chargedMiss } from "./multiplicity.ts";
import { highland } from "./response-math.ts";
import { SingleScattering } from "./single-scattering.ts";
import type { DetectorContext, Subsystem } from "./subsystem.ts";
import { Hit, STRAW_ALL } from "./transport-batch.ts";

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

  constructor(card: PeriodCard, geo: Geometry, bias?: Biasing) {
    this.tailMix = bias?.tailMix ?? 1;
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

  process(ctx: DetectorContext, start: number, end: number): void {
    const { b, tb, r, rng, gauss } = ctx;
    const tail = this.tail;
    const c = this.c;
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
    const eventMask = tb.eventMask;
    for (let i = start; i < end; i++) {
      const anyStraw = (eventMask[i] & STRAW_ALL) !== 0;
      if (!anyStraw) continue; // no particle in any chamber: no track, no multiplicity veto
      const base = i * MAX_SLOTS;
      const n = b.nParticles[i];
      let sel = -1;
      let selNeg = -1;
      let nt = 0;
      for (let k = 1; anyStraw && k < n; k++) {
        const m = tb.mask[base + k];
        if (!(m & Hit.TRACK) || (m & STRAW_ALL) !== STRAW_ALL) continue;
        nt++;
        if (tb.charge[base + k] > 0) {
          if (sel < 0) sel = k;
        } else if (selNeg < 0) selNeg = k;
      }
      if (sel < 0) sel = selNeg;
      r.nTracks[i] = nt;
      r.trackSlot[i] = sel;
      // extra charged particles: multi-track / segment veto
      for (let k = 1; anyStraw && k < n; k++) {
        if (k === sel) continue;
        const m = tb.mask[base + k];
        if (m & Hit.TRACK && chambers(m) >= 2) r.mult[i] *= this.extraMiss;
      }
      if (sel < 0) continue; // the values filled above
      const g = base + sel;
      const p = tb.pSpec[g];
      r.trackId[i] = tb.strawId[g];
      r.trackMask[i] = tb.mask[g];
      r.trackQ[i] = tb.charge[g];
      r.pTrackTrue[i] = p;
      // single-scattering tail: one draw decides whether (and in which of chambers 1–3) it happens
      let pm = p;
      let dtx = 0;
      let dty = 0;
      let lost = tb.kink[g] > c.kinkMaxAngle;
      const ps = tail.probability(p);
      const u = rng.uniform();
      if (u < 3 * ps) {
        const j = Math.floor(u / ps);
        const th = tail.biasedAngle(p, u / ps - j, this.tailMix);
        if (this.tailMix < 1) b.weight[i] *= tail.weight;
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
      r.pTrack[i] = pm * (1 + this.sigmaP(pm) * gauss.next());
      const st = this.sigmaTheta(p);
      r.txTrack[i] = tb.tx[g] + dtx + st * gauss.next();
      r.tyTrack[i] = tb.ty[g] + dty + st * gauss.next();
      r.xStraw1[i] = tb.x1[g] + this.posRes * gauss.next();
      r.yStraw1[i] = tb.y1[g] + this.posRes * gauss.next();
      r.effTrack[i] = lost ? 0 : c.efficiency;
    }
  }
}

/**
 * L0 hardware primitives (RICH, CHOD/NewCHOD, LKr, MUV3, LAV; [NA62-EQCD2024-talk], [NA62-JINST-2017]). Each function
 * returns a probability for one event of a RecoBatch. The PNN primitives are evaluated for an event
 * that passes the offline single-track selection (no photon or extra charged particle seen, track
 * identified as a pion), because the analysis multiplies trig_pnn by those survival probabilities:
 * L0 and offline use the same detectors, so what the offline vetoes missed, L0 misses too.
 *
 * What ε_trig contains (and what it does not). NA62 measures ε_trig(PNN) on control-trigger data for
 * the signal topology: the inefficiencies of the primitives for the π⁺ itself — RICH and CHOD/NewCHOD
 * hit efficiency, back-splash and hadronic-shower effects of the π⁺ in the LKr/MUV (extra CHOD hits,
 * a second LKr cluster, > 30 GeV, punch-through into MUV3), KTAG, L1 STRAW reconstruction. Losses
 * from accidental activity (random MUV3 hits, LAV hits in the L1 window) are random-veto losses: the
 * detector's ε_RV is calibrated on NA62's 0.66 with one accidental scale and therefore already
 * carries them, so the trigger does not apply them a second time.
 */
import { MAX_SLOTS } from "../core/batch.ts";
import type { RecoBatch } from "../core/reco-batch.ts";
import type { PeriodCard } from "../detector/card.ts";
import { Hit, type TransportBatch } from "../detector/transport-batch.ts";

export class L0 {
  private readonly c: PeriodCard["trigger"]["l0"];
  private readonly punch: number;
  private readonly split: number;

  /** n² − 1 of the RICH radiator: a particle of mass m radiates above p = m/√(n² − 1) */
  private readonly richN2m1: number;

  constructor(card: PeriodCard) {
    this.c = card.trigger.l0;
    this.punch = card.muv3.punchThrough;
    this.split = card.lkr.pionSplitProb;
    const n = 1 + card.rich.nMinus1;
    this.richN2m1 = n * n - 1;
  }

  /** RICH primitive: the track radiates a ring */
  rich(r: RecoBatch, i: number): number {
    return r.richRing[i] ? this.c.richEfficiency : 0;
  }

  /**
   * RICH primitive of the multi-track lines: the RICH hit multiplicity of the whole event, so any
   * charged particle crossing the RICH above its Cherenkov threshold fires it (not only the selected
   * track, whose ring `rich` looks at)
   */
  richAny(b: { nParticles: Uint8Array }, tb: TransportBatch, i: number): number {
    const base = i * MAX_SLOTS;
    for (let k = 1; k < b.nParticles[i]; k++) {
      const g = base + k;
      if (!(tb.mask[g] & Hit.RICH)) continue;
      const p = tb.richP[g];
      const m = tb.richMass[g];
      if (p > 0 && p * p * this.richN2m1 > m * m) return this.c.richEfficiency;
    }
    return 0;
  }

  /** CHOD Q1: at least one in-time charged particle in CHOD/NewCHOD */
  q1(r: RecoBatch, i: number): number {
    return r.chodHits[i] > 0 ? this.c.chodEfficiency : 0;
  }

  /** PNN CHOD condition: Q1, 1–4 hits, not in opposite quadrants (only the track is there) */
  chodPnn(r: RecoBatch, tb: TransportBatch, i: number): number {
    const sel = r.trackSlot[i];
    if (sel < 0 || r.chodHits[i] === 0) return 0;
    const id = tb.lkrId[i * MAX_SLOTS + sel];
    const hadron = id === 211 || id === 321 || id === 2212;
    return this.c.chodEfficiency * (hadron ? 1 - this.c.chodBacksplash : 1);
  }

  /** !MUV3: no in-time MUV3 hit from the track (π⁺ punch-through; accidental hits are in ε_RV) */
  noMuv3(r: RecoBatch, tb: TransportBatch, i: number): number {
    const sel = r.trackSlot[i];
    if (sel < 0) return 1;
    const g = i * MAX_SLOTS + sel;
    return tb.mask[g] & Hit.MUV3 && tb.muv3Id[g] === 211 ? 1 - this.punch : 1;
  }

  /** PNN LKr condition: < 2 clusters and < 30 GeV (only the track's own deposit is there) */
  lkrPnn(r: RecoBatch, tb: TransportBatch, i: number): number {
    const sel = r.trackSlot[i];
    if (sel < 0) return 1;
    if (r.eLkrTrack[i] >= this.c.lkrEnergyMax) return 0;
    const id = tb.lkrId[i * MAX_SLOTS + sel];
    const hadron = id === 211 || id === 321 || id === 2212;
    return hadron && r.eLkrTrack[i] > 0.5 ? 1 - this.split : 1;
  }

  /** LKr energy above threshold E (GeV): all deposits of the event */
  lkrEnergy(r: RecoBatch, i: number, E: number): number {
    return r.eLkrTotal[i] >= E ? 1 : 0;
  }

  /**
   * QX: in-time CHOD/NewCHOD signals in two diagonally opposite quadrants. Each charged track in the
   * hodoscope acceptance fires the quadrant of its impact point (taken at the LKr front plane, 2 m
   * downstream, where the tracks are straight) with the Q1 efficiency; the quadrants are independent:
   * P = p₀p₂ + p₁p₃ − p₀p₂p₁p₃ with p_q = 1 − Π(1 − ε) over the tracks of quadrant q.
   */
  qx(b: { nParticles: Uint8Array }, tb: TransportBatch, i: number): number {
    const base = i * MAX_SLOTS;
    const eff = this.c.chodEfficiency;
    let m0 = 1;
    let m1 = 1;
    let m2 = 1;
    let m3 = 1;
    for (let k = 1; k < b.nParticles[i]; k++) {
      const g = base + k;
      const m = tb.mask[g];
      if (!(m & Hit.TRACK) || !(m & (Hit.CHOD | Hit.NEWCHOD))) continue;
      const x = tb.xL[g];
      const y = tb.yL[g];
      if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
      if (x >= 0) {
        if (y >= 0) m0 *= 1 - eff;
        else m3 *= 1 - eff;
      } else if (y >= 0) m1 *= 1 - eff;
      else m2 *= 1 - eff;
    }
    const p02 = (1 - m0) * (1 - m2);
    const p13 = (1 - m1) * (1 - m3);
    return p02 + p13 - p02 * p13;
  }

  /**
   * MUV3 outer tiles: at least `n` muons of the event hit MUV3 outside the inner tiles (the central
   * square of half-side muv3OuterTileR around the beam pipe), each detected with efficiency eff
   */
  muv3Outer(b: { nParticles: Uint8Array }, tb: TransportBatch, i: number, eff: number, n = 1): number {
    const base = i * MAX_SLOTS;
    const a = this.c.muv3OuterTileR;
    // P(0 detected) and P(exactly 1 detected) over the muons in the outer tiles
    let p0 = 1;
    let p1 = 0;
    for (let k = 1; k < b.nParticles[i]; k++) {
      const g = base + k;
      if (!(tb.mask[g] & Hit.MUV3) || tb.muv3Id[g] !== 13) continue;
      if (!(Math.abs(tb.xM3[g]) > a || Math.abs(tb.yM3[g]) > a)) continue;
      p1 = p1 * (1 - eff) + p0 * eff;
      p0 *= 1 - eff;
    }
    return n <= 1 ? 1 - p0 : 1 - p0 - p1;
  }
}

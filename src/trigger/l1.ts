/**
 * L1 software trigger (KTAG, LAV, STRAW; physics.md §2.4). As for L0, the PNN conditions are
 * evaluated for an event passing the offline selection: the L1 LAV condition can then only fail on
 * accidental hits in the part of its window not covered by the offline LAV veto.
 */
import type { PeriodCard } from "../detector/card.ts";
import type { RecoBatch } from "../reco/reco-batch.ts";

export class L1 {
  private readonly c: PeriodCard["trigger"]["l1"];
  /** accidental LAV hits in the extra L1 window per unit intensity */
  private readonly lavExtra: number;

  constructor(card: PeriodCard) {
    this.c = card.trigger.l1;
    const a = card.accidentals;
    const extra = Math.max(0, card.trigger.l1.lavWindowNs - a.lav.windowNs);
    this.lavExtra = 2e-3 * a.scale * a.lav.rateMHz * extra;
  }

  ktag(r: RecoBatch, i: number): number {
    return r.ktag[i] > 0 ? this.c.ktagEfficiency : 0;
  }

  /** PNN STRAW: one good track below the momentum limit */
  strawPnn(r: RecoBatch, i: number): number {
    return r.nTracks[i] >= 1 && r.pTrack[i] < this.c.strawPMax ? this.c.strawEfficiency : 0;
  }

  /** PNN LAV: fewer than 2 hits — only accidentals outside the offline window can spoil it */
  lavPnn(r: RecoBatch, i: number): number {
    const mu = this.lavExtra * r.intensity[i];
    // P(n ≤ lavHitsMax) for Poisson(mu)
    let term = Math.exp(-mu);
    let cdf = term;
    for (let n = 1; n <= this.c.lavHitsMax; n++) {
      term *= mu / n;
      cdf += term;
    }
    return cdf;
  }

  /** MT: at least mtTracksMin STRAW tracks */
  strawMt(r: RecoBatch, i: number): number {
    return r.nTracks[i] >= this.c.mtTracksMin ? this.c.strawEfficiency : 0;
  }
}

/**
 * L1 software trigger (KTAG, LAV, STRAW; [NA62-JINST-2017]). As for L0, the PNN conditions are
 * evaluated for an event passing the offline selection: the L1 LAV condition (< 2 hits) can then only
 * fail on accidental hits, a random-veto loss carried by the calibrated ε_RV (see l0.ts), so it
 * passes.
 */

import type { RecoBatch } from "../core/reco-batch.ts";
import type { PeriodCard } from "../detector/card.ts";

export class L1 {
  private readonly c: PeriodCard["trigger"]["l1"];

  constructor(card: PeriodCard) {
    this.c = card.trigger.l1;
  }

  ktag(r: RecoBatch, i: number): number {
    return r.ktag[i] > 0 ? this.c.ktagEfficiency : 0;
  }

  /** PNN STRAW: one good track below the momentum limit */
  strawPnn(r: RecoBatch, i: number): number {
    return r.nTracks[i] >= 1 && r.pTrack[i] < this.c.strawPMax ? this.c.strawEfficiency : 0;
  }

  /**
   * PNN LAV: fewer than lavHitsMax + 1 hits. After the offline LAV veto (pv) the event's own particles
   * left none; accidental hits are in ε_RV.
   */
  lavPnn(_r: RecoBatch, _i: number): number {
    return 1;
  }

  /** MT: at least mtTracksMin STRAW tracks */
  strawMt(r: RecoBatch, i: number): number {
    return r.nTracks[i] >= this.c.mtTracksMin ? this.c.strawEfficiency : 0;
  }
}

/**
 * The L0/L1 trigger masks of the period card ([NA62-EQCD2024-talk], [NA62-EQCD2024-talk]), as efficiencies per
 * event (before downscaling; the downscales are in the card):
 *   PNN      L0: RICH × CHOD (1–4 hits, no opposite quadrants) × !MUV3 × LKr (< 2 clusters, < 30 GeV);
 *            L1: KTAG × STRAW (1 track, p < 50 GeV/c) × LAV (< 2 hits)
 *            — conditional on the offline single-track selection (see l0.ts);
 *   control  CHOD-based minimum bias (downscale 400 in 2018);
 *   MT       L0: RICH (any track above threshold) × QX (CHOD signals in two opposite quadrants);
 *            L1: KTAG × ≥ 3 STRAW tracks
 *            (downscale 100);
 *   eMT      MT + ≥ 20 GeV in the LKr (downscale 8); μMT MT + ≥ 10 GeV in the LKr + MUV3 outer tile;
 *   2μMT     the di-muon multi-track line of the K⁺→π⁺μ⁺μ⁻ and K⁺→π⁻μ⁺μ⁺ samples: MT + ≥ 2 muons
 *            in the MUV3 outer tiles (L0 MO2), no LKr condition (its downscale is in the card);
 *   dump     H2 (2 in-time CHOD hits), Q1 (1 CHOD hit, downscale 20), Control (1 LKr cluster).
 */
import type { EventBatch } from "../core/batch.ts";
import type { RecoBatch } from "../core/reco-batch.ts";
import type { PeriodCard } from "../detector/card.ts";
import type { TransportBatch } from "../detector/transport-batch.ts";
import { L0 } from "./l0.ts";
import { L1 } from "./l1.ts";

export class Trigger {
  readonly l0: L0;
  readonly l1: L1;
  private readonly card: PeriodCard;

  constructor(card: PeriodCard) {
    this.card = card;
    this.l0 = new L0(card);
    this.l1 = new L1(card);
  }

  process(b: EventBatch, tb: TransportBatch, r: RecoBatch, start: number, end: number): void {
    const l0 = this.l0;
    const l1 = this.l1;
    const t = this.card.trigger;
    const chodEff = t.l0.chodEfficiency;
    const muv3Eff = this.card.muv3.efficiency;
    // an event without a RICH ring, CHOD hit or LKr cluster passes nothing: every mask below is then
    // exactly 0 (each is a product with the RICH, CHOD or LKr primitive): filled in bulk, skipped
    r.trigPnn.fill(0, start, end);
    r.trigControl.fill(0, start, end);
    r.trigMt.fill(0, start, end);
    r.trigEmt.fill(0, start, end);
    r.trigMumt.fill(0, start, end);
    r.trigDimuon.fill(0, start, end);
    r.trigH2.fill(0, start, end);
    r.trigQ1.fill(0, start, end);
    r.trigDumpControl.fill(0, start, end);
    const richRing = r.richRing;
    const chodHits = r.chodHits;
    const nLkrClusters = r.nLkrClusters;
    for (let i = start; i < end; i++) {
      if (richRing[i] === 0 && chodHits[i] === 0 && nLkrClusters[i] === 0) continue;
      // PNN
      const pnnL0 = l0.rich(r, i) * l0.chodPnn(r, tb, i) * l0.noMuv3(r, tb, i) * l0.lkrPnn(r, tb, i);
      const pnnL1 = pnnL0 > 0 ? l1.ktag(r, i) * l1.strawPnn(r, i) * l1.lavPnn(r, i) : 0;
      r.trigPnn[i] = pnnL0 * pnnL1;
      // minimum bias (CHOD)
      const q1 = l0.q1(r, i);
      r.trigControl[i] = q1;
      // multi-track family: RICH × QX at L0, KTAG × STRAW multi-track at L1
      const mt = q1 > 0 ? l0.richAny(b, tb, i) * l0.qx(b, tb, i) * l1.ktag(r, i) * l1.strawMt(r, i) : 0;
      r.trigMt[i] = mt;
      r.trigEmt[i] = mt * l0.lkrEnergy(r, i, t.l0.mtLKrElectron);
      r.trigMumt[i] = mt > 0 ? mt * l0.lkrEnergy(r, i, t.l0.mtLKrMuon) * l0.muv3Outer(b, tb, i, muv3Eff) : 0;
      r.trigDimuon[i] = mt > 0 ? mt * l0.muv3Outer(b, tb, i, muv3Eff, 2) : 0;
      // dump mode
      const nh = r.chodHits[i];
      r.trigH2[i] = nh >= 2 ? chodEff * chodEff : 0;
      r.trigQ1[i] = nh >= 1 ? chodEff : 0;
      r.trigDumpControl[i] = r.nLkrClusters[i] >= 1 ? 1 : 0;
    }
  }
}

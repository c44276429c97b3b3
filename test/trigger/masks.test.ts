import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Simulator } from "../../src/chain/simulator.ts";
import { loadPeriod } from "../../src/detector/card.ts";
import { Hit, TransportBatch } from "../../src/detector/transport-batch.ts";
import { L0 } from "../../src/trigger/l0.ts";

const FV: [number, number] = [105000, 165000];

function collect(channel: string, events = 6000) {
  const sim = new Simulator({ channel, period: "2018-S2", zRange: FV });
  const rows: {
    nTracks: number;
    chod: number;
    eLkr: number;
    mt: number;
    emt: number;
    mumt: number;
    control: number;
    h2: number;
    pnn: number;
    ring: number;
    q1: number;
    dumpControl: number;
    clusters: number;
    eTrack: number;
    pTrack: number;
    ktag: number;
  }[] = [];
  sim.run(2, 0, events, (b, r) => {
    for (let i = 0; i < b.size; i++) {
      rows.push({
        nTracks: r.nTracks[i],
        chod: r.chodHits[i],
        eLkr: r.eLkrTotal[i],
        mt: r.trigMt[i],
        emt: r.trigEmt[i],
        mumt: r.trigMumt[i],
        control: r.trigControl[i],
        h2: r.trigH2[i],
        pnn: r.trigPnn[i],
        ring: r.richRing[i],
        q1: r.trigQ1[i],
        dumpControl: r.trigDumpControl[i],
        clusters: r.nLkrClusters[i],
        eTrack: r.eLkrTrack[i],
        pTrack: r.pTrack[i],
        ktag: r.ktag[i],
      });
    }
  });
  return rows;
}

describe("trigger masks ([NA62-EQCD2024-talk])", () => {
  const card = loadPeriod("2018-S2");

  it("the control trigger fires on any in-time CHOD hit with the CHOD efficiency", () => {
    for (const r of collect("K+ -> mu+ nu")) {
      assert.equal(r.control, r.chod > 0 ? card.trigger.l0.chodEfficiency : 0);
    }
  });

  it("MT needs ≥ 3 STRAW tracks; eMT adds ≥ 20 GeV and μMT ≥ 10 GeV in the LKr", () => {
    const k3pi = collect("K+ -> pi+ pi+ pi-");
    let fired = 0;
    let otherRing = 0;
    for (const r of k3pi) {
      if (r.nTracks < 3) assert.equal(r.mt, 0);
      if (r.mt > 0) fired++;
      // the L0 RICH condition of MT counts every track's hits, not only the selected track's ring
      if (r.mt > 0 && !r.ring) otherRing++;
      if (r.eLkr < 20) assert.equal(r.emt, 0);
      assert.ok(r.emt <= r.mt && r.mumt <= r.mt);
    }
    assert.ok(fired > 100, `MT fired on ${fired} K3π events`);
    assert.ok(otherRing > 0, "MT fired only with a ring of the selected track");
    for (const r of collect("K+ -> mu+ nu", 3000)) assert.equal(r.mt, 0);
  });

  it("PNN: L0 LKr < 30 GeV from the track, L1 KTAG and a STRAW track below 50 GeV/c", () => {
    let fired = 0;
    for (const channel of ["K+ -> pi+ pi0", "K+ -> pi0 e+ nu"]) {
      for (const r of collect(channel, 4000)) {
        if (r.eTrack >= card.trigger.l0.lkrEnergyMax) assert.equal(r.pnn, 0, "LKr ≥ 30 GeV");
        if (!(r.pTrack < card.trigger.l1.strawPMax)) assert.equal(r.pnn, 0, "no STRAW track below 50 GeV/c");
        if (r.ktag === 0) assert.equal(r.pnn, 0, "no KTAG");
        if (r.pnn > 0) fired++;
      }
    }
    assert.ok(fired > 500, `PNN fired on ${fired} events`);
  });

  it("dump Q1 needs one CHOD hit with the CHOD efficiency, dump Control one LKr cluster", () => {
    for (const r of collect("K+ -> pi+ pi+ pi-", 3000)) {
      assert.equal(r.q1, r.chod >= 1 ? card.trigger.l0.chodEfficiency : 0);
      assert.equal(r.dumpControl, r.clusters >= 1 ? 1 : 0);
    }
  });

  it("PNN needs a RICH ring; dump H2 needs two CHOD hits", () => {
    const rows = collect("K+ -> pi+ pi+ pi-", 3000);
    for (const r of rows) {
      if (!r.ring) assert.equal(r.pnn, 0);
      if (r.chod < 2) assert.equal(r.h2, 0);
      else assert.ok(r.h2 > 0);
    }
  });
});

describe("multi-track L0 primitives: QX and the MUV3 outer tiles", () => {
  const card = loadPeriod("2018-S2");
  const l0 = new L0(card);
  const eff = card.trigger.l0.chodEfficiency;
  const a = card.trigger.l0.muv3OuterTileR;

  /** one event with charged tracks at the given LKr-plane points (in the CHOD/NewCHOD acceptance) */
  function event(points: [number, number][]) {
    const tb = new TransportBatch(1);
    points.forEach(([x, y], j) => {
      const g = j + 1;
      tb.mask[g] = Hit.TRACK | Hit.CHOD | Hit.NEWCHOD;
      tb.xL[g] = x;
      tb.yL[g] = y;
    });
    return { b: { nParticles: Uint8Array.of(points.length + 1) }, tb };
  }

  it("QX fires only with signals in two diagonally opposite quadrants", () => {
    const same = event([
      [300, 200],
      [500, -400],
    ]); // quadrants 0 and 3: one side of the beam
    assert.equal(l0.qx(same.b, same.tb, 0), 0);
    const diag = event([
      [300, 200],
      [-500, -400],
    ]);
    assert.ok(Math.abs(l0.qx(diag.b, diag.tb, 0) - eff * eff) < 1e-12);
    const all = event([
      [300, 200],
      [-300, 200],
      [-300, -200],
      [300, -200],
    ]);
    const p = eff * eff;
    assert.ok(Math.abs(l0.qx(all.b, all.tb, 0) - (2 * p - p * p)) < 1e-12);
  });

  it("MO2 needs two muons outside the central square of inner tiles", () => {
    const muons = (pts: [number, number][]) => {
      const tb = new TransportBatch(1);
      pts.forEach(([x, y], j) => {
        const g = j + 1;
        tb.mask[g] = Hit.TRACK | Hit.MUV3;
        tb.muv3Id[g] = 13;
        tb.xM3[g] = x;
        tb.yM3[g] = y;
      });
      return { b: { nParticles: Uint8Array.of(pts.length + 1) }, tb };
    };
    const e = 0.99;
    // a corner of the inner square lies beyond a radius a but inside the square: not an outer tile
    const corner = muons([
      [0.9 * a, 0.9 * a],
      [2 * a, 0],
    ]);
    assert.equal(l0.muv3Outer(corner.b, corner.tb, 0, e, 2), 0);
    assert.ok(Math.abs(l0.muv3Outer(corner.b, corner.tb, 0, e, 1) - e) < 1e-12);
    const two = muons([
      [0, -1.5 * a],
      [2 * a, 0],
      [-3 * a, a],
    ]);
    // at least two of three detected: 3e²(1 − e) + e³
    assert.ok(Math.abs(l0.muv3Outer(two.b, two.tb, 0, e, 2) - (3 * e * e * (1 - e) + e ** 3)) < 1e-12);
  });

  it("2μMT is MT × MO2 without an LKr condition: it keeps K⁺→π⁺μ⁺μ⁻ events the μMT energy cut loses", () => {
    const sim = new Simulator({ channel: "K+ -> pi+ mu+ mu-", period: "2018-S2", zRange: FV });
    let fired = 0;
    let lowEnergy = 0;
    sim.run(3, 0, 4000, (b, r) => {
      for (let i = 0; i < b.size; i++) {
        assert.ok(r.trigDimuon[i] <= r.trigMt[i] + 1e-15);
        if (r.trigDimuon[i] > 0) {
          fired++;
          if (r.eLkrTotal[i] < card.trigger.l0.mtLKrMuon) {
            lowEnergy++;
            assert.equal(r.trigMumt[i], 0);
          }
        }
      }
    });
    assert.ok(fired > 200, `2μMT fired on ${fired} events`);
    assert.ok(lowEnergy > fired / 4, `${lowEnergy} of ${fired} below the μMT LKr threshold`);
  });
});

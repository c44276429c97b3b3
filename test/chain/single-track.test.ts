import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { singleTrack } from "../../src/chain/performance.ts";
import {
  onePositiveTrack,
  PERFORMANCE_ACCEPTANCE,
  PNN_ACCEPTANCE,
  SingleTrackSelection,
} from "../../src/chain/single-track.ts";
import type { RecoBatch } from "../../src/core/reco-batch.ts";
import { stream } from "../../src/core/rng/streams.ts";
import { apertures, geometry } from "../../src/detector/geometry.ts";
import { Hit } from "../../src/detector/transport-batch.ts";

/** random reconstruction columns covering every cut's both sides */
function columns(n: number) {
  const rng = stream(5, 0, "single-track-test");
  const u = () => rng.uniform();
  const bits = [
    PNN_ACCEPTANCE,
    PERFORMANCE_ACCEPTANCE,
    PNN_ACCEPTANCE | PERFORMANCE_ACCEPTANCE,
    Hit.RICH | Hit.LKR,
    0,
  ];
  const c = {
    nTracks: Int32Array.from({ length: n }, () => (u() < 0.7 ? 1 : u() < 0.5 ? 0 : 2)),
    trackQ: Int8Array.from({ length: n }, () => (u() < 0.8 ? 1 : -1)),
    trackMask: Int32Array.from({ length: n }, () => bits[Math.floor(u() * bits.length)]),
    xLkr: Float64Array.from({ length: n }, () => (u() - 0.5) * 2800),
    yLkr: Float64Array.from({ length: n }, () => (u() - 0.5) * 2800),
    pTrack: Float64Array.from({ length: n }, () => u() * 60),
    zVtx: Float64Array.from({ length: n }, () => 95000 + u() * 80000),
    gtkMatch: Int8Array.from({ length: n }, () => (u() < 0.8 ? 0 : -1)),
    effTrack: Float64Array.from({ length: n }, () => (u() < 0.9 ? u() : 0)),
  };
  return c;
}

describe("the single-track selection", () => {
  const n = 20000;
  const r = columns(n);
  const ap = apertures(geometry());
  const rMin = geometry().lkr.rMin;

  it("is the πνν̄ step 1 it replaces: one positive track in the downstream acceptance", () => {
    const sel = new SingleTrackSelection({ acceptance: PNN_ACCEPTANCE, lkrInnerCut: true });
    let pass = 0;
    for (let i = 0; i < n; i++) {
      const old =
        r.nTracks[i] === 1 &&
        r.trackQ[i] > 0 &&
        (r.trackMask[i] & PNN_ACCEPTANCE) === PNN_ACCEPTANCE &&
        ap.lkr(r.xLkr[i], r.yLkr[i], rMin);
      assert.equal(sel.accepts(r, i), old, `event ${i}`);
      if (old) pass++;
    }
    assert.ok(pass > 500 && pass < n - 500, `${pass} pass`);
  });

  it("is the performance selection it replaces, for any momentum range", () => {
    const ACC = Hit.RICH | Hit.CHOD | Hit.LKR | Hit.MUV3 | Hit.IN_LAV | 15;
    for (const [lo, hi] of [
      [15, 35],
      [15, 45],
    ]) {
      let pass = 0;
      for (let i = 0; i < n; i++) {
        const p = r.pTrack[i];
        const z = r.zVtx[i];
        const old =
          r.nTracks[i] === 1 &&
          r.trackQ[i] > 0 &&
          p > lo &&
          p < hi &&
          (r.trackMask[i] & ACC) === ACC &&
          z > 105000 &&
          z < 165000 &&
          r.gtkMatch[i] >= 0 &&
          r.effTrack[i] > 0 &&
          ap.lkr(r.xLkr[i], r.yLkr[i], rMin);
        assert.equal(singleTrack(r as unknown as RecoBatch, i, lo, hi), old, `event ${i}`);
        if (old) pass++;
      }
      assert.ok(pass > 50, `${pass} pass`);
    }
  });

  it("each cut rejects on its own", () => {
    const base = {
      nTracks: [1],
      trackQ: [1],
      trackMask: [PNN_ACCEPTANCE],
      xLkr: [600],
      yLkr: [0],
      pTrack: [25],
      zVtx: [130000],
      gtkMatch: [0],
      effTrack: [0.9],
    };
    const all = new SingleTrackSelection({
      acceptance: PNN_ACCEPTANCE,
      lkrInnerCut: true,
      momentum: [15, 35],
      vertexZ: [105000, 165000],
      kaon: true,
      fit: true,
    });
    assert.equal(all.accepts(base, 0), true);
    assert.equal(onePositiveTrack(base, 0), true);
    for (const [k, v] of [
      ["nTracks", 2],
      ["trackQ", -1],
      ["trackMask", PNN_ACCEPTANCE & ~Hit.MUV3],
      ["xLkr", 0],
      ["pTrack", 35],
      ["zVtx", 100000],
      ["gtkMatch", -1],
      ["effTrack", 0],
    ] as const) {
      assert.equal(all.accepts({ ...base, [k]: [v] }, 0), false, k);
      // without the cut, the same event passes (the first two are the definition of a single track)
      if (k !== "nTracks" && k !== "trackQ")
        assert.equal(new SingleTrackSelection({}).accepts({ ...base, [k]: [v] }, 0), true, k);
    }
  });
});

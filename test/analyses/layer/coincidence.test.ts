/**
 * The coincidence machinery of the analysis layer: the pile-up factor, the pair weighting (a
 * coincidence of two samples with known acceptances reproduces f × A1 × A2 when the selection
 * factorises, within the error the two sample sizes allow), the combined event (tracks in order,
 * clusters with their track index shifted, triggers, photon veto, the vertex fit's total momentum
 * against the pair momentum test).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  coincidenceScale,
  MemberStore,
  PairBatch,
  pairMomentumWithin,
  pileupFactor,
  runPairs,
} from "../../../src/analyses/layer/coincidence.ts";
import { RecoBatch } from "../../../src/core/reco-batch.ts";
import { stream } from "../../../src/core/rng/streams.ts";
import { TrackList } from "../../../src/core/track-list.ts";
import { Hit } from "../../../src/detector/transport-batch.ts";

const PU = {
  window: { value: 5, source: "test" },
  kaonFraction: { value: 0.06, source: "test" },
  beamRate: { value: 0.6, source: "test" },
};

/** n events of `tracks` random tracks (p uniform in [0, 1) GeV/c for track 0, a kaon-like direction) */
function sample(seed: number, n: number, tracks: number, q: number[]): { tl: TrackList; w: Float64Array } {
  const rng = stream(seed, 0, "coincidence-test");
  const tl = new TrackList(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    tl.count[i] = tracks;
    tl.found[i] = tracks;
    w[i] = 0.5 + rng.uniform();
    const o = tl.offset(i);
    for (let j = 0; j < tracks; j++) {
      const k = o + j;
      tl.p[k] = j === 0 ? rng.uniform() : 5 + 30 * rng.uniform();
      tl.tx[k] = 0.0012 + 0.004 * (rng.uniform() - 0.5);
      tl.ty[k] = 0.004 * (rng.uniform() - 0.5);
      tl.x[k] = 200 * (rng.uniform() - 0.5);
      tl.y[k] = 200 * (rng.uniform() - 0.5);
      tl.sigmaPos[k] = 0.1;
      tl.sigmaSlope[k] = 2e-5;
      tl.eff[k] = 1;
      tl.q[k] = q[j];
    }
  }
  return { tl, w };
}

function store(s: { tl: TrackList; w: Float64Array }, tracks: number): MemberStore {
  const n = s.w.length;
  const m = new MemberStore(n, tracks);
  for (let i = 0; i < n; i++) m.add(i, s.tl, i, s.w[i]);
  return m;
}

describe("pile-up factor", () => {
  it("is beam rate × intensity × K⁺ fraction × P_z × 2 window", () => {
    const f = pileupFactor(PU, 0.65, 0.12);
    assert.ok(Math.abs(f - 0.6 * 0.65 * 0.06 * 0.12 * 10) < 1e-15);
    // linear in the intensity and in P_z
    assert.ok(Math.abs(pileupFactor(PU, 1.3, 0.12) / f - 2) < 1e-12);
    assert.ok(Math.abs(pileupFactor(PU, 0.65, 0.24) / f - 2) < 1e-12);
  });
});

describe("pair weighting", () => {
  it("reproduces f × A1 × A2 for a selection that factorises (fixed seed, error from the sample sizes)", () => {
    const nA = 1500;
    const nB = 300;
    const A1 = 0.3; // member track 0 with p < 0.3 GeV/c (p uniform, independent of the weight)
    const A2 = 0.5; // partner track with p < 0.5 GeV/c
    const a = sample(11, nA, 2, [1, -1]);
    const b = sample(12, nB, 1, [1]);
    const sa = store(a, 2);
    const sb = store(b, 1);
    const pb = new PairBatch(128, 180000, 0.13957, [0.0012, 0], 220);
    let sum = 0;
    for (const pairs of [nB, 40]) {
      sum = 0;
      const formed = runPairs(
        sa,
        nA,
        sb,
        nB,
        pairs,
        pb,
        () => true,
        (batch) => {
          const tl = batch.r.tracks;
          for (let j = 0; j < batch.size; j++) {
            const o = tl.offset(j);
            assert.equal(tl.count[j], 3);
            if (tl.p[o] < A1 && tl.p[o + 2] < A2) sum += batch.b.weight[j];
          }
        },
      );
      assert.equal(formed, nA * Math.min(pairs, nB));
      // the estimate of f·A1·A2: runPairs divides each pair weight by the pairs per member already
      const meanA = a.w.reduce((s, x) => s + x, 0) / nA;
      const meanB = b.w.reduce((s, x) => s + x, 0) / nB;
      const f = pileupFactor(PU, 0.65, 0.1);
      const est = sum * coincidenceScale(f, 1, 1, nA, 1, meanA, meanB);
      // relative variance of the two sample means of w·ε (the pairs add no information beyond them)
      const rel = (w: Float64Array, tl: TrackList, cut: number, n: number, pairsUsed: number) => {
        let s1 = 0;
        let s2 = 0;
        for (let i = 0; i < n; i++) {
          const x = tl.p[tl.offset(i)] < cut ? w[i] : 0;
          s1 += x;
          s2 += x * x;
        }
        return (s2 / n / (s1 / n) ** 2 - 1) / pairsUsed;
      };
      const sigma = Math.sqrt(rel(a.w, a.tl, A1, nA, nA) + rel(b.w, b.tl, A2, nB, Math.min(nB, nA * pairs)));
      const target = f * A1 * A2;
      assert.ok(
        Math.abs(est / target - 1) < 4 * sigma,
        `pairs ${pairs}: ${est} vs ${target} (σ_rel ${sigma.toFixed(4)})`,
      );
    }
  });
});

describe("the combined event", () => {
  it("holds the member's tracks then the partner's, clusters shifted, triggers and veto combined", () => {
    const r = new RecoBatch(2);
    const tl = r.tracks;
    // event 0: two tracks (one with an outer-tile MUV3 hit), event 1: one track (outer-tile MUV3 hit)
    const set = (i: number, j: number, p: number, q: number, muv3: number) => {
      const k = tl.offset(i) + j;
      tl.p[k] = p;
      tl.tx[k] = 0.002 * (j + 1) * q;
      tl.ty[k] = -0.001 * (j + 1);
      tl.x[k] = 10 * j;
      tl.y[k] = 5;
      tl.sigmaPos[k] = 0.1;
      tl.sigmaSlope[k] = 2e-5;
      tl.eff[k] = 1;
      tl.q[k] = q;
      tl.muv3[k] = muv3;
      tl.xMuv3[k] = 500;
      tl.yMuv3[k] = 0;
      tl.mask[k] = Hit.CHOD;
      tl.richRadius[k] = Number.NaN;
    };
    set(0, 0, 20, 1, 0);
    set(0, 1, 15, -1, 0.9);
    set(1, 0, 30, 1, 0.8);
    tl.count[0] = 2;
    tl.found[0] = 2;
    tl.count[1] = 1;
    tl.found[1] = 1;
    r.clusters.add(0, 5, 100, 100, 0, 1, false);
    r.clusters.add(1, 20, -300, 50, 0, 0, false);
    r.clusters.add(1, 2, 400, 400, 0, -1, true);
    // the member's two tracks in quadrants 0 and 1, the partner's in quadrant 2 (opposite 0): only the
    // merged event has QX and three tracks; one member track has a RICH ring; the kaon tag and the CHOD
    // hits are the member's
    const quad = [
      [100, 100],
      [-100, 100],
      [-100, -100],
    ];
    for (const [i, j, q] of [
      [0, 0, 0],
      [0, 1, 1],
      [1, 0, 2],
    ]) {
      tl.xLkr[tl.offset(i) + j] = quad[q][0];
      tl.yLkr[tl.offset(i) + j] = quad[q][1];
    }
    tl.richRadius[tl.offset(0)] = 180;
    r.chodHits[0] = 2;
    r.ktag[0] = 1;
    r.pv[0] = 0.9;
    r.pv[1] = 0.5;
    // 12 + 9 GeV in the LKr: neither alone reaches the eMT threshold (20 GeV), the pair does
    r.eLkrTotal[0] = 12;
    r.eLkrTotal[1] = 9;
    const a = new MemberStore(1, 2);
    const b = new MemberStore(1, 1);
    a.add(0, r, 0, 2, 0, 150000);
    b.add(0, r, 1, 3);
    assert.equal(a.charge(0), 0);
    assert.equal(b.charge(0), 1);
    const pb = new PairBatch(4, 180000, 0.13957, [0.0012, 0], 220);
    assert.ok(pb.add(a, 0, b, 0));
    const c = pb.r.tracks;
    assert.equal(c.count[0], 3);
    assert.deepEqual([c.p[0], c.p[1], c.p[2]], [20, 15, 30]);
    assert.equal(pb.b.weight[0], 6);
    assert.equal(pb.b.vtxZ[0], 150000);
    const cl = pb.r.clusters;
    assert.equal(cl.count[0], 3);
    assert.deepEqual([cl.track[0], cl.track[1], cl.track[2]], [1, 2, -1]);
    // full efficiencies (DEFAULT_PAIR_TRIGGER): Q1, KTAG, RICH, QX and three tracks
    assert.equal(pb.r.trigMt[0], 1);
    assert.ok(Math.abs(pb.r.pv[0] - 0.45) < 1e-15);
    // two outer-tile hits with 0.9 and 0.8: both seen
    assert.ok(Math.abs(pb.r.trigDimuon[0] - pb.r.trigMt[0] * 0.72) < 1e-12);
    assert.equal(pb.r.trigEmt[0], pb.r.trigMt[0]);
    // μMT: ≥ 10 GeV and at least one outer-tile hit: 1 − 0.1·0.2
    assert.ok(Math.abs(pb.r.trigMumt[0] - pb.r.trigMt[0] * 0.98) < 1e-12);
    assert.equal(pb.r.vtxNTracks[0], 3);
    // without the partner's quadrant there is no QX: a member alone fires nothing
    tl.xLkr[tl.offset(1)] = 100;
    tl.yLkr[tl.offset(1)] = -100; // quadrant 3, opposite quadrant 1: QX again
    const b2 = new MemberStore(1, 1);
    b2.add(0, r, 1, 3);
    pb.clear();
    pb.add(a, 0, b2, 0);
    assert.equal(pb.r.trigMt[0], 1);
    tl.xLkr[tl.offset(1)] = 100;
    tl.yLkr[tl.offset(1)] = 50; // quadrant 0 with the member's first track: no opposite pair
    const b3 = new MemberStore(1, 1);
    b3.add(0, r, 1, 3);
    pb.clear();
    pb.add(a, 0, b3, 0);
    assert.equal(pb.r.trigMt[0], 0);
    assert.equal(pb.r.trigEmt[0], 0);
  });

  it("the pair momentum test agrees with the vertex fit's total momentum and p_T", () => {
    const a = store(sample(21, 200, 2, [1, -1]), 2);
    const b = store(sample(22, 50, 1, [1]), 1);
    const pb = new PairBatch(64, 180000, 0.13957, [0.0012, 0], 220);
    let n = 0;
    runPairs(
      a,
      200,
      b,
      50,
      50,
      pb,
      () => true,
      (batch) => {
        for (let j = 0; j < batch.size; j++) {
          const p = batch.r.vtxP[j];
          const pt = batch.r.vtxPt[j];
          if (!Number.isFinite(p)) continue;
          n++;
          const ka = batch.member[j];
          const kb = batch.partner[j];
          // the test at the fit's own values, just inside and just outside
          assert.ok(
            pairMomentumWithin(a, ka, b, kb, p * (1 - 1e-12), p * (1 + 1e-12), pt * (1 + 1e-12), 0.0012, 0),
          );
          assert.ok(
            !pairMomentumWithin(a, ka, b, kb, p * 1.001, p * 1.01, Number.POSITIVE_INFINITY, 0.0012, 0),
          );
          assert.ok(!pairMomentumWithin(a, ka, b, kb, 0, p * 2, pt * 0.999, 0.0012, 0));
        }
      },
    );
    assert.ok(n > 1000, `${n} pairs fitted`);
  });

  it("restricting every-partner pairing to a p_z window forms the same pairs the momentum test admits", () => {
    const a = store(sample(31, 400, 2, [1, -1]), 2);
    const b = store(sample(32, 300, 1, [1]), 1);
    const pb = new PairBatch(64, 180000, 0.13957, [0.0012, 0], 220);
    const range: [number, number] = [12, 25];
    const accept = (ka: number, kb: number) =>
      pairMomentumWithin(a, ka, b, kb, range[0], range[1], 0.5, 0.0012, 0);
    const tally = (window?: [number, number]) => {
      let w = 0;
      const n = runPairs(
        a,
        400,
        b,
        300,
        300,
        pb,
        accept,
        (batch) => {
          for (let j = 0; j < batch.size; j++) w += batch.b.weight[j];
        },
        window,
      );
      return { n, w };
    };
    const all = tally();
    const cut = tally([range[0] - 1, range[1]]);
    assert.ok(all.n > 100, `${all.n} pairs`);
    assert.equal(cut.n, all.n);
    assert.ok(Math.abs(cut.w / all.w - 1) < 1e-12);
  });
});

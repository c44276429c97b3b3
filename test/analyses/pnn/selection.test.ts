import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { PnnGenerated, PnnReco } from "../../../src/analyses/pnn/columns.ts";
import { selectionFor } from "../../../src/analyses/pnn/conditions.ts";
import { MAX_BINS, Region } from "../../../src/analyses/pnn/regions.ts";
import { PnnSelection, RING_DRAWS } from "../../../src/analyses/pnn/selection.ts";
import { CUT, NQ, NQN, Q, SampleTally } from "../../../src/analyses/pnn/tally.ts";
import { GTK_FIELDS, MAX_GTK_CANDIDATES } from "../../../src/core/reco-batch.ts";
import { type PionRing, pionRingMomentum } from "../../../src/detector/rich.ts";
import { Hit } from "../../../src/detector/transport-batch.ts";
import { missingMass2 } from "../../../src/reco/missing-mass.ts";

type Columns = PnnGenerated & PnnReco;
type Event = Partial<Record<keyof Columns, number>>;

/** a good K⁺→π⁺νν̄ candidate in R1 at 25 GeV/c (every cut passed), with per-event changes */
const GOOD: Record<string, number> = {
  weight: 2,
  vtxZ: 130000,
  source: 0,
  nTracks: 1,
  trackQ: 1,
  // in the RICH, NewCHOD, CHOD, LKr, MUV1–3 acceptances and inside LAV12
  trackMask: Hit.RICH | Hit.NEWCHOD | Hit.CHOD | Hit.LKR | Hit.MUV1 | Hit.MUV2 | Hit.MUV3 | Hit.IN_LAV,
  xLkr: 400,
  yLkr: 0,
  pTrack: 25,
  txTrack: 0.01,
  tyTrack: 0,
  effTrack: 0.9,
  ktag: 1,
  gtkMatch: 1,
  pK: 75,
  txK: 0.0012,
  tyK: 0,
  zVtx: 130000,
  xVtx: 0,
  yVtx: 0,
  cda: 1,
  m2miss: 0.005,
  m2missRich: 0.005,
  m2missBeam: 0.005,
  chanti: 1,
  pv: 0.5,
  mult: 1,
  rv: 0.7,
  pidPi: 0.8,
  pidMu: 0,
  trigPnn: 0.9,
  trigControl: 0.95,
};

function columns(events: Event[]): Columns {
  const n = events.length;
  const f = () => new Float64Array(n);
  const c = {
    size: n,
    weight: f(),
    vtxZ: f(),
    source: new Int8Array(n),
    nTracks: new Int32Array(n),
    trackQ: new Int8Array(n),
    gtkMatch: new Int8Array(n),
    nGtk: new Int32Array(n),
    gtkCand: new Float64Array(n * MAX_GTK_CANDIDATES * GTK_FIELDS),
  } as unknown as Record<string, ArrayLike<number> & { [i: number]: number }> & { size: number };
  for (const k of Object.keys(GOOD)) if (!(k in c)) c[k] = f();
  events.forEach((e, i) => {
    const v = { ...GOOD, ...e } as Record<string, number>;
    // the track at STRAW1 follows from the vertex and the slopes
    v.xStraw1 = e.xStraw1 ?? v.xVtx + v.txTrack * (183508 - v.zVtx);
    v.yStraw1 = e.yStraw1 ?? v.yVtx + v.tyTrack * (183508 - v.zVtx);
    if (!c.xStraw1) {
      c.xStraw1 = f();
      c.yStraw1 = f();
    }
    for (const [k, x] of Object.entries(v)) c[k][i] = x;
  });
  return c as unknown as Columns;
}

const s2 = new PnnSelection(selectionFor("2018-S2").params);
/** the calibrated selection efficiency multiplies every selected weight */
const EFF = selectionFor("2018-S2").params.calibration.efficiency;
const s1 = new PnnSelection(selectionFor("2018-S1").params);

function run(sel: PnnSelection, events: Event[]): SampleTally {
  const t = new SampleTally("x");
  const c = columns(events);
  sel.process(c, c, t);
  return t;
}

const at = (region: number, bin: number, q: number) => (region * MAX_BINS + bin) * NQ + q;

describe("pnn selection", () => {
  it("a good candidate lands in R1, 25–30 GeV/c, with the probabilities as weights", () => {
    const t = run(s2, [{}]);
    const a = 2 * EFF * 0.9 * 0.8 * 0.5; // w · calibration · effTrack · pid · pv
    assert.ok(Math.abs(t.sel[at(Region.R1, 2, Q.A)] - a) < 1e-15);
    assert.ok(Math.abs(t.sel[at(Region.R1, 2, Q.AT)] - a * 0.9) < 1e-15);
    assert.ok(Math.abs(t.sel[at(Region.R1, 2, Q.AR)] - a * 0.7) < 1e-15);
    assert.ok(Math.abs(t.sel[at(Region.R1, 2, Q.F)] - a * 0.9 * 0.7) < 1e-15);
    assert.equal(t.sel[at(Region.R1, 2, Q.N)], 1);
    assert.equal(t.wFv, 2);
    assert.equal(t.flow[CUT.RV], t.sel[at(Region.R1, 2, Q.F)]);
  });

  it("each cut rejects its events", () => {
    const bad: [string, Event][] = [
      ["two tracks", { nTracks: 2 }],
      ["negative track", { trackQ: -1 }],
      ["track outside the NewCHOD/CHOD/LKr/MUV (stopped by LAV12)", { trackMask: Hit.RICH | Hit.LAV }],
      ["track outside MUV3", { trackMask: GOOD.trackMask & ~Hit.MUV3 }],
      ["track in the LKr beam hole (R < 150 mm)", { xLkr: 148 }],
      ["no kaon association", { gtkMatch: -1 }],
      ["kaon momentum", { pK: 72 }],
      ["kaon slope", { txK: 0.002 }],
      ["vertex upstream of the FV", { zVtx: 104000 }],
      ["vertex downstream of the FV", { zVtx: 166000 }],
      ["CDA", { cda: 5 }],
      ["π⁺ through the GTK3 sensor region", { txTrack: 0.0001 }],
      ["R_STRAW1 vs z_vtx (2018-S2)", { txTrack: 0.004 }],
      ["momentum below 15 GeV/c", { pTrack: 14 }],
      ["R1 above 35 GeV/c", { pTrack: 40 }],
      ["no RICH momentum", { m2missRich: Number.NaN }],
      ["no π⁺ identification", { pidPi: 0 }],
      ["vetoed photon", { pv: 0 }],
    ];
    for (const [why, e] of bad) {
      const t = run(s2, [e]);
      const total = t.regionSum(Region.R1, Q.A) + t.regionSum(Region.R2, Q.A);
      assert.equal(total, 0, why);
      assert.equal(t.wGen, 2, `${why}: still counted as generated`);
    }
  });

  it("rejects a track that forms a vertex with a GTK candidate between 100 and 105 m", () => {
    // the good track: x = 0.01·(z − 130 m), at x = −276 mm at GTK3 (z = 102.4 m)
    const c = columns([{}, {}]);
    c.nGtk[0] = 1;
    c.nGtk[1] = 1;
    const set = (ev: number, x: number) => {
      const o = ev * MAX_GTK_CANDIDATES * GTK_FIELDS;
      c.gtkCand.set([75, 0, 0, x, 0, 0, 0], o);
    };
    set(0, 0.01 * (102400 - 130000)); // a parallel beam track through that point: vertex at 102.4 m
    set(1, 20); // meets the track at z = 132 m, inside the FV: no extra vertex
    const t = new SampleTally("x");
    s2.process(c, c, t);
    assert.equal(t.sel[at(Region.R1, 2, Q.N)], 1, "only the event without an extra vertex is kept");
  });

  it("2018-S1 uses the TRIM5 box instead of the R_STRAW1 line", () => {
    // slope 0.004: inside the R_STRAW1 exclusion but outside the TRIM5 box (|x| = 113 mm > 100 mm)
    assert.ok(run(s1, [{ txTrack: 0.004 }]).regionSum(Region.R1, Q.A) > 0);
    // slope 0.003 at z = 130 m: back at TRIM5 |x| = 85 mm, |y| = 0: inside the box
    assert.equal(run(s1, [{ txTrack: 0.003 }]).regionSum(Region.R1, Q.A), 0);
  });

  it("takes the normalisation from the π⁺π⁰ region before photon rejection, with the control trigger", () => {
    const t = run(s2, [{ m2miss: 0.018, m2missRich: 0.018, m2missBeam: 0.018, pv: 1e-8 }]);
    const an = 2 * EFF * 0.9 * 0.8 * 0.95; // no pv in the normalisation
    assert.ok(Math.abs(t.norm[2 * NQN] - an) < 1e-15);
    assert.equal(t.norm[2 * NQN + 2], 1);
    // the PNN selection sees it in the π⁺π⁰ region with the photon-veto probability
    assert.ok(Math.abs(t.sel[at(Region.PIPI, 2, Q.A)] - 2 * EFF * 0.9 * 0.8 * 1e-8) < 1e-20);
  });

  it("counts the true fiducial volume from the generated vertex, not the reconstructed one", () => {
    const t = run(s2, [{ vtxZ: 100000 }, { vtxZ: 170000 }, {}]);
    assert.equal(t.wGen, 6);
    assert.equal(t.wFv, 2);
  });

  it("tallies add exactly: one batch or two give the same sums", () => {
    const events: Event[] = [];
    for (let i = 0; i < 50; i++) {
      events.push({
        weight: 1 + i / 7,
        pTrack: 15.5 + i * 0.5,
        m2miss: -0.02 + i * 0.002,
        m2missRich: -0.02 + i * 0.002,
        m2missBeam: -0.02 + i * 0.002,
      });
    }
    const whole = run(s2, events);
    const a = run(s2, events.slice(0, 20));
    a.add(run(s2, events.slice(20)));
    // sums over regions are order-dependent only through the grouping of additions: compare per cell
    for (let i = 0; i < whole.sel.length; i++)
      assert.ok(Math.abs(whole.sel[i] - a.sel[i]) <= 1e-12 * Math.abs(whole.sel[i]));
    assert.equal(a.nGen, 50);
    const back = SampleTally.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    assert.deepEqual(back.sel, a.sel);
    assert.deepEqual(back.hKin, a.hKin);
  });

  it("averages the RICH constraint of a mis-identified track over its π-ring draws without bias", () => {
    // a muon-like ring at 25 GeV/c, tail-dominated inside the π window: p_RICH spreads over the
    // window, so m²miss(RICH) is in the R1 window for part of the draws only
    const n2 = (1 + 6.28e-5) ** 2;
    const angle = (m: number, p: number) => Math.acos(Math.sqrt(1 + (m * m) / (p * p)) / Math.sqrt(n2));
    const mPi = 0.13957039;
    const N = 64 * RING_DRAWS;
    const ringOf = (u: number[]): PionRing => {
      const k = u.length;
      const col = (x: number) => new Float64Array(k).fill(x);
      return {
        ringTheta: col(angle(0.1057, 25)),
        ringSigma: col(0.00008),
        ringSigmaTail: col(0.0004),
        ringLo: col(angle(0.2, 25)),
        ringHi: col(angle(0.125, 25)),
        ringCore: col(0.001),
        ringU: Float64Array.from(u),
        ringN2: col(n2),
      };
    };
    const us = Array.from({ length: N }, (_, k) => (k + 0.5) / N);
    const ring = ringOf(us);
    const m2r = (i: number) =>
      missingMass2(75, 0.0012, 0, 0.493677, pionRingMomentum(ring, i, us[i], mPi), 0.01, 0, mPi);
    const base = { pidPi: 1e-4, m2miss: 0.002, m2missBeam: 0.002 };
    // one draw per event (no ring columns), N events
    const single = run(
      s2,
      us.map((_, i) => ({ ...base, m2missRich: m2r(i) })),
    );
    // the averaged version: N / RING_DRAWS events, each averaging RING_DRAWS stratified draws
    const M = N / RING_DRAWS;
    const u0 = Array.from({ length: M }, (_, k) => (k + 0.5) / N);
    const c = columns(u0.map(() => ({ ...base, m2missRich: Number.NaN })));
    Object.assign(c, ringOf(u0));
    const avg = new SampleTally("ring");
    s2.process(c, c, avg);
    const a1 = single.regionSum(Region.R1, Q.A) / N;
    const a2 = avg.regionSum(Region.R1, Q.A) / M;
    assert.ok(a1 > 0 && a1 < 2 * EFF * 0.9 * 1e-4 * 0.5 * 0.99, `partial R1 fraction (${a1})`);
    assert.ok(Math.abs(a2 / a1 - 1) < 0.02, `averaged ${a2} vs single draws ${a1}`);
  });
});

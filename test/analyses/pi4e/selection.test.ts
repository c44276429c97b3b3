/**
 * The five-track selection on hand-made tracks: the invariant masses against a direct computation,
 * the pion assignment, the pairing variable D, the ambiguity veto and the refusals (charges, vertex).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { selectionSetup } from "../../../src/analyses/pi4e/config.ts";
import { SAMPLES, sampleBR } from "../../../src/analyses/pi4e/samples.ts";
import { COMMON, F, R } from "../../../src/analyses/pi4e/selection.ts";
import { TrackList } from "../../../src/core/track-list.ts";
import { findChannel } from "../../../src/decays/catalogue.ts";
import { pi0Params } from "../../../src/decays/pi0.ts";
import { geometry } from "../../../src/detector/geometry.ts";

const M_PI = 0.13957039;
const M_E = 0.00051099895;
const M_K = 0.493677;
const M_PI0 = 0.1349768;

/** tracks from a common vertex (x, y, z) with momenta (px, py, pz) and charges q, measured at STRAW1 */
function tracks(v: [number, number, number], ps: [number, number, number][], qs: number[]): TrackList {
  const tl = new TrackList(1);
  const z1 = geometry().straw.z[0];
  ps.forEach(([px, py, pz], j) => {
    const tx = px / pz;
    const ty = py / pz;
    tl.p[j] = Math.hypot(px, py, pz);
    tl.tx[j] = tx;
    tl.ty[j] = ty;
    tl.x[j] = v[0] + tx * (z1 - v[2]);
    tl.y[j] = v[1] + ty * (z1 - v[2]);
    tl.q[j] = qs[j];
    tl.sigmaPos[j] = 0.1;
    tl.sigmaSlope[j] = 1e-5;
    tl.eff[j] = 0.99;
  });
  tl.count[0] = ps.length;
  return tl;
}

function mass(ps: [number, number, number][], ms: number[]): number {
  let e = 0;
  let x = 0;
  let y = 0;
  let z = 0;
  ps.forEach((p, j) => {
    e += Math.sqrt(p[0] ** 2 + p[1] ** 2 + p[2] ** 2 + ms[j] ** 2);
    x += p[0];
    y += p[1];
    z += p[2];
  });
  return Math.sqrt(e * e - x * x - y * y - z * z);
}

const IDX = [0, 1, 2, 3, 4];

describe("pi4e five-track selection", () => {
  it("computes m_π4e, m_4e, Δp and m²_miss as a direct computation does, with the right pion", () => {
    const { sel } = selectionSetup("2018-S2", []);
    // a hard π⁺ (first) and four electrons of different momenta
    const ps: [number, number, number][] = [
      [0.05, 0.01, 40],
      [-0.02, 0.03, 12],
      [0.01, -0.04, 8],
      [-0.03, -0.01, 9],
      [0.02, 0.02, 6],
    ];
    const qs = [1, 1, -1, 1, -1];
    const bits = sel.evaluate(tracks([0, 0, 140000], ps, qs), IDX);
    assert.ok(bits >= 0, "the vertex is found");
    const o = sel.out;
    // the pion: the positive track whose pion mass puts m_π4e closest to m_K
    const cand = [0, 1, 3].map((j) => ({
      j,
      m: mass(
        ps,
        ps.map((_, k) => (k === j ? M_PI : M_E)),
      ),
    }));
    cand.sort((a, b) => Math.abs(a.m - M_K) - Math.abs(b.m - M_K));
    const { j, m: mPi } = cand[0];
    assert.ok(Math.abs(o[F.mPi4e] - mPi) < 1e-9 * mPi, `${o[F.mPi4e]} vs ${mPi}`);
    const rest = ps.filter((_, k) => k !== j);
    assert.ok(Math.abs(o[F.m4e] - mass(rest, [M_E, M_E, M_E, M_E])) < 1e-9);
    assert.ok(Math.abs(o[F.pPi] - Math.hypot(...ps[j])) < 1e-12);
    const pTot = Math.hypot(
      ps.reduce((s, p) => s + p[0], 0),
      ps.reduce((s, p) => s + p[1], 0),
      ps.reduce((s, p) => s + p[2], 0),
    );
    assert.ok(Math.abs(o[F.dp] - (pTot - 75)) < 1e-9);
    assert.ok(Math.abs(o[F.z] - 140000) < 1, `vertex z ${o[F.z]}`);
  });

  it("the pairing variable D is 0 for two e⁺e⁻ pairs of equal mass, and the pair mass is theirs", () => {
    const { sel } = selectionSetup("2018-S2", []);
    // two mirror-image pairs: the same invariant mass; the softest positive track is the pion (the
    // all-electron mass is below m_K, and the pion mass raises it most on the softest track)
    const ps: [number, number, number][] = [
      [0, 0, 3],
      [0.03, 0.0, 10],
      [-0.03, 0.0, 10],
      [0.0, 0.03, 10],
      [0.0, -0.03, 10],
    ];
    sel.evaluate(tracks([0, 0, 150000], ps, [1, 1, -1, 1, -1]), IDX);
    assert.equal(sel.out[F.pPi], 3);
    assert.ok(sel.out[F.dMin] < 1e-12, `D = ${sel.out[F.dMin]}`);
    const m12 = mass([ps[1], ps[2]], [M_E, M_E]);
    assert.ok(Math.abs(sel.out[F.mee] - m12) < 1e-12);
  });

  it("an exact K⁺→π⁺π⁰_DD at rest-frame kinematics is a normalisation event, not a signal one", () => {
    const { sel } = selectionSetup("2018-S2", []);
    // build a K⁺ at 75 GeV/c along z decaying to π⁺ + (4e with m_4e = m_π⁰): back-to-back in the K frame
    const pStar = Math.sqrt((M_K ** 2 - (M_PI + M_PI0) ** 2) * (M_K ** 2 - (M_PI - M_PI0) ** 2)) / (2 * M_K);
    const g = Math.sqrt(75 ** 2 + M_K ** 2) / M_K;
    const bg = 75 / M_K;
    const boost = (px: number, pz: number, m: number): [number, number, number] => {
      const e = Math.sqrt(px * px + pz * pz + m * m);
      return [px, 0, g * pz + bg * e];
    };
    const pi = boost(pStar, 0, M_PI);
    // the π⁰ (4e) system recoils: split it into four electrons sharing its momentum (equal masses)
    const e0 = Math.sqrt(pStar * pStar + M_PI0 * M_PI0);
    // in the π⁰ frame: four electrons along ±x', ±y' with |p| = m_π⁰/4 (massless limit ≈ fine at 1e-5)
    const q = Math.sqrt((M_PI0 / 4) ** 2 - M_E ** 2);
    const gp = e0 / M_PI0;
    const bgp = -pStar / M_PI0;
    const inPi0 = (qx: number, qy: number): [number, number, number] => {
      const ee = M_PI0 / 4;
      // boost along x from the π⁰ frame to the K frame, then to the lab
      const px = gp * qx + bgp * ee;
      const ek = gp * ee + bgp * qx;
      return [px, qy, g * 0 + bg * ek];
    };
    const es = [inPi0(q, 0), inPi0(-q, 0), inPi0(0, q), inPi0(0, -q)];
    const ps: [number, number, number][] = [pi, es[0], es[1], es[2], es[3]];
    const bits = sel.evaluate(tracks([0, 0, 130000], ps, [1, 1, -1, 1, -1]), IDX);
    assert.ok(Math.abs(sel.out[F.mPi4e] - M_K) < 1e-4, `m_π4e ${sel.out[F.mPi4e]}`);
    assert.ok(Math.abs(sel.out[F.m4e] - M_PI0) < 1e-4, `m_4e ${sel.out[F.m4e]}`);
    assert.ok(bits & COMMON);
    assert.ok(bits & R.NORM, "normalisation");
    assert.equal(bits & R.SR, 0, "not signal");
  });

  it("refuses wrong charges (−1) and fails outside the m_π4e window (0)", () => {
    const { sel } = selectionSetup("2018-S2", []);
    const ps: [number, number, number][] = [
      [0.05, 0.01, 40],
      [-0.02, 0.03, 12],
      [0.01, -0.04, 8],
      [-0.03, -0.01, 9],
      [0.02, 0.02, 6],
    ];
    assert.equal(sel.evaluate(tracks([0, 0, 140000], ps, [1, 1, 1, 1, -1]), IDX), -1);
    assert.equal(sel.evaluate(tracks([0, 0, 140000], ps, [1, -1, -1, -1, 1]), IDX), -1);
    // these momenta sum to 75 GeV/c with m_π4e far from m_K
    const m = mass(ps, [M_PI, M_E, M_E, M_E, M_E]);
    assert.ok(m < 0.484 || m > 0.504);
    assert.equal(sel.evaluate(tracks([0, 0, 140000], ps, [1, 1, -1, 1, -1]), IDX), 0);
    // a vertex outside the fiducial volume
    assert.equal(sel.evaluate(tracks([0, 0, 95000], ps, [1, 1, -1, 1, -1]), IDX), -1);
  });

  it("the branching-ratio product of each sample: channel BR × forced π⁰ modes", () => {
    const p = pi0Params();
    const br = (k: string) => sampleBR(SAMPLES.find((s) => s.key === k)!);
    const k3pi0 = findChannel("K+ -> pi+ pi0 pi0").br!;
    assert.equal(br("pipiDpiD"), k3pi0 * p.brEEG * p.brEEG);
    assert.equal(br("k2pidd"), findChannel("K+ -> pi+ pi0").br! * p.brEEEE);
    assert.equal(br("k3pi0DD"), k3pi0 * p.brEEEE);
    assert.equal(br("signal"), 1);
    // NA62's table: BR(K2πDD) = 6.9 × 10⁻⁶
    assert.ok(Math.abs(br("k2pidd") / 6.9e-6 - 1) < 0.03, `${br("k2pidd")}`);
  });
});

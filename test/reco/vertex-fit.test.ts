/**
 * The vertex fit (src/reco/vertex-fit.ts) on tracks generated from a known vertex with the STRAW
 * resolutions of the 2018-S2 card (position at STRAW1 and slopes smeared independently, as straw.ts
 * does): χ² follows χ²(ndf) on average, the pulls of the vertex have unit width and no bias; the
 * kinematics conserve momentum and energy; the backward extrapolation finds the point the total
 * momentum came from. Tolerances: 5 standard errors of the sample.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { particleTable } from "../../src/core/particles.ts";
import { stream } from "../../src/core/rng/streams.ts";
import { MAX_TRACKS, TrackList } from "../../src/core/track-list.ts";
import { loadPeriod } from "../../src/detector/card.ts";
import { geometry } from "../../src/detector/geometry.ts";
import { NormalStream } from "../../src/detector/normal-stream.ts";
import { Straw } from "../../src/detector/straw.ts";
import { V, VertexFit } from "../../src/reco/vertex-fit.ts";
import { assertPull, moments } from "../helpers/stat.ts";

const geo = geometry();
const straw = new Straw(loadPeriod("2018-S2", []), geo);
const z1 = geo.straw.z[0];
const IDX = Int32Array.from({ length: MAX_TRACKS }, (_, j) => j);

/** n tracks of momenta 8–40 GeV/c from (xv, yv, zv) into event 0 of tl, measured if `smear` */
function tracksFrom(
  tl: TrackList,
  n: number,
  xv: number,
  yv: number,
  zv: number,
  u: () => number,
  g: NormalStream | null,
): void {
  for (let j = 0; j < n; j++) {
    const p = 8 + 32 * u();
    const tx = 0.012 * (2 * u() - 1);
    const ty = 0.012 * (2 * u() - 1);
    const st = straw.sigmaTheta(p);
    const sp = straw.posRes;
    tl.p[j] = p;
    tl.tx[j] = tx + (g ? st * g.next() : 0);
    tl.ty[j] = ty + (g ? st * g.next() : 0);
    tl.x[j] = xv + tx * (z1 - zv) + (g ? sp * g.next() : 0);
    tl.y[j] = yv + ty * (z1 - zv) + (g ? sp * g.next() : 0);
    tl.sigmaPos[j] = sp;
    tl.sigmaSlope[j] = st;
  }
  tl.count[0] = n;
}

describe("vertex fit", () => {
  for (const n of [2, 3, 5]) {
    it(`${n} tracks from a known vertex: ⟨χ²⟩ = ndf, unbiased vertex with unit pulls`, () => {
      const rng = stream(7, n, "test-vertex-fit");
      const g = new NormalStream(rng);
      const u = () => rng.uniform();
      const tl = new TrackList(1);
      const fit = new VertexFit(z1);
      const N = 4000;
      const chi2 = new Float64Array(N);
      const pz = new Float64Array(N);
      const px = new Float64Array(N);
      for (let e = 0; e < N; e++) {
        const zv = 105000 + 60000 * u();
        const xv = 20 * (2 * u() - 1);
        const yv = 20 * (2 * u() - 1);
        tracksFrom(tl, n, xv, yv, zv, u, g);
        assert.ok(fit.fit(tl, IDX, n));
        chi2[e] = fit.out[V.chi2];
        pz[e] = (fit.out[V.z] - zv) / fit.out[V.sz];
        px[e] = (fit.out[V.x] - xv) / fit.out[V.sx];
      }
      const ndf = 2 * n - 3;
      assert.equal(fit.out[V.ndf], ndf);
      const c = moments(chi2);
      assertPull(c.mean, ndf, Math.sqrt((2 * ndf) / N), 5, `⟨χ²⟩ (${n} tracks)`);
      for (const [name, x] of [
        ["z", pz],
        ["x", px],
      ] as const) {
        const m = moments(x);
        assertPull(m.mean, 0, Math.sqrt(m.variance / N), 5, `mean pull ${name}`);
        // standard error of a standard deviation ≈ σ/√(2N)
        assertPull(Math.sqrt(m.variance), 1, 1 / Math.sqrt(2 * N), 5, `width of the ${name} pull`);
      }
    });
  }

  it("exact tracks: the vertex itself, χ² = 0", () => {
    const rng = stream(8, 0, "test-vertex-fit");
    const tl = new TrackList(1);
    const fit = new VertexFit(z1);
    tracksFrom(tl, 3, 3.5, -7.25, 140000, () => rng.uniform(), null);
    assert.ok(fit.fit(tl, IDX, 3));
    assert.ok(Math.abs(fit.out[V.z] - 140000) < 1e-6, `z ${fit.out[V.z]}`);
    assert.ok(Math.abs(fit.out[V.x] - 3.5) < 1e-9 && Math.abs(fit.out[V.y] + 7.25) < 1e-9);
    assert.ok(fit.out[V.chi2] < 1e-12);
  });

  it("fewer than two tracks: no vertex", () => {
    const tl = new TrackList(1);
    const fit = new VertexFit(z1);
    tracksFrom(tl, 1, 0, 0, 120000, () => 0.5, null);
    assert.equal(fit.fit(tl, IDX, 1), false);
    assert.ok(Number.isNaN(fit.out[V.z]));
  });

  it("kinematics: the momenta of a decay add up to the parent's, the mass to the parent mass", () => {
    // K⁺ → π⁺π⁺π⁻ at rest: three pions of equal energy at 120° in a plane, then boosted along z
    const pt = particleTable();
    const mK = pt.mass("K+");
    const mPi = pt.mass("pi+");
    const e = mK / 3;
    const q = Math.sqrt(e * e - mPi * mPi);
    const tl = new TrackList(1);
    const pK = 75;
    const gamma = Math.sqrt(pK * pK + mK * mK) / mK;
    const bg = pK / mK;
    for (let j = 0; j < 3; j++) {
      const a = (2 * Math.PI * j) / 3 + 0.3;
      const px = q * Math.cos(a);
      const pzr = q * Math.sin(a) * 0.6;
      const py = q * Math.sin(a) * 0.8;
      const pz = gamma * pzr + bg * e;
      tl.p[j] = Math.sqrt(px * px + py * py + pz * pz);
      tl.tx[j] = px / pz;
      tl.ty[j] = py / pz;
    }
    const fit = new VertexFit(z1);
    fit.kinematics(tl, IDX, 3, [mPi, mPi, mPi]);
    assert.ok(Math.abs(fit.out[V.mass] - mK) < 1e-9, `mass ${fit.out[V.mass]}`);
    assert.ok(Math.abs(fit.out[V.pz] - pK) < 1e-9 && Math.abs(fit.out[V.px]) < 1e-12);
    assert.ok(Math.abs(fit.deltaP(pK)) < 1e-9);
    assert.ok(fit.pt(0, 0) < 1e-9);
    // p_T to a tilted axis: |P| sin(angle)
    assert.ok(Math.abs(fit.pt(0.001, 0) - pK * Math.sin(Math.atan(0.001))) < 1e-9);
  });

  it("backward extrapolation: a pair produced on the beam axis at z_T points back to it", () => {
    const zT = 23000;
    const zv = 120000;
    const xv = 30;
    const yv = -12;
    // total momentum along the line from (0, 0, zT) to the vertex, split into two tracks
    const tx0 = xv / (zv - zT);
    const ty0 = yv / (zv - zT);
    const tl = new TrackList(1);
    const P = 40;
    const d = 0.004;
    const split = [
      [0.6, d],
      [0.4, -1.5 * d],
    ];
    // transverse components cancel: 0.6·d − 0.4·1.5·d = 0
    for (let j = 0; j < 2; j++) {
      const pz = P * split[j][0];
      const tx = tx0 + split[j][1];
      tl.tx[j] = tx;
      tl.ty[j] = ty0;
      tl.p[j] = pz * Math.sqrt(1 + tx * tx + ty0 * ty0);
      tl.x[j] = xv + tx * (z1 - zv);
      tl.y[j] = yv + ty0 * (z1 - zv);
      tl.sigmaPos[j] = straw.posRes;
      tl.sigmaSlope[j] = straw.sigmaTheta(20);
    }
    const fit = new VertexFit(z1);
    assert.ok(fit.fit(tl, IDX, 2));
    fit.kinematics(tl, IDX, 2, [0.105, 0.105]);
    fit.extrapolate(zT, 0, 0, 0, 0, 0);
    assert.ok(
      Math.abs(fit.out[V.xAt]) < 1e-6 && Math.abs(fit.out[V.yAt]) < 1e-6,
      `at z_T: ${fit.out[V.xAt]}`,
    );
    assert.ok(fit.out[V.cda] < 1e-3, `CDA ${fit.out[V.cda]}`);
    assert.ok(Math.abs(fit.out[V.zCda] - zT) < 1e-3, `z of the CDA ${fit.out[V.zCda]}`);
  });
});

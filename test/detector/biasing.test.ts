/**
 * Importance sampling of rare detector processes (src/detector/biasing.ts): the biased draws with
 * their likelihood-ratio weights reproduce the natural distributions (expectations unchanged), and
 * no biasing draws exactly as before.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventBatch, MAX_SLOTS, Status } from "../../src/core/batch.ts";
import { particleTable } from "../../src/core/particles.ts";
import { stream } from "../../src/core/rng/streams.ts";
import { C_LIGHT } from "../../src/core/units.ts";
import { InFlightDecayer } from "../../src/decays/in-flight.ts";
import { biasing, PION_NATURAL_SHARE } from "../../src/detector/biasing.ts";
import { geometry, singleScatteringParams } from "../../src/detector/geometry.ts";
import { SingleScattering } from "../../src/detector/single-scattering.ts";
import { assertPull } from "../helpers/stat.ts";

const g = geometry();
const particles = particleTable();

/** 256 events of a K⁺ (slot 0, never decayed in flight) and a particle pdg of mass m (slot 1), momentum pz along z, both at z0 */
function fillBatch(b: EventBatch, pdg: number, m: number, pz: number, z0: number): void {
  b.clear();
  b.size = 256;
  for (let i = 0; i < 256; i++) {
    b.weight[i] = 1;
    b.vtxZ[i] = z0;
    b.addParticle(i, 321, particles.mass("K+"), Status.INITIAL, -1, 0, 0, z0, 0);
    const k = b.addParticle(i, pdg, m, Status.FINAL, 0, 0, 0, z0, 0);
    b.pz[k] = pz;
    b.e[k] = Math.hypot(pz, m);
  }
}

describe("importance sampling of the single-scattering tail", () => {
  const tail = new SingleScattering(g.material.strawChamberX0, singleScatteringParams(g));
  const p = 25;

  it("with mix = 1 draws the natural angle with weight 1", () => {
    for (const v of [0, 0.3, 0.999]) {
      assert.equal(tail.biasedAngle(p, v, 1), tail.angle(p, v));
      assert.equal(tail.weight, 1);
    }
  });

  it("weighted draws reproduce P(θ > x)/P(tail) of the 1/θ³ law, with many more large angles", () => {
    const rng = stream(3, 0, "biasing-test");
    const n = 200000;
    const a = tail.thetaMin(p);
    const xs = [0.2, 0.5, 0.8].map((f) => a * (tail.thetaMax(p) / a) ** f);
    const sw = new Float64Array(xs.length);
    const sw2 = new Float64Array(xs.length);
    const raw = new Float64Array(xs.length);
    let wsum = 0;
    for (let i = 0; i < n; i++) {
      const th = tail.biasedAngle(p, rng.uniform(), 0.1);
      const w = tail.weight;
      assert.ok(w > 0 && w <= 10 + 1e-9, `weight ${w} above 1/mix`);
      wsum += w;
      xs.forEach((x, k) => {
        if (th > x) {
          sw[k] += w;
          sw2[k] += w * w;
          raw[k]++;
        }
      });
    }
    // the weights average to 1 (the biased density is normalised) ...
    assertPull(wsum / n, 1, 10 / Math.sqrt(n), 4, "mean weight");
    xs.forEach((x, k) => {
      const expected = tail.probabilityAbove(p, x) / tail.probability(p);
      const sigma = Math.sqrt(sw2[k] / n - (sw[k] / n) ** 2) / Math.sqrt(n);
      assertPull(sw[k] / n, expected, sigma, 4, `weighted P(θ > ${x.toExponential(2)})`);
      // ... and the far tail is drawn far more often than its natural probability
      if (k === 2) assert.ok(raw[k] / n > 20 * expected, `raw ${raw[k] / n} vs natural ${expected}`);
    });
  });
});

describe("importance sampling of muon decays in flight", () => {
  const zEnd = 246800;
  const mMu = particles.mass("mu+");
  const ctau = particles.get("mu+").lifetime * C_LIGHT;

  /** n muons of momentum pz produced at z0; returns Σw, Σw·[decayed], Σw²·[decayed], decayed count */
  function run(bias: number, n: number, pz: number, z0: number) {
    const d = new InFlightDecayer(particles, { zEnd, kicks: { z: [], pt: [] }, muonDecayBias: bias });
    const b = new EventBatch(256);
    const rng = stream(9, bias, "muon-bias-test");
    let sw = 0;
    let swd = 0;
    let sw2d = 0;
    let nd = 0;
    for (let done = 0; done < n; done += 256) {
      fillBatch(b, -13, mMu, pz, z0);
      d.process(b, 0, 256, rng);
      for (let i = 0; i < 256; i++) {
        const w = b.weight[i];
        sw += w;
        if (b.status[i * MAX_SLOTS + 1] !== Status.FINAL) {
          swd += w;
          sw2d += w * w;
          nd++;
        }
      }
    }
    return { sw, swd, sw2d, nd };
  }

  it("keeps P(decay before zEnd) = 1 − e^(−L/βγcτ) while decaying 100× more muons", () => {
    const pz = 30;
    const z0 = 130000;
    const n = 256 * 400;
    const expected = -Math.expm1(-(zEnd - z0) / ((pz / mMu) * ctau));
    const r = run(100, n, pz, z0);
    const sigma = Math.sqrt(r.sw2d / n - (r.swd / n) ** 2) / Math.sqrt(n);
    assertPull(r.swd / n, expected, sigma, 4, "weighted decay probability");
    // every muon is accounted for: E[w] = 1 over decayed and undecayed
    assertPull(r.sw / n, 1, 1e-3, 5, "mean weight");
    assert.ok(r.nd / n > 50 * expected, `decayed fraction ${r.nd / n} vs natural ${expected}`);
  });

  it("draws exactly as before without biasing", () => {
    const a = run(1, 2560, 30, 130000);
    assert.equal(a.sw, 2560);
  });

  it("refuses biasing factors outside their range, naming the field", () => {
    assert.throws(() => biasing({ tailMix: 0 }), /biasing.tailMix: .*got 0/);
    assert.throws(() => biasing({ muonDecay: 0.5 }), /biasing.muonDecay: .*got 0.5/);
    assert.throws(() => biasing({ pionDecay: Number.NaN }), /biasing.pionDecay: .*got NaN/);
    assert.throws(() => biasing({ elastic: 0 }), /biasing.elastic: .*got 0/);
    assert.throws(() => biasing({ upstreamDirection: 1 }), /biasing.upstreamDirection: .*got 1/);
    assert.deepEqual(biasing(), { tailMix: 1, muonDecay: 1, pionDecay: 1, elastic: 1, upstreamDirection: 0 });
  });
});

describe("importance sampling of pion decays in flight", () => {
  const zEnd = 246800;
  const mPi = particles.mass("pi+");
  const ctau = particles.get("pi+").lifetime * C_LIGHT;
  // the spectrometer (STRAW1 to STRAW4): a decay there gives a kinked track
  const zs = g.straw.z;

  /**
   * n π⁺ of momentum pz produced at z0; returns Σw, Σw², and over decays before zEnd and decays
   * between STRAW1 and STRAW4: Σw, Σw², the count; and the largest weight
   */
  function run(bias: number, n: number, pz: number, z0: number, seed = 5) {
    const d = new InFlightDecayer(particles, { zEnd, kicks: { z: [], pt: [] }, pionDecayBias: bias });
    const b = new EventBatch(256);
    const rng = stream(seed, bias, "pion-bias-test");
    const r = { sw: 0, sw2: 0, swd: 0, sw2d: 0, nd: 0, sws: 0, sw2s: 0, ns: 0, wMax: 0, zSum: 0 };
    for (let done = 0; done < n; done += 256) {
      fillBatch(b, 211, mPi, pz, z0);
      d.process(b, 0, 256, rng);
      for (let i = 0; i < 256; i++) {
        const w = b.weight[i];
        r.sw += w;
        r.sw2 += w * w;
        if (w > r.wMax) r.wMax = w;
        if (b.status[i * MAX_SLOTS + 1] === Status.FINAL) continue;
        // the muon (slot 2) starts at the decay point
        const zd = b.vz[i * MAX_SLOTS + 2];
        r.swd += w;
        r.sw2d += w * w;
        r.nd++;
        r.zSum += w * zd;
        if (zd >= zs[0] && zd < zs[3]) {
          r.sws += w;
          r.sw2s += w * w;
          r.ns++;
        }
      }
    }
    return r;
  }

  const pz = 20;
  const z0 = 110000;
  const lambda = (pz / mPi) * ctau;
  const pBefore = (z: number) => -Math.expm1(-(z - z0) / lambda);
  const n = 256 * 400;
  const bias = 8;
  const r = run(bias, n, pz, z0);
  const sigma = (sw: number, sw2: number) => Math.sqrt((sw2 / n - (sw / n) ** 2) / n);

  it("keeps P(decay before zEnd) and P(decay inside the spectrometer) while decaying more pions", () => {
    assertPull(r.swd / n, pBefore(zEnd), sigma(r.swd, r.sw2d), 4, "weighted decay probability");
    const pSpec = pBefore(zs[3]) - pBefore(zs[0]);
    assertPull(r.sws / n, pSpec, sigma(r.sws, r.sw2s), 4, "weighted P(decay in the spectrometer)");
    assert.ok(r.ns / n > 2.5 * pSpec, `spectrometer decays ${r.ns / n} vs natural ${pSpec}`);
  });

  it("keeps the mean decay z of the decays before zEnd", () => {
    // E[z | decay before zEnd] for an exponential truncated at L = zEnd − z0
    const L = zEnd - z0;
    const meanZ = z0 + lambda - L / Math.expm1(L / lambda);
    const mean = r.zSum / r.swd;
    // the weighted mean's error, conservatively from the spread of z (≤ L/√12 · ...) and the weights
    const sigmaZ = ((L / Math.sqrt(12)) * Math.sqrt(r.sw2d)) / r.swd;
    assertPull(mean, meanZ, sigmaZ, 4, "weighted mean decay z");
  });

  it("keeps the mean weight 1 with every weight at most 1/PION_NATURAL_SHARE", () => {
    assertPull(r.sw / n, 1, sigma(r.sw, r.sw2), 4, "mean weight");
    assert.ok(r.wMax <= 1 / PION_NATURAL_SHARE + 1e-12, `largest weight ${r.wMax}`);
  });

  it("draws exactly as before without biasing", () => {
    const a = run(1, 2560, pz, z0, 7);
    assert.equal(a.sw, 2560);
    const d = new InFlightDecayer(particles, { zEnd, kicks: { z: [], pt: [] } });
    const b = new EventBatch(4);
    const rng0 = stream(7, 1, "pion-bias-test");
    b.size = 1;
    b.weight[0] = 1;
    b.vtxZ[0] = z0;
    b.addParticle(0, 321, particles.mass("K+"), Status.INITIAL, -1, 0, 0, z0, 0);
    const k = b.addParticle(0, 211, mPi, Status.FINAL, 0, 0, 0, z0, 0);
    b.pz[k] = pz;
    b.e[k] = Math.hypot(pz, mPi);
    d.process(b, 0, 1, rng0);
    // one uniform decides the natural decay length, as without the option
    const rng1 = stream(7, 1, "pion-bias-test");
    const s = -Math.log(rng1.uniform()) * lambda;
    const decayed = z0 + s < zEnd;
    assert.equal(b.status[1] !== Status.FINAL, decayed);
    if (decayed) assert.ok(Math.abs(b.vz[2] - (z0 + s)) < 1e-6);
  });
});

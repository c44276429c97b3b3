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
import { biasing } from "../../src/detector/biasing.ts";
import { geometry, singleScatteringParams } from "../../src/detector/geometry.ts";
import { SingleScattering } from "../../src/detector/single-scattering.ts";
import { assertPull } from "../helpers/stat.ts";

const g = geometry();
const particles = particleTable();

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
      b.clear();
      b.size = 256;
      for (let i = 0; i < 256; i++) {
        b.weight[i] = 1;
        b.vtxZ[i] = z0;
        // slot 0 is the kaon (never decayed in flight), slot 1 the muon
        b.addParticle(i, 321, particles.mass("K+"), Status.INITIAL, -1, 0, 0, z0, 0);
        const k = b.addParticle(i, -13, mMu, Status.FINAL, 0, 0, 0, z0, 0);
        b.pz[k] = pz;
        b.e[k] = Math.hypot(pz, mMu);
      }
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
    assert.deepEqual(biasing(), { tailMix: 1, muonDecay: 1 });
  });
});

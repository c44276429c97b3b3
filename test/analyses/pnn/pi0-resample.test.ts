import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Pi0Resampler } from "../../../src/analyses/pnn/pi0-resample.ts";
import { chainStreams, Simulator } from "../../../src/chain/simulator.ts";
import { EventBatch, MAX_SLOTS } from "../../../src/core/batch.ts";
import { RecoBatch } from "../../../src/core/reco-batch.ts";
import { stream } from "../../../src/core/rng/streams.ts";
import { TransportBatch } from "../../../src/detector/transport-batch.ts";

const B = 256;

function setup(seed: number) {
  const sim = new Simulator({ channel: "K+ -> pi+ pi0", period: "2018-S2", zRange: [102500, 180000] });
  const b = new EventBatch(B);
  const tb = new TransportBatch(B);
  const r = new RecoBatch(B);
  const s = chainStreams(seed, 0);
  const next = () => {
    b.clear();
    sim.generator.fill(b, B, s.generator);
    sim.simulateBatch(b, tb, r, s);
  };
  return { sim, b, tb, r, next };
}

describe("π⁰ resampling of the photon-veto survival", () => {
  it("Detector.photonIneff reproduces the detector's pv, photon by photon", () => {
    const { sim, b, tb, r, next } = setup(11);
    for (let it = 0; it < 4; it++) {
      next();
      for (let i = 0; i < B; i++) {
        let p = 1;
        for (let k = 1; k < b.nParticles[i]; k++)
          if (b.pdg[i * MAX_SLOTS + k] === 22) p *= sim.detector.photonIneff(tb, i * MAX_SLOTS + k);
        assert.ok(Math.abs(p / r.pv[i] - 1) < 1e-12, `event ${i}: ${p} vs pv ${r.pv[i]}`);
      }
    }
  });

  it("re-decays conserve the π⁰ four-momentum; the batch is restored after the passes", () => {
    const { sim, b, tb, r, next } = setup(12);
    next();
    const res = new Pi0Resampler(sim.transport, sim.detector, 16, () => true);
    const i = [...Array(B).keys()].find((j) => b.pdg[j * MAX_SLOTS + 2] === 111)!;
    const P = i * MAX_SLOTS + 2;
    const save = Float64Array.from(b.px);
    const mask = Int32Array.from(tb.mask);
    const [g1, g2] = [P + 1, P + 2];
    assert.equal(b.pdg[g1], 22);
    res.decay(b, P, g1, g2, 0.3, 1.1);
    for (const c of [b.px, b.py, b.pz, b.e]) assert.ok(Math.abs(c[g1] + c[g2] - c[P]) < 1e-9 * b.e[P]);
    const m2 = (g: number) => b.e[g] ** 2 - b.px[g] ** 2 - b.py[g] ** 2 - b.pz[g] ** 2;
    assert.ok(Math.abs(m2(g1)) < 1e-9 && Math.abs(m2(g2)) < 1e-9);
    b.px.set(save);
    const pv = Float64Array.from(r.pv);
    res.apply(b, tb, r, B, stream(1, 0, "t"));
    assert.deepEqual(b.px, save);
    assert.deepEqual(tb.mask, mask);
    assert.ok(res.resampled > 0.9 * B);
    assert.notDeepEqual(r.pv, pv);
  });

  it("is unbiased: the resampled Σw·pv agrees with the plain one on the same events", () => {
    // paired on the same seeded events: D = Σ w (pv̄ − pv), σ_D² = Σ w² (pv̄ − pv)²
    const { sim, b, tb, r, next } = setup(13);
    const res = new Pi0Resampler(sim.transport, sim.detector, 64, () => true);
    const rng = stream(13, 0, "pnn-pi0");
    let s0 = 0;
    let d = 0;
    let d2 = 0;
    for (let it = 0; it < 40; it++) {
      next();
      const pv = Float64Array.from(r.pv.subarray(0, B));
      res.apply(b, tb, r, B, rng);
      for (let i = 0; i < B; i++) {
        const w = b.weight[i];
        s0 += w * pv[i];
        d += w * (r.pv[i] - pv[i]);
        d2 += (w * (r.pv[i] - pv[i])) ** 2;
      }
    }
    assert.ok(s0 > 0);
    assert.ok(Math.abs(d) < 4 * Math.sqrt(d2), `Σw·pv ${s0}: resampled − plain = ${d} ± ${Math.sqrt(d2)}`);
  });
});

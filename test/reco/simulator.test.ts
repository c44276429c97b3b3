import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Simulator } from "../../src/reco/simulator.ts";
import { assertPull } from "../helpers/stat.ts";

const FV: [number, number] = [105000, 165000];

/** the K⁺→π⁺π⁰ sample of the 2018-S2 normalisation: one π⁺ track, 15–35 GeV/c, vertex in the FV */
function pipi0(events: number, seed: number) {
  const sim = new Simulator({ channel: "K+ -> pi+ pi0", period: "2018-S2", zRange: FV });
  const m2: number[] = [];
  sim.run(seed, 0, events, (b, r) => {
    for (let i = 0; i < b.size; i++) {
      const p = r.pTrack[i];
      const z = r.zVtx[i];
      if (r.nTracks[i] !== 1 || r.trackId[i] !== 211 || !(p > 15 && p < 35) || !(z > FV[0] && z < FV[1]))
        continue;
      if (r.gtkMatch[i] < 0) continue;
      m2.push(r.m2miss[i]);
    }
  });
  m2.sort((a, b) => a - b);
  return m2;
}

describe("simulation chain", () => {
  it("K⁺→π⁺π⁰ in 2018-S2: m²miss peak at m²(π⁰) = 0.01822 GeV²/c⁴, core σ = (1.0 ± 0.2) × 10⁻³ (prediction)", () => {
    const m2 = pipi0(40000, 11);
    const n = m2.length;
    assert.ok(n > 8000, `${n} selected`);
    const q = (f: number) => m2[Math.floor(f * n)];
    const median = q(0.5);
    // core width from the interquartile range (insensitive to the non-Gaussian tails)
    const sigma = (q(0.75) - q(0.25)) / 1.349;
    // the peak position: statistical precision of the median ≈ 1.25 σ/√n; allow 5 of those
    assertPull(median, 0.018219, (1.25 * sigma) / Math.sqrt(n), 5, "m²miss peak");
    assert.ok(
      Math.abs(sigma - 1.0e-3) <= 0.2e-3,
      `core σ = ${sigma.toExponential(3)} (published (1.0 ± 0.2) × 10⁻³)`,
    );
  });

  it("same seed → identical columns; different shards are independent", () => {
    const take = (seed: number, shard: number) => {
      const sim = new Simulator({ channel: "mix", period: "2018-S2", zRange: FV });
      const out: number[] = [];
      sim.run(seed, shard, 3000, (b, r) => {
        for (let i = 0; i < b.size; i++) out.push(r.m2miss[i], r.pv[i], r.trigPnn[i], r.rv[i], r.pidPi[i]);
      });
      return out;
    };
    const a = take(3, 0);
    assert.deepEqual(take(3, 0), a);
    assert.notDeepEqual(take(3, 1), a);
  });

  it("probabilities lie in [0, 1]; the sample mode draws them (the random-veto mean agrees with the weights)", () => {
    const stats = (mode: "weighted" | "sample") => {
      const sim = new Simulator({ channel: "K+ -> pi+ nu nubar", period: "2018-S2", zRange: FV, mode });
      let n = 0;
      let rv = 0;
      let trig = 0;
      sim.run(4, 0, 20000, (b, r) => {
        for (let i = 0; i < b.size; i++) {
          for (const col of [
            r.pv,
            r.mult,
            r.rv,
            r.pidPi,
            r.pidMu,
            r.trigPnn,
            r.trigControl,
            r.effTrack,
            r.ktag,
          ]) {
            assert.ok(col[i] >= 0 && col[i] <= 1, `probability ${col[i]}`);
            if (mode === "sample") assert.ok(col[i] === 0 || col[i] === 1);
          }
          n++;
          rv += r.rv[i];
          trig += r.trigPnn[i];
        }
      });
      return { rv: rv / n, trig: trig / n, n };
    };
    const w = stats("weighted");
    const s = stats("sample");
    assertPull(s.rv, w.rv, Math.sqrt((w.rv * (1 - w.rv)) / s.n), 5, "sampled vs weighted ε_RV");
  });
});

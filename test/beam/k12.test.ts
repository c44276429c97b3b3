import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { beamRates, decayLength, KaonSource, k12Beam, parseZRange } from "../../src/beam/k12.ts";
import { EventBatch, MAX_SLOTS } from "../../src/core/batch.ts";
import { particleTable } from "../../src/core/particles.ts";
import { stream } from "../../src/core/rng/streams.ts";
import { C_LIGHT } from "../../src/core/units.ts";
import { assertPull, assertRel } from "../helpers/stat.ts";

const K = particleTable().get("K+");
const beam = k12Beam();

function fillKaons(n: number, zRange: [number, number] | null = null): EventBatch {
  const b = new EventBatch(n);
  b.size = n;
  b.weight.fill(1);
  new KaonSource(beam, particleTable(), zRange).fill(b, 0, n, stream(21, 0, "beam"));
  return b;
}

describe("K12 beam", () => {
  it("decay length βγcτ at 75 GeV/c is 563.8 m within 0.1% ([PDG2024] m_K, τ_K)", () => {
    assertRel(decayLength(75, K.mass, K.lifetime * C_LIGHT), 563_800, 1e-3, "βγcτ");
  });

  const N = 200_000;
  const b = fillKaons(N);
  it("kaon momentum: 75 GeV/c with 1% rms", () => {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      const g = i * MAX_SLOTS;
      const p = Math.hypot(b.px[g], b.py[g], b.pz[g]);
      s += p;
      s2 += p * p;
    }
    const mean = s / N;
    const rms = Math.sqrt(s2 / N - mean * mean);
    assertPull(mean, 75, 0.75 / Math.sqrt(N), 5, "mean momentum");
    assertPull(rms, 0.75, 0.75 / Math.sqrt(2 * N), 5, "momentum rms");
  });
  it("slopes and spot have the configured means and widths", () => {
    let tx = 0;
    let tx2 = 0;
    let y2 = 0;
    for (let i = 0; i < N; i++) {
      const g = i * MAX_SLOTS;
      const t = b.px[g] / b.pz[g];
      tx += t;
      tx2 += t * t;
      y2 += b.vy[g] ** 2;
    }
    assertPull(tx / N, beam.slopeX, beam.slopeSigmaX / Math.sqrt(N), 5, "mean dx/dz");
    assertPull(
      Math.sqrt(tx2 / N - (tx / N) ** 2),
      beam.slopeSigmaX,
      beam.slopeSigmaX / Math.sqrt(2 * N),
      5,
      "σ(dx/dz)",
    );
    assertPull(Math.sqrt(y2 / N), beam.spotSigmaY, beam.spotSigmaY / Math.sqrt(2 * N), 5, "σ(y)");
  });
  it("decay flight length is exponential with mean βγcτ, and the time matches it", () => {
    let s = 0;
    let maxDt = 0;
    for (let i = 0; i < N; i++) {
      const g = i * MAX_SLOTS;
      const p = Math.hypot(b.px[g], b.py[g], b.pz[g]);
      const flight = Math.hypot(b.vtxX[i] - b.vx[g], b.vtxY[i] - b.vy[g], b.vtxZ[i] - b.vz[g]);
      s += flight / decayLength(p, K.mass, K.lifetime * C_LIGHT); // unit exponential
      const beta = p / b.e[g];
      maxDt = Math.max(maxDt, Math.abs(b.vtxT[i] - flight / (beta * C_LIGHT)));
    }
    assertPull(s / N, 1, 1 / Math.sqrt(N), 5, "mean flight / L");
    assert.ok(maxDt < 1e-6, `time of flight off by ${maxDt} ns`);
  });
  it("a forced z range keeps vertices inside and weights by P(A < z < B)", () => {
    const bz = fillKaons(50_000, [105_000, 165_000]);
    let sw = 0;
    for (let i = 0; i < bz.size; i++) {
      assert.ok(bz.vtxZ[i] >= 105_000 - 1e-6 && bz.vtxZ[i] <= 165_000 + 1e-6);
      sw += bz.weight[i];
    }
    const L = decayLength(75, K.mass, K.lifetime * C_LIGHT);
    const p = Math.exp(-2600 / L) - Math.exp(-62600 / L);
    // the 1% momentum spread changes ⟨P⟩ only at second order: |Δ| < 1e-4 relative
    assertRel(sw / bz.size, p, 1e-3, "mean weight");
  });
  it("rates scale with intensity; composition π⁺ 70%, p 23%, K⁺ 6%", () => {
    const r1 = beamRates(beam, 1, K.mass, K.lifetime * C_LIGHT);
    const r65 = beamRates(beam, 0.65, K.mass, K.lifetime * C_LIGHT);
    assert.equal(r1.totalMHz, beam.nominalRateMHz);
    assertRel(r1.kaonMHz / r1.totalMHz, 0.06, 1e-12, "K⁺ fraction");
    assertRel(r1.pionMHz / r1.totalMHz, 0.7, 1e-12, "π⁺ fraction");
    assertRel(r65.kaonDecaysMHz / r1.kaonDecaysMHz, 0.65, 1e-12, "linearity");
    // kaon decays in 105–165 m: 6% × rate × 10.1% [D] ([NA62-JINST-2017])
    assertRel(r1.kaonDecaysMHz / r1.kaonMHz, 0.101, 0.01, "fraction decaying in the FV");
    assert.throws(() => beamRates(beam, -1, K.mass, 1), /intensity: expected a number ≥ 0, got -1/);
  });
  it("parses z ranges in mm and metres and rejects bad ones naming the value", () => {
    assert.deepEqual(parseZRange("105000:165000"), [105000, 165000]);
    assert.deepEqual(parseZRange("105m:165m"), [105000, 165000]);
    assert.deepEqual(parseZRange("105000mm:165m"), [105000, 165000]);
    assert.throws(() => parseZRange("105"), /--z-range: expected A:B .*got "105"/);
    assert.throws(() => parseZRange("a:b"), /both ends must be numbers, got "a:b"/);
  });
});

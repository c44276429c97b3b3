import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DumpProduction, PROCESSES } from "../../../src/analyses/dump-ap/production.ts";
import { stream } from "../../../src/core/rng/streams.ts";
import { bremsYieldIntegral, darkParams } from "../../../src/decays/dark/index.ts";

describe("dump-ap production", () => {
  it("the bremsstrahlung yield is the library's integral; the meson channels close at their thresholds", () => {
    const p = darkParams();
    for (const m of [0.25, 0.5, 0.7]) {
      const prod = new DumpProduction(m, { bremsFormFactor: "vmd" });
      const brems = bremsYieldIntegral(m, 1, 400, { zMin: 0.1, zMax: 0.9, pTMax: 1 });
      assert.ok(Math.abs(prod.yields[0] - brems) <= 1e-12 * brems);
      // without the form factor (ALPINIST's choice): the point-like proton
      const point = new DumpProduction(m, { bremsFormFactor: "none" });
      const b0 = bremsYieldIntegral(m, 1, 400, { zMin: 0.1, zMax: 0.9, pTMax: 1, formFactor: false });
      assert.ok(Math.abs(point.yields[0] - b0) <= 1e-12 * b0);
      assert.ok(prod.yields[0] > point.yields[0], "|F₁(m²)|² > 1 above the ρ/ω tail's onset");
      const eta = prod.yields[PROCESSES.indexOf("eta")];
      const omega = prod.yields[PROCESSES.indexOf("omega")];
      assert.equal(eta > 0, m < p.mEta, `η → γA′ at m = ${m}`);
      assert.equal(omega > 0, m < p.mOmega - p.mPi0, `ω → π⁰A′ at m = ${m}`);
      let sum = 0;
      for (const y of prod.yields) sum += y;
      assert.ok(Math.abs(prod.total - sum) <= 1e-12 * sum);
    }
  });

  it("sampled A′ are on their mass shell, forward, and drawn per process in proportion to the yields", () => {
    const m = 0.3;
    const prod = new DumpProduction(m);
    const rng = stream(7, 0, "test-production");
    const out = new Float64Array(4);
    const N = 20000;
    const counts = new Float64Array(PROCESSES.length);
    for (let i = 0; i < N; i++) {
      const k = prod.sample(rng, out);
      counts[k]++;
      const m2 = out[3] * out[3] - out[0] * out[0] - out[1] * out[1] - out[2] * out[2];
      assert.ok(Math.abs(m2 - m * m) < 1e-6 * out[3] * out[3], `mass shell: ${m2}`);
      assert.ok(out[2] > 0 && out[3] <= 400);
      if (k === 0)
        assert.ok(out[3] >= 0.1 * 400 - 1e-9 && out[3] <= 0.9 * 400 + 1e-9, "brems z in [0.1, 0.9]");
    }
    for (let k = 0; k < PROCESSES.length; k++) {
      const p = prod.yields[k] / prod.total;
      const sigma = Math.sqrt(N * p * (1 - p) || 1);
      assert.ok(Math.abs(counts[k] - N * p) < 5 * sigma, `${PROCESSES[k]}: ${counts[k]} vs ${N * p}`);
    }
  });
});

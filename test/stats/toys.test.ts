import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildCountingSpec, singleBinModel } from "../../src/stats/counting.ts";
import { exactCls, exactDiscovery, exactUpperLimit, feldmanCousins } from "../../src/stats/exact.ts";
import { fcInterval } from "../../src/stats/intervals.ts";
import { toyLimit } from "../../src/stats/limits.ts";
import { LikelihoodModel, type ModelSpec } from "../../src/stats/model.ts";
import { crossing, isotonicDecreasing } from "../../src/stats/scan.ts";
import { normalCdf } from "../../src/stats/special.ts";
import { linearSingleBin, runToys } from "../../src/stats/toy-task.ts";
import { ToyCalculator } from "../../src/stats/toys.ts";
import { assertPull, assertRel } from "../helpers/stat.ts";

const plain = new LikelihoodModel(buildCountingSpec(singleBinModel({ nObs: 2, background: 1.2 })));

describe("toy calculator", () => {
  it("CLs+b and CLb agree with Poisson enumeration within 4σ (binomial, 20000 toys)", async () => {
    const N = 20000;
    const calc = new ToyCalculator(plain, plain.observedData(), { nToys: N, seed: 11, workers: 1 });
    for (const p of await calc.scan([1, 3, 5.5])) {
      const e = exactCls(2, 1.2, p.poi);
      assertPull(p.clsb, e.clsb, Math.sqrt((e.clsb * (1 - e.clsb)) / N), 4, `CLs+b at ${p.poi}`);
      assertPull(p.clb, e.clb, Math.sqrt((e.clb * (1 - e.clb)) / N), 4, `CLb at ${p.poi}`);
    }
  });
  it("the closed-form one-bin path and the general fit give the same test statistics", () => {
    assert.ok(linearSingleBin(plain));
    // the same model with a fixed (inactive) nuisance parameter goes through the minimiser
    const spec: ModelSpec = structuredClone(plain.spec);
    spec.params.push({
      name: "alpha",
      init: 0,
      lo: -5,
      hi: 5,
      fixed: true,
      constraint: { kind: "normal", aux: 0, sigma: 1 },
    });
    spec.terms[1].modifiers.push({ type: "normsys", param: 1, hi: 1.1, lo: 0.9, code: 1 });
    const general = new LikelihoodModel(spec);
    assert.equal(linearSingleBin(general), null);
    const arg = { seed: 3, shard: 0, sub: 1, nToys: 300, mus: [0.5, 2, 4], stat: "qtilde" as const };
    const a = runToys({ ...arg, spec: plain.spec, key: "plain", genPars: [2] });
    const b = runToys({ ...arg, spec, key: "general", genPars: [2, 0] });
    for (let i = 0; i < a.length; i++)
      assert.ok(Math.abs(a[i] - b[i]) < 1e-8, `toy ${i}: ${a[i]} vs ${b[i]}`);
  });
  it("gives bit-identical scans with 1 and 2 worker threads (closed-form, 1-D profile and general fits)", async () => {
    for (const [constraint, mode, ses] of [
      ["gamma", "hybrid", false],
      ["lognormal", "frequentist", false],
      ["gaussian", "frequentist", true],
    ] as const) {
      const m = new LikelihoodModel(
        buildCountingSpec(
          singleBinModel({
            nObs: 4,
            background: 2,
            backgroundUnc: 0.5,
            backgroundConstraint: constraint,
            ...(ses ? { ses: 1e-10, sesUnc: 1e-11 } : {}),
          }),
        ),
      );
      const opts = { nToys: 1200, seed: 5, chunk: 300, threshold: 0, mode };
      const one = await new ToyCalculator(m, m.observedData(), { ...opts, workers: 1 }).scan([2, 5]);
      const two = await new ToyCalculator(m, m.observedData(), { ...opts, workers: 2 }).scan([2, 5]);
      assert.deepEqual(two, one, `${constraint} ${mode}`);
    }
  });
  it("discovery p-value from q₀ toys agrees with P(N ≥ n | b)", async () => {
    const m = new LikelihoodModel(buildCountingSpec(singleBinModel({ nObs: 6, background: 2 })));
    const N = 40000;
    const d = await new ToyCalculator(m, m.observedData(), { nToys: N, seed: 2, workers: 1 }).discovery();
    const e = exactDiscovery(6, 2).pValue;
    assertPull(d.pValue, e, Math.sqrt((e * (1 - e)) / N), 4, "p0");
  });
  it("toy upper limit returns its scan points and brackets every band", async () => {
    const r = await toyLimit(plain, plain.observedData(), 0.9, { nToys: 3000, seed: 1, workers: 1 });
    assert.ok(r.scan && r.scan.length >= 10);
    for (const k of ["-2", "-1", "0", "+1", "+2"] as const) assert.ok(Number.isFinite(r.expected[k]), k);
    const exact = exactUpperLimit(2, 1.2, 0.9);
    assert.ok(Math.abs(r.upperLimit / exact - 1) < 0.05, `${r.upperLimit} vs exact ${exact}`);
  });
});

describe("robust scans", () => {
  it("resolves every band when the observed limit lies far from the expected ones (n = 50 over b = 3 ± 1)", async () => {
    const m = new LikelihoodModel(
      buildCountingSpec(
        singleBinModel({ nObs: 50, background: 3, backgroundUnc: 1, backgroundConstraint: "gamma" }),
      ),
    );
    const N = 2000;
    const alpha = 0.1;
    const opts = { nToys: N, seed: 1, workers: 1, mode: "hybrid" as const };
    const r = await toyLimit(m, m.observedData(), 1 - alpha, opts);
    // the same toys (common random numbers) on a dense grid over the bands and around the observed limit
    const bands = await toyLimit(m, m.observedData(), 1 - alpha, { ...opts, guess: [2, 10], points: 60 });
    const obs = await toyLimit(m, m.observedData(), 1 - alpha, { ...opts, guess: [45, 70], points: 30 });
    const keys = ["-2", "-1", "0", "+1", "+2"] as const;
    for (let k = 1; k < 5; k++)
      assert.ok(
        r.expected[keys[k]] >= r.expected[keys[k - 1]],
        `bands not ordered: ${JSON.stringify(r.expected)}`,
      );
    // agreement to the precision of the toy CLs+b at each crossing: α·Φ(k)·N toys beyond the data
    keys.forEach((key, j) => {
      const tol = 1 / Math.sqrt(N * alpha * normalCdf(j - 2));
      assertRel(r.expected[key], bands.expected[key], tol, `band ${key}`);
    });
    assertRel(r.upperLimit, obs.upperLimit, 1 / Math.sqrt(N * alpha), "observed");
  });

  it("isotonic regression pools violators (least squares, non-increasing)", () => {
    const close = (a: number[], b: number[]) =>
      a.forEach((v, i) => {
        assert.ok(Math.abs(v - b[i]) < 1e-15, `${a} vs ${b}`);
      });
    close(isotonicDecreasing([1, 0.5, 0.6, 0.2]), [1, 0.55, 0.55, 0.2]);
    close(isotonicDecreasing([0.3, 0.4, 0.5]), [0.4, 0.4, 0.4]);
  });
  it("finds the crossing of a noisy, non-monotone CLs curve instead of failing", () => {
    const xs = [1, 2, 3, 4, 5, 6];
    const noisy = [0.5, 0.3, 0.32, 0.12, 0.04, 0.06];
    const c = crossing(xs, noisy, 0.05);
    assert.equal(c.status, "ok");
    assert.ok(c.value > 4 && c.value < 6);
    assert.equal(crossing(xs, [0.9, 0.8, 0.7, 0.6, 0.5, 0.4], 0.05).status, "above");
    assert.equal(crossing(xs, [0.04, 0.03, 0.02, 0.01, 0.01, 0], 0.05).status, "below");
  });
  it("interpolates smooth curves accurately: ln CLs = −μ crosses 0.1 at ln 10", () => {
    const xs = [0.5, 1.5, 2.5, 3.5];
    const c = crossing(
      xs,
      xs.map((x) => Math.exp(-x)),
      0.1,
    );
    assert.ok(Math.abs(c.value - Math.log(10)) < 1e-12);
  });
});

describe("hybrid and frequentist toys with nuisance parameters", () => {
  it("hybrid toys tend to the exact limit as the uncertainty vanishes; frequentist toys break the n = n_obs ties", async () => {
    const exact = exactUpperLimit(3, 1.612, 0.9);
    const m = new LikelihoodModel(
      buildCountingSpec(
        singleBinModel({ nObs: 3, background: 1.612, backgroundUnc: 0.001, backgroundConstraint: "gamma" }),
      ),
    );
    const opts = { nToys: 10000, seed: 1, workers: 1 };
    const hybrid = await toyLimit(m, m.observedData(), 0.9, { ...opts, mode: "hybrid" });
    const freq = await toyLimit(m, m.observedData(), 0.9, { ...opts, mode: "frequentist" });
    // 10⁴ toys: CLs+b ≈ 0.1 to ±3% (relative) → the limit to ~1.5%
    assert.ok(
      Math.abs(hybrid.upperLimit / exact - 1) < 0.03,
      `hybrid ${hybrid.upperLimit} vs exact ${exact}`,
    );
    // the auxiliary measurement makes q̃μ continuous: toys with n = n_obs fall on either side of the
    // observed value, so the frequentist limit is lower by up to P(n_obs) worth of CLs+b
    assert.ok(
      freq.upperLimit < hybrid.upperLimit,
      `frequentist ${freq.upperLimit} vs hybrid ${hybrid.upperLimit}`,
    );
  });
});

describe("Feldman–Cousins with nuisance parameters (profile construction with toys)", () => {
  it("with a vanishing uncertainty, hybrid toys reproduce the exact FC interval (n = 6, b = 3: [0.15, 8.47])", async () => {
    const m = new LikelihoodModel(
      buildCountingSpec(singleBinModel({ nObs: 6, background: 3, backgroundUnc: 0.003 })),
    );
    const r = await fcInterval(m, m.observedData(), 0.9, {
      nToys: 4000,
      seed: 1,
      workers: 1,
      mode: "hybrid",
    });
    const [lo, hi] = feldmanCousins(6, 3, 0.9);
    assert.equal(r.method, "fc-toys");
    // 4000 toys and a 24-point grid refined 4 times: edges to ~0.05
    assert.ok(
      Math.abs(r.interval[0] - lo) < 0.06 && Math.abs(r.interval[1] - hi) < 0.06,
      `${r.interval} vs [${lo}, ${hi}]`,
    );
  });
});

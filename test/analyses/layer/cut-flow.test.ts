import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CutFlow } from "../../../src/analyses/layer/cut-flow.ts";
import { stream } from "../../../src/core/rng/streams.ts";

describe("cut flow", () => {
  it("sums weights and squares per step; shards add up to the whole", () => {
    const cuts = ["all", "a", "a and b"];
    const whole = new CutFlow(cuts);
    const parts = [new CutFlow(cuts), new CutFlow(cuts), new CutFlow(cuts)];
    const rng = stream(7, 0, "cut-flow-test");
    let w0 = 0;
    let w2 = 0;
    let n2 = 0;
    for (let i = 0; i < 3000; i++) {
      const w = rng.uniform();
      const a = rng.uniform() < 0.5;
      const b = rng.uniform() < 0.3;
      for (const f of [whole, parts[i % 3]]) {
        f.pass(0, w);
        if (a) f.pass(1, w);
        if (a && b) f.pass(2, w);
      }
      w0 += w;
      if (a && b) {
        w2 += w * w;
        n2++;
      }
    }
    const sum = new CutFlow(cuts);
    for (const p of parts) sum.add(p);
    for (let i = 0; i < cuts.length; i++) {
      assert.ok(Math.abs(sum.sumw[i] - whole.sumw[i]) <= 1e-12 * whole.sumw[i]);
      assert.ok(Math.abs(sum.sumw2[i] - whole.sumw2[i]) <= 1e-12 * whole.sumw2[i]);
    }
    const steps = whole.steps("all");
    assert.ok(Math.abs(steps[0].weight - w0) <= 1e-12 * w0);
    assert.equal(steps[0].fraction, 1);
    assert.ok(Math.abs(steps[2].error - Math.sqrt(w2)) <= 1e-12 * Math.sqrt(w2));
    // the flow only falls, and the last step keeps ~15% of the weight (binomial, 3000 events)
    assert.ok(steps[1].weight <= steps[0].weight && steps[2].weight <= steps[1].weight);
    const f = steps[2].fraction!;
    const sigma = Math.sqrt((0.15 * 0.85) / 3000) * 1.5;
    assert.ok(Math.abs(f - 0.15) < 5 * sigma, `fraction ${f}`);
    assert.ok(n2 > 0);
  });

  it("refuses a flow with other cuts, an unknown cut name and duplicates", () => {
    assert.throws(() => new CutFlow(["a", "b"]).add(new CutFlow(["a", "c"])), /other cuts/);
    assert.throws(() => new CutFlow(["a"]).steps("x"), /no cut "x"/);
    assert.throws(() => new CutFlow(["a", "a"]), /unique/);
    assert.throws(() => new CutFlow(["a"], [1, 2]), /expected 1 numbers, got 2/);
  });
});

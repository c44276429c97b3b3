import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compare } from "../../../src/analyses/layer/comparison.ts";

describe("published-vs-kaonlab comparison", () => {
  const rel10 = { relative: 0.1 };
  it("reproduced within the tolerance, or within 2σ", () => {
    const a = compare({ figure: "x", ours: 1.05, reference: { value: 1 }, tolerance: rel10 });
    assert.equal(a.status, "reproduced");
    assert.ok(Math.abs(a.ratio! - 1.05) < 1e-12);
    assert.match(a.reason, /ratio 1.05 within ±10%/);
    // outside ±10%, but within 2σ of MC (0.1) and published (0.1) errors: √0.02 = 0.141, 0.25/0.141 = 1.77σ
    const b = compare({
      figure: "x",
      ours: 1.25,
      uncertainty: 0.1,
      reference: { value: 1, error: 0.1 },
      tolerance: rel10,
    });
    assert.equal(b.status, "reproduced");
    assert.match(b.reason, /1\.8σ/);
  });

  it("not reproduced outside both; the published error on the side of ours counts", () => {
    const c = compare({
      figure: "x",
      ours: 1.5,
      uncertainty: 0.1,
      reference: { value: 1, error: 0.1 },
      tolerance: rel10,
    });
    assert.equal(c.status, "not reproduced");
    assert.match(c.reason, /ratio 1.50 outside ±10%, 3.5σ/);
    // kaonlab ≈ 0 with a tiny MC error against a value published without error: "far", not 10¹³σ
    const far = compare({
      figure: "x",
      ours: 1e-15,
      uncertainty: 1e-15,
      reference: { value: 0.05 },
      tolerance: rel10,
    });
    assert.equal(far.status, "not reproduced");
    assert.match(far.reason, /ratio 0.00 outside ±10%, > 100σ$/);
    const up = compare({
      figure: "x",
      ours: 1.5,
      reference: { value: 1, errorUp: 0.3, errorDown: 0.01 },
      tolerance: rel10,
    });
    assert.equal(up.status, "reproduced", up.reason);
    const down = compare({
      figure: "x",
      ours: 0.5,
      reference: { value: 1, errorUp: 0.3, errorDown: 0.01 },
      tolerance: rel10,
    });
    assert.equal(down.status, "not reproduced", down.reason);
  });

  it("a factor tolerance is symmetric in ratio", () => {
    const f = { factor: 1.5 };
    assert.equal(
      compare({ figure: "x", ours: 0.67, reference: { value: 1 }, tolerance: f }).status,
      "reproduced",
    );
    assert.equal(
      compare({ figure: "x", ours: 0.66, reference: { value: 1 }, tolerance: f }).status,
      "not reproduced",
    );
    assert.equal(
      compare({ figure: "x", ours: 1.5, reference: { value: 1 }, tolerance: f }).status,
      "reproduced",
    );
  });

  it("calibrated, upper bounds and no reference", () => {
    const cal = compare({
      figure: "x",
      ours: 3,
      reference: { value: 1 },
      tolerance: rel10,
      calibrated: "k on x",
    });
    assert.equal(cal.status, "calibrated");
    assert.match(cal.reason, /k on x/);
    const below = compare({ figure: "x", ours: 0.005, reference: { limit: 0.01 }, tolerance: rel10 });
    assert.equal(below.status, "reproduced");
    assert.equal(below.ratio, null);
    assert.equal(
      compare({ figure: "x", ours: 0.02, reference: { limit: 0.01 }, tolerance: rel10 }).status,
      "not reproduced",
    );
    const none = compare({ figure: "x", ours: 2, reference: null, tolerance: rel10 });
    assert.equal(none.status, "no reference");
    assert.equal(none.published, null);
    assert.equal(
      compare({ figure: "x", ours: Number.NaN, reference: { value: 1 }, tolerance: rel10 }).status,
      "not reproduced",
    );
  });
});

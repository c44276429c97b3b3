import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  exactCls,
  exactDiscovery,
  exactExpectedLimits,
  exactUpperLimit,
  feldmanCousins,
  poissonQuantile,
} from "../../src/stats/exact.ts";
import { poissonCdf, poissonSfGe } from "../../src/stats/special.ts";
import { PEERS } from "./peers-reference.ts";

describe("exact CLs (Poisson enumeration)", () => {
  it("reproduces the reference table (b = 0.26, n = 0..20, 90% and 95% CL) to 1e-4", () => {
    for (const [n, ul90, ul95] of PEERS) {
      assert.ok(
        Math.abs(exactUpperLimit(n, 0.26, 0.9) - ul90) <= 1e-4,
        `n=${n} 90%: ${exactUpperLimit(n, 0.26, 0.9)}`,
      );
      assert.ok(
        Math.abs(exactUpperLimit(n, 0.26, 0.95) - ul95) <= 1e-4,
        `n=${n} 95%: ${exactUpperLimit(n, 0.26, 0.95)}`,
      );
    }
  });
  it("solves CLs = 1 − CL at the limit", () => {
    for (const n of [0, 3, 17]) {
      const s = exactUpperLimit(n, 4.2, 0.9);
      assert.ok(Math.abs(exactCls(n, 4.2, s).cls - 0.1) < 1e-11);
    }
  });
  it("gives −ln(1 − CL) at n = 0 for any background", () => {
    for (const b of [0, 0.01, 0.26, 3, 50])
      for (const cl of [0.68, 0.9, 0.95, 0.99])
        assert.ok(Math.abs(exactUpperLimit(0, b, cl) + Math.log(1 - cl)) < 1e-12, `b=${b} cl=${cl}`);
  });
  it("expected limits are the limits at the background quantiles of n", () => {
    const e = exactExpectedLimits(3.0, 0.9);
    const q = [0.02275, 0.15866, 0.5, 0.84134, 0.97725].map((p) => poissonQuantile(p, 3.0));
    assert.deepEqual(q, [0, 1, 3, 5, 7]); // P(N ≤ 6 | 3) = 0.9665 < Φ(2) = 0.97725 ≤ P(N ≤ 7 | 3)
    for (let i = 0; i < 5; i++) assert.equal(e[i], exactUpperLimit(q[i], 3.0, 0.9));
    for (let i = 1; i < 5; i++) assert.ok(e[i] >= e[i - 1]);
  });
  it("naive single bin: P(n ≥ 20 | b = 7.03) = 4.70e-5, Z = 3.90 ([NA62-PNN-2018])", () => {
    const d = exactDiscovery(20, 7.03);
    assert.equal(d.pValue.toExponential(2), "4.70e-5");
    assert.ok(Math.abs(d.significance - 3.9) < 0.01, `Z = ${d.significance}`);
    // the tail is summed directly: compare with 1 − cdf where that is still accurate
    assert.ok(Math.abs(poissonSfGe(20, 7.03) - (1 - poissonCdf(19, 7.03))) < 1e-12);
  });
  it("rejects bad input naming the option and value", () => {
    assert.throws(() => exactUpperLimit(-1, 1), /--obs: .* got -1/);
    assert.throws(() => exactUpperLimit(1, -2), /--bkg: .* got -2/);
    assert.throws(() => exactUpperLimit(1, 1, 1.5), /--cl: .* got 1.5/);
  });
});

describe("Feldman–Cousins (exact, known background)", () => {
  // Feldman & Cousins, Phys. Rev. D 57 (1998) 3873, Table IV (90% CL), two decimals
  const TABLE: [number, number, number, number][] = [
    [0, 0, 0.0, 2.44],
    [1, 0, 0.11, 4.36],
    [6, 3, 0.15, 8.47],
    [10, 0.5, 5.0, 16.0],
  ];
  it("reproduces Table IV entries to the table's precision", () => {
    for (const [n, b, lo, hi] of TABLE) {
      const [l, h] = feldmanCousins(n, b, 0.9);
      assert.ok(
        Math.abs(l - lo) <= 0.005 + 1e-9 && Math.abs(h - hi) <= 0.005 + 1e-9,
        `n=${n} b=${b}: [${l}, ${h}]`,
      );
    }
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backgrounds, haloMuonsPerPot } from "../../../src/analyses/dump-ap/background.ts";
import { loadPeriod } from "../../../src/detector/card.ts";

describe("dump-ap backgrounds", () => {
  it("the halo rate is a number of the dump period card, and can be overridden", () => {
    const k = haloMuonsPerPot(loadPeriod("dump-2021"));
    assert.ok(k > 0 && k < 1e-4);
    assert.equal(haloMuonsPerPot(loadPeriod("dump-2021", [`halo.muonsPerPot=${2 * k}`])), 2 * k);
    assert.throws(() => haloMuonsPerPot(loadPeriod("2018-S2")), /halo\.muonsPerPot/);
  });

  it("random pairs scale as N_POT·k²; prompt ≤ combinatorial; the total is their sum", () => {
    const b1 = backgrounds(1e17, 1e-8);
    const b2 = backgrounds(2e17, 1e-8);
    const b3 = backgrounds(1e17, 2e-8);
    assert.ok(Math.abs(b2.combinatorial / b1.combinatorial - 2) < 1e-12);
    assert.ok(Math.abs(b3.combinatorial / b1.combinatorial - 4) < 1e-12);
    assert.ok(b1.prompt <= b1.combinatorial);
    assert.equal(b1.total, b1.combinatorial + b1.prompt);
  });
});

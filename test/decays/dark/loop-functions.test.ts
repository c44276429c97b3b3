/** The two-photon loop functions against their light- and heavy-loop limits and at x = 1. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HEAVY_LOOP_X, loopA1, loopAHalf, loopB1, loopF } from "../../../src/decays/dark/loop-functions.ts";

describe("loop functions", () => {
  it("F is continuous at x = 1 (π²/4) and real above", () => {
    const below = loopF(1 - 1e-12);
    const above = loopF(1 + 1e-12);
    assert.ok(Math.abs(below[0] - (Math.PI * Math.PI) / 4) < 1e-5);
    assert.ok(Math.abs(above[0] - (Math.PI * Math.PI) / 4) < 1e-5);
    assert.ok(Math.abs(below[1]) < 1e-4);
    assert.equal(above[1], 0);
    assert.throws(() => loopF(0), /x = 4m²\/M²/);
  });

  it("heavy loops: B₁ → 0, A½ → 4/3, A₁ → −7", () => {
    const x = 1e6;
    assert.ok(Math.abs(loopB1(x)[0]) < 1e-5);
    assert.ok(Math.abs(loopAHalf(x)[0] - 4 / 3) < 1e-5);
    assert.ok(Math.abs(loopA1(x)[0] + 7) < 1e-5);
  });

  it("the heavy-loop series join the closed forms at x = 10³ to 1e-10", () => {
    const x = HEAVY_LOOP_X;
    const [fr] = loopF(x);
    const closedB1 = 1 - x * fr;
    const closedAHalf = 2 * x * (1 + (1 - x) * fr);
    const closedA1 = -(2 + 3 * x + 3 * x * (2 - x) * fr);
    assert.ok(Math.abs(loopB1(x)[0] - closedB1) < 1e-10, `${loopB1(x)[0]} vs ${closedB1}`);
    assert.ok(Math.abs(loopAHalf(x)[0] - closedAHalf) < 1e-10);
    assert.ok(Math.abs(loopA1(x)[0] - closedA1) < 1e-10);
  });

  it("light loops: B₁ → 1, A½ → 0", () => {
    const x = 1e-10;
    const b = loopB1(x);
    assert.ok(Math.abs(b[0] - 1) < 1e-6 && Math.abs(b[1]) < 1e-6);
    const a = loopAHalf(x);
    assert.ok(Math.hypot(a[0], a[1]) < 1e-6);
  });
});

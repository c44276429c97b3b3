import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { backgrounds, haloMuonsPerPot, pairRates } from "../../../src/analyses/dump-ap/background.ts";
import type { PairTally } from "../../../src/analyses/dump-ap/halo.ts";
import { REGION } from "../../../src/analyses/dump-ap/selection.ts";
import { loadPeriod } from "../../../src/detector/card.ts";

function tally(sr: number, vr: number, cr: number, norm: number): PairTally {
  const regions = new Float64Array(REGION.count);
  regions[REGION.SR] = sr;
  regions[REGION.VR] = vr;
  regions[REGION.CR] = cr;
  return { pairs: 0, norm, fitted: 0, regions, massSR: new Float64Array(4), counts: new Float64Array(4) };
}

describe("dump-ap backgrounds", () => {
  it("the halo rate is a number of the dump period card, and can be overridden", () => {
    const k = haloMuonsPerPot(loadPeriod("dump-2021"));
    assert.ok(k > 0 && k < 1e-4);
    assert.equal(haloMuonsPerPot(loadPeriod("dump-2021", [`halo.muonsPerPot=${2 * k}`])), 2 * k);
    assert.throws(() => haloMuonsPerPot(loadPeriod("2018-S2")), /halo\.muonsPerPot/);
  });

  it("random pairs scale as N_POT·k²; the sideband scales with its width over the signal window", () => {
    const r1 = pairRates(1e17, 1e-8);
    assert.ok(Math.abs(pairRates(2e17, 1e-8).os / r1.os - 2) < 1e-12);
    assert.ok(Math.abs(pairRates(1e17, 2e-8).os / r1.os - 4) < 1e-12);
    // [10, 50] ns sideband against ±5 ns: 40/5
    assert.ok(Math.abs(r1.sideband / r1.os - 8) < 1e-12);
  });

  it("the combinatorial background is pairs × P(region) × the calibration; controls follow the same tallies", () => {
    const os = tally(2, 3, 5, 1e6);
    const ss = tally(1, 0, 4, 1e6);
    const b = backgrounds(1e17, 1e-8, os, ss, 1e-5);
    const r = pairRates(1e17, 1e-8);
    assert.ok(Math.abs(b.uncalibrated - (r.os * 2) / 1e6) < 1e-12 * b.uncalibrated);
    assert.ok(
      b.combinatorial > 0 && b.combinatorial < b.uncalibrated,
      "the calibration lowers the card's halo",
    );
    assert.ok(Math.abs(b.regions.CR / b.regions.SR - 2.5) < 1e-12);
    assert.ok(Math.abs(b.timeSideband.SR / b.regions.SR - 8) < 1e-12);
    assert.ok(Math.abs(b.sameSign.SR / b.regions.SR - 0.5) < 1e-12);
    assert.equal(b.total, b.combinatorial + b.prompt);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SAMPLES } from "../../../src/analyses/munuee/samples.ts";
import { NORM_CUTS, SIGNAL_CUTS, TALLY } from "../../../src/analyses/munuee/selection.ts";
import { munueeYields } from "../../../src/analyses/munuee/yields.ts";

// synthetic tallies with known sums: the normalisation formulas by hand
function tallies(): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const s of SAMPLES) {
    const t = new Float64Array(TALLY.length);
    t[TALLY.nGen] = 1000;
    t[TALLY.sig] = 1000 * 0.2; // Σw generated
    t[TALLY.sig + 2] = 1000 * 0.125; // Σw with the true vertex in the FV
    t[TALLY.norm + 2] = 1000 * 0.125;
    out[s.key] = t;
  }
  const sig = out.signal;
  sig[TALLY.sig + 2 * (SIGNAL_CUTS.length - 1)] = 2.5; // A = 2.5/125 = 0.02
  sig[TALLY.sig + 2 * (SIGNAL_CUTS.length - 1) + 1] = 0.25;
  out.piee[TALLY.norm + 2 * (NORM_CUTS.length - 1)] = 6.25; // A = 0.05
  // 3π: Σw = 1e-6 in the upper region, 4e-13 Σw²
  out.pipipi[TALLY.region + 4] = 1e-6;
  out.pipipi[TALLY.region + 5] = 4e-13;
  out.pipipi[TALLY.nSel] = 4;
  out.pipienu[TALLY.region + 4] = 2e-7;
  out.pipienu[TALLY.region + 5] = 1e-14;
  return out;
}

describe("munuee yields", () => {
  const y = munueeYields(tallies(), { kaonDecays: 2e12, brNorm: 3e-7, observedSignal: 0, cl: 0.9 });
  it("acceptances, SES and UL from the tallies", () => {
    assert.ok(Math.abs(y.acceptance.signal - 0.02) < 1e-15);
    assert.ok(Math.abs(y.acceptance.normalisation - 0.05) < 1e-15);
    assert.ok(Math.abs(y.ses - 1 / (2e12 * 0.02)) < 1e-25);
    assert.ok(Math.abs(y.brUpperLimit - -Math.log(0.1) * y.ses) < 1e-24);
    assert.ok(Math.abs(y.normalisationEvents - 2e12 * 3e-7 * 0.05) < 1e-6);
  });
  it("expected events = Σw · N_K/(P_FV · n_gen); errors from Σw²; totals add up", () => {
    const pFv = 0.125;
    const scale = 2e12 / pFv / 1000;
    assert.ok(Math.abs(y.background.pipipi.upper.expected - 1e-6 * scale) < 1e-9 * 1e-6 * scale);
    assert.ok(Math.abs(y.background.pipipi.upper.error - Math.sqrt(4e-13) * scale) < 1e-6);
    assert.equal(y.background.pipipi.signal.expected, 0);
    const tot = (1e-6 + 2e-7) * scale;
    assert.ok(Math.abs(y.total.upper.expected - tot) < 1e-9 * tot);
    const e = Math.sqrt(4e-13 + 1e-14) * scale;
    assert.ok(Math.abs(y.total.upper.error - e) < 1e-9 * e);
    // one selected K3π event stands for a quarter of its selected weight; Ke4 (no count) falls
    // back to its mean generated weight
    assert.ok(Math.abs(y.oneEvent.pipipi - (1e-6 * scale) / 4) < 1e-9 * y.oneEvent.pipipi);
    assert.ok(Math.abs(y.oneEvent.pipienu - 0.2 * scale) < 1e-9 * y.oneEvent.pipienu);
    // K3π above Ke4, as set
    assert.ok(y.background.pipipi.upper.expected > y.background.pipienu.upper.expected);
  });
  it("names the sample whose tally is missing", () => {
    const t = tallies();
    delete (t as Record<string, unknown>).piee;
    assert.throws(() => munueeYields(t, { kaonDecays: 1, brNorm: 1, observedSignal: 0, cl: 0.9 }), /piee/);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadPeriod, periodNames } from "../../src/detector/card.ts";

describe("period cards", () => {
  it("every card loads, resolves its parents, and gives every number a source", () => {
    assert.ok(periodNames().includes("2018-S2"));
    for (const name of periodNames()) {
      const c = loadPeriod(name);
      assert.equal(c.name, name);
      assert.ok(c.provenance.size > 100, `${name}: ${c.provenance.size} fields`);
      for (const [path, p] of c.provenance) {
        assert.ok(p.source.trim().length > 3, `${name}: ${path} has no source`);
        if (p.calibrated !== undefined)
          assert.ok(p.calibrated.length > 10, `${name}: ${path} calibrated on what?`);
      }
    }
  });

  it("2018-S2 carries the numbers of [NA62-EQCD2024-talk]", () => {
    const c = loadPeriod("2018-S2");
    assert.equal(c.mode, "kaon");
    assert.equal(c.ktag.sigmaT, 0.07);
    assert.equal(c.gtk.sigmaTheta, 16e-6);
    assert.equal(c.gtk.sigmaPRel, 0.002);
    assert.equal(c.straw.sigmaPConst, 0.003);
    assert.equal(c.straw.sigmaPLin, 0.00005);
    assert.equal(c.trigger.downscale.control, 400);
    assert.equal(c.trigger.downscale.mt, 100);
    assert.equal(c.trigger.l0.lkrEnergyMax, 30);
    assert.equal(c.muv12.muonMisId, 1.2e-5);
    // the calibrated numbers are marked
    const cal = [...c.provenance].filter(([, p]) => p.calibrated);
    assert.ok(cal.length >= 1 && cal.every(([, p]) => /2018/.test(p.calibrated!)));
  });

  it("the periods differ as documented: intensity, NewCHOD/HASC, collimator, GTK stations, HIKE ×4 and faster timing", () => {
    const c = Object.fromEntries(periodNames().map((n) => [n, loadPeriod(n)]));
    const s2 = c["2018-S2"];
    // Run 1 intensities rise 2016 < 2017 < 2018; Run 2 at nominal; HIKE phase 1 four times that
    assert.ok(c["2016"].beam.intensity < c["2017"].beam.intensity);
    assert.ok(c["2017"].beam.intensity < s2.beam.intensity);
    assert.equal(c["2021-22"].beam.intensity, 1);
    assert.equal(c["HIKE-phase1"].beam.intensity, 4 * c["2021-22"].beam.intensity);
    assert.equal(c["2016"].newchod.present, false);
    assert.equal(c["2017"].newchod.present, true);
    assert.equal(c["2016"].hasc.present, false);
    // S1 and S2 differ by the final collimator only
    assert.ok(c["2018-S1"].collimator.outerHalfX < s2.collimator.outerHalfX);
    assert.equal(c["2018-S1"].beam.intensity, s2.beam.intensity);
    assert.equal(s2.gtk.stations, 3);
    assert.equal(c["2021-22"].gtk.stations, 4);
    const hike = c["HIKE-phase1"];
    for (const [what, a, b] of [
      ["KTAG σt", hike.ktag.sigmaT, s2.ktag.sigmaT],
      ["GTK σt", hike.gtk.sigmaT, s2.gtk.sigmaT],
      ["RICH σt", hike.rich.sigmaT, s2.rich.sigmaT],
      ["GTK window", hike.gtk.matchWindowNs, s2.gtk.matchWindowNs],
      [
        "LKr veto window",
        hike.accidentals.sources.lkr.windowNs,
        c["2021-22"].accidentals.sources.lkr.windowNs,
      ],
    ] as const) {
      assert.ok(a < b, `HIKE ${what} ${a} is not below ${b}`);
    }
    // every kaon-mode card has the PNN, control and MT masks with their downscales
    for (const [name, card] of Object.entries(c)) {
      if (card.mode !== "kaon") continue;
      assert.ok(card.trigger.downscale.control >= 1 && card.trigger.downscale.mt >= 1, name);
      assert.ok(card.trigger.l0.lkrEnergyMax > 0, name);
    }
  });

  it("overrides replace a value and record it; bad overrides name the field and the value", () => {
    const c = loadPeriod("2018-S2", ["beam.intensity=2.6", "gtk.sigmaT=0.05", "ktag.present=false"]);
    assert.equal(c.beam.intensity, 2.6);
    assert.equal(c.gtk.sigmaT, 0.05);
    assert.equal(c.ktag.present, false);
    assert.match(c.provenance.get("gtk.sigmaT")!.source, /override/);
    assert.throws(
      () => loadPeriod("2018-S2", ["gtk.sigmaT=abc"]),
      /--card gtk\.sigmaT: expected a number, got "abc"/,
    );
    assert.throws(() => loadPeriod("2018-S2", ["gtk.nonsense=1"]), /unknown card field "gtk\.nonsense"/);
    assert.throws(() => loadPeriod("2018-S2", ["gtk.sigmaT"]), /expected PATH=VALUE/);
    assert.throws(
      () => loadPeriod("2018-S2", ["ktag.efficiency=1.5"]),
      /"ktag\.efficiency" must be a number in \[0, 1\], got 1\.5/,
    );
    assert.throws(() => loadPeriod("1999"), /unknown period "1999"/);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIGURES } from "../../../src/analyses/pnn/compare.ts";
import {
  combinationOf,
  kaonFlux,
  PERIOD_CHOICES,
  PNN_PERIODS,
  publishedFigures,
  RUN1_COMPONENTS,
  selectionFor,
} from "../../../src/analyses/pnn/conditions.ts";

describe("pnn conditions", () => {
  it("resolves every period with a source for every parameter", () => {
    for (const p of PNN_PERIODS) {
      const s = selectionFor(p);
      assert.ok(s.provenance.size > 40, `${p}: ${s.provenance.size} parameters`);
      for (const [path, v] of s.provenance) assert.ok(v.source.length > 10, `${p} ${path}: no source`);
    }
  });

  it("inherits: 2017 and 2016 stop at 35 GeV/c and use the TRIM5 box; 2018-S2 the R_STRAW1 cut", () => {
    assert.equal(selectionFor("2017").params.track.pMaxR2, 35);
    assert.equal(selectionFor("2016").params.upstream.cut, "box");
    assert.equal(selectionFor("2018-S1").params.upstream.cut, "box");
    assert.equal(selectionFor("2018-S1").params.track.pMaxR2, 45);
    assert.equal(selectionFor("2018-S2").params.upstream.cut, "rstraw1");
    assert.equal(selectionFor("2017").provenance.get("track.pMaxR2")?.block, "2017");
    assert.equal(selectionFor("2016").provenance.get("track.pMaxR2")?.block, "2017");
  });

  it("names the path and the value of a bad override or period", () => {
    assert.throws(() => selectionFor("2019"), /--period: .*got "2019"/);
    assert.throws(
      () => selectionFor("2018-S2", { "kaon.cdaMaxx": 3 }),
      /unknown selection parameter "kaon.cdaMaxx"/,
    );
    assert.throws(() => selectionFor("2018-S2", { "kaon.cdaMax": -1 }), /kaon.cdaMax/);
    assert.equal(selectionFor("2018-S2", { "kaon.cdaMax": 3 }).params.kaon.cdaMax, 3);
  });

  it("has an exposure for every period and only figures the output knows", () => {
    const paths = new Set([...FIGURES.map((f) => f.path), "observed"]);
    for (const p of PERIOD_CHOICES) {
      for (const key of Object.keys(publishedFigures(p)))
        assert.ok(paths.has(key), `${p}: unknown figure ${key}`);
      if (!combinationOf(p)) assert.ok(kaonFlux(p).value > 1e10, `${p} N_K`);
    }
    assert.deepEqual([...RUN1_COMPONENTS], ["2016", "2017", "2018-S1", "2018-S2"]);
    assert.deepEqual(combinationOf("2016-22"), [...RUN1_COMPONENTS, "2021-22"]);
    assert.equal(combinationOf("2018-S2"), null);
  });

  it("derives the 2018 kaon fluxes from the [NA62-EQCD2024-talk] 2018 SES table (N_K = D·N_ππ / (A_ππ·BR))", () => {
    for (const p of ["2018-S1", "2018-S2"]) {
      const f = publishedFigures(p);
      const nK = (400 * (f.nPiPi.value as number)) / ((f["acceptance.pipi"].value as number) * 0.2067);
      assert.ok(Math.abs(kaonFlux(p).value / nK - 1) < 1e-3, `${p}: ${kaonFlux(p).value} vs ${nK}`);
    }
  });
});

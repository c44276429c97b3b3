import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parse } from "jsroot/core";
import { stream } from "../../src/core/rng/streams.ts";
import {
  addInto,
  fill1,
  fill2,
  findBin,
  h1,
  h2,
  histFromPlain,
  histToPlain,
  integral,
  makeAxis,
} from "../../src/io/histogram.ts";
import { histToRootJson } from "../../src/io/root-json.ts";

describe("histograms", () => {
  it("bins like ROOT: underflow 0, overflow n+1, upper edge exclusive, variable edges", () => {
    const a = makeAxis("x", { n: 10, lo: 0, hi: 1 });
    assert.equal(findBin(a, -0.1), 0);
    assert.equal(findBin(a, 0), 1);
    assert.equal(findBin(a, 0.0999999), 1);
    assert.equal(findBin(a, 0.1), 2);
    assert.equal(findBin(a, 1), 11);
    assert.equal(findBin(a, Number.NaN), 11);
    const v = makeAxis("x", { edges: [0, 1, 5, 10] });
    assert.deepEqual(
      [-1, 0, 0.5, 1, 4.99, 5, 9.9, 10].map((x) => findBin(v, x)),
      [0, 1, 1, 2, 2, 3, 3, 4],
    );
    assert.throws(() => makeAxis("h.x", { edges: [0, 2, 1] }), /h\.x: edges must be at least two increasing/);
  });

  it("sums weights and squared weights; merging shards equals filling once", () => {
    const all = h1("a", "", { n: 20, lo: -2, hi: 2 });
    const parts = [h1("a", "", { n: 20, lo: -2, hi: 2 }), h1("a", "", { n: 20, lo: -2, hi: 2 })];
    const rng = stream(1, 0, "test");
    let sw = 0;
    let sw2 = 0;
    for (let i = 0; i < 1000; i++) {
      const x = 4 * rng.uniform() - 2.2;
      const w = 0.5 + rng.uniform();
      fill1(all, x, w);
      fill1(parts[i % 2], x, w);
      sw += w;
      sw2 += w * w;
    }
    const merged = h1("a", "", { n: 20, lo: -2, hi: 2 });
    for (const p of parts) addInto(merged, p);
    const tot = merged.sumw.reduce((a, v) => a + v, 0);
    assert.ok(Math.abs(tot - sw) < 1e-9 * sw);
    assert.ok(Math.abs(merged.sumw2.reduce((a, v) => a + v, 0) - sw2) < 1e-9 * sw2);
    assert.equal(merged.entries, 1000);
    for (let i = 0; i < merged.sumw.length; i++)
      assert.ok(Math.abs(merged.sumw[i] - all.sumw[i]) < 1e-12 * sw);
    assert.throws(() => addInto(merged, h1("a", "", { n: 10, lo: -2, hi: 2 })), /different binning/);
  });

  it("plain JSON round trip is exact (1D and 2D, uniform and variable axes)", () => {
    const a = h1("a", "t", { edges: [0, 0.1, 0.7, 3], label: "p" }, "y");
    const b = h2("b", "t2", { n: 3, lo: 0, hi: 0.3, label: "x" }, { n: 2, lo: -1, hi: 1 });
    const rng = stream(2, 0, "test");
    for (let i = 0; i < 100; i++) {
      fill1(a, 3 * rng.uniform(), rng.uniform() / 3);
      fill2(b, 0.4 * rng.uniform() - 0.05, 2.2 * rng.uniform() - 1.1, Math.PI * rng.uniform());
    }
    for (const h of [a, b]) {
      const back = histFromPlain(JSON.parse(JSON.stringify(histToPlain(h))));
      assert.deepEqual(back, h);
    }
  });

  it("ROOT JSON: a TH1D/TH2D that JSROOT parses, with contents, errors and statistics", () => {
    const a = h1("hz", "decay z", { n: 4, lo: 100, hi: 200, label: "z [m]" });
    fill1(a, 110, 2);
    fill1(a, 160, 1);
    fill1(a, 250, 3);
    const o = parse(histToRootJson(a));
    assert.equal(o._typename, "TH1D");
    assert.equal(o.fName, "hz");
    assert.equal(o.fNcells, 6);
    assert.deepEqual(o.fArray, [0, 2, 0, 1, 0, 3]);
    assert.deepEqual(o.fSumw2, [0, 4, 0, 1, 0, 9]);
    assert.equal(o.fXaxis.fXmin, 100);
    assert.equal(o.fXaxis.fXmax, 200);
    assert.equal(o.fXaxis.fTitle, "z [m]");
    assert.equal(o.fEntries, 3);
    assert.equal(o.fTsumw, 3);
    assert.equal(o.fTsumwx, 2 * 112.5 + 162.5);
    assert.equal(o.getBinContent(1), 2);
    const b = h2("plane", "", { n: 2, lo: 0, hi: 2 }, { n: 3, lo: 0, hi: 3 });
    fill2(b, 1.5, 2.5, 7);
    const ob = parse(histToRootJson(b));
    assert.equal(ob._typename, "TH2D");
    assert.equal(ob.fNcells, 20);
    assert.equal(ob.getBinContent(2, 3), 7);
    assert.equal(integral(b), 7);
  });

  it("JSROOT draws the ROOT JSON (TH1D and TH2D) to SVG", async () => {
    const { makeSVG } = await import("jsroot");
    const a = h1("hz", "decay z;z [m];events", { n: 10, lo: 0, hi: 10 });
    for (let i = 0; i < 10; i++) fill1(a, i + 0.5, i);
    const svg = await makeSVG({ object: parse(histToRootJson(a)), width: 400, height: 300, option: "hist" });
    assert.match(svg, /^<svg/);
    assert.ok(svg.length > 1000);
    const b = h2("p", "plane", { n: 4, lo: 0, hi: 4 }, { n: 4, lo: 0, hi: 4 });
    fill2(b, 1, 1, 3);
    const svg2 = await makeSVG({ object: parse(histToRootJson(b)), width: 400, height: 300, option: "colz" });
    assert.match(svg2, /^<svg/);
  });
});

/**
 * plots/<name>.json, the interactive viewer's copy of a figure: the same series, colours and axis
 * titles as the SVG, histograms in the plain-JSON layout, efficiency points with their errors.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fill1, fill2, h1, h2 } from "../../src/io/histogram.ts";
import { plotToJson } from "../../src/io/plot-json.ts";
import { PALETTE, renderSvg } from "../../src/io/plot-svg.ts";

describe("plot JSON for interactive viewers", () => {
  it("a stacked 1D figure keeps series, resolved colours and the SVG's y title", () => {
    const a = h1("a", "A", { n: 10, lo: 0, hi: 0.02, label: "m²miss [GeV²/c⁴]" });
    const b = h1("b", "B", { n: 10, lo: 0, hi: 0.02, label: "m²miss [GeV²/c⁴]" });
    fill1(a, 0.005, 2);
    fill1(b, 0.011, 3);
    const spec = {
      kind: "hist1d" as const,
      name: "m2",
      title: "m²miss",
      stack: true,
      logY: true,
      series: [
        { hist: a, label: "π⁺π⁰" },
        { hist: b, label: "μ⁺ν", color: "#123456" },
      ],
    };
    const j = plotToJson(spec, "2018-S2") as {
      yLabel: string;
      stack: boolean;
      logY: boolean;
      series: { label: string; color: string; hist: { sumw: number[] } }[];
    };
    assert.deepEqual(
      j.series.map((s) => [s.label, s.color]),
      [
        ["π⁺π⁰", PALETTE[0]],
        ["μ⁺ν", "#123456"],
      ],
    );
    assert.equal(j.stack, true);
    assert.equal(j.logY, true);
    assert.equal(j.series[0].hist.sumw[3], 2); // bin 3 of 10 (index 0 is the underflow)
    assert.equal(j.yLabel, "Events / 0.002 GeV²/c⁴");
    assert.ok(renderSvg(spec, { stamp: "2018-S2" }).includes("0.002"), "the SVG states the same bin width");
  });

  it("a plane keeps its regions and contents; an efficiency figure its points", () => {
    const h = h2("p", "plane", { n: 4, lo: 10, hi: 50 }, { n: 2, lo: -0.1, hi: 0.1 });
    fill2(h, 25, 0.05, 7);
    const regions = [{ label: "R2", x: [15, 35] as [number, number], y: [0.026, 0.068] as [number, number] }];
    const j = plotToJson({ kind: "hist2d", name: "p", title: "plane", hist: h, regions }, "s") as {
      regions: unknown[];
      hist: { sumw: number[] };
    };
    assert.deepEqual(j.regions, regions);
    assert.equal(
      j.hist.sumw.reduce((x, y) => x + y, 0),
      7,
    );
    const pass = h1("pass", "", { n: 2, lo: 0, hi: 2 });
    const total = h1("total", "", { n: 2, lo: 0, hi: 2 });
    for (let k = 0; k < 4; k++) fill1(total, 0.5);
    fill1(pass, 0.5);
    const e = plotToJson(
      { kind: "efficiency", name: "e", title: "e", series: [{ pass, total, label: "A" }] },
      "s",
    ) as { series: { points: { value: number; error: number }[] }[] };
    assert.equal(e.series[0].points.length, 1);
    assert.equal(e.series[0].points[0].value, 0.25);
    assert.ok(Math.abs(e.series[0].points[0].error - Math.sqrt((0.25 * 0.75) / 4)) < 1e-15);
  });
});

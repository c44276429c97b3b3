/**
 * A histogram with a non-finite bin (an infinite upper limit, a 0/0 ratio) renders: the axis range
 * comes from the finite contents, the bin is drawn off scale, and no NaN/Infinity reaches the SVG.
 * It used to send the log-axis tick loop to infinity ("invalid size" from V8).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fill1, h1 } from "../../src/io/histogram.ts";
import { renderSvg } from "../../src/io/plot-svg.ts";

describe("plots with non-finite bins", () => {
  for (const logY of [true, false]) {
    it(`render on a ${logY ? "log" : "linear"} y axis`, () => {
      const h = h1("ul", "upper limit", { n: 4, lo: 0, hi: 4, label: "m" });
      fill1(h, 0.5, 1e-10);
      fill1(h, 1.5, 3e-10);
      h.sumw[3] = Number.POSITIVE_INFINITY;
      h.sumw[4] = Number.NaN;
      const svg = renderSvg({
        kind: "hist1d",
        name: "ul",
        title: "UL",
        series: [{ hist: h, label: "obs" }],
        logY,
      });
      assert.ok(svg.trimEnd().endsWith("</svg>"));
      assert.ok(!/NaN|Infinity/.test(svg), "bad number in SVG");
      assert.ok(svg.includes("UL"));
    });
  }
});

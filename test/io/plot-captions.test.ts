/**
 * A caption promises only series its plot draws (captionSeriesMissing, and on a real run1 πνν
 * report: every A_… symbol of a caption is a series label in the SVG); the run1 (p, m²miss) planes
 * are drawn per period, each with its own regions.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { PNN_PERIODS } from "../../src/analyses/pnn/conditions.ts";
import { h1 } from "../../src/io/histogram.ts";
import { captionSeriesMissing, captionSymbols } from "../../src/io/plot.ts";
import { richText } from "../../src/io/plot-svg.ts";
import { cli } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "kaonlab-captions-"));
const run = join(dir, "run1");

describe("plot captions and their series", () => {
  it("captionSeriesMissing names the symbols no series carries (variables such as p_π are not series)", () => {
    const h = h1("h", "", { n: 2, lo: 0, hi: 1 });
    const plot = {
      kind: "efficiency" as const,
      name: "a",
      title: "t",
      series: [{ pass: h, total: h, label: "A_πνν 2016" }],
      caption: "A_πνν and A_ππ per bin of p_π.",
    };
    assert.deepEqual(captionSymbols(plot.caption), ["A_πνν", "A_ππ"]);
    assert.deepEqual(captionSeriesMissing(plot), ["A_ππ"]);
    assert.deepEqual(
      captionSeriesMissing({ ...plot, series: [...plot.series, { ...plot.series[0], label: "A_ππ" }] }),
      [],
    );
  });

  describe("a run1 πνν report", () => {
    before(async () => {
      const r = await cli([
        "run",
        "pnn",
        "--period",
        "run1",
        "-n",
        "8000",
        "--workers",
        "1",
        "--quiet",
        "-o",
        run,
      ]);
      assert.equal(r.code, 0, r.err);
    });

    it("every series a caption names is drawn (acceptance_vs_p has A_ππ)", () => {
      const report = readFileSync(join(run, "report.md"), "utf8");
      const figures = [...report.matchAll(/!\[[^\]]*\]\(plots\/([^)]+)\.svg\)\n\n(.*)\n/g)];
      assert.ok(figures.length >= 3);
      let checked = 0;
      for (const [, name, caption] of figures) {
        const svg = readFileSync(join(run, "plots", `${name}.svg`), "utf8");
        for (const sym of captionSymbols(caption)) {
          assert.ok(
            svg.includes(richText(sym)),
            `${name}: the caption names ${sym}, the plot has no such series`,
          );
          checked++;
        }
      }
      assert.ok(checked >= 2, "the acceptance captions name A_πνν and A_ππ");
    });

    it("one plane per period, each with its own regions", () => {
      const run1 = PNN_PERIODS.filter((p) => p.startsWith("201"));
      for (const p of run1) {
        const svg = readFileSync(join(run, "plots", `plane_background_${p}.svg`), "utf8");
        for (const label of ["R1", "R2"]) assert.ok(svg.includes(`>${label}<`), `${p}: ${label}`);
      }
      // the regions differ between periods (2018-S2's R2 reaches further in p than 2016's)
      const a = readFileSync(join(run, "plots", "plane_background_2016.svg"), "utf8");
      const b = readFileSync(join(run, "plots", "plane_background_2018-S2.svg"), "utf8");
      const outlines = (s: string) => [...s.matchAll(/<path d="([^"]+)" fill="none" /g)].map((m) => m[1]);
      assert.notDeepEqual(outlines(a), outlines(b));
    });
  });
});

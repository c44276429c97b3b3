import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stream } from "../../src/core/rng/streams.ts";
import { fill1, fill2, h1, h2 } from "../../src/io/histogram.ts";
import { type PlotSpec, ratioPoints } from "../../src/io/plot.ts";
import {
  LOG_DECADES,
  niceTicks,
  PLOT_HEIGHT,
  PLOT_WIDTH,
  renderSvg,
  textWidth,
} from "../../src/io/plot-svg.ts";
import { plotFontFiles, svgToPng } from "../../src/io/png.ts";

function sample() {
  const rng = stream(5, 0, "plot-test");
  const plane = h2(
    "plane",
    "plane",
    { n: 40, lo: 0, hi: 80, label: "p [GeV/c]" },
    { n: 40, lo: -0.1, hi: 0.15, label: "m²" },
  );
  const a = h1("a", "a", { n: 50, lo: -0.1, hi: 0.15 });
  const b = h1("b", "b", { n: 50, lo: -0.1, hi: 0.15 });
  const total = h1("t", "t", { n: 20, lo: 0, hi: 80 });
  const pass = h1("p", "p", { n: 20, lo: 0, hi: 80 });
  for (let i = 0; i < 5000; i++) {
    const p = 80 * rng.uniform();
    const m = 0.25 * rng.uniform() - 0.1;
    fill2(plane, p, m);
    fill1(i % 3 ? a : b, m);
    fill1(total, p);
    if (rng.uniform() < p / 80) fill1(pass, p);
  }
  return { plane, a, b, total, pass };
}

describe("plots", () => {
  const s = sample();
  const specs: PlotSpec[] = [
    {
      kind: "hist2d",
      name: "plane",
      title: "plane",
      hist: s.plane,
      logZ: true,
      regions: [
        { label: "R1", x: [15, 35], y: [0, 0.01] },
        { label: "R2", x: [15, 45], y: [0.026, 0.068], dashed: true },
      ],
    },
    {
      kind: "hist1d",
      name: "stack",
      title: "by source",
      series: [
        { hist: s.a, label: "source A" },
        { hist: s.b, label: "source B" },
      ],
      stack: true,
      logY: true,
      bands: [{ label: "SR", x: [0, 0.01] }],
    },
    {
      kind: "efficiency",
      name: "eff",
      title: "acceptance",
      series: [{ pass: s.pass, total: s.total, label: "acc" }],
    },
  ];

  it("renders every kind to deterministic SVG with its labels, regions and legend", () => {
    for (const p of specs) {
      const svg = renderSvg(p);
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.ok(svg.trimEnd().endsWith("</svg>"));
      assert.equal(renderSvg(p), svg);
      assert.ok(svg.includes(`>${p.title}<`));
      assert.ok(!/NaN|undefined|Infinity/.test(svg), `${p.name}: bad number in SVG`);
    }
    const plane = renderSvg(specs[0]);
    assert.ok(plane.includes(">R1<") && plane.includes(">R2<") && plane.includes("stroke-dasharray"));
    const stack = renderSvg(specs[1]);
    assert.ok(stack.includes(">source A<") && stack.includes(">source B<") && stack.includes(">SR<"));
  });

  it("keeps long titles on the canvas and labels readable; log axes span at most LOG_DECADES decades", () => {
    const title = `${"a very long title of a plot in the (p_π, m²miss) plane ".repeat(2)}(2018-S2)`;
    const svg = renderSvg({ ...specs[0], title } as PlotSpec);
    const m = /<text x="([\d.]+)" y="24" text-anchor="middle" font-size="([\d.]+)">/.exec(svg)!;
    const [cx, size] = [Number(m[1]), Number(m[2])];
    assert.ok(size < 17, `shrunk: ${size}`);
    const w = textWidth(title, size);
    assert.ok(cx - w / 2 >= 0 && cx + w / 2 <= PLOT_WIDTH, `title spans ${cx - w / 2}..${cx + w / 2}`);
    // a region label is drawn twice: a halo, then the text
    assert.equal(svg.split(">R1<").length - 1, 2);
    // an open polygon has no closing Z
    const open = renderSvg({
      ...specs[0],
      regions: [
        {
          label: "edge",
          polygon: [
            [10, 0],
            [20, 0.01],
          ],
          open: true,
          dashed: "2,3",
        },
      ],
    } as PlotSpec);
    assert.match(open, /<path d="M[\d.]+,[\d.]+ L[\d.]+,[\d.]+" fill="none"[^>]*stroke-dasharray="2,3"/);
    // a far tail (10⁻²⁰) does not stretch a log axis beyond LOG_DECADES decades below the maximum
    const a = structuredClone(s.a);
    a.sumw[3] = 1e-20;
    const tail = renderSvg({
      kind: "hist1d",
      name: "t",
      title: "t",
      series: [{ hist: a, label: "a" }],
      logY: true,
    });
    const exps = [...tail.matchAll(/>10<tspan dy="-6" font-size="10">(-?\d+)</g)].map((x) => Number(x[1]));
    assert.ok(exps.length > 0, "exponent ticks");
    const max = Math.max(...a.sumw);
    assert.ok(Math.min(...exps) >= Math.floor(Math.log10(max)) - LOG_DECADES, `ticks ${exps}`);
  });

  it("renders PNG text with Liberation Sans and DejaVu Sans only, when installed (CI installs them)", () => {
    const files = plotFontFiles();
    if (process.env.CI || files.length > 0) {
      assert.ok(
        files.some((f) => f.endsWith("LiberationSans-Regular.ttf")),
        `fonts: ${files}`,
      );
      assert.ok(
        files.some((f) => f.endsWith("DejaVuSans.ttf")),
        `fonts: ${files}`,
      );
    }
  });

  it("turns SVG into a PNG of the plot's size", () => {
    const png = svgToPng(renderSvg(specs[0]));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const dv = new DataView(png.buffer, png.byteOffset);
    assert.equal(dv.getUint32(16), PLOT_WIDTH);
    assert.equal(dv.getUint32(20), PLOT_HEIGHT);
  });

  it("ratio points: pass/total with binomial errors", () => {
    const pts = ratioPoints(s.pass, s.total);
    assert.equal(pts.length, 20);
    for (const q of pts) {
      assert.ok(q.value >= 0 && q.value <= 1);
      const i = Math.round((q.x - 2) / 4) + 1;
      const n = s.total.sumw[i];
      assert.ok(Math.abs(q.error - Math.sqrt((q.value * (1 - q.value)) / n)) < 1e-12);
    }
  });

  it("nice ticks", () => {
    assert.deepEqual(niceTicks(0, 80), [0, 20, 40, 60, 80]);
    assert.deepEqual(niceTicks(-0.1, 0.15), [-0.1, -0.05, 0, 0.05, 0.1, 0.15]);
    assert.deepEqual(niceTicks(70, 80), [70, 72, 74, 76, 78, 80]);
  });
});

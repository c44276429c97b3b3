import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FEW_EVENT_SOURCES, publishedBackgrounds } from "../../../src/analyses/pix/background-norm.ts";
import { shapeCategories, shapeModel, shapeUpperLimit } from "../../../src/analyses/pix/shape-limit.ts";
import { GRID, GRID_WIDTH } from "../../../src/analyses/pix/spectrum.ts";
import { publishedFigures } from "../../../src/analyses/pnn/conditions.ts";
import { buildCountingSpec, parseCountingModel } from "../../../src/stats/counting.ts";
import { asymptoticLimit } from "../../../src/stats/limits.ts";
import { LikelihoodModel } from "../../../src/stats/model.ts";

const flat = (total: number) => new Float64Array(GRID.n).fill(total / GRID.n);
const ones = () => new Uint8Array(GRID.n).fill(1);
const tot = (a: ArrayLike<number>) => Array.from(a).reduce((x, y) => x + y, 0);

describe("pix shape fit", () => {
  it("signal template: the ±kσ window holds one signal event over all periods, shared by N_K·A", () => {
    const sigma = 0.001;
    const centre = 0.04;
    const periods = [
      { period: "a", nkA: 1e11, expected: flat(10), observed: 5, total: 10 },
      { period: "b", nkA: 3e11, expected: flat(20), observed: 30, total: 20 },
    ];
    const cats = shapeCategories(periods, {
      centre,
      sigma,
      windowSigma: 1.5,
      fitSigma: 3,
      binSigma: 0.5,
      mask: ones(),
    });
    const all = cats.reduce((a, c) => a + tot(c.signal), 0);
    // ±3σ of a Gaussian over its ±1.5σ share: 0.9973 / 0.8664 (to the fine-bin granularity)
    assert.ok(Math.abs(all - 0.9973 / 0.8664) < 0.02, String(all));
    const share = (c: (typeof cats)[0]) => tot(c.signal) / all;
    assert.ok(Math.abs(share(cats[1]) - 0.75) < 1e-9);
    // the observed count is spread over the expected shape: 30 of 20 expected → 1.5 per expected event
    const bb = tot(cats[1].background);
    const ob = tot(cats[1].observed);
    assert.ok(Math.abs(ob / bb - 1.5) < 1e-9);
    // the fit range is ±3σ: (6σ / GRID_WIDTH) fine bins of the flat background
    assert.ok(Math.abs(bb / ((20 / GRID.n) * Math.round((6 * sigma) / GRID_WIDTH)) - 1) < 0.05);
    // outside the regions (mask 0) there is no signal
    const none = shapeCategories(periods, {
      centre,
      sigma,
      windowSigma: 1.5,
      fitSigma: 3,
      binSigma: 0.5,
      mask: new Uint8Array(GRID.n),
    });
    assert.equal(
      none.reduce((a, c) => a + tot(c.signal), 0),
      0,
    );
  });

  it("one bin is the counting model; spreading the background over a shape strengthens the limit", () => {
    const one = shapeUpperLimit([{ name: "w", signal: [1], background: [2], observed: [2] }]);
    const cm = new LikelihoodModel(
      buildCountingSpec(parseCountingModel({ categories: [{ name: "w", nObs: 2, background: 2, ses: 1 }] })),
    );
    const ref = asymptoticLimit(cm, cm.observedData(), 0.9);
    assert.ok(Math.abs(one.upperLimit / ref.upperLimit - 1) < 1e-3, `${one.upperLimit} vs ${ref.upperLimit}`);
    // the same 2 background events, now in 8 bins with the signal in the middle two
    const sig = [0, 0, 0, 0.5, 0.5, 0, 0, 0];
    const bkg = new Array(8).fill(0.25);
    const spread = shapeUpperLimit([{ name: "s", signal: sig, background: bkg, observed: bkg }]);
    assert.ok(spread.expected[2] < one.expected[2], `${spread.expected[2]} vs ${one.expected[2]}`);
    assert.ok(spread.expected[0] <= spread.expected[2] && spread.expected[2] <= spread.expected[4]);
    // more background under the peak: a weaker expected limit
    const more = shapeUpperLimit([
      { name: "s", signal: sig, background: bkg.map((b) => 4 * b), observed: bkg.map((b) => 4 * b) },
    ]);
    assert.ok(more.expected[2] > spread.expected[2]);
    // bins with neither signal nor background are dropped
    assert.equal(
      shapeModel([{ name: "z", signal: [0, 1], background: [0, 1], observed: [0, 1] }]).binLabels.length,
      1,
    );
  });

  it("published backgrounds: each source scaled to NA62's expected count, few-event sources on the SM shape", () => {
    const sm = flat(10);
    const spike = new Float64Array(GRID.n);
    spike[400] = 0.5;
    const [r] = publishedBackgrounds(
      [{ period: "2018-S2", sm, sources: { pipi0: flat(1), upstream: spike } }],
      GRID.n,
    );
    const figs = publishedFigures("2018-S2");
    const used = Object.fromEntries(r.sources.map((s) => [s.source, s]));
    assert.ok(Math.abs(used.pipi0.used - (figs["expected.background.pipi0"].value as number)) < 1e-9);
    assert.equal(used.pipi0.standIn, false);
    assert.ok(FEW_EVENT_SOURCES.includes("upstream"));
    assert.equal(used.upstream.standIn, true);
    // the upstream spike is replaced by the flat SM shape at the published total
    const up = figs["expected.background.upstream"].value as number;
    assert.ok(r.background[400] < 0.01 + (up + 1) / GRID.n + 1e-9);
  });
});

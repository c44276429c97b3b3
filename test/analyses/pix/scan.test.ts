import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { interpolate, type PeriodScanInput, scan } from "../../../src/analyses/pix/scan.ts";
import { GRID, GRID_WIDTH, integrate, quantile } from "../../../src/analyses/pix/spectrum.ts";
import { exactUpperLimit } from "../../../src/stats/exact.ts";

/** a Gaussian line at m² = c with width s, total `w`, on the fine grid */
function line(c: number, s: number, w: number): Float64Array {
  const h = new Float64Array(GRID.n);
  for (let k = 0; k < GRID.n; k++) {
    const x = GRID.min + (k + 0.5) * GRID_WIDTH;
    h[k] = (w * GRID_WIDTH * Math.exp(-0.5 * ((x - c) / s) ** 2)) / (Math.sqrt(2 * Math.PI) * s);
  }
  return h;
}

function flat(total: number): Float64Array {
  return new Float64Array(GRID.n).fill(total / GRID.n);
}

describe("pix scan", () => {
  it("integrates fine spectra with partial bins and finds quantiles of a line", () => {
    const h = flat(GRID.n);
    assert.ok(Math.abs(integrate(h, 0, 0.01) - 0.01 / GRID_WIDTH) < 1e-9);
    assert.equal(integrate(h, 0.02, 0.01), 0);
    const g = line(0.04, 0.001, 1);
    assert.ok(Math.abs(quantile(g, 0.5) - 0.04) < 0.1 * GRID_WIDTH);
    assert.ok(Math.abs(0.5 * (quantile(g, 0.841345) - quantile(g, 0.158655)) - 0.001) < 0.03e-3);
    assert.ok(Number.isNaN(quantile(new Float64Array(GRID.n), 0.5)));
  });

  it("interpolates linearly, clamped, skipping NaN", () => {
    assert.equal(interpolate([0, 1], [0, 10], 0.25), 2.5);
    assert.equal(interpolate([0, 1], [0, 10], 2), 10);
    assert.equal(interpolate([0, 1, 2], [0, Number.NaN, 20], 1), 10);
  });

  it("SES = 1/(N_K·A) in the ±kσ window, the limit = CLs events × SES, more background → weaker limit", () => {
    const nodes = [0.1, 0.2];
    const sig = 0.001;
    const mk = (bkg: number): PeriodScanInput => ({
      period: "p",
      kaonDecays: 1e12,
      observed: 0,
      background: flat(bkg),
      sm: new Float64Array(GRID.n),
      x: [nodes.map((m) => ({ spectrum: line(m * m, sig, 0.05), wFv: 1 }))],
    });
    const [a] = scan([mk(0)], { nodes, masses: [0.15], lifetimes: [null], windowSigma: 1.5 });
    // the window holds erf(1.5/√2) = 86.64% of each node's line
    const acc = 0.05 * 0.866386;
    assert.ok(Math.abs(a.acceptance / acc - 1) < 2e-3, `${a.acceptance} vs ${acc}`);
    assert.ok(Math.abs(a.ses * 1e12 * acc - 1) < 2e-3);
    assert.ok(Math.abs(a.brUpperLimit / (exactUpperLimit(0, 0) * a.ses) - 1) < 1e-12);
    const [b] = scan([mk(200)], { nodes, masses: [0.15], lifetimes: [null], windowSigma: 1.5 });
    assert.ok(b.background > 0);
    assert.ok(b.expectedUpperLimit["0"] > a.expectedUpperLimit["0"]);
    assert.ok(b.expectedUpperLimit["-2"] <= b.expectedUpperLimit["0"]);
    assert.ok(b.expectedUpperLimit["0"] <= b.expectedUpperLimit["+2"]);
    // the window's background: the flat density × the window width
    const width = b.window[1] - b.window[0];
    assert.ok(Math.abs(b.background - (200 / GRID.n / GRID_WIDTH) * width) < 1e-9);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Fitter } from "../../src/stats/fit.ts";
import {
  code4Coefficients,
  histosysCode4p,
  normsysCode1,
  normsysCode4,
} from "../../src/stats/interpolation.ts";
import { type Dataset, LikelihoodModel, type ModelSpec } from "../../src/stats/model.ts";

/** two bins, every modifier kind, a parameter shared by normsys and histosys on one sample */
function richSpec(): ModelSpec {
  const N = { kind: "normal", aux: 0, sigma: 1 } as const;
  return {
    binLabels: ["a", "b"],
    params: [
      { name: "mu", init: 1, lo: 0, hi: 10, fixed: false, constraint: { kind: "none" } },
      { name: "alpha", init: 0, lo: -5, hi: 5, fixed: false, constraint: N },
      { name: "beta", init: 0, lo: -5, hi: 5, fixed: false, constraint: N },
      { name: "gamma", init: 1, lo: 1e-10, hi: 10, fixed: false, constraint: { kind: "poisson", tau: 25 } },
      {
        name: "lumi",
        init: 1,
        lo: 0,
        hi: 10,
        fixed: false,
        constraint: { kind: "normal", aux: 1, sigma: 0.05 },
      },
    ],
    terms: [0, 1].flatMap((b) => [
      {
        bin: b,
        sample: "sig",
        nominal: [5, 8][b],
        modifiers: [
          { type: "factor", param: 0 },
          { type: "factor", param: 4 },
          { type: "normsys", param: 2, hi: 1.2, lo: 0.85, code: 4 },
        ],
      },
      {
        bin: b,
        sample: "bkg",
        nominal: [20, 30][b],
        modifiers: [
          { type: "normsys", param: 1, hi: 1.1, lo: 0.92, code: 4 },
          { type: "histosys", param: 1, hi: [22, 33][b], lo: [19, 26][b], code: 4 },
          { type: "histosys", param: 2, hi: [21, 31][b], lo: [19.5, 28][b], code: 0 },
          { type: "factor", param: 3 },
          { type: "factor", param: 4 },
        ],
      },
    ]) as ModelSpec["terms"],
    poi: 0,
    observed: [27, 41],
  };
}

describe("likelihood model", () => {
  const model = new LikelihoodModel(richSpec());
  const data: Dataset = { main: new Float64Array([27, 41]), aux: new Float64Array([0, 0.3, -0.2, 27, 0.98]) };
  it("has the exact gradient and Hessian (central differences, h = 1e-5)", () => {
    for (const x of [
      [1.3, 0.4, -0.6, 1.05, 1.01],
      [0.2, -1.7, 1.4, 0.9, 0.97],
      [2.1, 0.05, -0.02, 1.2, 1.0],
    ]) {
      const g = new Float64Array(5);
      const H = new Float64Array(25);
      model.nllGradHess(x, data, g, H);
      const h = 1e-5;
      const f = (y: number[]) => model.nll(y, data);
      for (let i = 0; i < 5; i++) {
        const xp = [...x];
        const xm = [...x];
        xp[i] += h;
        xm[i] -= h;
        const gi = (f(xp) - f(xm)) / (2 * h);
        assert.ok(Math.abs(gi - g[i]) < 1e-5 * (1 + Math.abs(gi)), `grad ${i}: ${g[i]} vs ${gi}`);
        const gp = new Float64Array(5);
        const gm = new Float64Array(5);
        model.nllGradHess(xp, data, gp, new Float64Array(25));
        model.nllGradHess(xm, data, gm, new Float64Array(25));
        for (let j = 0; j < 5; j++) {
          const hij = (gp[j] - gm[j]) / (2 * h);
          assert.ok(
            Math.abs(hij - H[i * 5 + j]) < 1e-5 * (1 + Math.abs(hij)),
            `H[${i}][${j}]: ${H[i * 5 + j]} vs ${hij}`,
          );
        }
      }
    }
  });
  it("binExpectedD: a bin's expectation with exact first and second derivatives in one parameter", () => {
    const x = [1.3, 0.4, -0.6, 1.05, 1.01];
    const d = new Float64Array(2);
    const h = 1e-4;
    for (let bin = 0; bin < 2; bin++)
      for (let p = 0; p < 5; p++) {
        const at = (v: number) => {
          const y = [...x];
          y[p] = v;
          return model.binExpectedD(bin, p, y, d);
        };
        const nu = model.binExpectedD(bin, p, x, d);
        const [d1, d2] = [d[0], d[1]];
        assert.ok(Math.abs(nu - model.expected(x)[bin]) < 1e-12, `ν bin ${bin}`);
        const fp = at(x[p] + h);
        const fm = at(x[p] - h);
        const n1 = (fp - fm) / (2 * h);
        const n2 = (fp - 2 * nu + fm) / (h * h);
        assert.ok(Math.abs(n1 - d1) < 1e-6 * (1 + Math.abs(n1)), `∂ν${bin}/∂θ${p}: ${d1} vs ${n1}`);
        assert.ok(Math.abs(n2 - d2) < 1e-4 * (1 + Math.abs(n2)), `∂²ν${bin}/∂θ${p}²: ${d2} vs ${n2}`);
      }
  });
  it("finds the minimum: zero projected gradient and no lower point nearby", () => {
    const fitter = new Fitter(model);
    const r = fitter.fitFree(data);
    assert.ok(fitter.minimiser.converged);
    const g = new Float64Array(5);
    model.nllGradHess(r.pars, data, g, new Float64Array(25));
    for (let i = 0; i < 5; i++) assert.ok(Math.abs(g[i]) < 1e-5, `grad ${i} = ${g[i]}`);
    for (let i = 0; i < 5; i++)
      for (const d of [-1e-3, 1e-3]) {
        const y = Array.from(r.pars);
        y[i] += d;
        assert.ok(model.nll(y, data) >= r.nll - 1e-12);
      }
  });
  it("respects bounds: n = 0 gives μ̂ = 0 with a positive gradient", () => {
    const m = new LikelihoodModel({ ...richSpec(), observed: [0, 0] });
    const d = { main: new Float64Array([0, 0]), aux: m.auxNominal.slice() };
    const r = new Fitter(m).fitFree(d);
    assert.equal(r.pars[0], 0);
  });
});

describe("HistFactory interpolation", () => {
  const d = new Float64Array(2);
  it("code 4 matches code 1 in value, slope and curvature at α = ±1 and equals 1 at 0", () => {
    const [hi, lo] = [1.3, 0.75];
    const c = code4Coefficients(hi, lo);
    const e = new Float64Array(2);
    for (const a of [1 - 1e-12, -1 + 1e-12]) {
      const v4 = normsysCode4(a, hi, lo, c, 0, d);
      const v1 = normsysCode1(a, hi, lo, e);
      assert.ok(Math.abs(v4 - v1) < 1e-9 && Math.abs(d[0] - e[0]) < 1e-8 && Math.abs(d[1] - e[1]) < 1e-7);
    }
    assert.equal(normsysCode4(0, hi, lo, c, 0, d), 1);
  });
  it("code 4p is linear outside |α| ≤ 1, continuous with two derivatives at ±1, and exact for symmetric shifts", () => {
    const up = 3;
    const down = 1;
    assert.equal(histosysCode4p(2, up, down, d), 6);
    assert.equal(histosysCode4p(-2, up, down, d), -2);
    for (const a of [1, -1]) {
      const v = histosysCode4p(a, up, down, d);
      assert.ok(Math.abs(v - (a > 0 ? up : -down)) < 1e-12);
      assert.ok(Math.abs(d[0] - (a > 0 ? up : down)) < 1e-12 && Math.abs(d[1]) < 1e-12);
    }
    for (const a of [-0.7, 0.2, 0.9]) assert.ok(Math.abs(histosysCode4p(a, 2, 2, d) - 2 * a) < 1e-12);
  });
});

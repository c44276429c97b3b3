import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  binBr,
  binCoefficients,
  fitFormFactor,
  NCOEF,
  nll,
  poisson,
  totalBr,
} from "../../../src/analyses/pimumu/form-factor.ts";
import { particleTable } from "../../../src/core/particles.ts";
import { stream } from "../../../src/core/rng/streams.ts";
import { HBAR } from "../../../src/core/units.ts";
import { FormFactorW, pillParams, pillRate } from "../../../src/decays/me/pill.ts";

const pt = particleTable();
const M = {
  mK: pt.mass("K+"),
  mPi: pt.mass("pi+"),
  mMu: pt.mass("mu+"),
  gammaK: HBAR / pt.get("K+").lifetime,
};
const FF = pillParams("K+ -> pi+ mu+ mu-");
const BINS = { n: 34, lo: 0.18, hi: 0.52 };
const coef = binCoefficients(BINS, M, FF);

describe("pimumu form factor: the bin coefficients", () => {
  it("reproduce the generator's dΓ/dz (pillRate with W(z) of pill.ts) integrated independently", () => {
    for (const [a, b] of [
      [-0.575, -0.722],
      [0.3, 1.5],
      [-1, 0],
    ]) {
      const W = new FormFactorW({ ...FF, aPlus: a, bPlus: b }, M.mK, M.mPi);
      // midpoint rule on 200 000 steps: an independent integrator
      const n = 200_000;
      const h = (BINS.hi - BINS.lo) / n;
      let s = 0;
      for (let k = 0; k < n; k++) s += pillRate(W, BINS.lo + (k + 0.5) * h, M.mK, M.mMu) * h;
      const ref = s / M.gammaK;
      const ours = totalBr(coef, a, b);
      assert.ok(Math.abs(ours / ref - 1) < 2e-4, `a=${a} b=${b}: ${ours} vs ${ref}`);
    }
  });

  it("vanish below the dimuon threshold and above the end point", () => {
    // bin 0 (0.18–0.19) straddles 4m²_μ/m²_K; the last bin (0.51–0.52) straddles (1 − m_π/m_K)²
    const zThr = (4 * M.mMu * M.mMu) / (M.mK * M.mK);
    assert.ok(zThr > 0.18 && zThr < 0.19);
    const one = binCoefficients({ n: 1, lo: 0.1, hi: zThr - 1e-6 }, M, FF);
    for (let c = 0; c < NCOEF; c++) assert.equal(one[c], 0);
    const zEnd = (1 - M.mPi / M.mK) ** 2;
    assert.ok(zEnd > 0.51 && zEnd < 0.52);
    const above = binCoefficients({ n: 1, lo: zEnd + 1e-9, hi: 0.6 }, M, FF);
    for (let c = 0; c < NCOEF; c++) assert.equal(above[c], 0);
    assert.equal(coef.length, BINS.n * NCOEF);
  });
});

function pseudo(N: number, a0: number, b0: number, seed: number) {
  const acc = Array.from({ length: BINS.n }, (_, i) => 0.08 + 0.004 * i);
  const bg = new Array(BINS.n).fill(0);
  let s = 0;
  for (let i = 0; i < BINS.n; i++) s += acc[i] * binBr(coef, i, a0, b0);
  const nK = N / s;
  const rng = stream(seed, 0, "test-pseudo");
  const counts = acc.map((A, i) => poisson(rng, nK * A * binBr(coef, i, a0, b0)));
  return { coef, acceptance: acc, background: bg, counts, kaonDecays: nK };
}

describe("pimumu form factor: the fit", () => {
  it("returns the generated (a₊, b₊) within 3 of its errors, with MINOS errors at Δ(−ln L) = ½", () => {
    const inp = pseudo(27679, -0.575, -0.722, 5);
    const f = fitFormFactor(inp);
    assert.ok(f.converged);
    assert.ok(Math.abs(f.a + 0.575) < 3 * f.aSigma, `a ${f.a} ± ${f.aSigma}`);
    assert.ok(Math.abs(f.b + 0.722) < 3 * f.bSigma, `b ${f.b} ± ${f.bSigma}`);
    // the profile at a + σ⁺: minimise over b by a fine scan, the rise must be ½
    const a1 = f.a + f.aErr[1];
    let best = Number.POSITIVE_INFINITY;
    for (let b = f.b - 0.3; b <= f.b + 0.3; b += 1e-4) best = Math.min(best, nll(inp, a1, b));
    assert.ok(Math.abs(best - f.nll - 0.5) < 0.01, `rise ${best - f.nll}`);
    // near-parabolic likelihood: MINOS ≈ Hessian, and the deviance follows χ²(ndf)
    assert.ok(Math.abs(f.aErr[0] / f.aSigma - 1) < 0.1);
    assert.ok(Math.abs(f.bErr[1] / f.bSigma - 1) < 0.1);
    assert.ok(f.deviance < f.ndf + 5 * Math.sqrt(2 * f.ndf));
    // NA62's statistical precision is of this order with 2.8 × 10⁴ candidates
    assert.ok(f.aSigma > 0.005 && f.aSigma < 0.02, `σ(a) ${f.aSigma}`);
  });

  it("MINOS errors cover: the pulls of 300 pseudo-experiments have mean 0 and width 1", () => {
    const n = 300;
    const pulls = { a: [] as number[], b: [] as number[] };
    for (let k = 0; k < n; k++) {
      const f = fitFormFactor(pseudo(27679, -0.575, -0.722, 1000 + k));
      pulls.a.push((f.a + 0.575) / (f.a > -0.575 ? f.aErr[0] : f.aErr[1]));
      pulls.b.push((f.b + 0.722) / (f.b > -0.722 ? f.bErr[0] : f.bErr[1]));
    }
    for (const [name, p] of Object.entries(pulls)) {
      const m = p.reduce((s, x) => s + x, 0) / n;
      const sd = Math.sqrt(p.reduce((s, x) => s + (x - m) ** 2, 0) / (n - 1));
      // standard errors: 1/√n for the mean, 1/√(2(n−1)) for the width; 4 of them
      assert.ok(Math.abs(m) < 4 / Math.sqrt(n), `${name}: mean pull ${m}`);
      assert.ok(Math.abs(sd - 1) < 4 / Math.sqrt(2 * (n - 1)), `${name}: pull width ${sd}`);
    }
  });

  it("errors shrink as 1/√N", () => {
    const f1 = fitFormFactor(pseudo(10_000, -0.575, -0.722, 7));
    const f4 = fitFormFactor(pseudo(40_000, -0.575, -0.722, 7));
    assert.ok(Math.abs(f1.aSigma / f4.aSigma - 2) < 0.2, `${f1.aSigma / f4.aSigma}`);
    assert.ok(Math.abs(f1.bSigma / f4.bSigma - 2) < 0.2);
  });
});

describe("pimumu: the Poisson draws", () => {
  for (const mean of [3.5, 80, 1500]) {
    it(`have mean and variance ${mean} (20 000 draws, 5 standard errors)`, () => {
      const rng = stream(11, 0, "test-poisson");
      const n = 20_000;
      let s = 0;
      let s2 = 0;
      for (let k = 0; k < n; k++) {
        const x = poisson(rng, mean);
        assert.ok(Number.isInteger(x) && x >= 0);
        s += x;
        s2 += x * x;
      }
      const m = s / n;
      const v = s2 / n - m * m;
      assert.ok(Math.abs(m - mean) < 5 * Math.sqrt(mean / n), `mean ${m}`);
      // var of the sample variance ≈ 2σ⁴/n (+ μ/n from the fourth cumulant)
      assert.ok(Math.abs(v - mean) < 5 * Math.sqrt((2 * mean * mean + mean) / n), `variance ${v}`);
    });
  }
});

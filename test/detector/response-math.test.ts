import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  Curve,
  erfc,
  highland,
  normalCdf,
  normalInterval,
  normalQuantile,
  poissonAtLeast,
  truncatedNormal,
} from "../../src/detector/response-math.ts";
import { assertRel } from "../helpers/stat.ts";

describe("response maths", () => {
  it("erfc keeps its relative precision in the tails (reference values from the series/continued fraction)", () => {
    const ref: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [3, 2.209049699858544e-5],
      [5, 1.5374597944280349e-12],
      [7, 4.183825607779414e-23],
      [-1, 1.8427007929497148],
    ];
    for (const [x, v] of ref) assertRel(erfc(x), v, 2e-7, `erfc(${x})`);
    assertRel(normalCdf(-5), 2.866515718791939e-7, 2e-7, "Φ(−5)");
  });

  it("normal interval probabilities: symmetric, additive, 0/1 beyond 9σ", () => {
    assertRel(normalInterval(-1, 1, 0, 1), 0.6826894921370859, 1e-6, "±1σ");
    assertRel(normalInterval(1, 2, 0, 1), normalInterval(-2, -1, 0, 1), 1e-12, "symmetry");
    assertRel(normalInterval(0, 1, 0, 1) + normalInterval(1, Infinity, 0, 1), 0.5, 1e-7, "additivity");
    assert.equal(normalInterval(10, 11, 0, 1), 0);
    assert.equal(normalInterval(-20, 20, 0, 1), 1);
    assert.equal(normalInterval(2, 1, 0, 1), 0);
  });

  it("normal quantile inverts normalCdf, also deep in the tails", () => {
    for (const q of [1e-300, 1e-30, 1e-8, 0.01, 0.3, 0.5, 0.9, 1 - 1e-6]) {
      const z = normalQuantile(q);
      assertRel(q < 0.5 ? normalCdf(z) : 1 - normalCdf(z), q < 0.5 ? q : 1 - q, 1e-6, `q = ${q}`);
    }
  });

  it("truncated normal: inside the interval, its mean matches the analytic one, far tails included", () => {
    // E[X | a < X < b] = (φ(a) − φ(b)) / (Φ(b) − Φ(a)) for a standard normal
    const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    for (const [a, b] of [
      [-1, 1],
      [0.5, 2],
      [8, 9],
      [-8.8, -8],
    ]) {
      const N = 20000;
      let m = 0;
      for (let i = 0; i < N; i++) {
        const x = truncatedNormal(a, b, 0, 1, (i + 0.5) / N);
        assert.ok(x >= a && x <= b);
        m += x / N;
      }
      const ref = (phi(a) - phi(b)) / normalInterval(a, b, 0, 1);
      assert.ok(Math.abs(m - ref) < 1e-3 * Math.max(1, Math.abs(ref)), `[${a}, ${b}]: ${m} vs ${ref}`);
    }
    // a shifted and scaled interval, and an interval of negligible probability (nearest edge)
    assert.ok(Math.abs(truncatedNormal(1, 3, 2, 0.5, 0.5) - 2) < 1e-9);
    assert.equal(truncatedNormal(40, 41, 0, 1, 0.5), 40);
  });

  it("inefficiency curves interpolate in log–log and clamp outside the nodes", () => {
    const c = new Curve({ e: [0.1, 1, 10], p: [1e-1, 1e-3, 1e-5] });
    assertRel(c.at(1), 1e-3, 1e-12, "node");
    assertRel(c.at(Math.sqrt(10)), 1e-4, 1e-12, "log-log midpoint");
    assert.equal(c.at(0.01), 1e-1);
    assert.equal(c.at(1000), 1e-5);
  });

  it("Highland angle and Poisson tails", () => {
    // 1% X₀ at 1 GeV/c, β = 1: 13.6 mrad × 0.1 × (1 + 0.038 ln 0.01) = 1.1220 mrad
    assertRel(highland(1, 1, 0.01), 0.0136 * 0.1 * (1 + 0.038 * Math.log(0.01)), 1e-12, "Highland");
    assertRel(poissonAtLeast(2, 1), 1 - Math.exp(-2), 1e-12, "P(N ≥ 1)");
    assertRel(poissonAtLeast(2, 3), 1 - Math.exp(-2) * (1 + 2 + 2), 1e-12, "P(N ≥ 3)");
  });
});

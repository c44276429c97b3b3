/**
 * Quasi-real proton bremsstrahlung of A′: positivity, the massless (Weizsäcker–Williams / DGLAP
 * P_γq) limit, the closed-form p²_T integral against a numerical quadrature, ε² scaling; the proton
 * form factor at q² = 0 and at the ω; the σ_pp fit against TOTEM at 7 TeV.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALPHA_EM } from "../../../src/core/units.ts";
import {
  bremsSplitting,
  bremsSplittingIntegral,
  bremsYield,
  bremsYieldIntegral,
  ppCrossSection,
  protonFormFactor,
  protonFormFactor2,
} from "../../../src/decays/dark/bremsstrahlung.ts";
import { darkParams } from "../../../src/decays/dark/params.ts";

const p = darkParams();

/** composite Simpson rule of f over u in [a, b] with n (even) intervals */
function simpson(f: (u: number) => number, a: number, b: number, n: number): number {
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe("A′ proton bremsstrahlung (quasi-real approximation)", () => {
  it("the splitting function is positive over 0 < z < 1, 0 ≤ p²_T ≤ 4 GeV², 0 ≤ m ≤ 1.5 GeV", () => {
    for (const z of [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
      for (const pt2 of [0, 1e-4, 1e-2, 0.1, 1, 4])
        for (const m of [0, 0.01, 0.1, 0.3, 0.8, 1.5]) {
          const w = bremsSplitting(z, pt2, m, 1);
          assert.ok(w > 0 && Number.isFinite(w), `z=${z} pT²=${pt2} m=${m}: ${w}`);
        }
  });

  it("tends to αε²/(2π p²_T)·(1 + (1 − z)²)/z for a massless A′ emitted by a massless charge", () => {
    const eps = 1e-3;
    for (const z of [0.1, 0.4, 0.8])
      for (const pt2 of [0.01, 1]) {
        const w = bremsSplitting(z, pt2, 0, eps, 1e-7);
        const ww = ((ALPHA_EM * eps * eps) / (2 * Math.PI * pt2)) * ((1 + (1 - z) ** 2) / z);
        assert.ok(Math.abs(w / ww - 1) < 1e-9, `z=${z} pT²=${pt2}: ${w / ww}`);
      }
  });

  it("the closed-form ∫dp²_T agrees with Simpson quadrature to 1e-8", () => {
    for (const z of [0.1, 0.5, 0.9])
      for (const m of [0.01, 0.3, 1.0])
        for (const pmax of [0.01, 1, 4]) {
          const A = (1 - z) * m * m + z * z * p.mProton * p.mProton;
          // substitute u = ln(A + p²_T): dp²_T = (A + p²_T) du
          const numeric = simpson(
            (u) => {
              const pt2 = Math.exp(u) - A;
              return bremsSplitting(z, Math.max(0, pt2), m, 1) * Math.exp(u);
            },
            Math.log(A),
            Math.log(A + pmax),
            2000,
          );
          const exact = bremsSplittingIntegral(z, pmax, m, 1);
          assert.ok(
            Math.abs(numeric / exact - 1) < 1e-8,
            `z=${z} m=${m} pmax=${pmax}: ${numeric} vs ${exact}`,
          );
        }
  });

  it("scales as ε²", () => {
    const r = bremsSplitting(0.4, 0.2, 0.3, 1e-5) / bremsSplitting(0.4, 0.2, 0.3, 1e-6);
    assert.ok(Math.abs(r / 100 - 1) < 1e-12);
    assert.throws(() => bremsSplitting(1, 0.2, 0.3, 1e-6), /z: expected 0 < z < 1/);
    assert.throws(() => bremsSplitting(0.5, -1, 0.3, 1e-6), /pT²/);
  });

  it("the proton form factor is 1 at q² = 0 (Σf_V = 1 within 0.2%) and resonant at the ρ/ω", () => {
    const sum = p.formFactor.reduce((s, v) => s + v.f, 0);
    assert.ok(Math.abs(sum - 1) < 2e-3, `Σf = ${sum}`);
    const [re, im] = protonFormFactor(0);
    assert.ok(Math.abs(Math.hypot(re, im) - 1) < 0.02, `|F₁(0)| = ${Math.hypot(re, im)}`);
    assert.ok(protonFormFactor2(0.78) > 100 * protonFormFactor2(0.3));
  });

  it("the σ_pp fit gives TOTEM's 98.3 ± 2.8 mb at √s = 7 TeV (EPL 96 (2011) 21002) within 2σ", () => {
    const s = 7000 ** 2;
    assert.ok(Math.abs(ppCrossSection(s) - 98.3) < 2 * 2.8, `σ_pp = ${ppCrossSection(s)} mb`);
  });

  it("the yield is |F₁(m²)|² σ_pp(s′)/σ_pp(s) times the splitting function", () => {
    const E = 400;
    const z = 0.6;
    const s = 2 * p.mProton * E;
    const ratio = ppCrossSection(s * (1 - z)) / ppCrossSection(s);
    const y0 = bremsYield(z, 0.1, 0.5, 1e-6, E, false);
    assert.ok(Math.abs(y0 / (ratio * bremsSplitting(z, 0.1, 0.5, 1e-6)) - 1) < 1e-12);
    const y1 = bremsYield(z, 0.1, 0.5, 1e-6, E);
    assert.ok(Math.abs(y1 / y0 / protonFormFactor2(0.5) - 1) < 1e-12);
  });

  it("the integrated yield agrees with a two-dimensional Simpson quadrature of d²N/(dz dp²_T)", () => {
    const m = 0.4;
    const E = 400;
    const got = bremsYieldIntegral(m, 1e-6, E, { zMin: 0.2, zMax: 0.8, pTMax: 0.5 });
    const inner = (z: number) => {
      const A = (1 - z) * m * m + z * z * p.mProton * p.mProton;
      return simpson(
        (u) => bremsYield(z, Math.max(0, Math.exp(u) - A), m, 1e-6, E) * Math.exp(u),
        Math.log(A),
        Math.log(A + 0.25),
        400,
      );
    };
    const numeric = simpson(inner, 0.2, 0.8, 400);
    assert.ok(Math.abs(got / numeric - 1) < 1e-6, `${got} vs ${numeric}`);
    assert.throws(() => bremsYieldIntegral(m, 1e-6, E, { zMin: 0.9, zMax: 0.1 }), /z range/);
  });
});

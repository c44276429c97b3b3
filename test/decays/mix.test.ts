/**
 * The natural decay mix: channel fractions of 2 × 10⁶ generated events against the BR table
 * (BR(parent) − Σ BR(radiative subsets), normalised), each within 3σ of its binomial (or, below 5
 * expected events, Poisson) fluctuation, and the global χ².
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertPull, chi2, chi2Bound } from "../helpers/stat.ts";
import { mixSample } from "./checks.ts";

/** P(X ≥ k) for X ~ Poisson(μ) */
function poissonUpper(k: number, mu: number): number {
  let p = 0;
  let term = Math.exp(-mu);
  for (let i = 0; i < k; i++) {
    p += term;
    term *= mu / (i + 1);
  }
  return 1 - p;
}

describe("natural K⁺ decay mix", () => {
  it("channel fractions match the BR table within 3σ_stat (2 × 10⁶ events)", () => {
    const rows = mixSample(2_000_000);
    const n = rows.reduce((a, r) => a + r.obs, 0);
    for (const r of rows) {
      const p = r.exp / n;
      if (r.exp >= 5) assertPull(r.obs, r.exp, Math.sqrt(r.exp * (1 - p)), 3, r.name);
      // rare channels: the observed count must not be implausibly large (3σ one-sided, 0.00135)
      else assert.ok(poissonUpper(r.obs, r.exp) > 0.00135, `${r.name}: ${r.obs} events for μ = ${r.exp}`);
    }
    const obs = rows.map((r) => r.obs);
    const exp = rows.map((r) => r.exp);
    const c = chi2(obs, exp);
    assert.ok(c.chi2 < chi2Bound(c.dof), `χ² = ${c.chi2.toFixed(1)} for ${c.dof} dof`);
  });
});

/**
 * The natural decay mix: channel fractions of 2 × 10⁶ generated events against the BR table
 * (BR(parent) − Σ BR(radiative subsets), normalised), each within 3σ of its binomial (or, below 5
 * expected events, Poisson) fluctuation, and the global χ².
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mixFractions } from "../../src/decays/catalogue.ts";
import { assertPull, chi2, chi2Bound } from "../helpers/stat.ts";
import { generate } from "./fit.ts";

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
    const fr = mixFractions();
    const total = fr.reduce((a, f) => a + f.br, 0);
    const n = 2_000_000;
    const counts = new Map<number, number>();
    generate("mix", n, 41, (b) => {
      for (let i = 0; i < b.size; i++) counts.set(b.channel[i], (counts.get(b.channel[i]) ?? 0) + 1);
    });
    const obs: number[] = [];
    const exp: number[] = [];
    for (const f of fr) {
      const p = f.br / total;
      const k = counts.get(f.channel.id) ?? 0;
      const mu = n * p;
      obs.push(k);
      exp.push(mu);
      if (mu >= 5) assertPull(k, mu, Math.sqrt(mu * (1 - p)), 3, f.channel.name);
      // rare channels: the observed count must not be implausibly large (3σ one-sided, 0.00135)
      else assert.ok(poissonUpper(k, mu) > 0.00135, `${f.channel.name}: ${k} events for μ = ${mu}`);
      counts.delete(f.channel.id);
    }
    assert.equal(counts.size, 0, "no channel outside the mix is generated");
    const c = chi2(obs, exp);
    assert.ok(c.chi2 < chi2Bound(c.dof), `χ² = ${c.chi2.toFixed(1)} for ${c.dof} dof`);
  });
});

/**
 * A prediction of the Kℓ3 matrix element: with the PDG form-factor slopes, the phase-space integral
 * of the Kμ3 density over that of Ke3 must reproduce Γ(Kμ3)/Γ(Ke3) = BR(π⁰μ⁺ν)/BR(π⁰e⁺ν)
 * = 3.352/5.07 = 0.661 ± 0.009 (PDG 2024, errors combined) — |V_us f₊(0)|² cancels; radiative
 * corrections (∼1% level, not in the generator) are within the tolerance.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { particleTable } from "../../src/core/particles.ts";
import { findChannel } from "../../src/decays/catalogue.ts";
import { Kl3Generator, kl3Params } from "../../src/decays/me/kl3.ts";

function dalitzIntegral(name: string, grid: number): number {
  const g = new Kl3Generator(findChannel(name), { particles: particleTable() }, kl3Params("kl3"));
  const d1 = (g.e1Max - g.m1) / grid;
  const d2 = (g.e2Max - g.m2) / grid;
  let s = 0;
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++) {
      const E1 = g.m1 + (i + 0.5) * d1;
      const E2 = g.m2 + (j + 0.5) * d2;
      const E3 = g.M - E1 - E2;
      if (g.physical(E1, E2, E3)) s += g.weight(E1, E2, E3);
    }
  }
  return s * d1 * d2;
}

describe("Kℓ3 matrix element", () => {
  it("predicts Γ(Kμ3)/Γ(Ke3) = 0.661 ± 0.009 (PDG 2024) within 2σ", () => {
    const ratio = dalitzIntegral("K+ -> pi0 mu+ nu", 800) / dalitzIntegral("K+ -> pi0 e+ nu", 800);
    const pdg = 3.352 / 5.07;
    const sigma = pdg * Math.hypot(0.033 / 3.352, 0.04 / 5.07);
    assert.ok(
      Math.abs(ratio - pdg) < 2 * sigma,
      `Γ(Kμ3)/Γ(Ke3) = ${ratio.toFixed(4)} vs ${pdg.toFixed(4)} ± ${sigma.toFixed(4)}`,
    );
  });
});

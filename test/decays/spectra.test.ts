/**
 * The matrix elements refitted from generated events (test/decays/checks.ts). Every fit
 * is a maximum-likelihood fit whose σ_stat comes from the sample (observed information); the inputs
 * must be recovered within 3σ_stat, and binned spectra must pass a χ² test.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { assertPull, chi2, chi2Bound } from "../helpers/stat.ts";
import { pinunuSpectrum, type Refit, refitK3pi, refitKl3, refitPill } from "./checks.ts";

const check = (r: Refit) => assertPull(r.fit, r.input, r.sigma, 3, `${r.channel} ${r.parameter}`);

describe("K → 3π Dalitz slopes g, h, k refitted from 10⁶ events", () => {
  for (const channel of ["K+ -> pi+ pi+ pi-", "K+ -> pi+ pi0 pi0"]) {
    it(channel, () => {
      for (const r of refitK3pi(channel)) check(r);
    });
  }
});

describe("Kℓ3 form factors refitted from the t spectrum of 10⁶ events", () => {
  it("K+ -> pi0 e+ nu: λ′₊ (λ″₊, λ₀ fixed)", () => {
    const r = refitKl3("K+ -> pi0 e+ nu");
    check(r);
    assert.ok(r.sigma < 0.003, `σ(λ′₊) = ${r.sigma}`);
  });
  it("K+ -> pi0 mu+ nu: λ₀ (λ′₊, λ″₊ fixed)", () => {
    check(refitKl3("K+ -> pi0 mu+ nu"));
  });
});

describe("K⁺ → π⁺ℓ⁺ℓ⁻: the z spectrum against dΓ/dz ∝ λ^{3/2}β(1 + 2r²_ℓ/z)|W(z)|²", () => {
  for (const channel of ["K+ -> pi+ mu+ mu-", "K+ -> pi+ e+ e-"] as const) {
    it(`${channel}: binned χ² and the refit of b₊`, () => {
      const { refit, obs, exp } = refitPill(channel);
      const c = chi2(obs, exp);
      assert.ok(c.chi2 < chi2Bound(c.dof), `χ² = ${c.chi2.toFixed(1)} for ${c.dof} dof`);
      check(refit);
    });
  }
});

describe("K⁺ → π⁺νν̄: m²_miss range and spectrum", () => {
  it("m²miss in [0, (m_K − m_π)²] = [0, 0.12539] GeV², dΓ/dq² ∝ λ^{3/2}(1, z, r²)|f₊|²", () => {
    const s = pinunuSpectrum();
    assert.ok(Math.abs(s.qMax - 0.12539) < 0.5e-5, `(m_K − m_π)² = ${s.qMax}`);
    assert.ok(s.lo >= -1e-9 && s.hi <= s.qMax + 1e-9, `range [${s.lo}, ${s.hi}]`);
    const c = chi2(s.obs, s.exp);
    assert.ok(c.chi2 < chi2Bound(c.dof), `χ² = ${c.chi2.toFixed(1)} for ${c.dof} dof`);
    // the formula is finite at q² = 0 (λ^{3/2} → (1 − r²)³) and vanishes only at the end point,
    // as (q²_max − q²)^{3/2}: the first bin is the most populated one, the last nearly empty
    const nb = s.obs.length;
    assert.ok(Math.abs(s.shape(0) - (1 - s.r2) ** 3) < 1e-12);
    assertPull(s.obs[0], s.exp[0], Math.sqrt(s.exp[0]), 3, "first bin");
    assertPull(s.obs[nb - 1], s.exp[nb - 1], Math.sqrt(s.exp[nb - 1]), 3, "last bin");
    assert.ok(s.obs[0] === Math.max(...s.obs), "the density is largest at q² = 0");
    assert.ok(s.exp[nb - 1] < 1e-3 * s.exp[0], "and vanishes at the end point");
  });
});

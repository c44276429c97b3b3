/** Dark photons from π⁰, η, η′ → γA′ and ω → π⁰A′: massless limits, phase-space powers, closure. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  omegaToPi0DarkPhotonBR,
  pseudoscalarToGammaDarkPhotonBR,
} from "../../../src/decays/dark/meson-decays.ts";
import { darkParams } from "../../../src/decays/dark/params.ts";

const p = darkParams();

describe("A′ production in meson decays", () => {
  it("BR(P → γA′) → 2ε²BR(P → γγ) for a massless A′ and scales as ε²", () => {
    const cases: ["pi0" | "eta" | "etaPrime", number][] = [
      ["pi0", p.br.pi0GG],
      ["eta", p.br.etaGG],
      ["etaPrime", p.br.etaPrimeGG],
    ];
    for (const [name, br] of cases) {
      const got = pseudoscalarToGammaDarkPhotonBR(name, 0, 1e-3);
      assert.ok(Math.abs(got / (2e-6 * br) - 1) < 1e-12, name);
      const r =
        pseudoscalarToGammaDarkPhotonBR(name, 0.01, 1e-2) / pseudoscalarToGammaDarkPhotonBR(name, 0.01, 1e-3);
      assert.ok(Math.abs(r / 100 - 1) < 1e-12);
    }
  });

  it("falls as (1 − m²/m²_P)³ and closes at m = m_P", () => {
    const m = 0.1;
    const r = pseudoscalarToGammaDarkPhotonBR("pi0", m, 1) / pseudoscalarToGammaDarkPhotonBR("pi0", 0, 1);
    assert.ok(Math.abs(r - (1 - (m * m) / (p.mPi0 * p.mPi0)) ** 3) < 1e-12);
    assert.equal(pseudoscalarToGammaDarkPhotonBR("pi0", p.mPi0, 1), 0);
    assert.equal(pseudoscalarToGammaDarkPhotonBR("eta", 0.6, 1), 0);
    assert.ok(pseudoscalarToGammaDarkPhotonBR("etaPrime", 0.6, 1) > 0);
    assert.throws(() => pseudoscalarToGammaDarkPhotonBR("rho" as "pi0", 0.1, 1), /meson: expected one of/);
  });

  it("BR(ω → π⁰A′) → ε²BR(ω → π⁰γ) for a massless A′, is monotonic and closes at m_ω − m_π⁰", () => {
    assert.ok(Math.abs(omegaToPi0DarkPhotonBR(0, 1e-3) / (1e-6 * p.br.omegaPi0G) - 1) < 1e-12);
    let last = Number.POSITIVE_INFINITY;
    for (let m = 0.05; m < p.mOmega - p.mPi0; m += 0.05) {
      const v = omegaToPi0DarkPhotonBR(m, 1);
      assert.ok(v > 0 && v < last, `m = ${m}`);
      last = v;
    }
    assert.equal(omegaToPi0DarkPhotonBR(p.mOmega - p.mPi0, 1), 0);
    assert.throws(() => omegaToPi0DarkPhotonBR(0.3, -1), /epsilon/);
  });
});

/**
 * Dark photon A′: leptonic widths against their analytic limits and the independent decay lengths
 * quoted for NA62's dump mode (m = 300 MeV/c², E = 50 GeV, leptonic widths only: 0.239 m, 23.9 m,
 * 2.39 km for ε = 10⁻⁵, 10⁻⁶, 10⁻⁷), branching ratios, bad input.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALPHA_EM, C_LIGHT } from "../../../src/core/units.ts";
import {
  darkPhotonBranchingRatios,
  darkPhotonCTau,
  darkPhotonDecayLength,
  darkPhotonLeptonWidth,
  darkPhotonLifetime,
  darkPhotonWidths,
} from "../../../src/decays/dark/dark-photon.ts";
import { darkParams } from "../../../src/decays/dark/params.ts";

const p = darkParams();

describe("dark photon widths and decay lengths", () => {
  it("βγcτ at m = 0.3 GeV, E = 50 GeV (leptonic widths) is 0.239 m, 23.9 m, 2.39 km for ε = 1e-5, 1e-6, 1e-7", () => {
    const targets: [number, number][] = [
      [1e-5, 0.239e3],
      [1e-6, 23.9e3],
      [1e-7, 2.39e6],
    ];
    for (const [eps, mm] of targets) {
      const l = darkPhotonDecayLength(0.3, eps, 50, { hadrons: false });
      // the targets have three significant digits: agree within half a unit of the last one
      assert.ok(Math.abs(l / mm - 1) < 0.5 / 239, `ε = ${eps}: ${l} mm vs ${mm} mm`);
    }
  });

  it("widths scale as ε² and the lifetime, cτ and βγcτ are consistent", () => {
    const w1 = darkPhotonWidths(0.5, 1e-4).total;
    const w2 = darkPhotonWidths(0.5, 1e-6).total;
    assert.ok(Math.abs(w1 / w2 / 1e4 - 1) < 1e-12);
    const tau = darkPhotonLifetime(0.5, 1e-4);
    const ct = darkPhotonCTau(0.5, 1e-4);
    assert.ok(Math.abs(ct / (C_LIGHT * tau) - 1) < 1e-9);
    const bg = Math.sqrt(20 * 20 - 0.25) / 0.5;
    assert.ok(Math.abs(darkPhotonDecayLength(0.5, 1e-4, 20) / (bg * ct) - 1) < 1e-12);
  });

  it("Γ(A′→ℓℓ) → αε²m/3 far above threshold, vanishes at threshold as β, and μμ/ee → 1", () => {
    const eps = 1e-3;
    const m = 3;
    const ee = darkPhotonLeptonWidth(m, eps, p.mE);
    assert.ok(Math.abs(ee / ((ALPHA_EM * eps * eps * m) / 3) - 1) < 1e-6);
    const mm = darkPhotonLeptonWidth(m, eps, p.mMu);
    assert.ok(Math.abs(mm / ee - 1) < 5e-3, `μμ/ee = ${mm / ee}`);
    const thr = 2 * p.mMu;
    assert.equal(darkPhotonLeptonWidth(thr * 0.999, eps, p.mMu), 0);
    const near = darkPhotonLeptonWidth(thr * 1.000001, eps, p.mMu);
    const beta = Math.sqrt(1 - 1 / 1.000001 ** 2);
    // (αε²m/3)(1 + 2m²_μ/m²) → (αε²m/3)·3/2 at threshold
    assert.ok(Math.abs(near / (((ALPHA_EM * eps * eps * thr) / 3) * 1.5 * beta) - 1) < 1e-4);
  });

  it("branching ratios sum to one; only e⁺e⁻ below 2m_μ, no hadrons below 2m_π", () => {
    for (const m of [0.05, 0.2, 0.25, 0.3, 0.5, 0.775, 1.0, 1.5]) {
      const b = darkPhotonBranchingRatios(m);
      assert.ok(Math.abs(b.ee + b.mumu + b.hadrons - 1) < 1e-12, `m = ${m}`);
    }
    assert.equal(darkPhotonBranchingRatios(0.15).ee, 1);
    assert.equal(darkPhotonBranchingRatios(0.27).hadrons, 0);
    assert.ok(darkPhotonBranchingRatios(0.775).hadrons > 0.5, "the ρ/ω region is hadron-dominated");
  });

  it("bad input is refused with the field named", () => {
    assert.throws(() => darkPhotonWidths(-0.1, 1e-6), /dark photon mass/);
    assert.throws(() => darkPhotonWidths(0.3, Number.NaN), /epsilon/);
    assert.throws(() => darkPhotonDecayLength(0.3, 1e-6, 0.1), /energy/);
    assert.throws(() => darkPhotonWidths(0.0005, 1e-6), /below 2mₑ/);
  });
});

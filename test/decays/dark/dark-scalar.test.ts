/**
 * Dark scalar mixing with the Higgs: BR(K⁺ → π⁺S) ∝ sin²θ·λ^{1/2} closing at m_K − m_π, the
 * leptonic widths' β³ threshold, S → γγ against the low-energy theorem (all loops heavy), the mass
 * range of the width model, S → ππ at leading order.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALPHA_EM, C_LIGHT, G_FERMI } from "../../../src/core/units.ts";
import {
  kaonToPionScalarBR,
  scalarBranchingRatios,
  scalarCTau,
  scalarDecayLength,
  scalarLeptonWidth,
  scalarLifetime,
  scalarPhotonWidth,
  scalarPionDispersiveRatio,
  scalarPionWidth,
  scalarWidths,
} from "../../../src/decays/dark/dark-scalar.ts";
import { higgsVev } from "../../../src/decays/dark/electroweak.ts";
import { kallen } from "../../../src/decays/dark/lifetime.ts";
import { darkParams } from "../../../src/decays/dark/params.ts";

const p = darkParams();

describe("dark scalar (Higgs mixing)", () => {
  it("v = (√2 G_F)^{−1/2} = 246.22 GeV", () => {
    assert.ok(Math.abs(higgsVev() - 246.22) < 0.01);
  });

  it("BR(K⁺ → π⁺S) is linear in sin²θ, follows λ^{1/2}, and closes at m_K − m_π", () => {
    const b0 = kaonToPionScalarBR(0.1, 1e-6);
    assert.ok(Math.abs(kaonToPionScalarBR(0.1, 1e-4) / b0 / 100 - 1) < 1e-12);
    const mK2 = p.mK * p.mK;
    const mPi2 = p.mPi * p.mPi;
    const f = (m: number) => kaonToPionScalarBR(m, 1) / Math.sqrt(kallen(mK2, mPi2, m * m));
    for (const m of [0.05, 0.15, 0.25, 0.35]) assert.ok(Math.abs(f(m) / f(0) - 1) < 1e-12, `m = ${m}`);
    assert.equal(kaonToPionScalarBR(p.mK - p.mPi, 1), 0);
    // order of magnitude: 10⁻³·sin²θ at small m_S
    const b = kaonToPionScalarBR(0, 1);
    assert.ok(b > 1e-3 && b < 3e-3, `BR/sin²θ = ${b}`);
    assert.throws(() => kaonToPionScalarBR(0.1, 2), /sin²θ/);
  });

  it("Γ(S → ℓℓ) = sin²θ G_F m²_ℓ m_S β³/(4√2π)", () => {
    const m = 0.25;
    const b = Math.sqrt(1 - (4 * p.mMu * p.mMu) / (m * m));
    const exp = (1e-6 * G_FERMI * p.mMu * p.mMu * m * b ** 3) / (4 * Math.SQRT2 * Math.PI);
    assert.ok(Math.abs(scalarLeptonWidth(m, 1e-6, p.mMu) / exp - 1) < 1e-12);
    assert.equal(scalarLeptonWidth(0.2, 1e-6, p.mMu), 0);
  });

  it("S → γγ with every loop heavy obeys the low-energy theorem |−7 + Σ N_c Q² 4/3|² = 1", () => {
    // m_S = 10⁻⁴ GeV: e, μ, τ, c, b, t and W all heavy; Σ N_c Q² = 3 + 3(4/9 + 1/9 + 4/9) = 6
    const m = 1e-4;
    const unit = (G_FERMI * ALPHA_EM * ALPHA_EM * m ** 3) / (128 * Math.SQRT2 * Math.PI ** 3);
    const r = scalarPhotonWidth(m, 1) / unit;
    assert.ok(Math.abs(r - 1) < 0.02, `|A|² = ${r}`);
  });

  it("widths, BRs, lifetime and lab decay length are consistent; refuses m_S ≥ 2m_π", () => {
    const w = scalarWidths(0.25, 1e-8);
    assert.ok(Math.abs(w.ee + w.mumu + w.gammagamma + w.pipi - w.total) < 1e-30);
    assert.equal(w.pipi, 0);
    const b = scalarBranchingRatios(0.25);
    assert.ok(b.mumu > 0.99);
    assert.ok(scalarBranchingRatios(0.15).ee > 0.99);
    const ct = scalarCTau(0.25, 1e-8);
    assert.ok(Math.abs(ct / (C_LIGHT * scalarLifetime(0.25, 1e-8)) - 1) < 1e-9);
    const bg = Math.sqrt(40 * 40 - 0.0625) / 0.25;
    assert.ok(Math.abs(scalarDecayLength(0.25, 1e-8, 40) / (bg * ct) - 1) < 1e-12);
    assert.throws(() => scalarWidths(2 * p.mK, 1e-8), /above 2m_K/);
    assert.throws(() => scalarWidths(0.1, -1), /sin²θ/);
  });

  it("the dispersive S → ππ is the leading order times the tabulated ratio, 2–5 below 0.8 GeV", () => {
    for (const [m, k] of p.scalar.pipiRatio) {
      if (m <= 2 * p.mPi0 || m >= 2 * p.mK) continue;
      const r = scalarPionWidth(m, 1e-6) / scalarPionWidth(m, 1e-6, { pipi: "lo" });
      assert.ok(Math.abs(r / k - 1) < 1e-12, `m = ${m}`);
    }
    const mid = scalarPionDispersiveRatio(0.31);
    assert.ok(mid > scalarPionDispersiveRatio(0.3) && mid < scalarPionDispersiveRatio(0.32));
    for (let m = 0.28; m < 0.8; m += 0.01) {
      const k = scalarPionDispersiveRatio(m);
      assert.ok(k > 2 && k < 6, `K(${m}) = ${k}`);
    }
    assert.throws(() => scalarPionWidth(0.4, 1, { pipi: "nlo" as "lo" }), /pipi: expected/);
  });

  it("S → ππ: closed below 2m_π⁰, π⁰π⁰ opens before π⁺π⁻, LO ChPT normalisation, dominant above 0.3 GeV", () => {
    assert.equal(scalarPionWidth(2 * p.mPi0 * 0.999, 1), 0);
    const between = 0.5 * (2 * p.mPi0 + 2 * p.mPi);
    assert.ok(scalarPionWidth(between, 1) > 0);
    const m = 0.6;
    const c = (mp: number) => 2 / 9 + (11 * mp * mp) / (9 * m * m);
    const beta = (mp: number) => Math.sqrt(1 - (4 * mp * mp) / (m * m));
    const unit = (3 * G_FERMI * m ** 3) / (16 * Math.SQRT2 * Math.PI);
    const exp = unit * ((2 / 3) * c(p.mPi) ** 2 * beta(p.mPi) + (1 / 3) * c(p.mPi0) ** 2 * beta(p.mPi0));
    assert.ok(Math.abs(scalarPionWidth(m, 1, { pipi: "lo" }) / exp - 1) < 1e-12);
    const lo = scalarBranchingRatios(0.5, { pipi: "lo" }).pipi;
    const disp = scalarBranchingRatios(0.5).pipi;
    assert.ok(lo > 0.5 && lo < 0.8 && disp > 0.85, `BR(ππ) at 0.5 GeV: LO ${lo}, dispersive ${disp}`);
    const b = scalarBranchingRatios(0.3);
    assert.ok(Math.abs(b.ee + b.mumu + b.gammagamma + b.pipi - 1) < 1e-12);
  });
});

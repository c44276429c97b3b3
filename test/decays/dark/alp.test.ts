/**
 * ALP with universal fermion couplings (PBC BC10): the leptonic widths' analytic form and
 * thresholds, the 1/f²_ℓ scaling, the decoupling of heavy loops in a → γγ, the mass range.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { C_LIGHT } from "../../../src/core/units.ts";
import {
  alpBranchingRatios,
  alpCTau,
  alpDecayLength,
  alpFlFromGY,
  alpLeptonWidth,
  alpLifetime,
  alpMaxMass,
  alpPhotonWidth,
  alpWidths,
} from "../../../src/decays/dark/alp.ts";
import { higgsVev } from "../../../src/decays/dark/electroweak.ts";
import { darkParams } from "../../../src/decays/dark/params.ts";

const p = darkParams();

describe("ALP with fermion couplings (BC10)", () => {
  it("Γ(a → ℓℓ) = m_a m²_ℓ β/(8π f²) with its threshold, and μμ/ee = (m_μ/m_e)² β_μ/β_e", () => {
    const m = 0.3;
    const f = 1000;
    const ee = alpLeptonWidth(m, f, p.mE);
    const be = Math.sqrt(1 - (4 * p.mE * p.mE) / (m * m));
    assert.ok(Math.abs(ee / ((m * p.mE * p.mE * be) / (8 * Math.PI * f * f)) - 1) < 1e-12);
    const mm = alpLeptonWidth(m, f, p.mMu);
    const bm = Math.sqrt(1 - (4 * p.mMu * p.mMu) / (m * m));
    assert.ok(Math.abs(mm / ee - ((p.mMu / p.mE) ** 2 * bm) / be) < 1e-9);
    assert.equal(alpLeptonWidth(0.2, f, p.mMu), 0);
  });

  it("all widths scale as 1/f²; τ, cτ and βγcτ are consistent", () => {
    const a = alpWidths(0.25, 1e3);
    const b = alpWidths(0.25, 1e5);
    assert.ok(Math.abs(a.total / b.total / 1e4 - 1) < 1e-12);
    assert.ok(Math.abs(a.gammagamma / b.gammagamma / 1e4 - 1) < 1e-12);
    const ct = alpCTau(0.25, 1e5);
    assert.ok(Math.abs(ct / (C_LIGHT * alpLifetime(0.25, 1e5)) - 1) < 1e-9);
    const bg = Math.sqrt(30 * 30 - 0.0625) / 0.25;
    assert.ok(Math.abs(alpDecayLength(0.25, 1e5, 30) / (bg * ct) - 1) < 1e-12);
  });

  it("a → γγ vanishes as every loop becomes heavy (m_a ≪ 2m_e): Γ_γγ/m³_a → 0", () => {
    const g1 = alpPhotonWidth(1e-4, 1) / 1e-12;
    const g2 = alpPhotonWidth(1e-5, 1) / 1e-15;
    // B₁ ≈ −m²_a/(12m²_f) for a heavy loop: the amplitude falls as m²_a
    assert.ok(g2 < g1 * 1.1e-4, `${g1} ${g2}`);
  });

  it("below 2m_μ the ALP decays to e⁺e⁻ (and a few % γγ), above mostly to μ⁺μ⁻; BRs sum to 1", () => {
    const lo = alpBranchingRatios(0.15);
    assert.equal(lo.mumu, 0);
    assert.ok(lo.ee > 0.95 && lo.gammagamma > 0);
    const hi = alpBranchingRatios(0.35);
    assert.ok(hi.mumu > 0.99);
    for (const b of [lo, hi]) assert.ok(Math.abs(b.ee + b.mumu + b.gammagamma - 1) < 1e-12);
  });

  it("with the BC10 coupling g_Y the leptonic width is that of a pseudoscalar Yukawa g_Y m_ℓ/v", () => {
    const gY = 1e-4;
    const m = 0.3;
    const y = (gY * p.mMu) / higgsVev();
    const b = Math.sqrt(1 - (4 * p.mMu * p.mMu) / (m * m));
    const exp = (y * y * m * b) / (8 * Math.PI);
    assert.ok(Math.abs(alpLeptonWidth(m, alpFlFromGY(gY), p.mMu) / exp - 1) < 1e-12);
    assert.throws(() => alpFlFromGY(0), /g_Y/);
  });

  it("refuses masses where hadronic decays open, and bad couplings", () => {
    assert.throws(() => alpWidths(alpMaxMass(), 1e3), /above 3m_π⁰/);
    assert.throws(() => alpWidths(0.2, 0), /f_l/);
    assert.throws(() => alpWidths(-0.2, 1), /ALP mass/);
  });
});

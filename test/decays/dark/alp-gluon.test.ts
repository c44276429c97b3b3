import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  gluonAlpLifetime,
  gluonAlpPhotonCoupling,
  kaonToPionGluonAlpBR,
} from "../../../src/decays/dark/alp-gluon.ts";
import { darkParams } from "../../../src/decays/dark/params.ts";

describe("ALP with gluon couplings", () => {
  it("BR(K⁺→π⁺a) matches ALPaca's K⁺→π⁺a expression with c_GG only", () => {
    // [ALPaca2025] Kplustopia (chiral G₈, G₂₇ terms with every quark coupling 0, c_G = 1, f_a = 1000 GeV),
    // evaluated in Python with the inputs of conditions/dark/alp-gluon.json and τ_K = 12.380 ns:
    // 4.957e-7 (1 MeV), 5.078e-7 (100 MeV), 2.895e-7 (200 MeV). τ_K here comes from particles.json.
    const tauK = darkParams().kaonLifetime;
    const scale = tauK / 12.38;
    for (const [m, ref] of [
      [0.001, 4.957e-7],
      [0.1, 5.078e-7],
      [0.2, 2.895e-7],
    ]) {
      const br = kaonToPionGluonAlpBR(m, 1000);
      assert.ok(Math.abs(br / (ref * scale) - 1) < 2e-3, `m = ${m}: ${br} vs ${ref * scale}`);
    }
  });

  it("BR scales as 1/f², vanishes at m_K − m_π; τ scales as f²/m³", () => {
    const p = darkParams();
    assert.ok(Math.abs(kaonToPionGluonAlpBR(0.15, 1e4) / kaonToPionGluonAlpBR(0.15, 1e5) - 100) < 1e-9);
    assert.equal(kaonToPionGluonAlpBR(p.mK - p.mPi, 1e3), 0);
    assert.ok(kaonToPionGluonAlpBR(p.mK - p.mPi - 1e-3, 1e3) < kaonToPionGluonAlpBR(0.2, 1e3) / 5);
    const r = gluonAlpLifetime(0.1, 2e4) / gluonAlpLifetime(0.2, 1e4);
    assert.ok(Math.abs(r - 4 * 8) < 1e-9);
    assert.throws(() => gluonAlpLifetime(0.5, 1e4), /3m_π⁰/);
    assert.throws(() => kaonToPionGluonAlpBR(0.1, -1), /f_G/);
  });

  it("the chiral a→γγ coupling is −2N_c Σκ_q Q²_q ≈ −2 c_GG (κ_u dominates)", () => {
    const c = gluonAlpPhotonCoupling();
    // bounds: all κ on d/s (Q² = 1/9) gives −2/3, all on u (Q² = 4/9) gives −8/3
    assert.ok(c < -2 / 3 && c > -8 / 3);
    assert.ok(Math.abs(c + 2) < 0.1);
  });
});

/**
 * The coarse R(√s) model: thresholds, the P-wave ππ threshold behaviour, the Breit–Wigner peaks
 * (9B_ee/α² exactly), the ρ peak against the ρ → e⁺e⁻ width (independent number) and the continuum.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALPHA_EM } from "../../../src/core/units.ts";
import { darkParams } from "../../../src/decays/dark/params.ts";
import { rRatio, rRatioTerms } from "../../../src/decays/dark/r-ratio.ts";

const p = darkParams();

describe("R ratio (coarse vector-meson model)", () => {
  it("is zero up to 2m_π and positive above", () => {
    assert.equal(rRatio(0), 0);
    assert.equal(rRatio(2 * p.mPi), 0);
    assert.ok(rRatio(2 * p.mPi * 1.001) > 0);
    assert.throws(() => rRatio(-1), /√s/);
  });

  it("R_ππ rises as β³_π at threshold (|F_π|² smooth there)", () => {
    const t = 2 * p.mPi;
    const beta = (x: number) => Math.sqrt(1 - (t * t) / (x * x));
    const a = rRatioTerms(t * 1.0001);
    const b = rRatioTerms(t * 1.0004);
    const ra = a.pipi / beta(t * 1.0001) ** 3;
    const rb = b.pipi / beta(t * 1.0004) ** 3;
    assert.ok(Math.abs(ra / rb - 1) < 1e-3, `${ra} vs ${rb}`);
  });

  it("the ω and φ terms peak at 9B_ee/α²", () => {
    const v = p.vector;
    assert.ok(Math.abs(rRatioTerms(v.omega.mass).omega / ((9 * v.omega.brEE) / ALPHA_EM ** 2) - 1) < 1e-12);
    assert.ok(Math.abs(rRatioTerms(v.phi.mass).phi / ((9 * v.phi.brEE) / ALPHA_EM ** 2) - 1) < 1e-12);
  });

  it("the ρ peak agrees within 25% with 9B(ρ⁰→e⁺e⁻)/α², B = 4.72 × 10⁻⁵ (PDG 2024)", () => {
    const expected = (9 * 4.72e-5) / ALPHA_EM ** 2;
    const got = rRatioTerms(p.vector.rho.mass).pipi;
    assert.ok(Math.abs(got / expected - 1) < 0.25, `R_ππ(m_ρ) = ${got}, expected ≈ ${expected}`);
  });

  it("tends to the continuum value above 1.5 GeV", () => {
    assert.ok(Math.abs(rRatio(2.0) / p.vector.continuum.r - 1) < 0.02);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gluonAlpExclusion } from "../../../src/analyses/pix/alp-interpretation.ts";
import { limitAt, limitModels, scalarExclusion } from "../../../src/analyses/pix/interpretation.ts";
import type { LimitPoint } from "../../../src/analyses/pix/scan.ts";
import { gluonAlpLifetime, kaonToPionGluonAlpBR } from "../../../src/decays/dark/alp-gluon.ts";
import { kaonToPionScalarBR, scalarLifetime } from "../../../src/decays/dark/dark-scalar.ts";

const point = (mass: number, lifetime: number | null, ses: number, ul: number): LimitPoint => ({
  mass,
  lifetime,
  ctau: lifetime === null ? null : lifetime * 299.792458,
  window: [0, 0],
  sigmaM2: 0.001,
  acceptance: 0.05,
  ses,
  background: 0.5,
  smSignal: 0.1,
  observed: 0,
  brUpperLimit: ul,
  expectedUpperLimit: { "-2": ul, "-1": ul, "0": ul, "+1": ul, "+2": ul },
});

describe("pix interpretation", () => {
  it("the lifetime model reproduces the simulated lifetime and tends to the stable limit", () => {
    const pts = [
      point(0.2, null, 1e-11, 2.3e-11),
      point(0.2, 1, 4e-11, 9.2e-11),
      point(0.2, 5, 1.5e-11, 3.4e-11),
    ];
    const [m] = limitModels(pts);
    assert.ok(Math.abs(limitAt(m, 1) / 9.2e-11 - 1) < 1e-12, "anchored on the shortest lifetime");
    assert.ok(limitAt(m, 1e9) / 2.3e-11 - 1 < 1e-6);
    assert.ok(limitAt(m, 0.5) > limitAt(m, 1));
  });

  it("excludes where BR(K⁺→π⁺S) exceeds the limit, and a larger exposure excludes more", () => {
    const pts = [point(0.2, null, 1e-11, 2.3e-11), point(0.2, 1, 4e-11, 9.2e-11)];
    const [ex] = scalarExclusion(limitModels(pts));
    assert.ok(ex.excluded.length >= 1);
    const [lo, hi] = ex.excluded[0];
    // at the lower edge the scalar is long-lived: BR ≈ the stable limit
    assert.ok(
      kaonToPionScalarBR(0.2, lo) > 2.3e-11 && kaonToPionScalarBR(0.2, lo / 10 ** 0.1) < 2.3e-11 * 1.01,
    );
    // at the upper edge it decays in the detector
    assert.ok(scalarLifetime(0.2, hi) < 1);
    const [proj] = scalarExclusion(limitModels(pts, 10));
    assert.ok(proj.excluded[0][0] < lo);
  });

  it("without a loss of acceptance at a mass, k scales with m from the other masses", () => {
    const pts = [
      point(0.1, null, 1e-11, 2.3e-11),
      point(0.1, 1, 2e-11, 4.6e-11),
      point(0.2, null, 1e-11, 2.3e-11),
      // a fluctuation: the finite lifetime's SES below the stable one
      point(0.2, 1, 0.9e-11, 2.1e-11),
    ];
    const [a, b] = limitModels(pts);
    assert.ok(Math.abs(a.k - Math.LN2) < 1e-12);
    assert.ok(Math.abs(b.k - 2 * Math.LN2) < 1e-12, "twice the mass, twice k");
    assert.equal(limitModels([point(0, null, 1e-11, 2.3e-11), point(0, 1, 0.9e-11, 2e-11)])[0].k, 0);
  });

  it("the gluon-coupled ALP is excluded between a long-lived edge (BR = stable limit) and a short-lived one", () => {
    const pts = [point(0.2, null, 1e-11, 2.3e-11), point(0.2, 1, 4e-11, 9.2e-11)];
    const [ex] = gluonAlpExclusion(limitModels(pts));
    assert.equal(ex.excluded.length, 1);
    const [lo, hi] = ex.excluded[0];
    // large f: long-lived, BR ∝ 1/f² crosses the stable limit at the upper f edge
    assert.ok(kaonToPionGluonAlpBR(0.2, hi) > 2.3e-11);
    assert.ok(kaonToPionGluonAlpBR(0.2, hi * 10 ** 0.1) < 2.3e-11 * 1.01);
    // small f: it decays within a few ns·(mass scale) and escapes the limit
    assert.ok(gluonAlpLifetime(0.2, lo) < 1);
    const [proj] = gluonAlpExclusion(limitModels(pts, 10));
    assert.ok(proj.excluded[0][1] > hi, "a larger exposure reaches larger f");
    // above 3m_π⁰ (a → 3π not modelled) nothing is claimed
    const heavy = [point(0.45, null, 1e-11, 2.3e-11), point(0.45, 1, 4e-11, 9.2e-11)];
    assert.deepEqual(gluonAlpExclusion(limitModels(heavy))[0].excluded, []);
  });
});

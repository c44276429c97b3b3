import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { particleTable } from "../../src/core/particles.ts";
import { angleBetween, missingMass2 } from "../../src/reco/missing-mass.ts";
import { closestApproach } from "../../src/reco/vertex.ts";
import { assertRel } from "../helpers/stat.ts";

const pt = particleTable();
const mK = pt.mass("K+");
const mPi = pt.mass("pi+");
const mMu = pt.mass("mu+");

/** lab angle of the muon of K⁺→μ⁺ν with momentum p, for a kaon of momentum P along z */
function kmu2Angle(P: number, p: number): number {
  // (P_K − P_μ)² = 0: m_K² + m_μ² − 2(E_K E_μ − P p cosθ) = 0
  const EK = Math.hypot(P, mK);
  const Emu = Math.hypot(p, mMu);
  const c = (EK * Emu - 0.5 * (mK * mK + mMu * mMu)) / (P * p);
  return Math.acos(Math.min(1, c));
}

describe("m²miss kinematics", () => {
  it("K⁺→μ⁺ν under the π⁺ hypothesis: −0.0333, −0.0166, −0.0095, −0.0055 GeV²/c⁴ at 15/25/35/45 GeV/c within 2% ([NA62-PNN-2018])", () => {
    const published: [number, number][] = [
      [15, -0.0333],
      [25, -0.0166],
      [35, -0.0095],
      [45, -0.0055],
    ];
    for (const [p, m2] of published) {
      const th = kmu2Angle(75, p);
      const v = missingMass2(75, 0, 0, mK, p, Math.tan(th), 0, mPi);
      assertRel(v, m2, 0.02, `Kμ2 at ${p} GeV/c`);
      // with the muon mass the neutrino is massless
      assert.ok(Math.abs(missingMass2(75, 0, 0, mK, p, Math.tan(th), 0, mMu)) < 1e-10);
    }
  });

  it("K⁺→π⁺π⁰ two-body kinematics give m²(π⁰) for any direction and kaon slope", () => {
    const mPi0 = pt.mass("pi0");
    for (const [P, tx] of [
      [75, 0.0012],
      [73, -0.0003],
    ]) {
      // build the pion in the kaon rest frame and boost (exact)
      const q = Math.sqrt((mK * mK - (mPi + mPi0) ** 2) * (mK * mK - (mPi - mPi0) ** 2)) / (2 * mK);
      const cs = 0.3;
      const sn = Math.sqrt(1 - cs * cs);
      const Estar = Math.hypot(q, mPi);
      const EK = Math.hypot(P, mK);
      const g = EK / mK;
      const bg = P / mK;
      // kaon along its own axis: pion momentum (q sn, 0, g q cs + bg E*), then rotate by the kaon slope
      const pl = g * q * cs + bg * Estar;
      const px = q * sn;
      const th = Math.atan(tx);
      const X = px * Math.cos(th) + pl * Math.sin(th);
      const Z = -px * Math.sin(th) + pl * Math.cos(th);
      const v = missingMass2(P, tx, 0, mK, Math.hypot(X, Z), X / Z, 0, mPi);
      assert.ok(Math.abs(v - mPi0 * mPi0) < 1e-10, `${v}`);
    }
  });

  it("closest approach of two lines and the angle between slopes", () => {
    const out = new Float64Array(4);
    // line a: along z through (0, 0); line b: through (5, 0, 150000) with slope 0.01 in y
    closestApproach(0, 0, 102400, 0, 0, 5, 0, 150000, 0, 0.01, out);
    assert.ok(Math.abs(out[0] - 5) < 1e-9);
    assert.ok(Math.abs(out[3] - 150000) < 1e-6);
    // two lines crossing at z = 96 m: 0.001(z − 100 m) = 0.006 z − 580 mm
    closestApproach(0, 0, 100000, 0.001, 0, 20 + 0.006 * 100000, 0, 200000, 0.006, 0, out);
    assert.ok(out[0] < 1e-6);
    assert.ok(Math.abs(out[3] - 96000) < 1e-3, `${out[3]}`);
    assertRel(angleBetween(0.001, 0, 0.006, 0), Math.atan(0.006) - Math.atan(0.001), 1e-12, "angle");
  });
});

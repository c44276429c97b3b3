/** Light mesons from 400 GeV protons: BMPT π± on Be, π⁰, ratios, A-scaling and the sampler. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stream } from "../../../src/core/rng/streams.ts";
import {
  bmptInvariant,
  invariantYield,
  lightMesonMass,
  MesonSpectrum,
  mesonProductionParams,
  nuclearExponent,
} from "../../../src/decays/dark/meson-production.ts";
import { darkParams } from "../../../src/decays/dark/params.ts";

const q = mesonProductionParams();
const p = darkParams();

/** forward π yield per p–Be interaction integrated in (x_R, p_T) with d³p/E = π dp_T² E*_max dx_R / p*_L */
function forwardYieldXr(charge: "pi+" | "pi0", E: number): { n: number; meanPt: number } {
  const s = 2 * p.mProton * E + 2 * p.mProton ** 2;
  const M = charge === "pi+" ? p.mPi : p.mPi0;
  const eMax = (s + M * M - 4 * p.mProton ** 2) / (2 * Math.sqrt(s));
  let n = 0;
  let npt = 0;
  const nx = 3000;
  const np = 300;
  for (let i = 0; i < nx; i++) {
    // x_R = x_min + t², t uniform: resolves the 1/p*_L edge at E* = m_T
    for (let j = 0; j < np; j++) {
      const pT = (3 * (j + 0.5)) / np;
      const mT = Math.sqrt(M * M + pT * pT);
      const xMin = mT / eMax;
      const t0 = Math.sqrt(1 - xMin);
      const t = (t0 * (i + 0.5)) / nx;
      const xR = xMin + t * t;
      const dx = (2 * t * t0) / nx;
      const pL = Math.sqrt((xR * eMax) ** 2 - mT * mT);
      const w =
        (bmptInvariant(charge, xR, pT) * 2 * Math.PI * pT * (3 / np) * eMax * dx) / pL / q.sigmaInelBe;
      n += w;
      npt += w * pT;
    }
  }
  return { n, meanPt: npt / n };
}

describe("light-meson production (BMPT)", () => {
  it("π⁻ = π⁺/(r0(1 + x_R)^r1) and π⁰ is their mean", () => {
    for (const [x, pT] of [
      [0.05, 0.2],
      [0.3, 0.5],
      [0.7, 1.0],
    ]) {
      const plus = bmptInvariant("pi+", x, pT);
      const minus = bmptInvariant("pi-", x, pT);
      const r = q.piMinusRatio.r0 * (1 + x) ** q.piMinusRatio.r1;
      assert.ok(Math.abs(plus / minus / r - 1) < 1e-12);
      assert.ok(Math.abs(bmptInvariant("pi0", x, pT) / (0.5 * (plus + minus)) - 1) < 1e-12);
    }
    assert.equal(bmptInvariant("pi+", 1, 0.1), 0);
    assert.equal(bmptInvariant("pi+", 0, 0.1), 0);
  });

  it("the (y*, p_T) table integrates to the (x_R, p_T) integral of the invariant cross section", () => {
    for (const E of [400, 450]) {
      const ref = forwardYieldXr("pi+", E);
      const spec = new MesonSpectrum("pi+", E, "Be");
      assert.ok(Math.abs(spec.multiplicity / ref.n - 1) < 0.01, `E=${E}: ${spec.multiplicity} vs ${ref.n}`);
    }
  });

  it("a few charged pions per interaction in the forward hemisphere, not tens", () => {
    // the normalisation check of docs/analyses/dump-ap.md: E d³σ/dp³ in mb over σ_inel(p–Be)
    const n = new MesonSpectrum("pi+", 400, "Be").multiplicity;
    assert.ok(n > 1 && n < 4, `forward π⁺ per p–Be interaction: ${n}`);
  });

  it("η, η′, ω are m_T-scaled π⁰: R_M × π⁰ at the same y* and m_T, fewer than R_M per π⁰", () => {
    const pi0 = new MesonSpectrum("pi0", 400, "Be").multiplicity;
    for (const k of ["eta", "etaPrime", "omega"] as const) {
      const M = lightMesonMass(k);
      for (const [y, pT] of [
        [0.2, 0.1],
        [1.0, 0.6],
        [2.0, 1.5],
      ]) {
        const pTPi = Math.sqrt(M * M + pT * pT - p.mPi0 ** 2);
        const r = invariantYield(k, y, pT, 400, "Be") / invariantYield("pi0", y, pTPi, 400, "Be");
        assert.ok(Math.abs(r / q.mTScaling[k] - 1) < 1e-12, `${k} at y*=${y}, p_T=${pT}: ${r}`);
      }
      // at low p_T the heavier meson's m_T corresponds to a π⁰ p_T > 0: the integral ratio is < R_M
      const n = new MesonSpectrum(k, 400, "Be").multiplicity;
      assert.ok(n > 0 && n / pi0 < q.mTScaling[k], `${k}/π⁰ = ${n / pi0}`);
    }
  });

  it("the Be → target scaling is (A/9)^α(x_F, p_T) over the cross-section ratio", () => {
    const be = new MesonSpectrum("pi+", 400, "Be").multiplicity;
    const cu = new MesonSpectrum("pi+", 400, "conditions").multiplicity;
    const aR = q.targetA / 9.012;
    const sR = q.targetSigmaInel / q.sigmaInelBe;
    // α spans [α(1, 0), α(0, 3 GeV)] over the table: the ratio lies between the extremes
    const lo = aR ** nuclearExponent(1, 0) / sR;
    const hi = aR ** nuclearExponent(0, 3) / sR;
    assert.ok(cu / be > lo && cu / be < hi, `${cu / be} not in [${lo}, ${hi}]`);
  });

  it("sampled mesons are on shell, forward in the c.m., with the table's mean p_T", () => {
    const E = 400;
    const spec = new MesonSpectrum("pi+", E, "Be");
    const ref = forwardYieldXr("pi+", E);
    const rng = stream(11, 0, "test-meson-production");
    const out = new Float64Array(4);
    const N = 20000;
    const rs = Math.sqrt(2 * p.mProton * E + 2 * p.mProton ** 2);
    const bg = Math.sqrt(E * E - p.mProton ** 2) / rs;
    const g = (E + p.mProton) / rs;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      spec.sample(rng, out);
      const m2 = out[3] ** 2 - out[0] ** 2 - out[1] ** 2 - out[2] ** 2;
      assert.ok(Math.abs(m2 - p.mPi ** 2) < 1e-6 * out[3] ** 2, `mass shell ${m2}`);
      // p*_L = γ p_z − βγ E ≥ 0
      assert.ok(g * out[2] - bg * out[3] >= -1e-9 * out[3], "forward hemisphere");
      const pT = Math.hypot(out[0], out[1]);
      s1 += pT;
      s2 += pT * pT;
    }
    const mean = s1 / N;
    const sd = Math.sqrt(s2 / N - mean * mean);
    assert.ok(
      Math.abs(mean - ref.meanPt) < 5 * (sd / Math.sqrt(N)) + 0.003,
      `⟨p_T⟩ ${mean} vs ${ref.meanPt}`,
    );
  });
});

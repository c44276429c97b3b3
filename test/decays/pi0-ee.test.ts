/**
 * π⁰ → e⁺e⁻: the mode's share of the natural π⁰ draw is its BR (form-factors.json "pi0".brEE), and
 * the forced mode is a two-body decay (m_ee = m_π⁰, e⁺ isotropic in the π⁰ frame, weight × BR).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_SLOTS } from "../../src/core/batch.ts";
import { particleTable } from "../../src/core/particles.ts";
import { findChannel } from "../../src/decays/catalogue.ts";
import { pi0Params } from "../../src/decays/pi0.ts";
import { SecondaryDecayer } from "../../src/decays/secondary.ts";
import { generate } from "./fit.ts";

describe("π⁰ → e⁺e⁻", () => {
  it("takes BR(e⁺e⁻)/ΣBR of the natural π⁰ mode draw", () => {
    const p = pi0Params();
    assert.ok(Math.abs(p.brEE - 6.46e-8) < 1e-12, `brEE = ${p.brEE}`);
    const sec = new SecondaryDecayer(particleTable());
    const tot = p.brGG + p.brEEG + p.brEEEE + p.brEE;
    // the last interval of the draw [cutEEEE, 1) is e⁺e⁻
    const share = 1 - sec.cutEEEE;
    assert.ok(Math.abs(share - p.brEE / tot) < 1e-15, `share ${share} vs ${p.brEE / tot}`);
  });

  it("forced: e⁺e⁻ back to back at m_π⁰, isotropic, weight × BR", () => {
    const mPi0 = particleTable().mass("pi0");
    const n = 40000;
    let sumCos = 0;
    let sumCos2 = 0;
    let worstMass = 0;
    let worstW = 0;
    // one channel starts at its BR; the forced π⁰ mode multiplies it by BR(π⁰ → e⁺e⁻)
    const br = (findChannel("K+ -> pi+ pi0").br as number) * pi0Params().brEE;
    generate({ channel: "K+ -> pi+ pi0", pi0Mode: "ee" }, n, 71, (b) => {
      for (let i = 0; i < b.size; i++) {
        const P = i * MAX_SLOTS + 2;
        const ep = P + 1;
        const em = P + 2;
        assert.equal(b.pdg[ep], -11);
        assert.equal(b.pdg[em], 11);
        const E = b.e[ep] + b.e[em];
        const px = b.px[ep] + b.px[em];
        const py = b.py[ep] + b.py[em];
        const pz = b.pz[ep] + b.pz[em];
        const m = Math.sqrt(Math.max(0, E * E - px * px - py * py - pz * pz));
        worstMass = Math.max(worstMass, Math.abs(m - mPi0));
        worstW = Math.max(worstW, Math.abs(b.weight[i] / br - 1));
        // e⁺ direction in the π⁰ frame against the π⁰ flight direction
        const pp = Math.hypot(b.px[P], b.py[P], b.pz[P]);
        const g = b.e[P] / mPi0;
        const bg = pp / mPi0;
        const pl = (b.px[ep] * b.px[P] + b.py[ep] * b.py[P] + b.pz[ep] * b.pz[P]) / pp;
        const plStar = g * pl - bg * b.e[ep];
        const pStar = Math.sqrt((mPi0 / 2) ** 2 - 0.000510999 ** 2);
        const c = plStar / pStar;
        sumCos += c;
        sumCos2 += c * c;
      }
    });
    assert.ok(worstMass < 1e-9, `m_ee − m_π⁰ up to ${worstMass}`);
    assert.ok(worstW < 1e-12, `weight/BR − 1 up to ${worstW}`);
    // isotropic: ⟨cos θ*⟩ = 0 ± 1/√(3n), ⟨cos²θ*⟩ = 1/3 ± √(4/45n)
    const m1 = sumCos / n;
    const m2 = sumCos2 / n;
    assert.ok(Math.abs(m1) < 4 / Math.sqrt(3 * n), `⟨cos θ*⟩ = ${m1}`);
    assert.ok(Math.abs(m2 - 1 / 3) < 4 * Math.sqrt(4 / 45 / n), `⟨cos²θ*⟩ = ${m2}`);
  });
});

/**
 * Issue 2 §6: the matrix elements refitted from generated events. Every fit is a maximum-likelihood
 * fit whose σ_stat comes from the sample (observed information); inputs must be recovered within
 * 3σ_stat. Invariants are computed from the lab-frame columns (kaon in slot 0), so the whole chain
 * beam → decay → boost is tested.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_SLOTS } from "../../src/core/batch.ts";
import { kallen } from "../../src/core/kinematics.ts";
import { particleTable } from "../../src/core/particles.ts";
import { k3piParams } from "../../src/decays/me/k3pi.ts";
import { kl3Params } from "../../src/decays/me/kl3.ts";
import { pillParams } from "../../src/decays/me/pill.ts";
import { assertPull, chi2, chi2Bound } from "../helpers/stat.ts";
import { dot, generate, linearDensityFit, oneParamFit, simpson } from "./fit.ts";
import { absW2, k3piMoments, kl3Rate } from "./reference.ts";

const pt = particleTable();
const mK = pt.mass("K+");
const mPiC = pt.mass("pi+");
const N = 1_000_000;

/** kaon-frame invariant (P − p)² of daughter slot k of event i */
function recoil2(b: Parameters<typeof dot>[0], i: number, k: number): number {
  const K = i * MAX_SLOTS;
  const g = K + k;
  return mK * mK + b.mass[g] * b.mass[g] - 2 * dot(b, K, g);
}

describe("K → 3π Dalitz slopes refitted from 10⁶ events", () => {
  for (const channel of ["K+ -> pi+ pi+ pi-", "K+ -> pi+ pi0 pi0"]) {
    it(channel, () => {
      const par = k3piParams(channel);
      const mEven = pt.mass(channel.includes("pi0") ? "pi0" : "pi+");
      const mOdd = pt.mass(channel.includes("pi0") ? "pi+" : "pi-");
      const mpi2 = mPiC * mPiC;
      const s0 = (mK * mK + 2 * mEven * mEven + mOdd * mOdd) / 3;
      const mom = k3piMoments(mEven, mOdd);
      const f = new Float64Array(3 * N);
      let n = 0;
      generate(channel, N, 21, (b) => {
        for (let i = 0; i < b.size; i++, n++) {
          const s3 = recoil2(b, i, 3);
          const s1 = recoil2(b, i, 1);
          const s2 = recoil2(b, i, 2);
          const uu = (s3 - s0) / mpi2;
          const vv = (s1 - s2) / mpi2;
          f[3 * n] = uu;
          f[3 * n + 1] = uu * uu;
          f[3 * n + 2] = vv * vv;
        }
      });
      const fit = linearDensityFit(f, 3, mom, [par.g, par.h, par.k]);
      const names = ["g", "h", "k"] as const;
      names.forEach((name, a) => {
        assertPull(fit.theta[a], par[name], Math.sqrt(fit.cov[a][a]), 3, `${channel} ${name}`);
      });
    });
  }
});

describe("Kℓ3 form factors refitted from the t spectrum of 10⁶ events", () => {
  const ff = kl3Params("kl3");
  const mPi0 = pt.mass("pi0");
  const tMax = (mK - mPi0) ** 2;
  const collect = (channel: string) => {
    const ts = new Float64Array(N);
    let n = 0;
    generate(channel, N, 22, (b) => {
      for (let i = 0; i < b.size; i++) ts[n++] = recoil2(b, i, 1);
    });
    return ts;
  };
  it("K+ -> pi0 e+ nu: λ′₊ (λ″₊ fixed)", () => {
    const me = pt.mass("e+");
    const ts = collect("K+ -> pi0 e+ nu");
    const fit = oneParamFit(
      ts,
      (t, th) => kl3Rate(t, mPi0, me, th, ff.lambdaPlus2, ff.lambdaZero),
      me * me,
      tMax,
      ff.lambdaPlus1,
      0.002,
    );
    assertPull(fit.theta, ff.lambdaPlus1, fit.sigma, 3, "λ′₊");
    assert.ok(fit.sigma < 0.003, `σ(λ′₊) = ${fit.sigma}`);
  });
  it("K+ -> pi0 mu+ nu: λ₀ (λ′₊, λ″₊ fixed)", () => {
    const mmu = pt.mass("mu+");
    const ts = collect("K+ -> pi0 mu+ nu");
    const fit = oneParamFit(
      ts,
      (t, th) => kl3Rate(t, mPi0, mmu, ff.lambdaPlus1, ff.lambdaPlus2, th),
      mmu * mmu,
      tMax,
      ff.lambdaZero,
      0.002,
    );
    assertPull(fit.theta, ff.lambdaZero, fit.sigma, 3, "λ₀");
  });
});

describe("K⁺ → π⁺ℓ⁺ℓ⁻: the z spectrum against dΓ/dz ∝ λ^{3/2}β(1 + 2r²_ℓ/z)|W(z)|²", () => {
  for (const [channel, lep] of [
    ["K+ -> pi+ mu+ mu-", "mu+"],
    ["K+ -> pi+ e+ e-", "e+"],
  ] as const) {
    it(`${channel}: binned χ² and the refit of b₊`, () => {
      const p = pillParams(channel);
      const ml = pt.mass(lep);
      const rl2 = (ml / mK) ** 2;
      const r2 = (mPiC / mK) ** 2;
      const rate = (z: number, b: number) => {
        if (z <= 4 * rl2) return 0;
        const lam = kallen(1, z, r2);
        if (lam <= 0) return 0;
        return (
          lam ** 1.5 *
          Math.sqrt(1 - (4 * rl2) / z) *
          (1 + (2 * rl2) / z) *
          absW2(z, p.aPlus, b, p.alphaPlus, p.betaPlus)
        );
      };
      const zMin = 4 * rl2;
      const zMax = (1 - mPiC / mK) ** 2;
      const zs = new Float64Array(N);
      let n = 0;
      generate(channel, N, 23, (b) => {
        for (let i = 0; i < b.size; i++) zs[n++] = recoil2(b, i, 1) / (mK * mK);
      });
      // χ² in 40 bins
      const nb = 40;
      const obs = new Float64Array(nb);
      for (const z of zs) obs[Math.min(nb - 1, Math.floor(((z - zMin) / (zMax - zMin)) * nb))]++;
      const total = simpson((z) => rate(z, p.bPlus), zMin, zMax, 40_000);
      const exp = new Float64Array(nb);
      for (let k = 0; k < nb; k++) {
        const lo = zMin + ((zMax - zMin) * k) / nb;
        const hi = zMin + ((zMax - zMin) * (k + 1)) / nb;
        exp[k] = (N * simpson((z) => rate(z, p.bPlus), lo, hi, 200)) / total;
      }
      const c = chi2(obs, exp);
      assert.ok(c.chi2 < chi2Bound(c.dof), `χ² = ${c.chi2.toFixed(1)} for ${c.dof} dof`);
      const fit = oneParamFit(zs, (z, b) => rate(z, b), zMin, zMax, p.bPlus, 0.02);
      assertPull(fit.theta, p.bPlus, fit.sigma, 3, `${channel} b₊`);
    });
  }
});

describe("K⁺ → π⁺νν̄: m²_miss range and spectrum", () => {
  it("m²miss in [0, (m_K − m_π)²] = [0, 0.12539] GeV², dΓ/dq² ∝ λ^{3/2}(1, z, r²)|f₊|²", () => {
    const ff = kl3Params("pinunu");
    const qMax = (mK - mPiC) ** 2;
    assert.ok(Math.abs(qMax - 0.12539) < 0.5e-5, `(m_K − m_π)² = ${qMax}`);
    const r2 = (mPiC / mK) ** 2;
    const shape = (q2: number) => {
      const lam = kallen(1, q2 / (mK * mK), r2);
      if (lam <= 0) return 0;
      const x = q2 / (mPiC * mPiC);
      const fp = 1 + ff.lambdaPlus1 * x + 0.5 * ff.lambdaPlus2 * x * x;
      return lam ** 1.5 * fp * fp;
    };
    const nb = 50;
    const obs = new Float64Array(nb);
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    generate("K+ -> pi+ nu nubar", N, 24, (b) => {
      for (let i = 0; i < b.size; i++) {
        const q2 = recoil2(b, i, 1);
        lo = Math.min(lo, q2);
        hi = Math.max(hi, q2);
        obs[Math.min(nb - 1, Math.max(0, Math.floor((q2 / qMax) * nb)))]++;
      }
    });
    assert.ok(lo >= -1e-9 && hi <= qMax + 1e-9, `range [${lo}, ${hi}]`);
    const total = simpson(shape, 0, qMax, 50_000);
    const exp = Array.from(
      { length: nb },
      (_, k) => (N * simpson(shape, (qMax * k) / nb, (qMax * (k + 1)) / nb, 200)) / total,
    );
    const c = chi2(obs, exp);
    assert.ok(c.chi2 < chi2Bound(c.dof), `χ² = ${c.chi2.toFixed(1)} for ${c.dof} dof`);
    // the formula is finite at q² = 0 (λ^{3/2} → (1 − r²)³) and vanishes only at the end point,
    // as (q²_max − q²)^{3/2}: the first bin is the most populated one, the last nearly empty
    assert.ok(Math.abs(shape(0) - (1 - r2) ** 3) < 1e-12);
    assertPull(obs[0], exp[0], Math.sqrt(exp[0]), 3, "first bin");
    assertPull(obs[nb - 1], exp[nb - 1], Math.sqrt(exp[nb - 1]), 3, "last bin");
    assert.ok(obs[0] === Math.max(...obs), "the density is largest at q² = 0");
    assert.ok(exp[nb - 1] < 1e-3 * exp[0], "and vanishes at the end point");
  });
});

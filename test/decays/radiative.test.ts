/**
 * Rare and radiative channels: every generated event lies in the kinematic region its BR refers
 * to, no weight ever exceeds its majorant, and the amplitudes pass the checks that can fail when a
 * sign or a factor is wrong: gauge invariance, the soft-photon limit, the real-photon limit of the
 * K → ℓνγ* amplitude against the Bijnens–Ecker–Gasser densities, the photon-energy cut behind the
 * PDG Γ(μ⁺νγ), the π⁺γγ spectrum, and the Ke4 angular structure.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type EventBatch, MAX_SLOTS } from "../../src/core/batch.ts";
import { kallen } from "../../src/core/kinematics.ts";
import { particleTable } from "../../src/core/particles.ts";
import { stream } from "../../src/core/rng/streams.ts";
import { ALPHA_EM } from "../../src/core/units.ts";
import { catalogue, findChannel } from "../../src/decays/catalogue.ts";
import { barDot, spinor, uSpinor, vSpinor } from "../../src/decays/me/dirac.ts";
import { FourVectors, splitSystem, threeBodyFromEnergies } from "../../src/decays/me/frame.ts";
import { Ke4Generator, ke4Params } from "../../src/decays/me/ke4.ts";
import {
  kl2gIB,
  kl2gINTminus,
  kl2gINTplus,
  kl2gParams,
  kl2gSDminus,
  kl2gSDplus,
} from "../../src/decays/me/kl2g.ts";
import { Kl2GammaStarAmplitude } from "../../src/decays/me/kl2ll.ts";
import { kl3Params } from "../../src/decays/me/kl3.ts";
import { Kl3gAmplitude } from "../../src/decays/me/kl3g.ts";
import { ffBlock, ffValue } from "../../src/decays/me/params.ts";
import { cHat } from "../../src/decays/me/pigg.ts";
import { assertPull, chi2, chi2Bound } from "../helpers/stat.ts";
import { dot, generate, pairMass2, restEnergy, simpson } from "./fit.ts";
import { ibOverY, logIntegral } from "./reference.ts";

const pt = particleTable();
const mK = pt.mass("K+");

/** rest-frame three-momentum dot product of particles i and j of event ev */
function restDot3(b: EventBatch, ev: number, i: number, j: number): number {
  return restEnergy(b, ev, i) * restEnergy(b, ev, j) - dot(b, i, j);
}

/** the region each channel's BR refers to, as a predicate on a generated event */
const regions: Record<string, (b: EventBatch, ev: number) => boolean> = {
  "K+ -> mu+ nu gamma": (b, ev) =>
    restEnergy(b, ev, ev * MAX_SLOTS + 3) > ffValue(ffBlock("l2g", "mu"), "ibEGammaMin"),
  "K+ -> e+ nu gamma (SD+)": (b, ev) => {
    const K = ev * MAX_SLOTS;
    const Ee = restEnergy(b, ev, K + 1);
    return restEnergy(b, ev, K + 3) > 0.01 && Ee * Ee - b.mass[K + 1] ** 2 > 0.2 ** 2;
  },
  "K+ -> pi+ pi0 gamma": (b, ev) => {
    const T = restEnergy(b, ev, ev * MAX_SLOTS + 1) - pt.mass("pi+");
    return T > 0.055 && T < 0.09;
  },
  "K+ -> pi0 e+ nu gamma": (b, ev) => {
    const K = ev * MAX_SLOTS;
    const Eg = restEnergy(b, ev, K + 4);
    const Ee = restEnergy(b, ev, K + 2);
    const c = restDot3(b, ev, K + 2, K + 4) / (Eg * Math.sqrt(Ee * Ee - b.mass[K + 2] ** 2));
    return Eg > 0.01 && c > 0.6 && c < 0.9;
  },
  "K+ -> pi0 mu+ nu gamma": (b, ev) => restEnergy(b, ev, ev * MAX_SLOTS + 4) > 0.03,
  "K+ -> pi+ pi+ pi- gamma": (b, ev) => restEnergy(b, ev, ev * MAX_SLOTS + 4) > 0.005,
  "K+ -> pi+ pi0 pi0 gamma": (b, ev) => restEnergy(b, ev, ev * MAX_SLOTS + 4) > 0.01,
  "K+ -> pi+ e+ e- gamma": (b, ev) => {
    const K = ev * MAX_SLOTS;
    return mK * mK + b.mass[K + 1] ** 2 - 2 * dot(b, K, K + 1) > 0.26 ** 2;
  },
  "K+ -> mu+ nu e+ e-": (b, ev) => pairMass2(b, ev * MAX_SLOTS + 3, ev * MAX_SLOTS + 4) > 0.145 ** 2,
  "K+ -> e+ nu e+ e-": (b, ev) => {
    const K = ev * MAX_SLOTS;
    return pairMass2(b, K + 3, K + 4) > 0.15 ** 2 && pairMass2(b, K + 1, K + 4) > 0.15 ** 2;
  },
};

describe("rare and radiative channels: generated region and majorants", () => {
  const rare = catalogue().filter(
    (c) => c.kind === "sm" && c.br !== null && c.br < 1e-4 + 0.01 && c.generator !== "two-body",
  );
  for (const c of rare) {
    if (c.generator === "kl3" || c.generator === "k3pi" || c.generator === "pinunu") continue;
    it(c.name, () => {
      const n = c.generator === "l2ll" ? 4000 : 20_000;
      const inRegion = regions[c.name];
      let outside = 0;
      const gen = generate(c.name, n, 31, (b) => {
        if (!inRegion) return;
        for (let i = 0; i < b.size; i++) if (!inRegion(b, i)) outside++;
      });
      assert.equal(outside, 0, `${outside} events outside the region of the BR`);
      const s = gen.generator(c.id)!.sampler!;
      assert.ok(s, "the generator keeps accept/reject statistics");
      assert.equal(s.violations, 0, `weights above the majorant (max/w_max = ${s.maxSeen / s.wMax})`);
    });
  }
});

describe("K⁺ → μ⁺νγ: the photon-energy cut of the PDG Γ(μ⁺νγ)/Γ = 6.2 × 10⁻³", () => {
  it("∫ IB dx dy above the cut × BR(μ⁺ν) reproduces 6.2 × 10⁻³", () => {
    const eCut = ffValue(ffBlock("l2g", "mu"), "ibEGammaMin");
    const r = (pt.mass("mu+") / mK) ** 2;
    const xc = (2 * eCut) / mK;
    const I = logIntegral((x) => ibOverY(kl2gIB, x, r), xc, 1 - r);
    const br = ((ALPHA_EM / (2 * Math.PI)) * I * findChannel("K+ -> mu+ nu").br!) / (1 - r) ** 2;
    assert.ok(Math.abs(br / 6.2e-3 - 1) < 1e-3, `BR(IB, E_γ > ${eCut}) = ${br}`);
  });

  it("the generated photon-energy spectrum follows ∫ IB dy", () => {
    const { region } = kl2gParams("K+ -> mu+ nu gamma");
    const r = (pt.mass("mu+") / mK) ** 2;
    const xc = (2 * region.eGammaMin) / mK;
    const nb = 30;
    // bins in ln x
    const L = Math.log((1 - r) / xc);
    const obs = new Float64Array(nb);
    const n = 200_000;
    generate("K+ -> mu+ nu gamma", n, 32, (b) => {
      for (let i = 0; i < b.size; i++) {
        const x = (2 * restEnergy(b, i, i * MAX_SLOTS + 3)) / mK;
        obs[Math.min(nb - 1, Math.floor((Math.log(x / xc) / L) * nb))]++;
      }
    });
    const bins = Array.from({ length: nb }, (_, k) =>
      logIntegral(
        (x) => ibOverY(kl2gIB, x, r, 200),
        xc * Math.exp((L * k) / nb),
        xc * Math.exp((L * (k + 1)) / nb),
        20,
      ),
    );
    const tot = bins.reduce((a, v) => a + v, 0);
    const c = chi2(
      obs,
      bins.map((v) => (n * v) / tot),
    );
    assert.ok(c.chi2 < chi2Bound(c.dof), `χ² = ${c.chi2.toFixed(1)} for ${c.dof} dof`);
  });
});

describe("K⁺ → ℓ⁺νγ* amplitude (used for ℓνℓ′ℓ′)", () => {
  const fK = 0.1557;
  /** Σ_spins,pol |T|² at a real-photon point, with the photon along v[2] */
  function realPhotonSum(amp: Kl2GammaStarAmplitude, v: FourVectors, ml: number): number {
    const u = [spinor(), spinor()];
    const vl = [spinor(), spinor()];
    const X = spinor();
    const res = new Float64Array(2);
    const J = new Float64Array(8);
    for (let s = 0; s < 2; s++) {
      uSpinor(u[s], v.px[1], v.py[1], v.pz[1], v.e[1], 0, s);
      vSpinor(vl[s], v.px[0], v.py[0], v.pz[0], v.e[0], ml, s);
    }
    const q = v.momentum(2);
    const [ux, uy, uz] = [v.px[2] / q, v.py[2] / q, v.pz[2] / q];
    const n = Math.hypot(uy, ux);
    const a = [-uy / n, ux / n, 0];
    const c = [uy * a[2] - uz * a[1], uz * a[0] - ux * a[2], ux * a[1] - uy * a[0]];
    let sum = 0;
    for (const e of [a, c]) {
      J.fill(0);
      J[2] = e[0];
      J[4] = e[1];
      J[6] = e[2];
      for (let sl = 0; sl < 2; sl++) {
        amp.spinorX(X, v, 0, vl[sl], J, v.e[2], v.px[2], v.py[2], v.pz[2], 0);
        for (let sn = 0; sn < 2; sn++) {
          barDot(u[sn], X, res);
          sum += res[0] ** 2 + res[1] ** 2;
        }
      }
    }
    return sum;
  }

  for (const lep of ["mu+", "e+"]) {
    it(`real-photon limit (${lep}): IB + (m_K/f_K)²/4r [(F_V+F_A)²SD⁺ + (F_V−F_A)²SD⁻] + (m_K/f_K)[(F_V+F_A)INT⁺ + (F_V−F_A)INT⁻]`, () => {
      const ml = pt.mass(lep);
      const r = (ml / mK) ** 2;
      for (const [fV, fA] of [
        [0, 0],
        [0.1, 0],
        [0, 0.1],
        [0.112, 0.035],
      ]) {
        const amp = new Kl2GammaStarAmplitude(mK, ml, { fK, fV, fA, r2K: 0 });
        const v = new FourVectors(3);
        const ratios: number[] = [];
        for (const [x, yf] of [
          [0.2, 0.3],
          [0.5, 0.5],
          [0.7, 0.9],
          [0.9, 0.2],
          [0.4, 0.95],
          [0.8, 0.6],
        ]) {
          const yMin = 1 - x + r / (1 - x);
          const y = yMin + yf * (1 + r - yMin);
          threeBodyFromEnergies(v, 0, 1, 2, mK, ml, 0, 0, (y * mK) / 2, (x * mK) / 2);
          const k = mK / fK;
          const D =
            kl2gIB(x, y, r) +
            ((k * k) / (4 * r)) *
              ((fV + fA) ** 2 * kl2gSDplus(x, y, r) + (fV - fA) ** 2 * kl2gSDminus(x, y, r)) +
            k * ((fV + fA) * kl2gINTplus(x, y, r) + (fV - fA) * kl2gINTminus(x, y, r));
          ratios.push(realPhotonSum(amp, v, ml) / D);
        }
        const spread = Math.max(...ratios) / Math.min(...ratios) - 1;
        assert.ok(spread < 1e-9, `F_V = ${fV}, F_A = ${fA}: |T|²/density varies by ${spread}`);
      }
    });
  }

  it("is gauge invariant for a virtual photon (J → q gives 0 with F_K(q²) = 1)", () => {
    const ml = pt.mass("mu+");
    const amp = new Kl2GammaStarAmplitude(mK, ml, { fK, fV: 0.1, fA: 0.04, r2K: 0 });
    const w = new FourVectors(5);
    const rng = stream(1, 0, "test gauge");
    const X = spinor();
    const u = spinor();
    const vl = spinor();
    const r1 = new Float64Array(2);
    const r2 = new Float64Array(2);
    for (let t = 0; t < 20; t++) {
      const mq = 0.05 + 0.2 * rng.uniform();
      if (
        !threeBodyFromEnergies(w, 0, 1, 4, mK, ml, 0, mq, ml + 0.1 * rng.uniform(), mq + 0.05 * rng.uniform())
      )
        continue;
      splitSystem(
        w,
        2,
        3,
        w.px[4],
        w.py[4],
        w.pz[4],
        w.e[4],
        mq,
        0.000511,
        0.000511,
        2 * rng.uniform() - 1,
        6 * rng.uniform(),
      );
      const J = Float64Array.of(w.e[4], 0, w.px[4], 0, w.py[4], 0, w.pz[4], 0);
      const Jx = Float64Array.of(0, 0, 1, 0, 0, 0, 0, 0);
      uSpinor(u, w.px[1], w.py[1], w.pz[1], w.e[1], 0, t % 2);
      vSpinor(vl, w.px[0], w.py[0], w.pz[0], w.e[0], ml, (t >> 1) % 2);
      amp.spinorX(X, w, 0, vl, J, w.e[4], w.px[4], w.py[4], w.pz[4], mq * mq);
      barDot(u, X, r1);
      amp.spinorX(X, w, 0, vl, Jx, w.e[4], w.px[4], w.py[4], w.pz[4], mq * mq);
      barDot(u, X, r2);
      assert.ok(Math.hypot(r1[0], r1[1]) < 1e-12 * Math.hypot(r2[0], r2[1]), "T(J = q) ≠ 0");
    }
  });
});

describe("K⁺ → π⁰ℓ⁺νγ amplitude", () => {
  const mPi = pt.mass("pi0");
  const ml = pt.mass("mu+");
  const amp = new Kl3gAmplitude(mK, mPi, ml, kl3Params("kl3"), pt.mass("pi+"));
  /** a configuration: photon along z with energy Eg, lepton (E_ℓ, cos θ_ℓγ), (π⁰ν) isotropic */
  function config(v: FourVectors, Eg: number, El: number, c: number, u1: number, u2: number): boolean {
    const pl = Math.sqrt(El * El - ml * ml);
    const s = Math.sqrt(1 - c * c);
    v.set(3, 0, 0, Eg, Eg);
    v.set(1, pl * s, 0, pl * c, El);
    const R0 = mK - Eg - El;
    const Rx = -pl * s;
    const Rz = -Eg - pl * c;
    const mR2 = R0 * R0 - Rx * Rx - Rz * Rz;
    if (!(mR2 > mPi * mPi)) return false;
    splitSystem(v, 0, 2, Rx, 0, Rz, R0, Math.sqrt(mR2), mPi, 0, u1, u2);
    return true;
  }

  it("is gauge invariant: Σ|T(ε = q)|² = 0", () => {
    const v = new FourVectors(4);
    const rng = stream(2, 0, "test gauge");
    let tested = 0;
    while (tested < 20) {
      if (
        !config(
          v,
          0.005 + 0.1 * rng.uniform(),
          ml + 0.15 * rng.uniform(),
          2 * rng.uniform() - 1,
          2 * rng.uniform() - 1,
          6 * rng.uniform(),
        )
      )
        continue;
      tested++;
      amp.setSpinors(v);
      const g = amp.sum2(v, v.e[3], v.px[3], v.py[3], v.pz[3]);
      assert.ok(g < 1e-20 * amp.polarisationSum(v), `Σ|T(q)|² = ${g}`);
    }
  });

  it("has Low's soft limit: Σ|T|² → (−J²) Σ|M_Kℓ3|², J = P/(P·q) − ℓ/(ℓ·q)", () => {
    const v = new FourVectors(4);
    assert.ok(config(v, 1e-6, 0.2, 0.3, 0.4, 1.0));
    const T2 = amp.polarisationSum(v);
    // non-radiative |M|² = 8[2(F·ν)(F·ℓ) − F²(ν·ℓ)], F = f₊(P + p) + f₋(P − p) at t = (P − p)²
    const { lambdaPlus1: l1, lambdaPlus2: l2, lambdaZero: l0 } = kl3Params("kl3");
    const mpc2 = pt.mass("pi+") ** 2;
    const t = mK * mK + mPi * mPi - 2 * mK * v.e[0];
    const fp = 1 + (l1 * t) / mpc2 + 0.5 * l2 * (t / mpc2) ** 2;
    const fm = ((1 + (l0 * t) / mpc2 - fp) * (mK * mK - mPi * mPi)) / t;
    const F = [
      fp * (mK + v.e[0]) + fm * (mK - v.e[0]),
      (fp - fm) * v.px[0],
      (fp - fm) * v.py[0],
      (fp - fm) * v.pz[0],
    ];
    const d = (a: number[], i: number) => a[0] * v.e[i] - a[1] * v.px[i] - a[2] * v.py[i] - a[3] * v.pz[i];
    const F2 = F[0] ** 2 - F[1] ** 2 - F[2] ** 2 - F[3] ** 2;
    const M0 = 8 * (2 * d(F, 2) * d(F, 1) - F2 * v.dot(2, 1));
    const lq = v.dot(1, 3);
    const Pq = mK * v.e[3];
    const j0 = mK / Pq - v.e[1] / lq;
    const jx = -v.px[1] / lq;
    const jy = -v.py[1] / lq;
    const jz = -v.pz[1] / lq;
    const eik = -(j0 * j0 - jx * jx - jy * jy - jz * jz);
    assert.ok(Math.abs(T2 / (eik * M0) - 1) < 1e-3, `ratio ${T2 / (eik * M0)}`);
  });
});

describe("K⁺ → π⁺γγ spectrum", () => {
  it("dΓ/dz ∝ λ^{1/2}(1, z, r²) |(z + 1 − r²)F(z/r²) + (z + r² − 1)F(z) − ĉz|² (O(p⁴))", () => {
    const mPi = pt.mass("pi+");
    const r2 = (mPi / mK) ** 2;
    const c = cHat();
    // independent loop function
    const F = (x: number): [number, number] => {
      if (x <= 4) return [1 - (4 / x) * Math.asin(Math.sqrt(x) / 2) ** 2, 0];
      const s = Math.sqrt(1 - 4 / x);
      const L = Math.log((1 - s) / (1 + s));
      return [1 + (L * L - Math.PI ** 2) / x, (2 * Math.PI * L) / x];
    };
    const rate = (z: number) => {
      const lam = kallen(1, z, r2);
      if (lam <= 0 || z <= 0) return 0;
      const [a1, b1] = F(z / r2);
      const [a2, b2] = F(z);
      const re = (z + 1 - r2) * a1 + (z + r2 - 1) * a2 - c * z;
      const im = (z + 1 - r2) * b1 + (z + r2 - 1) * b2;
      return Math.sqrt(lam) * (re * re + im * im);
    };
    const zMax = (1 - mPi / mK) ** 2;
    const nb = 40;
    const n = 200_000;
    const obs = new Float64Array(nb);
    generate("K+ -> pi+ gamma gamma", n, 33, (b) => {
      for (let i = 0; i < b.size; i++) {
        const K = i * MAX_SLOTS;
        const z = (mK * mK + mPi * mPi - 2 * dot(b, K, K + 1)) / (mK * mK);
        obs[Math.min(nb - 1, Math.floor((z / zMax) * nb))]++;
      }
    });
    const tot = simpson(rate, 1e-9, zMax, 20_000);
    const exp = Array.from(
      { length: nb },
      (_, k) => (n * simpson(rate, (zMax * k) / nb + 1e-12, (zMax * (k + 1)) / nb, 100)) / tot,
    );
    const cc = chi2(obs, exp);
    assert.ok(cc.chi2 < chi2Bound(cc.dof), `χ² = ${cc.chi2.toFixed(1)} for ${cc.dof} dof`);
  });
});

describe("K⁺ → π⁺π⁻e⁺ν: angular structure in the Cabibbo–Maksymowicz variables", () => {
  it("moments of the generated angles (from the four-vectors) match the J₅ density", () => {
    const c = findChannel("K+ -> pi+ pi- e+ nu");
    const g = new Ke4Generator(c, { particles: pt }, ke4Params(c.name));
    // observables: cos θ_ℓ, sin²θ_ℓ cos 2φ, sin 2θ_ℓ cos φ, sin θ_ℓ cos φ, sin θ_ℓ sin φ, cos θ_π
    const obsFn = (cp: number, cl: number, phi: number) => {
      const sl = Math.sqrt(1 - cl * cl);
      return [
        cl,
        sl * sl * Math.cos(2 * phi),
        2 * sl * cl * Math.cos(phi),
        sl * Math.cos(phi),
        sl * Math.sin(phi),
        cp,
      ];
    };
    const no = 6;
    // expectation: uniform sampling of the CM variables weighted with the density
    const rng = stream(3, 0, "test ke4 moments");
    const ew = new Float64Array(no);
    const ew2 = new Float64Array(no);
    const ew2o = new Float64Array(no);
    let sw = 0;
    let sw2 = 0;
    const M = mK;
    const mpi = pt.mass("pi+");
    const me = pt.mass("e+");
    for (let i = 0; i < 400_000; i++) {
      const sPi = 4 * mpi * mpi + ((M - me) ** 2 - 4 * mpi * mpi) * rng.uniform();
      const sL = me * me + ((M - 2 * mpi) ** 2 - me * me) * rng.uniform();
      const cp = 2 * rng.uniform() - 1;
      const cl = 2 * rng.uniform() - 1;
      const phi = 2 * Math.PI * rng.uniform();
      if (Math.sqrt(sPi) + Math.sqrt(sL) >= M) continue;
      const w = g.density(sPi, sL, cp, cl, phi);
      const o = obsFn(cp, cl, phi);
      sw += w;
      sw2 += w * w;
      for (let k = 0; k < no; k++) {
        ew[k] += w * o[k];
        ew2o[k] += w * w * o[k];
        ew2[k] += w * w * o[k] * o[k];
      }
    }
    // generated events: extract the angles from the lab four-vectors by their definition
    const n = 100_000;
    const gm = new Float64Array(no);
    const gm2 = new Float64Array(no);
    const v = new FourVectors(4);
    generate(c.name, n, 34, (b) => {
      for (let i = 0; i < b.size; i++) {
        const K = i * MAX_SLOTS;
        // kaon rest frame
        for (let k = 0; k < 4; k++)
          v.set(k, b.px[K + 1 + k], b.py[K + 1 + k], b.pz[K + 1 + k], b.e[K + 1 + k]);
        for (let k = 0; k < 4; k++) v.boost(k, -b.px[K], -b.py[K], -b.pz[K], b.e[K], b.mass[K]);
        const o = obsFn(...cmAngles(v));
        for (let k = 0; k < no; k++) {
          gm[k] += o[k];
          gm2[k] += o[k] * o[k];
        }
      }
    });
    for (let k = 0; k < no; k++) {
      const mean = gm[k] / n;
      const sGen = Math.sqrt((gm2[k] / n - mean * mean) / n);
      const exp = ew[k] / sw;
      // variance of the ratio estimator Σwo/Σw: Σw²(o − R)²/(Σw)²
      const sExp = Math.sqrt(Math.max(0, ew2[k] - 2 * exp * ew2o[k] + exp * exp * sw2) / (sw * sw));
      assertPull(mean, exp, Math.hypot(sGen, sExp), 3, `Ke4 moment ${k}`);
    }
  });
});

/**
 * Cabibbo–Maksymowicz angles of a configuration in the kaon rest frame (π⁺ 0, π⁻ 1, ℓ⁺ 2, ν 3):
 * θ_π of the π⁺ in the dipion frame vs the dipion direction, θ_ℓ of the ℓ⁺ in the dilepton frame
 * vs the dilepton direction, φ from the transverse directions ĉ (π⁺) and d̂ (ℓ⁺):
 * cos φ = ĉ·d̂, sin φ = (ĉ × v̂)·d̂, v̂ the dipion direction.
 */
function cmAngles(v: FourVectors): [number, number, number] {
  const P = [v.px[0] + v.px[1], v.py[0] + v.py[1], v.pz[0] + v.pz[1], v.e[0] + v.e[1]];
  const Lv = [v.px[2] + v.px[3], v.py[2] + v.py[3], v.pz[2] + v.pz[3], v.e[2] + v.e[3]];
  const mP = Math.sqrt(P[3] ** 2 - P[0] ** 2 - P[1] ** 2 - P[2] ** 2);
  const mL = Math.sqrt(Lv[3] ** 2 - Lv[0] ** 2 - Lv[1] ** 2 - Lv[2] ** 2);
  const w = new FourVectors(2);
  w.set(0, v.px[0], v.py[0], v.pz[0], v.e[0]);
  w.boost(0, -P[0], -P[1], -P[2], P[3], mP);
  w.set(1, v.px[2], v.py[2], v.pz[2], v.e[2]);
  w.boost(1, -Lv[0], -Lv[1], -Lv[2], Lv[3], mL);
  const pn = Math.hypot(P[0], P[1], P[2]);
  const vh = [P[0] / pn, P[1] / pn, P[2] / pn];
  const cp = (w.px[0] * vh[0] + w.py[0] * vh[1] + w.pz[0] * vh[2]) / w.momentum(0);
  // the dilepton flies along −v̂
  const cl = -(w.px[1] * vh[0] + w.py[1] * vh[1] + w.pz[1] * vh[2]) / w.momentum(1);
  const perp = (x: number[]) => {
    const d = x[0] * vh[0] + x[1] * vh[1] + x[2] * vh[2];
    const t = [x[0] - d * vh[0], x[1] - d * vh[1], x[2] - d * vh[2]];
    const n = Math.hypot(t[0], t[1], t[2]);
    return [t[0] / n, t[1] / n, t[2] / n];
  };
  const c = perp([v.px[0], v.py[0], v.pz[0]]);
  const d = perp([v.px[2], v.py[2], v.pz[2]]);
  const cosPhi = c[0] * d[0] + c[1] * d[1] + c[2] * d[2];
  const cx = [c[1] * vh[2] - c[2] * vh[1], c[2] * vh[0] - c[0] * vh[2], c[0] * vh[1] - c[1] * vh[0]];
  const sinPhi = cx[0] * d[0] + cx[1] * d[1] + cx[2] * d[2];
  return [cp, cl, Math.atan2(sinPhi, cosPhi)];
}

describe("π⁰ → e⁺e⁻e⁺e⁻", () => {
  it("the double-Dalitz generator keeps its majorant and conserves four-momentum", () => {
    let worst = 0;
    const gen = generate({ channel: "K+ -> pi+ pi0", pi0Mode: "eeee" }, 5000, 35, (b) => {
      for (let i = 0; i < b.size; i++) {
        const pi0 = i * MAX_SLOTS + 2;
        let E = 0;
        for (let k = 3; k < 7; k++) E += b.e[i * MAX_SLOTS + k];
        worst = Math.max(worst, Math.abs(E - b.e[pi0]) / b.e[pi0]);
      }
    });
    assert.ok(worst < 1e-9);
    assert.equal(gen.secondaries.pi0.doubleDalitzME().sampler.violations, 0);
  });
});

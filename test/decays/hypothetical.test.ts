/**
 * User-defined hypothetical particles (X, S, A′, a) with the mass and lifetime or
 * width the user sets, the decay chains built on them, and the π⁰ Dalitz decay with its transition
 * form-factor slope, checked on generated events (seeded; tolerances from the sample size).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_SLOTS, Status } from "../../src/core/batch.ts";
import { twoBodyMomentum } from "../../src/core/kinematics.ts";
import { PDG, particleTable } from "../../src/core/particles.ts";
import { C_LIGHT, HBAR } from "../../src/core/units.ts";
import { dalitzXDensity, pi0Params } from "../../src/decays/pi0.ts";
import { assertPull } from "../helpers/stat.ts";
import { dot, generate, oneParamFit, pairMass2 } from "./fit.ts";

const pt = particleTable();

describe("hypothetical particles (user-set mass, lifetime, width)", () => {
  it("the table sets mass, ctau, lifetime and width of X, S, A′, a only, and ħ/Γ converts a width", () => {
    const t = pt.withOverrides({ "X.mass": 0.15, "S.width": 1e-15, "A'.ctau": 300, "a.lifetime": 2 });
    assert.equal(t.get("X").mass, 0.15);
    assert.ok(Math.abs(t.get("S").lifetime / (HBAR / 1e-15) - 1) < 1e-12);
    assert.ok(Math.abs(t.get("A'").lifetime * C_LIGHT - 300) < 1e-9);
    assert.equal(t.get("a").lifetime, 2);
    // the standard table is untouched
    assert.equal(pt.get("X").mass, 0.1);
    assert.throws(() => pt.withOverrides({ "K+.mass": 0.5 }), /K\+ is a PDG particle/);
    assert.throws(() => pt.withOverrides({ "X.spin": 1 }), /unknown property "spin"/);
  });

  it("K⁺ → π⁺X with X.mass = 150 MeV: every π⁺ has the two-body rest-frame momentum", () => {
    const mX = 0.15;
    const q = twoBodyMomentum(pt.mass("K+"), pt.mass("pi+"), mX);
    let worst = 0;
    let n = 0;
    generate({ channel: "K+ -> pi+ X", particles: { "X.mass": mX } }, 20_000, 41, (b) => {
      for (let i = 0; i < b.size; i++) {
        const K = i * MAX_SLOTS;
        for (let k = 1; k < b.nParticles[i]; k++) {
          const g = K + k;
          if (b.pdg[g] === PDG.X) assert.ok(Math.abs(b.mass[g] - mX) < 1e-15);
          if (b.pdg[g] !== PDG.pip) continue;
          const E = dot(b, K, g) / b.mass[K];
          worst = Math.max(worst, Math.abs(Math.sqrt(E * E - b.mass[g] ** 2) - q));
          n++;
        }
      }
    });
    assert.equal(n, 20_000);
    assert.ok(worst < 1e-9, `largest deviation ${worst} GeV`);
  });

  it("X with a user lifetime decays to e⁺e⁻ after a flight of mean βγcτ (3σ_stat)", () => {
    const ctau = 2000; // mm
    const mX = 0.12;
    let n = 0;
    let s = 0;
    let s2 = 0;
    generate(
      { channel: "K+ -> pi+ X", particles: { "X.mass": mX, "X.ctau": ctau, "X.invisible": 0 } },
      50_000,
      42,
      (b) => {
        for (let i = 0; i < b.size; i++) {
          const base = i * MAX_SLOTS;
          let x = -1;
          for (let k = 1; k < b.nParticles[i]; k++) if (b.pdg[base + k] === PDG.X) x = k;
          assert.ok(x > 0, "no X");
          const X = base + x;
          assert.equal(b.status[X], Status.INTERMEDIATE);
          const d: number[] = [];
          for (let k = 1; k < b.nParticles[i]; k++) if (b.parent[base + k] === x) d.push(base + k);
          assert.deepEqual(d.map((g) => b.pdg[g]).sort(), [PDG.em, PDG.ep].sort());
          assert.ok(Math.abs(Math.sqrt(pairMass2(b, d[0], d[1])) - mX) < 1e-9);
          const D = d[0];
          const flight = Math.hypot(b.vx[D] - b.vx[X], b.vy[D] - b.vy[X], b.vz[D] - b.vz[X]);
          const betaGamma = Math.hypot(b.px[X], b.py[X], b.pz[X]) / mX;
          const proper = flight / betaGamma;
          n++;
          s += proper;
          s2 += proper * proper;
        }
      },
    );
    const mean = s / n;
    // exponential: σ(mean) = cτ/√n, σ(rms) = √2·cτ/√n (fourth moment 9 cτ⁴)
    assertPull(mean, ctau, ctau / Math.sqrt(n), 3, "mean proper flight of X (mm)");
    assertPull(Math.sqrt(s2 / n - mean * mean), ctau, (ctau * Math.SQRT2) / Math.sqrt(n), 5, "its rms (mm)");
  });

  it("K⁺ → π⁺S, S → A′A′, A′ → e⁺e⁻ and K⁺ → π⁺aa, a → e⁺e⁻: π⁺e⁺e⁻e⁺e⁻ with m_ee = m_A′, m_a", () => {
    for (const [channel, parts, name, m] of [
      ["K+ -> pi+ S", { "S.mass": 0.3, "A'.mass": 0.1 }, "A'", 0.1],
      ["K+ -> pi+ a a", { "a.mass": 0.017 }, "a", 0.017],
    ] as const) {
      const code = name === "A'" ? PDG.Ap : PDG.a;
      generate({ channel, particles: parts }, 3000, 43, (b) => {
        for (let i = 0; i < b.size; i++) {
          const base = i * MAX_SLOTS;
          const finals: number[] = [];
          let pairs = 0;
          for (let k = 1; k < b.nParticles[i]; k++) {
            const g = base + k;
            if (b.status[g] === Status.FINAL) finals.push(Math.abs(b.pdg[g]));
            if (b.pdg[g] !== code) continue;
            const d: number[] = [];
            for (let j = 1; j < b.nParticles[i]; j++) if (b.parent[base + j] === k) d.push(base + j);
            assert.equal(d.length, 2, `${channel}: ${name} → e⁺e⁻`);
            assert.ok(Math.abs(Math.sqrt(pairMass2(b, d[0], d[1])) - m) < 1e-9);
            pairs++;
          }
          assert.equal(pairs, 2, `${channel}: two ${name}`);
          assert.deepEqual(finals.sort(), [11, 11, 11, 11, 211], `${channel}: final state`);
        }
      });
    }
  });
});

describe("π⁰ → e⁺e⁻γ: Kroll–Wada with the transition form factor F(x) = 1 + a·x", () => {
  it("the slope a refitted from the x = m²_ee/m²_π⁰ spectrum of 10⁶ Dalitz decays is the input within 3σ_stat", () => {
    const mPi0 = pt.mass("pi0");
    const r = (pt.mass("e-") / mPi0) ** 2;
    const a = pi0Params().tffSlope;
    const ys: number[] = [];
    generate({ channel: "K+ -> pi+ pi0", pi0Mode: "eeg" }, 1_000_000, 44, (b) => {
      for (let i = 0; i < b.size; i++) {
        const base = i * MAX_SLOTS;
        let pi0 = -1;
        for (let k = 1; k < b.nParticles[i]; k++) if (b.pdg[base + k] === PDG.pi0) pi0 = k;
        const ee: number[] = [];
        for (let k = 1; k < b.nParticles[i]; k++)
          if (b.parent[base + k] === pi0 && Math.abs(b.pdg[base + k]) === 11) ee.push(base + k);
        assert.equal(ee.length, 2);
        ys.push(Math.log(pairMass2(b, ee[0], ee[1]) / (mPi0 * mPi0)));
      }
    });
    // the density in y = ln x is x·ρ(x); fit on [ln 4r, 0]
    const fit = oneParamFit(
      Float64Array.from(ys),
      (y, slope) => Math.exp(y) * dalitzXDensity(Math.exp(y), r, slope),
      Math.log(4 * r) + 1e-12,
      0,
      0,
      0.01,
    );
    assertPull(fit.theta, a, fit.sigma, 3, "π⁰ TFF slope a");
    // the sample resolves the slope from zero
    assert.ok(fit.sigma < a / 2, `σ(a) = ${fit.sigma} against a = ${a}`);
  });
});

/**
 * Final-state radiation: for K⁺ → μ⁺ν the radiated fraction is the one-loop soft-photon
 * coefficient (α/π)[(1/β)ln((1 + β)/(1 − β)) − 2] ln(ω_max/ω_min), the photon spectrum is 1/ω
 * (ln ω uniform), the angular density about the muon is −J̃²; four-momentum is conserved; K⁺ → π⁺π⁰
 * stays out of the π⁺π⁰γ region (T*_π > 90 MeV); channels with several charged daughters are not
 * radiated; without the option nothing changes.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type EventBatch, MAX_SLOTS } from "../../src/core/batch.ts";
import { particleTable } from "../../src/core/particles.ts";
import { findChannel } from "../../src/decays/catalogue.ts";
import { emissionProbability } from "../../src/decays/fsr.ts";
import { assertPull } from "../helpers/stat.ts";
import { generate } from "./fit.ts";

/** four-vector of slot g in the rest frame of slot 0 (the kaon) */
function inKaonFrame(b: EventBatch, base: number, g: number): number[] {
  const K = [b.px[base], b.py[base], b.pz[base], b.e[base]];
  const M = b.mass[base];
  const q = [b.px[g], b.py[g], b.pz[g], b.e[g]];
  const pq = -K[0] * q[0] - K[1] * q[1] - K[2] * q[2];
  const f = (q[3] + pq / (K[3] + M)) / M;
  return [q[0] - f * K[0], q[1] - f * K[1], q[2] - f * K[2], (K[3] * q[3] + pq) / M];
}

const mK = particleTable().mass("K+");
const mMu = particleTable().mass("mu+");

describe("final-state radiation", () => {
  it("K⁺ → μ⁺ν: radiated fraction, 1/ω spectrum, −J̃² angles, four-momentum", () => {
    const n = 300000;
    let photons = 0;
    let sumU = 0;
    let sumC = 0;
    let sumC2 = 0;
    let worst = 0;
    let lo = 0;
    let hi = 0;
    const id = findChannel("K+ -> mu+ nu").id;
    generate({ channel: "K+ -> mu+ nu", fsr: true }, n, 41, (b, gen) => {
      for (let i = 0; i < b.size; i++) {
        const base = i * MAX_SLOTS;
        if (b.nParticles[i] < 4) continue;
        const g = base + 3;
        assert.equal(b.pdg[g], 22);
        photons++;
        const k = inKaonFrame(b, base, g);
        const mu = inKaonFrame(b, base, base + 1);
        const [wmin, wmax] = gen.fsr!.range(id);
        lo = wmin;
        hi = wmax;
        sumU += Math.log(k[3] / wmin) / Math.log(wmax / wmin);
        // photon angle to the muon after the recoil (the emission angle up to O(ω/m_K))
        const c = (k[0] * mu[0] + k[1] * mu[1] + k[2] * mu[2]) / (k[3] * Math.hypot(mu[0], mu[1], mu[2]));
        sumC += c;
        sumC2 += c * c;
        for (let j = 0; j < 4; j++) {
          let s = 0;
          for (let p = 1; p < 4; p++) s += [b.px, b.py, b.pz, b.e][j][base + p];
          worst = Math.max(worst, Math.abs(s - [b.px, b.py, b.pz, b.e][j][base]) / b.e[base]);
        }
      }
    });
    assert.ok(worst < 1e-9, `four-momentum (relative to E_K) ${worst}`);
    const pStar = (mK * mK - mMu * mMu) / (2 * mK);
    const beta = pStar / Math.sqrt(pStar * pStar + mMu * mMu);
    const p = emissionProbability(beta, lo, hi);
    assertPull(photons / n, p, Math.sqrt((p * (1 - p)) / n), 4, "radiated fraction");
    assertPull(sumU / photons, 0.5, Math.sqrt(1 / 12 / photons), 4, "⟨ln ω⟩ (1/ω spectrum)");
    // ⟨c⟩ of the density −J̃² = 2/(1 − βc) − 1 − (1 − β²)/(1 − βc)² on [−1, 1]
    let num = 0;
    let den = 0;
    const N = 200000;
    for (let k = 0; k < N; k++) {
      const c = -1 + (2 * (k + 0.5)) / N;
      const x = 1 - beta * c;
      const f = 2 / x - 1 - (1 - beta * beta) / (x * x);
      num += c * f;
      den += f;
    }
    const mean = num / den;
    const sd = Math.sqrt((sumC2 / photons - (sumC / photons) ** 2) / photons);
    assertPull(sumC / photons, mean, sd, 4, "⟨cos θ_γμ⟩");
  });

  it("K⁺ → π⁺π⁰: every radiated event keeps T*_π > 90 MeV", () => {
    const mPi = particleTable().mass("pi+");
    let photons = 0;
    generate({ channel: "K+ -> pi+ pi0", fsr: true, pi0Mode: "gg" }, 100000, 43, (b) => {
      for (let i = 0; i < b.size; i++) {
        const base = i * MAX_SLOTS;
        for (let k = 3; k < b.nParticles[i]; k++)
          if (b.pdg[base + k] === 22 && b.parent[base + k] === 0) {
            photons++;
            const pi = inKaonFrame(b, base, base + 1);
            assert.ok(pi[3] - mPi >= 0.09 - 1e-12, `T*_π = ${pi[3] - mPi}`);
          }
      }
    });
    assert.ok(photons > 100, `${photons} photons`);
  });

  it("radiates no channel with two charged daughters; off, changes nothing", () => {
    let photons = 0;
    generate({ channel: "K+ -> pi+ pi+ pi-", fsr: true }, 20000, 47, (b) => {
      for (let i = 0; i < b.size; i++) if (b.nParticles[i] !== 4) photons++;
    });
    assert.equal(photons, 0);
    const cols = (fsr: boolean | undefined) => {
      const out: number[] = [];
      generate({ channel: "K+ -> pi+ pi0", fsr }, 2000, 49, (b) => {
        for (let i = 0; i < b.size * MAX_SLOTS; i++) out.push(b.px[i], b.e[i], b.pdg[i]);
      });
      return out;
    };
    assert.deepEqual(cols(false), cols(undefined));
  });
});

/**
 * Polarised muon decay: the spin four-vector of a muon from a spin-0 two-body decay is covariant,
 * the sampled (x, cos θ) follow x²[(3 − 2x) ± P(2x − 1)cos θ], and the in-flight decay of the μ⁺ of
 * K⁺ → μ⁺ν, looked at in the muon rest frame reached through the kaon frame (where the spin is
 * −p̂*_μ exactly), gives ⟨cos θ⟩ = 1/9 about the spin (−1/9 about the muon's kaon-frame direction).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type EventBatch, MAX_SLOTS, Status } from "../../src/core/batch.ts";
import { particleTable } from "../../src/core/particles.ts";
import { stream } from "../../src/core/rng/streams.ts";
import { InFlightDecayer } from "../../src/decays/in-flight.ts";
import { muonSpin, sampleMichel } from "../../src/decays/muon-polarisation.ts";
import { assertPull } from "../helpers/stat.ts";
import { generate } from "./fit.ts";

/** boost four-vector v (in place) by velocity β⃗ */
function boost(v: number[], bx: number, by: number, bz: number): void {
  const b2 = bx * bx + by * by + bz * bz;
  if (b2 === 0) return;
  const g = 1 / Math.sqrt(1 - b2);
  const bp = bx * v[0] + by * v[1] + bz * v[2];
  const k = ((g - 1) * bp) / b2 + g * v[3];
  v[0] += k * bx;
  v[1] += k * by;
  v[2] += k * bz;
  v[3] = g * (v[3] + bp);
}

const mMu = 0.1056583755;
const mK = 0.493677;

describe("muon spin from a spin-0 two-body decay", () => {
  it("is h p̂* in the parent frame and transforms as a four-vector", () => {
    const rng = stream(5, 0, "muon-spin-test");
    const pStar = (mK * mK - mMu * mMu) / (2 * mK);
    const eStar = Math.sqrt(pStar * pStar + mMu * mMu);
    const out = new Float64Array(3);
    for (let i = 0; i < 200; i++) {
      const c = 2 * rng.uniform() - 1;
      const s = Math.sqrt(1 - c * c);
      const ph = 2 * Math.PI * rng.uniform();
      const u = [s * Math.cos(ph), s * Math.sin(ph), c];
      const p = [pStar * u[0], pStar * u[1], pStar * u[2], eStar];
      const P = [0, 0, 0, mK];
      muonSpin(p, mMu, P, mK, -1, out);
      for (let k = 0; k < 3; k++) assert.ok(Math.abs(out[k] + u[k]) < 1e-12);
      // boost everything: the spin from the formula equals the boosted spin four-vector
      const sv = [(-eStar * u[0]) / mMu, (-eStar * u[1]) / mMu, (-eStar * u[2]) / mMu, -pStar / mMu];
      const beta = [0.3 * (rng.uniform() - 0.5), 0.3 * (rng.uniform() - 0.5), 0.995];
      const n = Math.hypot(...beta);
      const bv = beta.map((x) => (x / n) * 0.9995);
      boost(p, bv[0], bv[1], bv[2]);
      boost(P, bv[0], bv[1], bv[2]);
      boost(sv, bv[0], bv[1], bv[2]);
      muonSpin(p, mMu, P, mK, -1, out);
      const k = sv[3] / (p[3] + mMu);
      for (let j = 0; j < 3; j++) assert.ok(Math.abs(out[j] - (sv[j] - k * p[j])) < 1e-7, `component ${j}`);
      assert.ok(Math.abs(Math.hypot(out[0], out[1], out[2]) - 1) < 1e-7);
    }
  });
});

describe("polarised Michel distribution", () => {
  for (const pol of [1, -1, 0.5]) {
    it(`P = ${pol}: ⟨x⟩ = 0.7, ⟨cos θ⟩ = P/9, ⟨x cos θ⟩ = P/10`, () => {
      const rng = stream(7, 0, "michel-test");
      const out = new Float64Array(2);
      const n = 300000;
      let sx = 0;
      let sx2 = 0;
      let sc = 0;
      let sc2 = 0;
      let sxc = 0;
      let sxc2 = 0;
      const x0 = (2 * 0.00051099895) / mMu;
      for (let i = 0; i < n; i++) {
        sampleMichel(rng, x0, pol, out);
        const x = out[0];
        const c = out[1];
        sx += x;
        sx2 += x * x;
        sc += c;
        sc2 += c * c;
        sxc += x * c;
        sxc2 += x * x * c * c;
      }
      const sd = (s: number, s2: number) => Math.sqrt((s2 / n - (s / n) ** 2) / n);
      // the x0 > 0 threshold moves these moments by < 10⁻⁶
      assertPull(sx / n, 0.7, sd(sx, sx2), 4, "⟨x⟩");
      assertPull(sc / n, pol / 9, sd(sc, sc2), 4, "⟨cos θ⟩");
      assertPull(sxc / n, pol / 10, sd(sxc, sxc2), 4, "⟨x cos θ⟩");
    });
  }
});

describe("in-flight decay of the μ⁺ of K⁺ → μ⁺ν", () => {
  it("e⁺ about the spin −p̂*_μ (kaon frame): ⟨cos θ⟩ = 1/9, ⟨x⟩ = 0.7", () => {
    const particles = particleTable();
    const dec = new InFlightDecayer(particles, {
      zEnd: 1e9,
      kicks: { z: [], pt: [] },
      muonDecayBias: 2e5,
    });
    const rng = stream(13, 0, "muon-polarisation-in-flight");
    let n = 0;
    let sc = 0;
    let sc2 = 0;
    let sx = 0;
    let sx2 = 0;
    generate("K+ -> mu+ nu", 60000, 23, (b: EventBatch) => {
      dec.process(b, 0, b.size, rng);
      for (let i = 0; i < b.size; i++) {
        const base = i * MAX_SLOTS;
        let mu = -1;
        for (let k = 1; k < b.nParticles[base / MAX_SLOTS]; k++) if (b.pdg[base + k] === -13) mu = base + k;
        if (mu < 0 || b.status[mu] !== Status.INTERMEDIATE) continue;
        let e = -1;
        for (let k = 1; k < b.nParticles[i]; k++) if (b.pdg[base + k] === -11) e = base + k;
        const K = base;
        const bk = [-b.px[K] / b.e[K], -b.py[K] / b.e[K], -b.pz[K] / b.e[K]];
        const pm = [b.px[mu], b.py[mu], b.pz[mu], b.e[mu]];
        const pe = [b.px[e], b.py[e], b.pz[e], b.e[e]];
        // to the kaon frame, then to the muon frame along the muon's kaon-frame direction
        boost(pm, bk[0], bk[1], bk[2]);
        boost(pe, bk[0], bk[1], bk[2]);
        const u = [pm[0] / pm[3], pm[1] / pm[3], pm[2] / pm[3]];
        boost(pe, -u[0], -u[1], -u[2]);
        const pabs = Math.hypot(pm[0], pm[1], pm[2]);
        const ce =
          -(pe[0] * pm[0] + pe[1] * pm[1] + pe[2] * pm[2]) / (pabs * Math.hypot(pe[0], pe[1], pe[2]));
        const x = (2 * pe[3]) / mMu;
        n++;
        sc += ce;
        sc2 += ce * ce;
        sx += x;
        sx2 += x * x;
      }
    });
    assert.ok(n > 20000, `${n} muon decays`);
    const sd = (s: number, s2: number) => Math.sqrt((s2 / n - (s / n) ** 2) / n);
    // ce is the angle to the spin −p̂*: ⟨cos θ⟩ = +P/9 with P = 1 for a μ⁺ (e⁺ along its spin);
    // an unpolarised or wrongly oriented muon gives 0 or −1/9
    assertPull(sc / n, 1 / 9, sd(sc, sc2), 4, "⟨cos θ(e⁺, spin)⟩");
    assertPull(sx / n, 0.7, sd(sx, sx2), 4, "⟨x⟩");
  });
});

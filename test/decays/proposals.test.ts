/**
 * The importance-sampling proposals of the rare-channel generators: with |M|² replaced by 1, each
 * generator must produce uniform phase space (in its generated region). Compared with GENBOD
 * (F. James, CERN 68-15) by two-sample χ² on several invariants, 10⁵ events each. A wrong Jacobian
 * in a proposal weight shows up here, independently of any matrix element.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { particleTable } from "../../src/core/particles.ts";
import { AcceptReject } from "../../src/core/rng/samplers.ts";
import { stream } from "../../src/core/rng/streams.ts";
import type { Xoshiro128 } from "../../src/core/rng/xoshiro128.ts";
import { findChannel } from "../../src/decays/catalogue.ts";
import type { ChannelInfo } from "../../src/decays/channel.ts";
import { DoubleDalitz } from "../../src/decays/me/double-dalitz.ts";
import type { FourVectors } from "../../src/decays/me/frame.ts";
import { Ke4Generator, ke4Params } from "../../src/decays/me/ke4.ts";
import { Kl2gGenerator, kl2gParams } from "../../src/decays/me/kl2g.ts";
import { kl3Params } from "../../src/decays/me/kl3.ts";
import { Kl3gGenerator, kl3gRegion } from "../../src/decays/me/kl3g.ts";
import { PairGenerator } from "../../src/decays/me/pair.ts";
import { PhotonGenerator } from "../../src/decays/me/photon.ts";
import { genbod, genbodMaxWeight } from "../../src/decays/phase-space.ts";
import { chi2Bound } from "../helpers/stat.ts";

const pt = particleTable();
const ctx = { particles: pt };
const N = 100_000;

type Vars = (v: FourVectors) => number[] | null;

/** n accepted rest-frame configurations of a weighted proposal (weights from trial) */
function sampleWeighted(
  trial: (rng: Xoshiro128) => number,
  v: FourVectors,
  vars: Vars,
  seed: number,
  n = N,
): number[][] {
  const rng = stream(seed, 0, "test proposal");
  // majorant from a pre-scan
  let wmax = 0;
  for (let i = 0; i < 50_000; i++) wmax = Math.max(wmax, trial(rng));
  const ar = new AcceptReject(wmax * 1.5);
  const out: number[][] = [];
  while (out.length < n) {
    if (!ar.accept(rng, trial(rng))) continue;
    const x = vars(v);
    if (x) out.push(x);
  }
  assert.equal(ar.violations, 0);
  return out;
}

/** n GENBOD phase-space configurations of M → masses inside a region (vars returns null outside) */
function sampleGenbod(
  M: number,
  masses: number[],
  v: FourVectors,
  vars: Vars,
  seed: number,
  n0 = N,
): number[][] {
  const rng = stream(seed, 0, "test genbod");
  const n = masses.length;
  const m = Float64Array.from(masses);
  const u = new Float64Array(n);
  const inv = new Float64Array(n);
  const ar = new AcceptReject(genbodMaxWeight(M, m));
  const out: number[][] = [];
  while (out.length < n0) {
    const w = genbod(rng, M, m, n, v.px, v.py, v.pz, v.e, u, inv);
    if (!ar.accept(rng, w)) continue;
    const x = vars(v);
    if (x) out.push(x);
  }
  return out;
}

/** two-sample χ² per variable, 40 bins over the common range */
function compare(a: number[][], b: number[][], what: string): void {
  const nv = a[0].length;
  for (let k = 0; k < nv; k++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const s of [a, b])
      for (const x of s) {
        lo = Math.min(lo, x[k]);
        hi = Math.max(hi, x[k]);
      }
    const nb = 40;
    const ha = new Float64Array(nb);
    const hb = new Float64Array(nb);
    const bin = (x: number) => Math.min(nb - 1, Math.floor(((x - lo) / (hi - lo)) * nb));
    for (const x of a) ha[bin(x[k])]++;
    for (const x of b) hb[bin(x[k])]++;
    const ra = Math.sqrt(b.length / a.length);
    const rb = Math.sqrt(a.length / b.length);
    let c = 0;
    let dof = -1;
    for (let i = 0; i < nb; i++) {
      if (ha[i] + hb[i] < 10) continue;
      c += (ra * ha[i] - rb * hb[i]) ** 2 / (ha[i] + hb[i]);
      dof++;
    }
    const mean = (s: number[][]) => s.reduce((t, x) => t + x[k], 0) / s.length;
    assert.ok(
      c < chi2Bound(dof),
      `${what}, variable ${k}: χ² = ${c.toFixed(1)} for ${dof} dof (means ${mean(a)} vs ${mean(b)})`,
    );
  }
}

class FlatPair extends PairGenerator {
  me(): number {
    return 1;
  }
}
class FlatPhoton extends PhotonGenerator {
  me(): number {
    return 1;
  }
}
class FlatKl3g extends Kl3gGenerator {
  override me(): number {
    return 1;
  }
}
class FlatKe4 extends Ke4Generator {
  override j5(): number {
    return 1;
  }
}
class FlatKl2g extends Kl2gGenerator {
  override density(): number {
    return 1;
  }
}
class FlatDoubleDalitz extends DoubleDalitz {
  override sum2(): number {
    return 1;
  }
}

const masses = (c: ChannelInfo) => c.daughters.map((d) => pt.mass(d));
const mK = pt.mass("K+");

describe("proposal Jacobians: |M|² = 1 gives uniform phase space (two-sample χ² against GENBOD)", () => {
  it("K → a b γ*(→ ℓℓ) (pair proposal), with an m_ℓℓ cut", () => {
    const c = findChannel("K+ -> e+ nu mu+ mu-");
    const g = new FlatPair(c, ctx, { a: 0, b: 1, lp: 2, lm: 3, q2Min: 0.25 ** 2 });
    const vars: Vars = (v) => {
      const q2 = v.mass2(2, 3);
      return q2 < 0.25 ** 2 ? null : [q2, v.mass2(0, 1), v.e[0], v.mass2(0, 2)];
    };
    compare(
      sampleWeighted((r) => g.trial(r), g.v, vars, 1),
      sampleGenbod(mK, masses(c), g.v, vars, 2),
      "pair",
    );
  });

  it("K → 3π γ (photon proposal), E_γ above the cut", () => {
    const c = findChannel("K+ -> pi+ pi+ pi- gamma");
    const g = new FlatPhoton(c, ctx, 0.005);
    const vars: Vars = (v) => (v.e[3] < 0.005 ? null : [v.e[3], v.mass2(0, 1), v.mass2(1, 2), v.mass2(0, 3)]);
    compare(
      sampleWeighted((r) => g.trial(r), g.v, vars, 3),
      sampleGenbod(mK, masses(c), g.v, vars, 4),
      "photon",
    );
  });

  it("K → π⁰ e⁺ν γ (lepton–photon proposal), E_γ and cos θ_eγ window", () => {
    const c = findChannel("K+ -> pi0 e+ nu gamma");
    const reg = kl3gRegion(c.name);
    const g = new FlatKl3g(c, ctx, kl3Params("kl3"), reg);
    const vars: Vars = (v) => {
      const cs = v.cosAngle(1, 3);
      if (v.e[3] < reg.eGammaMin || cs < reg.cosMin || cs > reg.cosMax) return null;
      return [v.e[3], v.e[1], cs, v.mass2(0, 2), v.mass2(0, 1)];
    };
    // GENBOD lands in the angular window 1 time in ~10: fewer events here
    const n = 30_000;
    compare(
      sampleWeighted((r) => g.trial(r), g.v, vars, 5, n),
      sampleGenbod(mK, masses(c), g.v, vars, 6, n),
      "kl3g",
    );
  });

  it("K → ππℓν (Cabibbo–Maksymowicz proposal)", () => {
    const c = findChannel("K+ -> pi+ pi- mu+ nu");
    const g = new FlatKe4(c, ctx, ke4Params(c.name));
    const vars: Vars = (v) => [v.mass2(0, 1), v.mass2(2, 3), v.e[0], v.e[2], v.mass2(0, 2)];
    // Ke4 builds its four-vectors lazily, after acceptance
    const trial = (r: Xoshiro128) => {
      const w = g.trial(r);
      const p = g.point;
      if (w > 0) g.build(p.sPi, p.sL, p.cosPi, p.cosL, p.phi);
      return w;
    };
    compare(sampleWeighted(trial, g.v, vars, 7), sampleGenbod(mK, masses(c), g.v, vars, 8), "ke4");
  });

  it("K → ℓνγ (log-x proposal), E_γ above the cut", () => {
    const c = findChannel("K+ -> mu+ nu gamma");
    const { region, ff } = kl2gParams(c.name);
    const g = new FlatKl2g(c, ctx, "ib", region, ff);
    const vars: Vars = (v) => (v.e[2] < region.eGammaMin ? null : [v.e[2], v.e[0]]);
    compare(
      sampleWeighted((r) => g.trial(r), g.v, vars, 9),
      sampleGenbod(mK, masses(c), g.v, vars, 10),
      "kl2g",
    );
  });

  it("π⁰ → e⁺e⁻e⁺e⁻ (double-Dalitz proposal, symmetrised over the positrons)", () => {
    const mPi0 = pt.mass("pi0");
    const me = pt.mass("e-");
    const g = new FlatDoubleDalitz(mPi0, me, 0);
    const vars: Vars = (v) => [v.mass2(0, 1), v.mass2(2, 1), v.mass2(0, 2), v.e[0], v.e[1]];
    compare(
      sampleWeighted((r) => g.trial(r), g.v, vars, 11),
      sampleGenbod(mPi0, [me, me, me, me], g.v, vars, 12),
      "π⁰ 4e",
    );
  });
});

describe("GENBOD (the reference above, and the flat LNV/LFV generators)", () => {
  it("three-body phase space is uniform on the Dalitz plot: dN/dE_μ ∝ p_μ in K → μνγ kinematics", () => {
    const M = mK;
    const m = [pt.mass("mu+"), 0, 0];
    const v = {
      px: new Float64Array(3),
      py: new Float64Array(3),
      pz: new Float64Array(3),
      e: new Float64Array(3),
    };
    const xs = sampleGenbod(M, m, v as unknown as FourVectors, (w) => [w.e[0]], 13);
    const eMax = (M * M + m[0] * m[0]) / (2 * M);
    const nb = 20;
    const obs = new Float64Array(nb);
    for (const [E] of xs) obs[Math.min(nb - 1, Math.floor(((E - m[0]) / (eMax - m[0])) * nb))]++;
    // ∫ p dE over each bin, normalised
    const P = (E: number) => {
      const p = Math.sqrt(Math.max(0, E * E - m[0] * m[0]));
      return (E * p - m[0] * m[0] * Math.log((E + p) / m[0])) / 2;
    };
    const total = P(eMax) - P(m[0]);
    let c = 0;
    for (let k = 0; k < nb; k++) {
      const lo = m[0] + ((eMax - m[0]) * k) / nb;
      const hi = m[0] + ((eMax - m[0]) * (k + 1)) / nb;
      const e = (N * (P(hi) - P(lo))) / total;
      c += (obs[k] - e) ** 2 / e;
    }
    assert.ok(c < chi2Bound(nb - 1), `χ² = ${c.toFixed(1)} for ${nb - 1} dof`);
  });
});

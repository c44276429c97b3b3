import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pimumuConditions } from "../../../src/analyses/pimumu/conditions.ts";
import { CUTS, PimumuSelection, PimumuTally } from "../../../src/analyses/pimumu/selection.ts";
import { Simulator } from "../../../src/chain/simulator.ts";
import { particleTable } from "../../../src/core/particles.ts";
import { Hit } from "../../../src/detector/transport-batch.ts";

const pt = particleTable();
const M = { mK: pt.mass("K+"), mPi: pt.mass("pi+"), mMu: pt.mass("mu+") };

describe("pimumu selection", () => {
  it("its acceptance agrees with an independent estimate that assigns the tracks by their truth", () => {
    const cond = pimumuConditions();
    const c = cond.cuts;
    const sel = new PimumuSelection(c, cond.bins, M);
    const t = new PimumuTally(cond.bins.n);
    const sim = new Simulator({ channel: "K+ -> pi+ mu+ mu-", period: "2018-S2", zRange: [102500, 180000] });
    // the independent estimate: the μ⁺ is the positive track whose particle is a muon (truth), the
    // identification probabilities and the trigger multiply; kinematics from the measured tracks
    let wTruth = 0;
    let wTruth2 = 0;
    const mom = new Float64Array(3);
    sim.run(21, 0, 30_000, (b, r) => {
      sel.process(b, r, t, true);
      const tl = r.tracks;
      for (let i = 0; i < b.size; i++) {
        const zt = b.vtxZ[i];
        if (!(zt >= c.zMin && zt <= c.zMax) || tl.count[i] !== 3) continue;
        const o = tl.offset(i);
        let kPi = -1;
        let kMu = -1;
        let kNeg = -1;
        let w = b.weight[i];
        let E = 0;
        const P = [0, 0, 0];
        for (let j = 0; j < 3; j++) {
          const k = o + j;
          w *= tl.eff[k];
          if (!(tl.p[k] >= c.pMin && tl.p[k] <= c.pMax)) w = 0;
          if (!(tl.mask[k] & Hit.LKR) || !(tl.mask[k] & Hit.NEWCHOD)) w = 0;
          if (tl.q[k] < 0) kNeg = k;
          else if (tl.pdg[k] === 13) kMu = k;
          else kPi = k;
        }
        if (kNeg < 0 || kMu < 0 || kPi < 0 || !(w > 0)) continue;
        if (!(r.vtxChi2[i] < c.chi2Max && r.vtxZ[i] >= c.zMin && r.vtxZ[i] <= c.zMax)) continue;
        if (!(Math.abs(r.vtxP[i] - c.pBeam) < c.dPMax && r.vtxPt[i] < c.ptMax)) continue;
        for (const [k, m] of [
          [kPi, M.mPi],
          [kMu, M.mMu],
          [kNeg, M.mMu],
        ]) {
          tl.momentum(k, mom);
          E += Math.sqrt(m * m + mom[0] ** 2 + mom[1] ** 2 + mom[2] ** 2);
          for (let a = 0; a < 3; a++) P[a] += mom[a];
        }
        const mass = Math.sqrt(E * E - P[0] ** 2 - P[1] ** 2 - P[2] ** 2);
        if (Math.abs(mass - M.mK) >= c.dMMax) continue;
        const eop = (k: number) => tl.eLkr[k] / tl.p[k];
        const mu = (k: number) => (eop(k) < c.eopMuMax ? tl.muv3[k] : 0);
        const pi = (k: number) => (eop(k) < c.eopPiMax ? (1 - tl.muv3[k]) * tl.richPi[k] : 0);
        const wt = w * mu(kNeg) * mu(kMu) * pi(kPi) * r.trigDimuon[i];
        wTruth += wt;
        wTruth2 += wt * wt;
      }
    });
    const ours = t.flow[CUTS.length - 1];
    const err = Math.sqrt(t.flow2[CUTS.length - 1]);
    assert.ok(ours > 0 && wTruth > 0);
    // the wrong assignment adds only events whose π⁺ leaves a MUV3 hit and still fits m_K: < 2%
    assert.ok(ours >= wTruth * (1 - 1e-12), `${ours} < ${wTruth}`);
    assert.ok(ours - wTruth < 0.02 * wTruth + 3 * Math.sqrt(wTruth2), `${ours} vs ${wTruth} ± ${err}`);
    // the true-z denominators hold every decay in the FV
    let zTrue = 0;
    for (const x of t.zTrue) zTrue += x;
    assert.ok(Math.abs(zTrue - t.wFv) < 1e-9 * t.wFv);
  });
});

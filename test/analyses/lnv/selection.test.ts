/**
 * The three-track LFV/LNV selection (src/analyses/lnv/selection.ts), on small samples through the
 * 2018-S2 chain: (1) the K⁺→π⁺π⁺π⁻ final state without PID is exactly the independent selection
 * written with the reconstruction's own three-track vertex mass (vtxMass: π mass for every track)
 * (every track in the NewCHOD and LKr acceptance) — a check of the hypothesis assignment and the
 * mass computation; (2) the selected π⁻μ⁺μ⁺ signal
 * peaks at m_K; (3) K⁺→π⁺π⁺π⁻ is suppressed in the π⁻μ⁺μ⁺ selection by the mis-identification of
 * two pions (at least 10³ below the signal acceptance, with 20 000 decays each).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { lnvSelection } from "../../../src/analyses/lnv/modes.ts";
import { finalState, LnvSelection } from "../../../src/analyses/lnv/selection.ts";
import { Simulator } from "../../../src/chain/simulator.ts";
import { particleTable } from "../../../src/core/particles.ts";
import { MAX_TRACKS } from "../../../src/core/track-list.ts";
import { Hit } from "../../../src/detector/transport-batch.ts";

const P = lnvSelection();
const mK = particleTable().get("K+").mass;
const states = [
  finalState("k3pi", ["pi+", "pi+", "pi-"], { trigger: "mt", pid: false }),
  finalState("pimumu", ["pi-", "mu+", "mu+"], { trigger: "dimuon" }),
];

function sample(channel: string, n: number, seed: number) {
  const sim = new Simulator({ channel, period: "2018-S2", zRange: P.zRange, mode: "weighted" });
  const sel = new LnvSelection(states, P);
  let wGen = 0;
  const wSel = [0, 0];
  let wIndep = 0;
  const masses: number[] = [];
  sim.run(seed, 0, n, (b, r) => {
    const tl = r.tracks;
    for (let i = 0; i < b.size; i++) {
      wGen += b.weight[i];
      sel.process(b, r, i);
      wSel[0] += sel.out.wSel[0];
      wSel[1] += sel.out.wSel[1];
      if (sel.out.wSel[1] > 0) masses.push(sel.out.mass[1]);
      // the independent K3π selection: the reconstruction's vertex fit and its π-mass invariant mass
      if (tl.count[i] !== 3 || tl.found[i] !== 3) continue;
      const o = i * MAX_TRACKS;
      let q = 0;
      let w = b.weight[i] * r.trigMt[i];
      let ok = true;
      for (let j = 0; j < 3; j++) {
        q += tl.q[o + j];
        w *= tl.eff[o + j];
        if (!(tl.p[o + j] >= P.trackMomentum[0] && tl.p[o + j] <= P.trackMomentum[1])) ok = false;
        if (!(tl.mask[o + j] & Hit.LKR && tl.mask[o + j] & Hit.NEWCHOD)) ok = false;
      }
      if (!ok || q !== 1 || !(w > 0) || !(r.vtxChi2[i] < P.vertexChi2Max)) continue;
      if (!(r.vtxP[i] >= P.totalMomentum[0] && r.vtxP[i] <= P.totalMomentum[1] && r.vtxPt[i] < P.ptMax))
        continue;
      if (Math.abs(r.vtxMass[i] - mK) < P.massWindow) wIndep += w * r.pv[i];
    }
  });
  return { wGen, wSel, wIndep, masses };
}

describe("lnv selection", () => {
  const k3pi = sample("K+ -> pi+ pi+ pi-", 20000, 3);
  const sig = sample("K+ -> pi- mu+ mu+", 20000, 4);

  it("the K⁺→π⁺π⁺π⁻ final state without PID equals the selection on the reconstruction's vertex mass", () => {
    assert.ok(k3pi.wIndep > 0);
    assert.ok(Math.abs(k3pi.wSel[0] / k3pi.wIndep - 1) < 1e-9, `${k3pi.wSel[0]} vs ${k3pi.wIndep}`);
    const a = k3pi.wSel[0] / k3pi.wGen;
    assert.ok(a > 0.1 && a < 0.45, `A(K3π) = ${a}`);
  });

  it("the selected π⁻μ⁺μ⁺ signal peaks at m_K", () => {
    const s = Float64Array.from(sig.masses).sort();
    assert.ok(s.length > 1000, `${s.length} selected`);
    const median = s[Math.floor(s.length / 2)];
    assert.ok(Math.abs(median - mK) < 1e-3, `median ${median} vs m_K ${mK}`);
  });

  it("K⁺→π⁺π⁺π⁻ is suppressed ≥ 10³ in the π⁻μ⁺μ⁺ selection", () => {
    const aSig = sig.wSel[1] / sig.wGen;
    const aBkg = k3pi.wSel[1] / k3pi.wGen;
    assert.ok(aSig > 0.03, `A(π⁻μ⁺μ⁺) = ${aSig}`);
    assert.ok(aBkg < 1e-3 * aSig, `A(K3π as π⁻μ⁺μ⁺) = ${aBkg}`);
  });
});

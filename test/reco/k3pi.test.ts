/**
 * K⁺→π⁺π⁺π⁻ through the 2018-S2 chain, the three tracks of the event model and their vertex fit
 * (reco/vertex-fit.ts): m(π⁺π⁺π⁻) peaks at m_K within 0.2 MeV/c² (and within 5 standard errors of
 * the median), its core resolution (σ from the interquartile range) lies in 0.5–2 MeV/c², and the
 * three-track vertex z is unbiased (median within 5 standard errors). Events: exactly three good
 * tracks of total charge +1 and a vertex χ² < 15 (3 degrees of freedom; it removes the tracks kinked
 * by a π→μν decay upstream of STRAW1, whose line does not come from the kaon vertex).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Simulator } from "../../src/chain/simulator.ts";
import { MAX_TRACKS } from "../../src/core/track-list.ts";
import { assertPull } from "../helpers/stat.ts";

function stats(xs: number[]): { median: number; sigma: number; error: number; n: number } {
  const s = Float64Array.from(xs).sort();
  const q = (p: number) => s[Math.round(p * (s.length - 1))];
  const sigma = (q(0.75) - q(0.25)) / 1.349;
  return { median: q(0.5), sigma, error: (1.253 * sigma) / Math.sqrt(s.length), n: s.length };
}

describe("K⁺→π⁺π⁺π⁻ (2018-S2): three-track mass and vertex", () => {
  const sim = new Simulator({ channel: "K+ -> pi+ pi+ pi-", period: "2018-S2", zRange: [105000, 165000] });
  const mK = sim.card.reco.kaonMass;
  const mass: number[] = [];
  const dz: number[] = [];
  let views = 0;
  sim.run(11, 0, 40000, (b, r) => {
    const tl = r.tracks;
    for (let i = 0; i < b.size; i++) {
      const o = i * MAX_TRACKS;
      const js = tl.selected[i];
      if (js >= 0) {
        // the single-track columns are the selected track of the list
        assert.equal(r.pTrack[i], tl.p[o + js]);
        assert.equal(r.txTrack[i], tl.tx[o + js]);
        assert.equal(r.eLkrTrack[i], tl.eLkr[o + js]);
        assert.equal(r.trackSlot[i], tl.slot[o + js]);
        views++;
      }
      if (tl.count[i] !== 3) continue;
      let q = 0;
      let good = true;
      for (let j = 0; j < 3; j++) {
        q += tl.q[o + j];
        if (!(tl.eff[o + j] > 0)) good = false;
      }
      if (q !== 1 || !good || !(r.vtxChi2[i] < 15)) continue;
      assert.equal(r.vtxNTracks[i], 3);
      mass.push(r.vtxMass[i]);
      dz.push(r.vtxZ[i] - b.vtxZ[i]);
    }
  });

  it("every event with a selected track has it in its list", () => {
    assert.ok(views > 10000, `${views} events`);
  });

  it("m(π⁺π⁺π⁻) peaks at m_K within 0.2 MeV/c², core resolution in 0.5–2 MeV/c²", () => {
    const m = stats(mass);
    assert.ok(m.n > 8000, `${m.n} three-track events`);
    assert.ok(Math.abs(m.median - mK) < 0.2e-3, `peak ${m.median} vs m_K ${mK}`);
    assertPull(m.median, mK, m.error, 5, "median m(3π) (GeV/c²)");
    assert.ok(m.sigma > 0.5e-3 && m.sigma < 2e-3, `core resolution ${m.sigma * 1e3} MeV/c²`);
  });

  it("the three-track vertex z is unbiased", () => {
    const z = stats(dz);
    assertPull(z.median, 0, z.error, 5, "median z_vtx − z_true (mm)");
  });
});

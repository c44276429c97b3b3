/**
 * MUV1/MUV2 energies of the tracks of the event model (src/detector/muv12.ts): a muon leaves the
 * card's minimum-ionisation loss in each module (mean within 5 standard errors), a positron leaves
 * nothing, a hadron's LKr + MUV1 + MUV2 energy adds up to the energy it brought to the LKr, and a
 * track that misses a module has 0 there. K⁺→μ⁺ν, K⁺→π⁰e⁺ν and K⁺→π⁺π⁺π⁻ on the 2018-S2 card.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Simulator } from "../../src/chain/simulator.ts";
import { MAX_TRACKS } from "../../src/core/track-list.ts";
import { Hit } from "../../src/detector/transport-batch.ts";
import { moments } from "../helpers/stat.ts";

interface Sample {
  e1: number[];
  e2: number[];
  /** (E_LKr + E_MUV1 + E_MUV2)/E of hadrons that showered in the LKr */
  sum: number[];
  /** energies of tracks that reach neither module */
  outside: number[];
}

function collect(channel: string, id: number, events: number): { sim: Simulator; s: Sample } {
  const sim = new Simulator({ channel, period: "2018-S2", zRange: [105000, 165000] });
  const s: Sample = { e1: [], e2: [], sum: [], outside: [] };
  sim.run(7, 0, events, (b, r) => {
    const tl = r.tracks;
    for (let i = 0; i < b.size; i++) {
      for (let j = 0; j < tl.count[i]; j++) {
        const k = i * MAX_TRACKS + j;
        const m = tl.mask[k];
        if (!(m & (Hit.MUV1 | Hit.MUV2))) {
          s.outside.push(tl.eMuv1[k], tl.eMuv2[k]);
          continue;
        }
        if (tl.pdg[k] !== id || !(m & Hit.MUV1) || !(m & Hit.MUV2) || !(m & Hit.LKR)) continue;
        s.e1.push(tl.eMuv1[k]);
        s.e2.push(tl.eMuv2[k]);
        const E = r.tracks.pTrue[k];
        // hadrons that showered in the LKr (more than a MIP there; a pion that decayed on the way
        // arrives as a muon and leaves a MIP)
        if (id === 211 && tl.eLkr[k] > 1) s.sum.push((tl.eLkr[k] + tl.eMuv1[k] + tl.eMuv2[k]) / E);
      }
    }
  });
  return { sim, s };
}

describe("MUV1/MUV2 energies of the event model's tracks", () => {
  it("a muon leaves the minimum-ionisation loss of each module's iron", () => {
    const { sim, s } = collect("K+ -> mu+ nu", 13, 6000);
    const c = sim.card.muv12;
    assert.ok(s.e1.length > 1000, `${s.e1.length} muons`);
    for (const [v, want] of [
      [s.e1, c.mipMuv1],
      [s.e2, c.mipMuv2],
    ] as const) {
      const mo = moments(v);
      const sd = Math.sqrt(mo.variance);
      const se = sd / Math.sqrt(v.length);
      assert.ok(Math.abs(mo.mean - want) < 5 * se, `mean ${mo.mean} vs ${want} ± ${se}`);
      assert.ok(Math.abs(sd / want - c.mipSpread) < 0.2 * c.mipSpread, `spread ${sd / want}`);
    }
  });

  it("a positron leaves nothing in MUV1/MUV2", () => {
    const { s } = collect("K+ -> pi0 e+ nu", 11, 6000);
    assert.ok(s.e1.length > 200, `${s.e1.length} positrons`);
    assert.equal(Math.max(...s.e1, ...s.e2), 0);
  });

  it("a hadron's LKr, MUV1 and MUV2 energies add up to its energy; a track outside both has 0", () => {
    const { s } = collect("K+ -> pi+ pi+ pi-", 211, 6000);
    assert.ok(s.sum.length > 500, `${s.sum.length} showering pions`);
    const mo = moments(s.sum);
    // unbiased up to the truncation of the smeared energies at 0 (a few per cent at most)
    assert.ok(Math.abs(mo.mean - 1) < 0.05, `⟨(E_LKr + E_MUV1 + E_MUV2)/E⟩ = ${mo.mean}`);
    assert.ok(s.outside.length > 0);
    assert.equal(Math.max(...s.outside), 0);
  });
});

/**
 * The reconstructed quantities of the chain against the generator truth — vertex and
 * CDA of the kaon–pion association, m²miss with the GTK kaon, the RICH momentum and the nominal beam
 * (K⁺→π⁺π⁰, π⁺ at 15–35 GeV/c, 2018-S2). Medians within 5 standard errors (1.253 σ/√N, σ from the
 * interquartile range); resolutions compared with each other, not with typed-in numbers.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Simulator } from "../../src/chain/simulator.ts";
import { particleTable } from "../../src/core/particles.ts";
import { assertPull } from "../helpers/stat.ts";

const M2_PI0 = particleTable().mass("pi0") ** 2;

function stats(xs: number[]): { median: number; sigma: number; error: number; n: number } {
  const s = Float64Array.from(xs).sort();
  const q = (p: number) => s[Math.round(p * (s.length - 1))];
  const sigma = (q(0.75) - q(0.25)) / 1.349;
  return { median: q(0.5), sigma, error: (1.253 * sigma) / Math.sqrt(s.length), n: s.length };
}

describe("reconstruction against the truth (K⁺→π⁺π⁰, 2018-S2)", () => {
  const good = { dz: [] as number[], cda: [] as number[], m: [] as number[], rich: [] as number[] };
  const beam: number[] = [];
  const truth: number[] = [];
  const wrong: number[] = [];
  const sim = new Simulator({ channel: "K+ -> pi+ pi0", period: "2018-S2", zRange: [105000, 165000] });
  sim.run(51, 0, 60000, (b, r) => {
    for (let i = 0; i < b.size; i++) {
      if (r.trackSlot[i] < 0 || r.trackId[i] !== 211 || !(r.pTrack[i] > 15 && r.pTrack[i] < 35)) continue;
      if (r.gtkMatch[i] === 0) wrong.push(r.m2miss[i]);
      if (r.gtkMatch[i] !== 1) continue;
      good.dz.push(r.zVtx[i] - b.vtxZ[i]);
      good.cda.push(r.cda[i]);
      good.m.push(r.m2miss[i]);
      if (r.pRichPi[i] > 0) good.rich.push(r.m2missRich[i]);
      beam.push(r.m2missBeam[i]);
      truth.push(r.m2missTrue[i]);
    }
  });

  it("the vertex z is unbiased and the CDA of the associated kaon well inside the association cut", () => {
    const z = stats(good.dz);
    assert.ok(z.n > 10000, `${z.n} events`);
    assertPull(z.median, 0, z.error, 5, "median z_vtx − z_true (mm)");
    const c = stats(good.cda);
    const card = sim.card.gtk;
    assert.ok(
      c.median < (card.matchSigmaCDA * Math.sqrt(card.matchMaxChi2)) / 2,
      `median CDA ${c.median} mm`,
    );
  });

  it("a pile-up track associated instead of the kaon gives a much broader m²miss (non-Gaussian tails)", () => {
    const g = stats(good.m);
    const w = stats(wrong);
    assert.ok(w.n > 50, `${w.n} wrong associations`);
    assert.ok(w.sigma > 3 * g.sigma, `σ(m²miss): right kaon ${g.sigma}, pile-up track ${w.sigma}`);
  });

  it("m²miss (GTK), m²miss (RICH) and m²miss (beam) peak at m²(π⁰); the GTK one is the sharpest", () => {
    const t = stats(truth);
    assert.ok(Math.abs(t.median - M2_PI0) < 1e-9, `true m²miss ${t.median}`);
    const g = stats(good.m);
    const r = stats(good.rich);
    const b = stats(beam);
    for (const [what, s] of [
      ["GTK", g],
      ["RICH", r],
      ["beam", b],
    ] as const) {
      assertPull(s.median, M2_PI0, s.error, 5, `median m²miss (${what})`);
    }
    assert.ok(
      g.sigma < b.sigma / 2 && g.sigma < r.sigma / 2,
      `σ GTK ${g.sigma}, RICH ${r.sigma}, beam ${b.sigma}`,
    );
  });
});

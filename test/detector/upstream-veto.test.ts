import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Simulator } from "../../src/chain/simulator.ts";
import { EventBatch, Status } from "../../src/core/batch.ts";
import { PDG } from "../../src/core/particles.ts";
import { loadPeriod } from "../../src/detector/card.ts";
import { UpstreamVetoCounter } from "../../src/detector/upstream-veto.ts";

const C = {
  efficiency: 0.9,
  z: [1000, 2000],
  innerHalfX: 50,
  innerHalfY: 30,
  outerHalfX: 300,
  outerHalfY: 300,
};

/** one event: a K⁺ (initial) and the given particles starting at z = 0 with slopes (tx, ty) */
function event(parts: [pdg: number, x: number, y: number, tx: number, ty: number, status?: number][]) {
  const b = new EventBatch(1);
  b.size = 1;
  b.nParticles[0] = 0;
  b.addParticle(0, PDG.Kp, 0.494, Status.INITIAL, -1, 0, 0, 0, 0);
  for (const [pdg, x, y, tx, ty, st] of parts) {
    const g = b.addParticle(0, pdg, 0.14, st ?? Status.FINAL, 0, x, y, 0, 0);
    b.pz[g] = 20;
    b.px[g] = 20 * tx;
    b.py[g] = 20 * ty;
  }
  return b;
}

describe("upstream veto counter", () => {
  const vc = new UpstreamVetoCounter(C);
  it("a charged particle in the beam passage crosses nothing; on the scintillator it fires each station", () => {
    assert.equal(vc.crossings(event([[PDG.pip, 0, 0, 0, 0]]), 0), 0);
    // x = 100 mm at both stations: two crossings, survival (1 − ε)²
    const b = event([[PDG.pip, 100, 0, 0, 0]]);
    assert.equal(vc.crossings(b, 0), 2);
    assert.ok(Math.abs(vc.survival(b, 0) - 0.01) < 1e-12);
    // leaves the beam passage between the stations (x = 0.04·z: 40 mm at the first, 80 mm at the second)
    assert.equal(vc.crossings(event([[PDG.pip, 0, 0, 0.04, 0]]), 0), 1);
    // outside the outer edge: not seen
    assert.equal(vc.crossings(event([[PDG.mup, 0, 400, 0, 0]]), 0), 0);
  });
  it("photons, absorbed particles and particles born downstream of a station are not counted", () => {
    assert.equal(vc.crossings(event([[PDG.gamma, 100, 0, 0, 0]]), 0), 0);
    assert.equal(vc.crossings(event([[PDG.pip, 100, 0, 0, 0, Status.NONE]]), 0), 0);
    const b = event([[PDG.pip, 100, 0, 0, 0]]);
    b.vz[1] = 1500;
    assert.equal(vc.crossings(b, 0), 1);
  });
  it("the companions count: a π⁺ through the passage and a π⁻ on the scintillator veto the event", () => {
    const b = event([
      [PDG.pip, 0, 0, 0, 0],
      [PDG.pim, -80, 10, 0, 0],
    ]);
    assert.equal(vc.crossings(b, 0), 2);
  });
  it("period cards: Run 1 has no counter, 2021-22 has one; an inner edge outside the outer one is refused", () => {
    assert.equal(loadPeriod("2018-S2").upstream.vetoCounter, null);
    assert.equal(loadPeriod("2018-S1").upstream.vetoCounter, null);
    const r2 = loadPeriod("2021-22").upstream.vetoCounter;
    assert.ok(r2 && r2.z.length > 0 && r2.efficiency > 0);
    assert.throws(() => new UpstreamVetoCounter({ ...C, innerHalfX: 400 }), /vetoCounter inner/);
  });
});

describe("upstream veto counter in the chain (2021-22)", () => {
  it("far K⁺→π⁺π⁺π⁻ decays: the companions cross the stations and the chanti column carries the veto", () => {
    const sim = new Simulator({
      channel: "K+ -> pi+ pi+ pi-",
      period: "2021-22",
      source: "upstream-decay-far",
    });
    const vc = sim.upstream?.vetoCounter;
    const eff = loadPeriod("2021-22").upstream.vetoCounter?.efficiency;
    assert.ok(vc && eff !== undefined, "2021-22 has a veto counter");
    let n = 0;
    let seen = 0;
    sim.run(1, 0, 2000, (b, r) => {
      for (let i = 0; i < b.size; i++) {
        n++;
        const h = vc.crossings(b, i);
        if (h > 0) seen++;
        // the other factors of the column (CHANTI, random veto) only lower it
        assert.ok(r.chanti[i] <= (1 - eff) ** h + 1e-12, `event ${i}: ${h} crossings, chanti ${r.chanti[i]}`);
      }
    });
    assert.equal(n, 2000);
    assert.ok(seen > 0, "some far decays fire the counter");
    assert.ok(seen < n, "not every far decay fires it");
  });
});

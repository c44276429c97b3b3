/**
 * K⁺ → π⁺γ*, γ* → e⁺e⁻γ*, γ* → e⁺e⁻ (src/decays/me/pi-gstar-4e.ts): the four-lepton current is
 * conserved (replacing the hadronic vector by Q = p_4e must give zero: a missing diagram, a wrong
 * propagator sign or a wrong exchange sign breaks it), the rest-frame four-momenta balance, and no
 * weight exceeds the majorant. Seeded.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { particleTable } from "../../src/core/particles.ts";
import { stream } from "../../src/core/rng/streams.ts";
import { findChannel } from "../../src/decays/catalogue.ts";
import { PiGstarFourLeptonGenerator } from "../../src/decays/me/pi-gstar-4e.ts";
import { restFrameImbalance } from "../helpers/four-momentum.ts";

const pt = particleTable();
const mK = pt.mass("K+");
const g = new PiGstarFourLeptonGenerator(findChannel("K+ -> pi+ e+ e- e+ e-"), { particles: pt });

describe("K+ -> pi+ gamma* -> pi+ e+ e- e+ e- (one-photon exchange)", () => {
  it("the four-lepton current is conserved: Q·L = 0", () => {
    const rng = stream(4, 0, "test pi+ g* 4e gauge");
    let n = 0;
    let worst = 0;
    while (n < 200) {
      if (!(g.trial(rng) > 0)) continue;
      n++;
      g.setHadronic(false);
      const physical = g.sum2();
      g.setHadronic(true);
      // H = Q has the same scale as P + p_π projected (both O(m_K))
      worst = Math.max(worst, g.sum2() / physical);
    }
    assert.ok(worst < 1e-12, `Σ|Q·L|²/Σ|H·L|² up to ${worst}`);
  });

  it("four-momentum balance in the rest frame, no weight above the majorant", () => {
    const ar = g.prepare();
    const rng = stream(6, 0, "test pi+ g* 4e");
    let worst = 0;
    for (let k = 0; k < 400; k++) {
      while (!ar.accept(rng, g.trial(rng)));
      worst = Math.max(worst, restFrameImbalance(g.v, 5, mK));
    }
    assert.ok(worst < 1e-9, `momentum imbalance ${worst}`);
    assert.equal(ar.violations, 0, "weights above the majorant");
  });
});

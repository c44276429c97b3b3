import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chainStreams, SIM_BATCH, Simulator } from "../../src/chain/simulator.ts";
import { EventBatch, MAX_SLOTS } from "../../src/core/batch.ts";
import { RecoBatch } from "../../src/core/reco-batch.ts";
import { stream } from "../../src/core/rng/streams.ts";
import { geometry, singleScatteringParams } from "../../src/detector/geometry.ts";
import { highland } from "../../src/detector/response-math.ts";
import { SingleScattering } from "../../src/detector/single-scattering.ts";
import { TransportBatch } from "../../src/detector/transport-batch.ts";
import { assertPull } from "../helpers/stat.ts";

const g = geometry();
const straw = new SingleScattering(g.material.strawChamberX0, singleScatteringParams(g));

describe("single Coulomb scattering tail", () => {
  it("relates to the Highland core through x/X₀: χc²/θ₀² ≈ 0.2 for a STRAW chamber at 30 GeV/c", () => {
    const p = 30;
    const t0 = highland(p, 1, g.material.strawChamberX0);
    const r = straw.chiC2(p) / (t0 * t0);
    // 0.157·716.4/ln(287/√Z) MeV² over 13.6² (1 + 0.038 ln x)² MeV²: 0.15–0.25 for Z = 6–80
    assert.ok(r > 0.15 && r < 0.3, `χc²/θ₀² = ${r}`);
  });

  it("draws a 1/θ³ space angle between θ_min and θ_max", () => {
    const p = 25;
    const a = straw.thetaMin(p);
    const b = straw.thetaMax(p);
    const rng = stream(11, 0, "single-scattering-test");
    const n = 200000;
    let above = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const th = straw.angle(p, rng.uniform());
      if (th < a * (1 - 1e-12) || th > b * (1 + 1e-12)) outside++;
      if (th > 4 * a) above++;
    }
    assert.equal(outside, 0);
    const f = straw.probabilityAbove(p, 4 * a) / straw.probability(p);
    assertPull(above / n, f, Math.sqrt((f * (1 - f)) / n), 4, "fraction above 4 θ_min");
  });

  it("puts the analytic single-scattering tail into the measured STRAW direction of K⁺→π⁺π⁰ pions", () => {
    // direction residuals beyond 10 σθ: the Gaussian core gives none (e^−50), the STRAW1 tail gives
    // Σ P_chamber1(> 10 σθ(p)) over the measured tracks
    const sim = new Simulator({
      channel: "K+ -> pi+ pi0",
      period: "2018-S2",
      mode: "weighted",
      zRange: [105000, 165000],
    });
    const s = chainStreams(5, 3);
    const B = SIM_BATCH;
    const b = new EventBatch(B);
    const tb = new TransportBatch(B);
    const r = new RecoBatch(B);
    const st = sim.detector.straw;
    let observed = 0;
    let expected = 0;
    const events = 200000;
    for (let done = 0; done < events; done += B) {
      b.clear();
      sim.generator.fill(b, B, s.generator);
      sim.simulateBatch(b, tb, r, s);
      for (let i = 0; i < B; i++) {
        const k = r.trackSlot[i];
        if (k < 0) continue;
        const gi = i * MAX_SLOTS + k;
        if (tb.kink[gi] !== 0) continue;
        const p = tb.pSpec[gi];
        const cut = 10 * st.sigmaTheta(p);
        const dx = r.txTrack[i] - tb.tx[gi];
        const dy = r.tyTrack[i] - tb.ty[gi];
        if (dx * dx + dy * dy > cut * cut) observed++;
        expected += st.tail.probabilityAbove(p, cut);
      }
    }
    assert.ok(expected > 50, `expected ${expected} tail events`);
    assertPull(observed, expected, Math.sqrt(expected), 4, "STRAW direction residuals beyond 10 σθ");
  });
});

/**
 * K⁺→π⁺π⁰ decays in 105–165 m, weighted mode, with the STRAW elastic scattering on (probability
 * prob per chamber), drawn `factor` times more often for the selected track when factor ≠ 1
 */
function elasticSimulator(prob: number, factor = 1): Simulator {
  return new Simulator({
    channel: "K+ -> pi+ pi0",
    period: "2018-S2",
    mode: "weighted",
    zRange: [105000, 165000],
    card: [`straw.hadronicElasticProb=${prob}`],
    ...(factor !== 1 ? { biasing: { elastic: factor } } : {}),
  });
}

/** global slot of event i's reconstructed track when it is a π± that did not decay (no kink), else −1 */
function unkinkedPionTrack(b: EventBatch, tb: TransportBatch, r: RecoBatch, i: number): number {
  const k = r.trackSlot[i];
  if (k < 0 || Math.abs(b.pdg[i * MAX_SLOTS + k]) !== 211) return -1;
  const gi = i * MAX_SLOTS + k;
  return tb.kink[gi] !== 0 ? -1 : gi;
}

describe("π± elastic nuclear scattering in the STRAW chambers (card straw.hadronicElasticProb)", () => {
  /**
   * K⁺→π⁺π⁰ with the elastic scattering on (probability prob per chamber, drawn `factor` times more
   * often for the selected track): tracks, and Σw, Σw², count of direction residuals p·Δθ > 0.12 GeV/c
   * (the Coulomb tail stops at q_nuc = 0.07 GeV/c and the Gaussian core is ~1 MeV/c wide, so only
   * the elastic scattering in chamber 1 gets there), and Σw over all tracks
   */
  function residuals(prob: number, factor: number, events: number) {
    const sim = elasticSimulator(prob, factor);
    const s = chainStreams(6, 3);
    const B = SIM_BATCH;
    const b = new EventBatch(B);
    const tb = new TransportBatch(B);
    const r = new RecoBatch(B);
    const out = { tracks: 0, sw: 0, sw2: 0, n: 0, swAll: 0, w0: 0 };
    for (let done = 0; done < events; done += B) {
      b.clear();
      sim.generator.fill(b, B, s.generator);
      // the weight before the detector (the z-forcing probability)
      const w0 = Float64Array.from(b.weight.subarray(0, B));
      sim.simulateBatch(b, tb, r, s);
      for (let i = 0; i < B; i++) {
        const gi = unkinkedPionTrack(b, tb, r, i);
        if (gi < 0) continue;
        // the detector's factor on the weight: the elastic biasing (the weighted mode's other
        // probabilities are not applied to b.weight by the transport and STRAW)
        const w = b.weight[i] / w0[i];
        out.tracks++;
        out.swAll += w;
        const p = tb.pSpec[gi];
        const dx = r.txTrack[i] - tb.tx[gi];
        const dy = r.tyTrack[i] - tb.ty[gi];
        if (p * Math.sqrt(dx * dx + dy * dy) > 0.12) {
          out.sw += w;
          out.sw2 += w * w;
          out.n++;
        }
      }
    }
    return out;
  }

  it("importance-sampled (biasing.elastic) keeps the weighted rate and the mean weight", () => {
    const prob = 0.002;
    const factor = 10;
    const r = residuals(prob, factor, 100000);
    const expected = r.tracks * prob * Math.exp(-50 * 0.12 * 0.12);
    assertPull(r.sw, expected, Math.sqrt(r.sw2), 4, "weighted residuals beyond 0.12 GeV/c");
    assert.ok(r.n > 5 * expected, `raw ${r.n} vs natural ${expected}`);
    // a scattering elsewhere (chambers 2, 3) or none: the weights of all tracks still average to 1
    assertPull(r.swAll / r.tracks, 1, 3 / Math.sqrt(r.tracks), 4, "mean weight");
  });

  it("adds direction residuals beyond the Coulomb tail's cut-off at the rate P·e^(−b p_T²)", () => {
    const prob = 0.02;
    const sim = elasticSimulator(prob);
    const slope = 50;
    assert.equal(sim.card.straw.hadronicElasticSlope, slope);
    const s = chainStreams(6, 3);
    const B = SIM_BATCH;
    const b = new EventBatch(B);
    const tb = new TransportBatch(B);
    const r = new RecoBatch(B);
    const qCut = 0.12;
    let observed = 0;
    let tracks = 0;
    for (let done = 0; done < 100000; done += B) {
      b.clear();
      sim.generator.fill(b, B, s.generator);
      sim.simulateBatch(b, tb, r, s);
      for (let i = 0; i < B; i++) {
        const gi = unkinkedPionTrack(b, tb, r, i);
        if (gi < 0) continue;
        tracks++;
        const p = tb.pSpec[gi];
        const dx = r.txTrack[i] - tb.tx[gi];
        const dy = r.tyTrack[i] - tb.ty[gi];
        if (p * Math.sqrt(dx * dx + dy * dy) > qCut) observed++;
      }
    }
    const expected = tracks * prob * Math.exp(-slope * qCut * qCut);
    assert.ok(expected > 200, `expected ${expected} scatterings`);
    assertPull(observed, expected, Math.sqrt(expected), 4, "STRAW direction residuals beyond 0.12 GeV/c");
  });
});

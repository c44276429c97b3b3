/**
 * The "+natural" π⁰ modes the pi4e samples use (src/decays/secondary.ts): the event's first π⁰ is
 * forced (weight × its BR), the others decay by their BRs. In K⁺→π⁺π⁰π⁰ with "eeee+natural" every
 * event has one double Dalitz decay, and the other π⁰ is Dalitz in a fraction BR(e⁺e⁻γ)/ΣBR of the
 * events (binomial tolerance from the sample size).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventBatch, MAX_SLOTS, Status } from "../../../src/core/batch.ts";
import { PDG } from "../../../src/core/particles.ts";
import { DecayGenerator, shardStreams } from "../../../src/decays/generator.ts";
import { pi0Params } from "../../../src/decays/pi0.ts";

function electrons(b: EventBatch, ev: number): number {
  let n = 0;
  for (let k = 0; k < b.nParticles[ev]; k++) {
    const g = ev * MAX_SLOTS + k;
    if ((b.pdg[g] === PDG.ep || b.pdg[g] === PDG.em) && b.status[g] === Status.FINAL) n++;
  }
  return n;
}

describe("π⁰ modes forcing the first π⁰ only", () => {
  it("eeee+natural: one double Dalitz per event, the other π⁰ natural, weight × BR(e⁺e⁻e⁺e⁻) once", () => {
    const p = pi0Params();
    const gen = new DecayGenerator({ channel: "K+ -> pi+ pi0 pi0", pi0Mode: "eeee+natural" });
    const n = 20000;
    const b = new EventBatch(n);
    gen.fill(b, n, shardStreams(5, 0));
    const counts = new Map<number, number>();
    const brK = gen.channels[0].br!;
    for (let i = 0; i < n; i++) {
      const e = electrons(b, i);
      counts.set(e, (counts.get(e) ?? 0) + 1);
      assert.ok(Math.abs(b.weight[i] / (brK * p.brEEEE) - 1) < 1e-12, `weight of event ${i}`);
    }
    assert.equal((counts.get(0) ?? 0) + (counts.get(2) ?? 0), 0, "every event has the forced e⁺e⁻e⁺e⁻");
    const tot = p.brGG + p.brEEG + p.brEEEE;
    const fD = p.brEEG / tot;
    const got = (counts.get(6) ?? 0) / n;
    const sigma = Math.sqrt((fD * (1 - fD)) / n);
    assert.ok(Math.abs(got - fD) < 4 * sigma, `Dalitz fraction of the other π⁰ ${got} vs ${fD} ± ${sigma}`);
  });

  it("eeg+natural in a one-π⁰ channel is the same as eeg", () => {
    const a = new DecayGenerator({ channel: "K+ -> pi0 e+ nu", pi0Mode: "eeg+natural" });
    const c = new DecayGenerator({ channel: "K+ -> pi0 e+ nu", pi0Mode: "eeg" });
    const n = 500;
    const ba = new EventBatch(n);
    const bc = new EventBatch(n);
    a.fill(ba, n, shardStreams(9, 1));
    c.fill(bc, n, shardStreams(9, 1));
    assert.deepEqual(Array.from(ba.weight.subarray(0, n)), Array.from(bc.weight.subarray(0, n)));
    assert.deepEqual(
      Array.from(ba.pz.subarray(0, n * MAX_SLOTS)),
      Array.from(bc.pz.subarray(0, n * MAX_SLOTS)),
    );
  });
});

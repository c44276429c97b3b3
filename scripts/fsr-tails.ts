/**
 * Diagnostic: what final-state radiation (src/decays/fsr.ts) moves at generator level. For
 * K⁺ → μ⁺ν and K⁺ → π⁺π⁰ (π⁰ → γγ forced), true momenta, m²miss = (P_K − p_π)² with the charged
 * daughter taken as a π⁺, 15 < p < 35 GeV/c: the fractions in R1 (0–0.01 GeV²), in R2
 * (0.026–0.068 GeV²) and in coarse m²miss bins, and the fraction of events with a radiated photon,
 * with the option off and on (same seed: the primary decays are the same).
 * Run: node --import tsx scripts/fsr-tails.ts [events] [seed]
 */
import { EventBatch, MAX_SLOTS } from "../src/core/batch.ts";
import { particleTable } from "../src/core/particles.ts";
import { DecayGenerator, shardStreams } from "../src/decays/generator.ts";

const EDGES = [-0.1, -0.05, -0.02, 0, 0.01, 0.015, 0.021, 0.026, 0.068, 0.2];

function tails(channel: string, fsr: boolean, events: number, seed: number) {
  const mPi = particleTable().mass("pi+");
  const gen = new DecayGenerator({ channel, fsr, pi0Mode: "gg" });
  const b = new EventBatch(4096);
  const st = shardStreams(seed, 0);
  let n = 0;
  let r1 = 0;
  let r2 = 0;
  let photons = 0;
  const h = new Array(EDGES.length - 1).fill(0);
  for (let done = 0; done < events; done += b.capacity) {
    b.clear();
    gen.fill(b, Math.min(b.capacity, events - done), st);
    for (let i = 0; i < b.size; i++) {
      const K = i * MAX_SLOTS;
      const t = K + 1;
      const p = Math.hypot(b.px[t], b.py[t], b.pz[t]);
      if (p < 15 || p > 35) continue;
      const e = Math.sqrt(p * p + mPi * mPi);
      const m2 =
        (b.e[K] - e) ** 2 - (b.px[K] - b.px[t]) ** 2 - (b.py[K] - b.py[t]) ** 2 - (b.pz[K] - b.pz[t]) ** 2;
      n++;
      if (m2 > 0 && m2 < 0.01) r1++;
      if (m2 > 0.026 && m2 < 0.068) r2++;
      for (let k = 0; k < h.length; k++) if (m2 >= EDGES[k] && m2 < EDGES[k + 1]) h[k]++;
      for (let k = 1; k < b.nParticles[i]; k++) if (b.pdg[K + k] === 22 && b.parent[K + k] === 0) photons++;
    }
  }
  return {
    channel,
    fsr,
    selected: n,
    r1: r1 / n,
    r2: r2 / n,
    photonFraction: photons / n,
    m2miss: EDGES.slice(0, -1).map((lo, k) => ({ from: lo, to: EDGES[k + 1], fraction: h[k] / n })),
  };
}

const events = Number(process.argv[2] ?? 2e6);
const seed = Number(process.argv[3] ?? 5);
if (!Number.isInteger(events) || events <= 0) {
  console.error(`events: expected a positive integer, got ${process.argv[2]}`);
  process.exit(2);
}
for (const channel of ["K+ -> mu+ nu", "K+ -> pi+ pi0"])
  for (const fsr of [false, true]) console.log(JSON.stringify(tails(channel, fsr, events, seed)));

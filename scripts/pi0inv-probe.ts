/**
 * Where the simulated π⁰→invisible background comes from: K⁺→π⁺π⁰ decays with the π⁺ in the π⁺π⁰
 * kinematic region (m²miss 0.015–0.021 GeV², p in the πνν̄ momentum range), and per event the
 * probability that both photons escape the photon vetoes (the product of the per-photon
 * inefficiencies the detector modules multiply into pv). Prints the share of Σ P(both missed) per
 * pair of photon categories (detector met and energy bin) and the mean P(both missed).
 *
 *   node --import tsx scripts/pi0inv-probe.ts --period 2017 --events 400000 [--pmin 15 --pmax 35]
 *     [--m2lo 0.015 --m2hi 0.021]  (the m²miss window, GeV²; e.g. 0.026 0.068 for the πνν̄ R2 tail)
 *     [--card photonVeto.ineffScale=0.5]
 *     [--pi0-rmin 150]  (the job's π⁰ acceptance: expected π⁰ impact in the LKr beyond this radius, mm)
 */
import { parseArgs } from "node:util";
import { pi0LkrAcceptance } from "../src/analyses/pi0inv/acceptance.ts";
import { chainStreams, SIM_BATCH, Simulator } from "../src/chain/simulator.ts";
import { EventBatch, MAX_SLOTS } from "../src/core/batch.ts";
import { RecoBatch } from "../src/core/reco-batch.ts";
import { Hit, TransportBatch } from "../src/detector/transport-batch.ts";

const { values } = parseArgs({
  options: {
    period: { type: "string", default: "2017" },
    events: { type: "string", default: "400000" },
    seed: { type: "string", default: "1" },
    pmin: { type: "string", default: "15" },
    pmax: { type: "string", default: "35" },
    m2lo: { type: "string", default: "0.015" },
    m2hi: { type: "string", default: "0.021" },
    card: { type: "string", multiple: true, default: [] },
    "pi0-rmin": { type: "string", default: "0" },
  },
});
const sim = new Simulator({
  channel: "K+ -> pi+ pi0",
  period: values.period!,
  card: values.card as string[],
  mode: "weighted",
  zRange: [102500, 180000],
});
const pMin = Number(values.pmin);
const pMax = Number(values.pmax);
const m2Lo = Number(values.m2lo);
const m2Hi = Number(values.m2hi);
const events = Number(values.events);
/** the π⁰ acceptance of the job (src/analyses/pi0inv/acceptance.ts): expected π⁰ impact at the LKr beyond this radius (mm); 0: none */
const pi0Acceptance = pi0LkrAcceptance(Number(values["pi0-rmin"]));
const s = chainStreams(Number(values.seed), 7);
const b = new EventBatch(SIM_BATCH);
const tb = new TransportBatch(SIM_BATCH);
const r = new RecoBatch(SIM_BATCH);
const E_EDGES = [0, 0.2, 1, 3, 10, 1e9];
function cat(g: number): string {
  const m = tb.mask[g];
  const d = m & Hit.LKR ? "LKr" : m & Hit.LAV ? "LAV" : m & Hit.IRC ? "IRC" : m & Hit.SAC ? "SAC" : "none";
  const e = tb.eL[g];
  let k = 0;
  while (k < E_EDGES.length - 2 && e >= E_EDGES[k + 1]) k++;
  return d === "none" ? "none" : `${d}[${E_EDGES[k]}-${E_EDGES[k + 1] > 1e8 ? "∞" : E_EDGES[k + 1]}]`;
}
const sums = new Map<string, number>();
let wTag = 0;
let wBoth = 0;
let nTag = 0;
const holes = new Map<string, number>();
let mismatch = 0;
const wNone = { one: 0, two: 0 };
/**
 * The dominant pair, one photon meeting no veto and the other in the LKr above 10 GeV: Σ w·P per
 * bin of the LKr photon's energy, and the part of it where the πνν̄ L0 LKr condition (total LKr
 * energy < lkrEnergyMax and < 2 clusters above the cluster threshold) would fire if the trigger saw
 * the photon's shower although the offline veto missed it (candidate (a) of docs/analyses/pi0inv.md)
 */
const HARD_EDGES = [10, 20, 30, 40, 50, 60, 1e9];
const hardSum = new Float64Array(HARD_EDGES.length - 1);
const hardL0 = new Float64Array(HARD_EDGES.length - 1);
const l0 = sim.card.trigger.l0;
const clThr = sim.card.lkr.clusterThreshold;
for (let done = 0; done < events; ) {
  const n = Math.min(SIM_BATCH, events - done);
  sim.generation.process(b, n, s);
  sim.simulateBatch(b, tb, r, s);
  for (let i = 0; i < n; i++) {
    const p = r.pTrack[i];
    const m2 = r.m2miss[i];
    if (!(p >= pMin && p <= pMax && m2 >= m2Lo && m2 <= m2Hi)) continue;
    if (pi0Acceptance !== null && !pi0Acceptance(r, i)) continue;
    const w = b.weight[i] * r.pidPi[i];
    if (!(w > 0)) continue;
    nTag++;
    wTag += w;
    const cats: string[] = [];
    let prod = 1;
    let none = 0;
    const base = i * MAX_SLOTS;
    for (let k = 1; k < b.nParticles[i]; k++) {
      const g = base + k;
      if (!(tb.mask[g] & Hit.PHOTON)) continue;
      const c = cat(g);
      cats.push(c);
      if (c === "none") {
        none++;
        const th = Math.hypot(b.px[g], b.py[g]) / b.pz[g];
        const key = `θ ${th < 0.001 ? "<1" : th < 0.0085 ? "1-8.5" : th < 0.05 ? "8.5-50" : ">50"} mrad, E ${b.e[g] < 1 ? "<1" : b.e[g] < 10 ? "1-10" : ">10"} GeV, z ${Math.floor(b.vtxZ[i] / 10000) * 10}-${Math.floor(b.vtxZ[i] / 10000) * 10 + 10} m`;
        holes.set(key, (holes.get(key) ?? 0) + w);
      }
      prod *= sim.detector.photonIneff(tb, g);
    }
    if (none === 1) {
      wNone.one += w;
      // the photon that met a detector: in the LKr above 10 GeV?
      for (let k = 1; k < b.nParticles[i]; k++) {
        const g = base + k;
        const m = tb.mask[g];
        if (!(m & Hit.PHOTON) || !(m & Hit.LKR) || tb.eL[g] < 10) continue;
        const E = tb.eL[g];
        let h = 0;
        while (h < HARD_EDGES.length - 2 && E >= HARD_EDGES[h + 1]) h++;
        const wp = w * r.pv[i] * r.mult[i];
        hardSum[h] += wp;
        const eTrk = r.eLkrTrack[i];
        const nCl = (eTrk > clThr ? 1 : 0) + (E > clThr ? 1 : 0);
        if (eTrk + E >= l0.lkrEnergyMax || nCl > l0.lkrClustersMax) hardL0[h] += wp;
      }
    }
    if (none >= 2) wNone.two += w;
    // the event's veto survival as the selection applies it: photons (pv) and extra charged (mult)
    const surv = r.pv[i] * r.mult[i];
    let nCharged = 0;
    for (let k = 2; k < b.nParticles[i]; k++)
      if (b.status[base + k] === 3 && Math.abs(b.pdg[base + k]) === 11) nCharged++;
    const key = `${cats.sort().join(" + ") || "no photon"}${nCharged ? ` (+${nCharged} e±)` : ""}`;
    if (Math.abs(surv - prod) > 1e-3 * surv && nCharged === 0) mismatch++;
    sums.set(key, (sums.get(key) ?? 0) + w * surv);
    wBoth += w * surv;
  }
  done += n;
}
console.log(`tagged (weighted, unit-normalised) events: ${nTag}; Σw = ${wTag.toPrecision(4)}`);
console.log(`events where pv differs from the photon product (no e±): ${mismatch}`);
console.log(`mean P(both photons missed) = ${(wBoth / wTag).toExponential(3)}`);
console.log(
  `share of tagged events with one photon outside every veto: ${(wNone.one / wTag).toExponential(2)}, two: ${(wNone.two / wTag).toExponential(2)}`,
);
const rows = [...sums.entries()].sort((a, c) => c[1] - a[1]).slice(0, 20);
for (const [k, v] of rows) console.log(`${(v / wBoth).toFixed(3)}  ${(v / wTag).toExponential(2)}  ${k}`);
console.log(
  "one photon meeting no veto + the other in the LKr above 10 GeV, by that photon's energy (GeV): share of P(both missed), P per tagged π⁰, share the L0 LKr condition would see:",
);
for (let h = 0; h < hardSum.length; h++) {
  if (!(hardSum[h] > 0)) continue;
  const hi = HARD_EDGES[h + 1] > 1e8 ? "∞" : HARD_EDGES[h + 1];
  console.log(
    `  ${HARD_EDGES[h]}-${hi}  ${(hardSum[h] / wBoth).toFixed(3)}  ${(hardSum[h] / wTag).toExponential(2)}  L0-visible ${(hardL0[h] / hardSum[h]).toFixed(3)}`,
  );
}
console.log("photons meeting no veto (share of tagged events):");
for (const [k, v] of [...holes.entries()].sort((a, c) => c[1] - a[1]).slice(0, 12))
  console.log(`  ${(v / wTag).toExponential(2)}  ${k}`);

/**
 * Diagnostic: the events of one kaon sample of the K⁺→π⁺νν̄ analysis that carry its R1 + R2
 * estimate. Runs the sample as `kaonlab run pnn` does for one shard (weighted, the sample's own
 * stream family) and lists the events with the largest expected-event contribution, with the track's
 * true identity at STRAW1, momenta, m²miss values and the probabilities that multiply the weight.
 * Run: node --import tsx scripts/dump-pnn.ts --sample munu [--period P] [--events N] [--seed S] [--top K] [--card k=v]
 */
import { parseArgs } from "node:util";
import { kaonFlux, type PnnPeriod, selectionFor } from "../src/analyses/pnn/conditions.ts";
import { Pi0Resampler, regionFilter } from "../src/analyses/pnn/pi0-resample.ts";
import { MAX_BINS, REGION_NAMES, Region } from "../src/analyses/pnn/regions.ts";
import type { ResampleRecorder } from "../src/analyses/pnn/resample.ts";
import { DEFAULT_SAMPLES } from "../src/analyses/pnn/samples.ts";
import { PnnSelection } from "../src/analyses/pnn/selection.ts";
import { compositeShard } from "../src/analyses/pnn/shard.ts";
import { SampleTally } from "../src/analyses/pnn/tally.ts";
import { chainStreams, SIM_BATCH, Simulator } from "../src/chain/simulator.ts";
import { EventBatch, MAX_SLOTS } from "../src/core/batch.ts";
import { RecoBatch } from "../src/core/reco-batch.ts";
import { stream } from "../src/core/rng/streams.ts";
import { findChannel } from "../src/decays/catalogue.ts";
import { TransportBatch } from "../src/detector/transport-batch.ts";

const { values } = parseArgs({
  options: {
    sample: { type: "string", default: "munu" },
    period: { type: "string", default: "2018-S2" },
    events: { type: "string", default: "1000000" },
    seed: { type: "string", default: "1" },
    top: { type: "string", default: "25" },
    card: { type: "string", multiple: true, default: [] },
  },
});
const period = values.period as PnnPeriod;
const k = DEFAULT_SAMPLES.findIndex((s) => s.key === values.sample);
if (k < 0 || DEFAULT_SAMPLES[k].kind !== "kaon")
  throw new RangeError(`--sample: not a kaon sample: ${values.sample}`);
const spec = DEFAULT_SAMPLES[k];
const sim = new Simulator({
  channel: spec.channel,
  period,
  card: values.card as string[],
  mode: "weighted",
  zRange: [102500, 180000],
  ...(spec.biasing ? { biasing: spec.biasing } : {}),
});
const selection = new PnnSelection(selectionFor(period).params);
const t = new SampleTally(spec.key);
const family = compositeShard(0, period, k);
const s = chainStreams(Number(values.seed), family);
// the π⁰→γγ resampling of the run (pi0-resample.ts), for the samples that have it
const pi0 =
  (spec.pi0Resamples ?? 1) > 1
    ? new Pi0Resampler(
        sim.transport,
        sim.detector,
        spec.pi0Resamples!,
        regionFilter(selection.regions, selection.params),
      )
    : null;
const pi0Rng = stream(Number(values.seed), family, "pnn-pi0");
const B = SIM_BATCH;
const b = new EventBatch(B);
const tb = new TransportBatch(B);
const r = new RecoBatch(B);
interface Row {
  f: number;
  region: string;
  info: string;
}
const rows: Row[] = [];
const fs = new Float64Array(B);
const cats = new Int32Array(B);
const rec = {
  record(i: number, cat: number, f: number) {
    const reg = Math.floor(cat / MAX_BINS);
    if (reg === Region.R1 || reg === Region.R2) {
      fs[i] += f;
      cats[i] = cat;
    }
  },
} as unknown as ResampleRecorder;
const g = (x: number) => (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? x.toPrecision(3) : x.toExponential(2));
const events = Number(values.events);
for (let done = 0; done < events; ) {
  const n = Math.min(B, events - done);
  b.clear();
  sim.generator.fill(b, n, s.generator);
  sim.simulateBatch(b, tb, r, s);
  pi0?.apply(b, tb, r, n, pi0Rng);
  fs.fill(0);
  selection.process(b, r, t, rec, true);
  for (let i = 0; i < n; i++) {
    if (!(fs[i] > 0)) continue;
    const base = i * MAX_SLOTS;
    const chain: string[] = [];
    for (let q = 1; q < b.nParticles[i]; q++)
      chain.push(`${b.pdg[base + q]}${b.status[base + q] === 1 ? "" : "*"}`);
    const sl = r.trackSlot[i];
    rows.push({
      f: fs[i],
      region: REGION_NAMES[Math.floor(cats[i] / MAX_BINS)],
      info: [
        `ev ${done + i}`,
        `z ${(b.vtxZ[i] / 1000).toFixed(1)}`,
        `id@S1 ${r.trackId[i]}`,
        `id@LKr ${tb.lkrId[base + sl]}`,
        `p ${g(r.pTrack[i])}/${g(r.pTrackTrue[i])}`,
        `m2 ${g(r.m2miss[i])} rich ${g(r.m2missRich[i])} beam ${g(r.m2missBeam[i])}`,
        `pid ${g(r.pidPi[i])} (rich ${g(r.richPi[i])} calo ${g(r.caloPi[i])})`,
        `pv ${g(r.pv[i])} mult ${g(r.mult[i])} trig ${g(r.trigPnn[i])}`,
        `[${chain.join(" ")}]`,
      ].join("  "),
    });
  }
  done += n;
}
const br = findChannel(spec.channel).br ?? 0;
const scale = (kaonFlux(period).value * br) / t.wFv;
for (const row of rows) row.f *= scale;
rows.sort((a, c) => c.f - a.f);
const total = rows.reduce((a, row) => a + row.f, 0);
const byRegion: Record<string, number> = {};
for (const row of rows) byRegion[row.region] = (byRegion[row.region] ?? 0) + row.f;
console.log(
  `${spec.key} ${period} seed ${values.seed}, ${events} events: R1+R2 = ${g(total)} from ${rows.length} events`,
  Object.fromEntries(Object.entries(byRegion).map(([a, v]) => [a, g(v)])),
);
for (const row of rows.slice(0, Number(values.top)))
  console.log(`${g(row.f)}  ${(row.f / total).toFixed(3)}  ${row.region}  ${row.info}`);

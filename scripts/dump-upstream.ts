/**
 * Diagnostic: the upstream-background events that carry the estimate. Runs the upstream samples of
 * a period exactly as `kaonlab run pnn` does (same shards, streams and pile-up resampling) and lists
 * the events with the largest contribution to R1 + R2 (expected events), with their sample, true
 * vertex, pion momentum and the probabilities that multiply their weight.
 * Run: node --import tsx scripts/dump-upstream.ts [--period P] [--events N] [--seed S] [--top K]
 */
import { kaonFlux, type PnnPeriod, selectionFor } from "../src/analyses/pnn/conditions.ts";
import { MAX_BINS, Region } from "../src/analyses/pnn/regions.ts";
import { ResampleRecorder } from "../src/analyses/pnn/resample.ts";
import { DEFAULT_SAMPLES, SIGNAL_CHANNEL, splitEvents } from "../src/analyses/pnn/samples.ts";
import { PnnSelection } from "../src/analyses/pnn/selection.ts";
import { compositeShard } from "../src/analyses/pnn/shard.ts";
import { SampleTally } from "../src/analyses/pnn/tally.ts";
import { chainStreams, SIM_BATCH, Simulator } from "../src/chain/simulator.ts";
import { EventBatch } from "../src/core/batch.ts";
import { GTK_FIELDS, MAX_GTK_CANDIDATES, RecoBatch } from "../src/core/reco-batch.ts";
import { stream } from "../src/core/rng/streams.ts";
import { findChannel } from "../src/decays/catalogue.ts";
import { NormalStream } from "../src/detector/normal-stream.ts";
import type { DetectorContext, Subsystem } from "../src/detector/subsystem.ts";
import { TransportBatch } from "../src/detector/transport-batch.ts";
import { defaultShards, splitEvents as splitShards } from "../src/run/plan.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const events = Number(opt("--events", "3000000"));
const seed = Number(opt("--seed", "4"));
const top = Number(opt("--top", "25"));
const period = opt("--period", "2018-S2") as PnnPeriod;
const ZR: [number, number] = [102500, 180000];

const selection = new PnnSelection(selectionFor(period).params);
const shards = splitShards(events, defaultShards(events));
const sigIdx = DEFAULT_SAMPLES.findIndex((s) => s.signal);

interface Row {
  sample: string;
  shard: number;
  i: number;
  f: number;
  w: number;
  zTrue: number;
  p: number;
  pTrue: number;
  chanti: number;
  ktag: number;
  pid: number;
  pv: number;
  mult: number;
  trig: number;
  rv: number;
  eff: number;
  passes: number;
  own: number;
}
const rows: Row[] = [];
const nGen: Record<string, number> = {};
let pFvW = 0;
let pFvN = 0;

for (const sh of shards) {
  const split = splitEvents(DEFAULT_SAMPLES, sh.events).map(
    (n, k) => n * (DEFAULT_SAMPLES[k].oversample ?? 1),
  );
  // the signal sample: P(decay in FV) per kaon at GTK3 (for the absolute normalisation)
  {
    const spec = DEFAULT_SAMPLES[sigIdx];
    const sim = new Simulator({ channel: spec.channel, period, mode: "weighted", zRange: ZR });
    const n = Math.min(split[sigIdx], 20000);
    const s = chainStreams(seed, compositeShard(sh.index, period, sigIdx));
    const b = new EventBatch(SIM_BATCH);
    const r = new RecoBatch(SIM_BATCH);
    const tb = new TransportBatch(SIM_BATCH);
    const t = new SampleTally(spec.key);
    for (let done = 0; done < n; ) {
      const m = Math.min(SIM_BATCH, n - done);
      b.clear();
      sim.generator.fill(b, m, s.generator);
      sim.simulateBatch(b, tb, r, s);
      selection.process(b, r, t);
      done += m;
    }
    pFvW += t.wFv / (findChannel(SIGNAL_CHANNEL).br ?? 1);
    pFvN += t.nGen;
  }
  DEFAULT_SAMPLES.forEach((spec, k) => {
    if (spec.kind === "kaon" || split[k] === 0) return;
    nGen[spec.key] = (nGen[spec.key] ?? 0) + split[k];
    const sim = new Simulator({ channel: spec.channel, period, mode: "weighted", source: spec.kind });
    const family = compositeShard(sh.index, period, k);
    const s = chainStreams(seed, family);
    const K = spec.resamples ?? 1;
    const B = SIM_BATCH;
    const b = new EventBatch(B);
    const tb = new TransportBatch(B);
    const r = new RecoBatch(B);
    const pileup = sim.detector.modules.find((m) => m.name === "GTK pile-up") as Subsystem;
    const rs = stream(seed, family, "pnn-resample");
    const ctx: DetectorContext = {
      b,
      tb,
      r,
      card: sim.card,
      geo: sim.geo,
      rng: rs,
      gauss: new NormalStream(rs),
      cluster: s.cluster,
    };
    const rec = new ResampleRecorder(K, B);
    const t = new SampleTally(spec.key);
    const own = new Int32Array(B);
    for (let done = 0; done < split[k]; ) {
      const n = Math.min(B, split[k] - done);
      b.clear();
      sim.generator.fill(b, n, s.generator);
      sim.simulateBatch(b, tb, r, s);
      rec.reset(n);
      const snap = new Map<number, Omit<Row, "f" | "passes">>();
      for (let i = 0; i < n; i++) {
        own[i] = r.nGtk[i] > 0 && r.gtkCand[i * MAX_GTK_CANDIDATES * GTK_FIELDS + 6] === 1 ? 1 : 0;
        b.weight[i] /= K;
        if (r.nTracks[i] === 1)
          snap.set(i, {
            sample: spec.key,
            shard: sh.index,
            i: done + i,
            w: b.weight[i] * K,
            zTrue: b.vtxZ[i],
            p: r.pTrack[i],
            pTrue: r.pTrackTrue[i],
            chanti: r.chanti[i],
            ktag: r.ktag[i],
            pid: r.pidPi[i],
            pv: r.pv[i],
            mult: r.mult[i],
            trig: r.trigPnn[i],
            rv: r.rv[i],
            eff: r.effTrack[i],
            own: own[i],
          });
      }
      selection.process(b, r, t, rec, true);
      for (let q = 1; q < K; q++) {
        for (let i = 0; i < n; i++) r.nGtk[i] = own[i];
        pileup.process(ctx, 0, n);
        sim.reconstruction.process(b, tb, r, 0, n, s.reco);
        selection.process(b, r, t, rec, false);
      }
      // per event: Σ over passes of f in R1/R2
      const R = rec as unknown as { cat: Int32Array; f: Float64Array; count: Int32Array };
      for (let i = 0; i < n; i++) {
        let f = 0;
        let np = 0;
        for (let q = 0; q < R.count[i]; q++) {
          const reg = Math.floor(R.cat[i * K + q] / MAX_BINS);
          if (reg === Region.R1 || reg === Region.R2) {
            f += R.f[i * K + q];
            np++;
          }
        }
        if (f > 0) rows.push({ ...snap.get(i)!, f, passes: np });
      }
      done += n;
    }
  });
}

const pFv = pFvW / pFvN;
const kaonsAtGtk3 = kaonFlux(period).value / pFv;
for (const r of rows) r.f *= kaonsAtGtk3 / nGen[r.sample];
rows.sort((a, b) => b.f - a.f);
const total = rows.reduce((s, r) => s + r.f, 0);
const bySample: Record<string, number> = {};
for (const r of rows) bySample[r.sample] = (bySample[r.sample] ?? 0) + r.f;
console.log(
  `${period} seed ${seed}, ${events} events: upstream R1+R2 = ${total.toPrecision(4)} from ${rows.length} events`,
);
console.log(
  "by sample:",
  Object.fromEntries(Object.entries(bySample).map(([k, v]) => [k, Number(v.toPrecision(3))])),
);
const g = (x: number) => (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? x.toPrecision(3) : x.toExponential(2));
console.log(
  "events  f(expected)  share  sample  shard:i  w  zTrue  p  pTrue  chanti ktag pid pv mult trig rv eff passes own",
);
for (const r of rows.slice(0, top)) {
  console.log(
    [
      g(r.f),
      (r.f / total).toFixed(3),
      r.sample,
      `${r.shard}:${r.i}`,
      g(r.w),
      r.zTrue.toFixed(0),
      g(r.p),
      g(r.pTrue),
      g(r.chanti),
      g(r.ktag),
      g(r.pid),
      g(r.pv),
      g(r.mult),
      g(r.trig),
      g(r.rv),
      g(r.eff),
      r.passes,
      r.own,
    ].join("  "),
  );
}
// how often the rare factors are large, per sample
for (const key of Object.keys(nGen)) {
  const rs = rows.filter((r) => r.sample === key);
  const c = (p: (r: Row) => boolean) => rs.filter(p).length;
  console.log(
    `${key}: ${rs.length} events in R1/R2 (of ${nGen[key]}); chanti > 0.5: ${c((r) => r.chanti > 0.5)}; ` +
      `pv > 0.5: ${c((r) => r.pv > 0.5)}; pv·chanti > 0.25: ${c((r) => r.pv * r.chanti > 0.25)}; ` +
      `z range ${Math.min(...rs.map((r) => r.zTrue)).toFixed(0)}–${Math.max(...rs.map((r) => r.zTrue)).toFixed(0)}`,
  );
}

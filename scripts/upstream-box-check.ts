/**
 * Diagnostic for the TRIM5 box-cut periods: the upstream-source events that pass the box cut
 * (|x| > 100 mm or |y| > 500 mm at TRIM5) and what happens to them next. Runs the upstream samples of
 * a period as `kaonlab run pnn` does (one detector pass, no pile-up resampling), and lists, per
 * sample, the expected events after the box cut split by the particle that made the track and by
 * the next cut that loses them (momentum window, π⁺ identification, photon/multiplicity, region…).
 * `--only S` runs only the upstream samples whose key contains S (e.g. up-far). `--gap-x X` widens the horizontal half-gap of the achromat dipoles (geometry.json achromat.halfX)
 * for the check, `--far-start Z` moves the start of the far decays (upstream.zStartFar).
 * Run: node --import tsx scripts/upstream-box-check.ts [--period 2018-S1] [--events N] [--seed S]
 *        [--only up-far] [--gap-x 200] [--far-start 69300] [--top K]
 */
import { kaonFlux, type PnnPeriod, selectionFor } from "../src/analyses/pnn/conditions.ts";
import { DEFAULT_SAMPLES, SIGNAL_CHANNEL, splitEvents } from "../src/analyses/pnn/samples.ts";
import { PnnSelection } from "../src/analyses/pnn/selection.ts";
import { compositeShard } from "../src/analyses/pnn/shard.ts";
import { CUT, CUTS, SampleTally } from "../src/analyses/pnn/tally.ts";
import { chainStreams, SIM_BATCH, Simulator } from "../src/chain/simulator.ts";
import { EventBatch, MAX_SLOTS, Status } from "../src/core/batch.ts";
import { RecoBatch } from "../src/core/reco-batch.ts";
import { findChannel } from "../src/decays/catalogue.ts";
import { geometry } from "../src/detector/geometry.ts";
import { TransportBatch } from "../src/detector/transport-batch.ts";
import { defaultShards, splitEvents as splitShards } from "../src/run/plan.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const events = Number(opt("--events", "1000000"));
const seed = Number(opt("--seed", "1"));
const period = opt("--period", "2018-S1") as PnnPeriod;
const gapX = opt("--gap-x", "");
const farStart = opt("--far-start", "");
const top = Number(opt("--top", "15"));
const only = opt("--only", "");
const ZR: [number, number] = [102500, 180000];
if (gapX) geometry().achromat.halfX = Number(gapX);
const card = farStart ? [`upstream.zStartFar=${farStart}`] : [];

const selection = new PnnSelection(selectionFor(period).params);
// which event the selection is looking at, and the last cut it passed with its weight
let cur = -1;
const sel = selection as unknown as { oneTrackInAcceptance(r: RecoBatch, i: number): boolean };
const orig = sel.oneTrackInAcceptance.bind(selection);
sel.oneTrackInAcceptance = (r: RecoBatch, i: number) => {
  cur = i;
  return orig(r, i);
};
const last = new Int32Array(SIM_BATCH);
const aUp = new Float64Array(SIM_BATCH);
const aLast = new Float64Array(SIM_BATCH);

const shards = splitShards(events, defaultShards(events));
const PDG_NAME: Record<number, string> = {
  211: "π⁺",
  [-211]: "π⁻",
  [-13]: "μ⁺",
  13: "μ⁻",
  [-11]: "e⁺",
  11: "e⁻",
  2212: "p",
  321: "K⁺",
};
interface Row {
  sample: string;
  w: number;
  zTrue: number;
  who: string;
  p: number;
  pid: number;
  lostAt: string;
  f: number;
}
const rows: Row[] = [];
const nGen: Record<string, number> = {};
let pFvW = 0;
let pFvN = 0;
for (const sh of shards) {
  const split = splitEvents(DEFAULT_SAMPLES, sh.events).map(
    (n, k) => n * (DEFAULT_SAMPLES[k].oversample ?? 1),
  );
  DEFAULT_SAMPLES.forEach((spec, k) => {
    if (!(spec.signal || spec.kind !== "kaon") || split[k] === 0) return;
    if (only && !spec.signal && !spec.key.includes(only)) return;
    const sim = new Simulator({
      channel: spec.channel,
      period,
      card,
      mode: "weighted",
      ...(spec.biasing ? { biasing: spec.biasing } : {}),
      ...(spec.kind === "kaon" ? { zRange: ZR } : { source: spec.kind }),
    });
    const n0 = spec.signal ? Math.min(split[k], 20000) : split[k];
    if (!spec.signal) nGen[spec.key] = (nGen[spec.key] ?? 0) + n0;
    const s = chainStreams(seed, compositeShard(sh.index, period, k));
    const b = new EventBatch(SIM_BATCH);
    const r = new RecoBatch(SIM_BATCH);
    const tb = new TransportBatch(SIM_BATCH);
    const t = new SampleTally(spec.key);
    const flow = t.cutFlow as unknown as { pass(c: number, a: number): void };
    const pass0 = flow.pass.bind(t.cutFlow);
    flow.pass = (c: number, a: number) => {
      pass0(c, a);
      if (cur >= 0) {
        last[cur] = c;
        aLast[cur] = a;
        if (c === CUT.UPSTREAM) aUp[cur] = a;
      }
    };
    for (let done = 0; done < n0; ) {
      const m = Math.min(SIM_BATCH, n0 - done);
      b.clear();
      sim.generator.fill(b, m, s.generator);
      sim.simulateBatch(b, tb, r, s);
      last.fill(-1, 0, m);
      aUp.fill(0, 0, m);
      selection.process(b, r, t);
      cur = -1;
      if (!spec.signal)
        for (let i = 0; i < m; i++) {
          if (last[i] < CUT.UPSTREAM) continue;
          const slot = r.trackSlot[i];
          const pdg = slot >= 0 ? b.pdg[i * MAX_SLOTS + slot] : 0;
          const par = slot >= 0 ? b.parent[i * MAX_SLOTS + slot] : -1;
          const decayed = slot >= 0 && b.status[i * MAX_SLOTS + slot] === Status.INTERMEDIATE;
          const who = `${PDG_NAME[pdg] ?? pdg}${par > 0 ? ` (from ${PDG_NAME[b.pdg[i * MAX_SLOTS + par]] ?? b.pdg[i * MAX_SLOTS + par]})` : ""}${decayed ? ", decayed in flight" : ""}`;
          rows.push({
            sample: spec.key,
            w: aUp[i],
            zTrue: b.vtxZ[i],
            who,
            p: r.pTrack[i],
            pid: r.pidPi[i],
            lostAt: last[i] === CUT.RV ? "selected (R1/R2)" : `lost at: ${CUTS[last[i] + 1]}`,
            f: last[i] === CUT.RV ? aLast[i] : 0,
          });
        }
      done += m;
    }
    if (spec.signal) {
      pFvW += t.wFv / (findChannel(SIGNAL_CHANNEL).br ?? 1);
      pFvN += t.nGen;
    }
  });
}
const kaonsAtGtk3 = kaonFlux(period).value / (pFvW / pFvN);
for (const r of rows) {
  r.w *= kaonsAtGtk3 / nGen[r.sample];
  r.f *= kaonsAtGtk3 / nGen[r.sample];
}
const g = (x: number) => (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e5 ? x.toPrecision(3) : x.toExponential(2));
console.log(
  `${period} seed ${seed}, ${events} events${gapX ? `, achromat halfX ${gapX} mm` : ""}${farStart ? `, far decays from ${farStart} mm` : ""}: expected events after the upstream (box) cut`,
);
const groups = new Map<string, { w: number; n: number; f: number }>();
for (const r of rows) {
  const key = `${r.sample} | ${r.who} | ${r.lostAt}`;
  const e = groups.get(key) ?? { w: 0, n: 0, f: 0 };
  e.w += r.w;
  e.f += r.f;
  e.n++;
  groups.set(key, e);
}
console.log(
  "sample | particle making the track | fate: expected events after the box cut (MC events), in R1+R2",
);
for (const [k, e] of [...groups].sort((a, b) => b[1].w - a[1].w))
  console.log(`${k}: ${g(e.w)} (${e.n}), ${g(e.f)}`);
console.log("heaviest events: sample, expected after the box cut, true z, particle, p (GeV/c), pidPi, fate");
for (const r of rows.sort((a, b) => b.w - a.w).slice(0, top))
  console.log([r.sample, g(r.w), r.zTrue.toFixed(0), r.who, g(r.p), g(r.pid), r.lostAt].join("  "));

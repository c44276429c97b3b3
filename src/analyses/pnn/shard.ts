/**
 * One shard of the K⁺→π⁺νν̄ analysis for one period: every sample of the plan is generated and
 * simulated through the period's detector, trigger and reconstruction (src/chain/simulator.ts) and
 * passed through the selection into the period's tally.
 *
 * Random streams: the simulator keys its streams by (seed, shard, stage); each (period, sample)
 * gets its own stream family through the analysis layer's composite shard index
 * (src/analyses/layer/samples.ts: shard·1024 + period index·32 + sample index), so samples never share random numbers and a shard's tallies depend only on (config, seed, shard).
 *
 * Samples with `resamples` K > 1 re-use each event K times with fresh beam pile-up in the GTK and a
 * fresh kaon association (resample.ts), from the stream "pnn-resample" of their family. Samples with
 * `pi0Resamples` K > 1 average the photon-veto survival of their events in R1/R2 over K
 * π⁰→γγ decays (pi0-resample.ts), from the stream "pnn-pi0".
 */

import { chainStreams, SIM_BATCH, type Simulator } from "../../chain/simulator.ts";
import { onePositiveTrack } from "../../chain/single-track.ts";
import { EventBatch } from "../../core/batch.ts";
import { GTK_FIELDS, MAX_GTK_CANDIDATES, RecoBatch } from "../../core/reco-batch.ts";
import { stream } from "../../core/rng/streams.ts";
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import { NormalStream } from "../../detector/normal-stream.ts";
import type { DetectorContext, Subsystem } from "../../detector/subsystem.ts";
import { TransportBatch } from "../../detector/transport-batch.ts";
import type { CandidateNtuple } from "../layer/ntuple.ts";
import { oversampleOf, sampleFamily, sampleSimulator, splitEvents } from "../layer/samples.ts";
import { DEFAULT_NTUPLE_REGIONS, regionMask } from "./candidates.ts";
import type { PnnReco } from "./columns.ts";
import { PNN_PERIODS, type PnnPeriod, selectionFor } from "./conditions.ts";
import { Pi0Resampler, regionFilter } from "./pi0-resample.ts";
import { ResampleRecorder } from "./resample.ts";
import type { SampleSpec } from "./samples.ts";
import { PnnSelection } from "./selection.ts";
import { PeriodTally, type SampleTally } from "./tally.ts";

export { MAX_SAMPLES } from "../layer/samples.ts";

/** the detector module that adds beam pile-up tracks to the GTK candidates (src/detector/pileup.ts) */
const PILEUP_MODULE = "GTK pile-up";

export interface PeriodShardOptions {
  samples: readonly SampleSpec[];
  /** kaon decays of the kaon samples are forced into [zMin, zMax] (mm) */
  zRange: [number, number];
  /** selection overrides, e.g. { "kaon.cdaMax": 3 } */
  selection?: Record<string, number | string | number[]>;
  /** detector period-card overrides, e.g. ["gtk.sigmaT=0.05"] */
  card?: string[];
  mode?: "weighted" | "sample";
  /** final-state radiation in the kaon decays (src/decays/fsr.ts) */
  fsr?: boolean;
  /** the shard's candidate ntuple (candidates.ts), or null */
  candidates?: CandidateNtuple | null;
  /** the regions written to the candidate ntuple (candidates.ts; default: DEFAULT_NTUPLE_REGIONS) */
  ntupleRegions?: readonly string[];
  /** an analysis's extra per-event acceptance, applied with the momentum cut (PnnSelection.extraAcceptance) */
  acceptance?: ((r: PnnReco, i: number) => boolean) | null;
}

/** the stream-family index of (shard, period, sample): the analysis layer's, with the period's index in PNN_PERIODS */
export function compositeShard(shard: number, period: PnnPeriod, sample: number): number {
  return sampleFamily(shard, PNN_PERIODS.indexOf(period), sample);
}

function simulatorFor(spec: SampleSpec, period: PnnPeriod, opts: PeriodShardOptions): Simulator {
  return sampleSimulator(spec, {
    period,
    zRange: opts.zRange,
    card: opts.card,
    mode: opts.mode,
    fsr: opts.fsr,
  });
}

/** the passes of an event sample that is re-used K times (resample.ts) */
interface Resampling {
  /** pile-up: fresh beam pile-up and association; measurement: the whole detector response again */
  kind: "pileup" | "measurement";
  passes: number;
}

/** simulate `events` events of one sample and select them into `t` */
function runSample(
  sim: Simulator,
  selection: PnnSelection,
  t: SampleTally,
  seed: number,
  family: number,
  events: number,
  resampling: Resampling | null,
  pi0Resamples: number,
  progress: (n: number) => void,
): void {
  const s = chainStreams(seed, family);
  const pi0 =
    pi0Resamples > 1 && sim.mode === "weighted"
      ? new Pi0Resampler(
          sim.transport,
          sim.detector,
          pi0Resamples,
          regionFilter(selection.regions, selection.params),
        )
      : null;
  const pi0Rng = pi0 ? stream(seed, family, "pnn-pi0") : null;
  const B = SIM_BATCH;
  const b = new EventBatch(B);
  const tb = new TransportBatch(B);
  const r = new RecoBatch(B);
  let pileup: Subsystem | undefined;
  let ctx: DetectorContext | undefined;
  let rec: ResampleRecorder | null = null;
  let recoRng: Xoshiro128 | undefined;
  const K = resampling?.passes ?? 1;
  const own = new Int32Array(B);
  const runs = new Int32Array(2 * B);
  const w0 = new Float64Array(B);
  if (resampling && K > 1) {
    const rs = stream(seed, family, resampling.kind === "pileup" ? "pnn-resample" : "pnn-remeasure");
    ctx = {
      b,
      tb,
      r,
      card: sim.card,
      geo: sim.geo,
      rng: rs,
      gauss: new NormalStream(rs),
      cluster: s.cluster,
      tracks: s.tracks,
    };
    rec = new ResampleRecorder(K, B);
    if (resampling.kind === "pileup") {
      pileup = sim.detector.modules.find((m) => m.name === PILEUP_MODULE);
      if (!pileup) throw new Error(`pile-up resampling: the detector has no "${PILEUP_MODULE}" module`);
      recoRng = s.reco;
    } else recoRng = stream(seed, family, "pnn-remeasure-reco");
  }
  for (let done = 0; done < events; ) {
    const n = Math.min(B, events - done);
    b.clear();
    sim.generator.fill(b, n, s.generator);
    if (resampling?.kind === "measurement") w0.set(b.weight.subarray(0, n));
    sim.simulateBatch(b, tb, r, s);
    pi0?.apply(b, tb, r, n, pi0Rng!);
    selection.firstEvent = done;
    if (!rec) {
      selection.process(b, r, t);
    } else {
      rec.reset(n);
      for (let i = 0; i < n; i++) {
        // the GTK's own track (the kaon, or the interacting beam particle) is candidate 0, flagged
        own[i] = r.nGtk[i] > 0 && r.gtkCand[i * MAX_GTK_CANDIDATES * GTK_FIELDS + 6] === 1 ? 1 : 0;
        b.weight[i] /= K;
      }
      selection.process(b, r, t, rec, true);
      // the later passes re-do only the events that can pass the selection whatever is drawn
      // again (the others fail in every pass, so their first pass, counted K times with w/K,
      // stands): for a re-measurement, one positive track (decided by the transport, which is not
      // repeated: one K⁺→π⁺π⁺π⁻ event in nine); for pile-up, also its quality, downstream
      // acceptance and momentum (the STRAW measurement is not repeated either: one upstream
      // K⁺→π⁺π⁰ event in ten instead of three)
      const cand = pileup
        ? (i: number) => selection.pileupCandidate(r, i)
        : (i: number) => onePositiveTrack(r, i);
      let nRuns = 0;
      for (let i = 0; i < n; ) {
        if (!cand(i)) {
          i++;
          continue;
        }
        let j = i + 1;
        while (j < n && cand(j)) j++;
        runs[2 * nRuns] = i;
        runs[2 * nRuns + 1] = j;
        nRuns++;
        i = j;
      }
      for (let k = 1; k < K; k++) {
        for (let q = 0; q < nRuns; q++) {
          const i0 = runs[2 * q];
          const i1 = runs[2 * q + 1];
          if (pileup) {
            for (let i = i0; i < i1; i++) r.nGtk[i] = own[i];
            pileup.process(ctx!, i0, i1);
          } else {
            // a fresh detector response: the weight without the previous pass's biasing factors
            for (let i = i0; i < i1; i++) b.weight[i] = w0[i] / K;
            r.resetRange(i0, i1);
            sim.detector.process(ctx!, i0, i1);
            sim.trigger.process(b, tb, r, i0, i1);
          }
          sim.reconstruction.process(b, tb, r, i0, i1, recoRng!);
        }
        selection.process(b, r, t, rec, false);
      }
      rec.flush(n, t);
    }
    done += n;
    progress(n);
  }
}

function resamplingOf(spec: SampleSpec): Resampling | null {
  const p = spec.resamples ?? 1;
  const m = spec.remeasure ?? 1;
  if (p > 1 && m > 1)
    throw new RangeError(`sample ${spec.key}: pile-up resampling and re-measurement cannot be combined`);
  if (p > 1) return { kind: "pileup", passes: p };
  if (m > 1) return { kind: "measurement", passes: m };
  return null;
}

export function runPeriodShard(
  period: PnnPeriod,
  seed: number,
  shard: number,
  events: number,
  opts: PeriodShardOptions,
  progress: (done: number) => void = () => {},
): PeriodTally {
  const selection = new PnnSelection(selectionFor(period, opts.selection ?? {}).params);
  const candidates = opts.candidates ?? null;
  selection.candidates = candidates;
  selection.extraAcceptance = opts.acceptance ?? null;
  selection.candidateRegions = regionMask(opts.ntupleRegions ?? DEFAULT_NTUPLE_REGIONS);
  const tally = new PeriodTally(
    period,
    opts.samples.map((s) => s.key),
  );
  const split = splitEvents(opts.samples, events);
  let done = 0;
  const step = (n: number) => {
    done += n;
    progress(done);
  };
  opts.samples.forEach((spec, k) => {
    if (split[k] === 0) return;
    const over = oversampleOf(spec);
    // progress in units of the shard's events: an oversampled sample counts its share
    let simulated = 0;
    let reported = 0;
    const stepSample = (n: number) => {
      simulated += n;
      const r = Math.floor(simulated / over);
      step(r - reported);
      reported = r;
    };
    const sim = simulatorFor(spec, period, opts);
    candidates?.setLabels(period, spec.key, spec.signal ? "signal" : (spec.background ?? "none"));
    runSample(
      sim,
      selection,
      tally.samples[k],
      seed,
      compositeShard(shard, period, k),
      split[k] * over,
      resamplingOf(spec),
      spec.pi0Resamples ?? 1,
      stepSample,
    );
  });
  return tally;
}

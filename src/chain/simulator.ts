/**
 * The full simulation chain on one batch or one shard, as a composition of its stages:
 *
 *   beam → decay        generation-stage.ts      (src/decays)
 *   source              source-stage.ts          (kaon decays in the beam, or an upstream source)
 *   transport           transport-stage.ts       (decays in flight, planes of the registered subsystems)
 *   detector            detector-stage.ts        (the subsystem modules the period card selects)
 *   trigger             trigger-stage.ts         (L0/L1)
 *   reconstruction      reconstruction-stage.ts
 *
 * The library entry point of `kaonlab simulate` and of analysis jobs:
 *
 *   const sim = new Simulator({ channel: "K+ -> pi+ pi0", period: "2018-S2" });
 *   sim.run(seed, shard, events, (b, r, first) => { ... r.m2miss[i], r.pidPi[i] ... });
 *
 * Random streams are keyed by (seed, shard, stage) (src/chain/streams.ts), so the detector never
 * shifts the decays.
 */
import { EventBatch } from "../core/batch.ts";
import { RecoBatch } from "../core/reco-batch.ts";
import type { DecayGenerator, GenerationOptions } from "../decays/generator.ts";
import { type Biasing, biasing } from "../detector/biasing.ts";
import { loadPeriod, type PeriodCard } from "../detector/card.ts";
import type { Detector } from "../detector/detector.ts";
import { type Geometry, geometry } from "../detector/geometry.ts";
import type { Transport } from "../detector/transport.ts";
import { TransportBatch } from "../detector/transport-batch.ts";
import type { SourceName, UpstreamSource } from "../detector/upstream.ts";
import type { Reconstruction, SimulationMode } from "../reco/reconstruction.ts";
import type { Trigger } from "../trigger/trigger.ts";
import { DetectorStage } from "./detector-stage.ts";
import { GenerationStage } from "./generation-stage.ts";
import type { PipelineStage } from "./pipeline.ts";
import { ReconstructionStage } from "./reconstruction-stage.ts";
import { SourceStage } from "./source-stage.ts";
import { type ChainStreams, chainStreams } from "./streams.ts";
import { TransportStage } from "./transport-stage.ts";
import { TriggerStage } from "./trigger-stage.ts";

export { type ChainStreams, chainStreams };

/**
 * Events per batch of the simulation chain: part of the run definition (the natural mix groups the
 * channels per batch). Small batches keep the particle columns of all stages in the CPU cache:
 * 256 runs the full chain ~35% faster than the generator's default of 4096.
 */
export const SIM_BATCH = 256;

export interface SimulationOptions extends GenerationOptions {
  /** period card name (conditions/periods), e.g. "2018-S2" */
  period: string;
  /** card overrides, e.g. ["beam.intensity=2.6", "gtk.sigmaT=0.05"] */
  card?: string[];
  /** weighted (rare probabilities as weights, default) or sample (0/1 draws) */
  mode?: SimulationMode;
  /**
   * kaon decays in the beam (default), or an upstream background source (src/detector/upstream.ts):
   * "upstream-decay", "upstream-interaction", or "upstream" (both, alternating)
   */
  source?: SourceName;
  /** importance sampling of rare detector processes (src/detector/biasing.ts); none by default */
  biasing?: Partial<Biasing>;
  /**
   * In run(), also compute the decay products' float columns (momentum, energy, production vertex)
   * for kaons decaying downstream of the last detector plane, which nothing sees. Default false:
   * they are left unwritten there (about 3/4 of the natural mix at 75 GeV/c) — every column the
   * simulation writes, and every random number, is the same either way. Upstream sources always
   * compute them (they move the decay upstream).
   */
  unseenKinematics?: boolean;
}

export class Simulator {
  readonly card: PeriodCard;
  readonly geo: Geometry;
  /** beam → decay */
  readonly generation: GenerationStage;
  /** the stages after generation, in order: source, transport, detector, trigger, reconstruction */
  readonly stages: readonly PipelineStage[];
  readonly generator: DecayGenerator;
  readonly transport: Transport;
  readonly detector: Detector;
  readonly trigger: Trigger;
  readonly reconstruction: Reconstruction;
  readonly mode: SimulationMode;
  /** the upstream background source, null for kaon decays in the beam */
  readonly upstream: UpstreamSource | null;
  /** run() leaves the decay products of kaons decaying at z ≥ zSkip without kinematics */
  readonly zSkip: number;

  constructor(opts: SimulationOptions) {
    const mode = opts.mode ?? "weighted";
    if (mode !== "weighted" && mode !== "sample")
      throw new RangeError(`--mode: expected weighted or sample, got "${mode}"`);
    this.mode = mode;
    this.card = loadPeriod(opts.period, opts.card ?? []);
    if (this.card.mode !== "kaon") {
      throw new RangeError(
        `--period: ${opts.period} is a beam-dump card; K⁺ decays need a kaon-mode period (${"2018-S2"}, …)`,
      );
    }
    this.geo = geometry();
    const source = opts.source ?? "kaon";
    if (source !== "kaon" && opts.zRange) {
      throw new RangeError(
        `--z-range: not used with the ${source} source (the vertex is placed upstream of GTK3)`,
      );
    }
    const bias: Biasing = biasing(opts.biasing);
    this.generation = new GenerationStage(opts, this.card);
    const src = new SourceStage(source, this.card, this.generation, this.geo, bias);
    const transport = new TransportStage(this.geo, this.card, this.generation.generator.particles, bias);
    const detector = new DetectorStage(this.card, this.geo, bias);
    const trigger = new TriggerStage(this.card);
    const reconstruction = new ReconstructionStage(this.card, this.geo, mode);
    this.stages = [src, transport, detector, trigger, reconstruction];
    this.generator = this.generation.generator;
    this.upstream = src.upstream;
    this.transport = transport.transport;
    this.detector = detector.detector;
    this.trigger = trigger.trigger;
    this.reconstruction = reconstruction.reconstruction;
    this.zSkip = this.upstream || opts.unseenKinematics ? Number.POSITIVE_INFINITY : this.transport.zLast;
    this.generation.zSkip = this.zSkip;
  }

  /** source, transport, detector, trigger and reconstruction of a filled EventBatch into r */
  simulateBatch(b: EventBatch, tb: TransportBatch, r: RecoBatch, s: ChainStreams): void {
    const n = b.size;
    r.reset(n);
    const io = { b, tb, r };
    for (const stage of this.stages) stage.process(io, 0, n, s);
  }

  /**
   * Generate and simulate `events` kaon decays of shard `shard`, handing each batch to `sink`
   * (the batches are reused: copy what you keep). The decay products of kaons decaying downstream
   * of the last detector plane have no kinematics in the batch unless `unseenKinematics` is set.
   */
  run(
    seed: number,
    shard: number,
    events: number,
    sink: (b: EventBatch, r: RecoBatch, firstEvent: number) => void,
    batchSize = SIM_BATCH,
  ): void {
    const s = chainStreams(seed, shard);
    const b = new EventBatch(batchSize);
    const tb = new TransportBatch(batchSize);
    const r = new RecoBatch(batchSize);
    for (let done = 0; done < events; ) {
      const n = Math.min(batchSize, events - done);
      this.generation.process(b, n, s);
      this.simulateBatch(b, tb, r, s);
      sink(b, r, done);
      done += n;
    }
  }
}

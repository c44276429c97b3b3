/**
 * Event generation: beam (kaon at GTK3 and decay vertex) → primary decay (one channel, or the
 * natural mix drawn by BR) → secondary decays, into an EventBatch.
 *
 * Weights (normalised to kaon decays): a single channel starts at its BR (1 for searched-for modes
 * with no BR), the mix at 1 (the BR enters through the draw); a forced z range multiplies by the
 * decay probability in the range, a forced π⁰ mode by its BR. So Σ weights / N generated is the
 * number of such decays per kaon decay (per kaon at GTK3 when the z range is forced).
 */
import { type K12Beam, KaonSource, k12Beam } from "../beam/k12.ts";
import { EventBatch } from "../core/batch.ts";
import { type ParticleOverrides, type ParticleTable, particleTable } from "../core/particles.ts";
import { AliasTable } from "../core/rng/samplers.ts";
import { stream } from "../core/rng/streams.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";
import { channelIdBound, findChannel, mixFractions } from "./catalogue.ts";
import type { ChannelGenerator, ChannelInfo } from "./channel.ts";
import { FinalStateRadiation } from "./fsr.ts";
import type { Pi0ModeName } from "./pi0.ts";
import { generatorFactory } from "./registry.ts";
import { SecondaryDecayer } from "./secondary.ts";

export const MIX = "mix";
/** shard of the throwaway stream of DecayGenerator's warm-up (never that of a real run: 2⁵³ − 1) */
const WARM_UP_SHARD = Number.MAX_SAFE_INTEGER;
const WARM_UP_ROUNDS = 150;
/** configurations already warmed up in this process (the JIT state is per function, not per object) */
const warmedUp = new Set<string>();
/** events per batch; part of the run definition (the mix groups channels per batch) */
export const DEFAULT_BATCH = 4096;

export interface GenerationOptions {
  /** a channel name, or "mix" for the natural K⁺ decay mix */
  channel: string;
  /** force the kaon decay into [zMin, zMax] (mm) */
  zRange?: [number, number] | null;
  /** hypothetical-particle settings, e.g. { "X.mass": 0.1 } */
  particles?: ParticleOverrides;
  beam?: Partial<K12Beam>;
  pi0Mode?: Pi0ModeName;
  /**
   * final-state radiation (fsr.ts) for the channels with one charged daughter; off by default.
   * On, it draws five numbers per event from its own stream ("fsr") after the primary decays, so
   * that the decays themselves are those of a run without it; off, nothing is drawn
   */
  fsr?: boolean;
}

/** the random streams of one shard */
export interface ShardStreams {
  beam: Xoshiro128;
  mix: Xoshiro128;
  decay: Xoshiro128;
  secondary: Xoshiro128;
  /** final-state radiation (drawn from only when GenerationOptions.fsr is on) */
  fsr: Xoshiro128;
}

export function shardStreams(seed: number, shard: number): ShardStreams {
  return {
    beam: stream(seed, shard, "beam"),
    mix: stream(seed, shard, "mix"),
    decay: stream(seed, shard, "decay"),
    secondary: stream(seed, shard, "secondary"),
    fsr: stream(seed, shard, "fsr"),
  };
}

export class DecayGenerator {
  readonly particles: ParticleTable;
  readonly source: KaonSource;
  readonly secondaries: SecondaryDecayer;
  /** the channels this generator produces (one, or all of the mix) */
  readonly channels: ChannelInfo[];
  /** generator per catalogue id (only those of `channels` are built) */
  private readonly gens: (ChannelGenerator | undefined)[];
  private readonly alias: AliasTable | null;
  private readonly startWeight: number;
  private counts: Int32Array;
  /** final-state radiation, when switched on */
  readonly fsr: FinalStateRadiation | null;

  constructor(opts: GenerationOptions) {
    this.particles = opts.particles ? particleTable().withOverrides(opts.particles) : particleTable();
    this.source = new KaonSource(k12Beam(opts.beam), this.particles, opts.zRange ?? null);
    this.secondaries = new SecondaryDecayer(this.particles, { pi0Mode: opts.pi0Mode });
    this.gens = new Array(channelIdBound());
    const ctx = { particles: this.particles };
    if (opts.channel === MIX) {
      const fr = mixFractions();
      this.channels = fr.map((f) => f.channel);
      this.alias = new AliasTable(fr.map((f) => f.br));
      this.startWeight = 1;
    } else {
      const c = findChannel(opts.channel);
      this.channels = [c];
      this.alias = null;
      this.startWeight = c.br ?? 1;
    }
    for (const c of this.channels) this.gens[c.id] = generatorFactory(c.generator)(c, ctx);
    this.counts = new Int32Array(this.channels.length);
    this.fsr = opts.fsr ? new FinalStateRadiation(this.particles, this.channels) : null;
    this.warmUp(opts);
  }

  /**
   * Run the stages on a throwaway four-event batch (its own random stream) until V8 has compiled
   * them with complete type feedback, once per process and configuration. Otherwise a stage whose
   * loop runs over a whole 4096-event batch is first compiled "on stack replacement" in the middle
   * of that loop, the regular compilation that follows lacks the feedback of the lines that ran
   * only in OSR code and deoptimizes at once, and V8 then enters the OSR code batch after batch
   * (there every value defined before the loop stays tagged and is checked at each iteration:
   * generation ~1.3× slower). 150 short rounds take ~20–50 ms and let V8 go through compile,
   * deoptimize, recompile while the calls are short. Only the channels of ≥ 1% of the events: the
   * rarer ones never run long loops.
   */
  private warmUp(opts: GenerationOptions): void {
    const key = `${this.channels.map((c) => c.id).join(",")}|${opts.zRange ? "z" : ""}|${opts.pi0Mode ?? ""}|${opts.fsr ? "fsr" : ""}`;
    if (warmedUp.has(key)) return;
    warmedUp.add(key);
    const n = 4;
    const b = new EventBatch(n);
    const s = shardStreams(0, WARM_UP_SHARD);
    const probs = this.alias?.probabilities;
    for (let r = 0; r < WARM_UP_ROUNDS; r++) {
      for (let k = 0; k < this.channels.length; k++) {
        if (probs && probs[k] < 0.01) continue;
        const id = this.channels[k].id;
        b.clear();
        b.size = n;
        b.weight.fill(this.startWeight, 0, n);
        b.channel.fill(id, 0, n);
        this.source.fill(b, 0, n, s.beam);
        this.gens[id]!.decay(b, 0, n, s.decay);
        this.secondaries.process(b, 0, n, s.secondary);
      }
      b.clear();
      this.fill(b, n, s);
    }
  }

  get isMix(): boolean {
    return this.alias !== null;
  }

  generator(id: number): ChannelGenerator | undefined {
    return this.gens[id];
  }

  /**
   * Fill `b` with n events (n ≤ capacity). In the mix, channels are drawn event by event and the
   * batch is then grouped by channel so that each generator runs over a contiguous block.
   *
   * zSkip: the float columns (mass, momentum, energy, production vertex) of the decay products of
   * events whose kaon decays at z ≥ zSkip may be left unwritten — the detector simulation passes
   * the z of its last plane, beyond which nothing is seen. Everything else is the same: the random
   * numbers drawn, the particles (pdg, status, parent, nParticles), the kaon, the vertex, the weight.
   */
  fill(b: EventBatch, n: number, rng: ShardStreams, zSkip = Number.POSITIVE_INFINITY): void {
    if (n > b.capacity) throw new RangeError(`fill: ${n} events exceed the batch capacity ${b.capacity}`);
    b.size = n;
    b.weight.fill(this.startWeight, 0, n);
    // channel assignment
    const counts = this.counts;
    if (this.alias) {
      counts.fill(0);
      this.alias.count(rng.mix, counts, n);
    } else {
      counts[0] = n;
    }
    let start = 0;
    for (let k = 0; k < this.channels.length; k++) {
      const c = counts[k];
      if (c > 0) b.channel.fill(this.channels[k].id, start, start + c);
      start += c;
    }
    // beam and kaon decay vertex
    this.source.fill(b, 0, n, rng.beam);
    // primary decays, channel by channel
    start = 0;
    for (let k = 0; k < this.channels.length; k++) {
      const c = counts[k];
      if (c > 0) this.gens[this.channels[k].id]!.decay(b, start, start + c, rng.decay, zSkip);
      start += c;
    }
    if (this.fsr) this.fsr.process(b, 0, n, rng.fsr, zSkip);
    this.secondaries.process(b, 0, n, rng.secondary, zSkip);
  }
}

/**
 * Generate `events` events of shard `shard` in batches, handing each filled batch to `sink`.
 * The batch is reused: the sink must copy what it keeps.
 */
export function generateShard(
  gen: DecayGenerator,
  seed: number,
  shard: number,
  events: number,
  sink: (b: EventBatch, firstEvent: number) => void,
  batchSize = DEFAULT_BATCH,
): void {
  const streams = shardStreams(seed, shard);
  const b = new EventBatch(batchSize);
  for (let done = 0; done < events; ) {
    const n = Math.min(batchSize, events - done);
    b.clear();
    gen.fill(b, n, streams);
    sink(b, done);
    done += n;
  }
}

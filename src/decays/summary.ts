/**
 * Generation summary: events and weights per channel, and for the mix the observed channel
 * fractions against the BR table with their binomial pulls.
 */
import type { EventBatch } from "../core/batch.ts";
import { channelIdBound } from "./catalogue.ts";
import type { DecayGenerator } from "./generator.ts";

interface ChannelSummary {
  channel: string;
  events: number;
  sumWeights: number;
  fraction: number;
  expected: number;
  /** (observed − expected)/σ_binomial */
  pull: number;
}

interface GenerationSummary {
  events: number;
  particles: number;
  sumWeights: number;
  channels: ChannelSummary[];
}

export class SummaryCollector {
  private readonly counts: Float64Array;
  private readonly weights: Float64Array;
  events = 0;
  particles = 0;

  constructor() {
    const n = channelIdBound();
    this.counts = new Float64Array(n);
    this.weights = new Float64Array(n);
  }

  add(b: EventBatch): void {
    for (let i = 0; i < b.size; i++) {
      this.counts[b.channel[i]]++;
      this.weights[b.channel[i]] += b.weight[i];
      this.particles += b.nParticles[i];
    }
    this.events += b.size;
  }

  summary(gen: DecayGenerator, expectedFractions: Map<number, number>): GenerationSummary {
    const channels: ChannelSummary[] = [];
    let sw = 0;
    for (const c of gen.channels) {
      const n = this.counts[c.id];
      const f = this.events > 0 ? n / this.events : 0;
      const p = expectedFractions.get(c.id) ?? 1;
      const sigma = Math.sqrt((p * (1 - p)) / Math.max(1, this.events));
      sw += this.weights[c.id];
      channels.push({
        channel: c.name,
        events: n,
        sumWeights: this.weights[c.id],
        fraction: f,
        expected: p,
        pull: sigma > 0 ? (f - p) / sigma : 0,
      });
    }
    return { events: this.events, particles: this.particles, sumWeights: sw, channels };
  }
}

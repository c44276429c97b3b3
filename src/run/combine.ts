/**
 * The exact, ordered sum of shard results, one shard at a time (so merging 10⁴ shards needs the
 * memory of two): events, counters and typed arrays add element by element, histograms add bin by
 * bin (same binning required), a histogram present in some shards only is taken from those; `extra`
 * values are kept per shard. The order is the shard order, so the floating-point sums do not depend
 * on which shard finished first.
 */

import type { ShardResult } from "../analyses/job.ts";
import { addInto, cloneHist, type Hist } from "../io/histogram.ts";

export interface CombinedShards {
  total: ShardResult;
  /** `extra` of each shard, in shard order */
  extras: unknown[];
}

function cloneArray(a: Float64Array | Int32Array | number[]): Float64Array | Int32Array | number[] {
  return Array.isArray(a) ? [...a] : a.slice();
}

export class ShardCombiner {
  private total: ShardResult | null = null;
  private readonly extras: unknown[] = [];

  add(s: ShardResult): void {
    this.extras.push(s.extra);
    if (this.total === null) {
      const hists: Record<string, Hist> = {};
      for (const [k, h] of Object.entries(s.hists)) hists[k] = cloneHist(h);
      const arrays: Record<string, Float64Array | Int32Array | number[]> = {};
      for (const [k, a] of Object.entries(s.arrays ?? {})) arrays[k] = cloneArray(a);
      this.total = { events: s.events, counters: { ...s.counters }, hists, arrays };
      return;
    }
    const t = this.total;
    t.events += s.events;
    for (const [k, v] of Object.entries(s.counters)) t.counters[k] = (t.counters[k] ?? 0) + v;
    for (const [k, h] of Object.entries(s.hists)) {
      if (t.hists[k]) addInto(t.hists[k], h);
      else t.hists[k] = cloneHist(h);
    }
    for (const [k, a] of Object.entries(s.arrays ?? {})) {
      const dst = t.arrays![k];
      if (!dst) {
        t.arrays![k] = cloneArray(a);
        continue;
      }
      if (dst.length !== a.length)
        throw new Error(`combine: array ${k} has ${a.length} values, expected ${dst.length}`);
      for (let i = 0; i < a.length; i++) dst[i] += a[i];
    }
  }

  result(): CombinedShards {
    if (this.total === null) throw new Error("combine: no shards");
    return { total: this.total, extras: this.extras };
  }
}

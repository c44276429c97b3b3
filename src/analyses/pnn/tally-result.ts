/**
 * A period's tally in a shard result and back: counters and arrays under `period:sample:what`
 * keys, which add element-wise when shards merge. Shared by the πνν̄ job and the K⁺→π⁺X search,
 * which run the same samples through the same selection.
 */
import type { ShardResult } from "../job.ts";
import { PeriodTally, type SampleTally } from "./tally.ts";

const TALLY_ARRAYS = ["sel", "norm", "flow", "hKin", "hM2"] as const;
const TALLY_COUNTERS = ["nGen", "wGen", "wFv"] as const;

/** the shard-result key of one quantity of one sample of a period */
export const tallyKey = (period: string, sample: string, what: string) => `${period}:${sample}:${what}`;

/** one sample's counters and summed arrays into a shard result */
export function encodeSample(period: string, s: SampleTally, out: ShardResult): void {
  for (const c of TALLY_COUNTERS) out.counters[tallyKey(period, s.key, c)] = s[c];
  for (const a of TALLY_ARRAYS) out.arrays![tallyKey(period, s.key, a)] = s[a];
}

/** the tally of `period` for samples `keys` back from merged shard results (the cut-flow sumw2 when there) */
export function decodeTally(period: string, keys: readonly string[], total: ShardResult): PeriodTally {
  const t = new PeriodTally(period, keys);
  for (const s of t.samples) {
    for (const c of TALLY_COUNTERS) s[c] = total.counters[tallyKey(period, s.key, c)] ?? 0;
    for (const a of TALLY_ARRAYS) {
      const v = total.arrays?.[tallyKey(period, s.key, a)];
      if (v) s[a].set(v);
    }
    const v2 = total.arrays?.[tallyKey(period, s.key, "flow2")];
    if (v2) s.cutFlow.sumw2.set(v2);
  }
  return t;
}

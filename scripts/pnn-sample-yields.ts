/**
 * One shard of chosen K⁺→π⁺νν̄ samples in one period, run and turned into yields (the per-period
 * steps of the pnn job, src/analyses/pnn/job.ts, without its bookkeeping; upstream background not
 * renormalised): shared by the development scripts pnn-probe.ts and pnn-3pi-study.ts.
 */
import { kaonFlux, type PnnPeriod, selectionFor } from "../src/analyses/pnn/conditions.ts";
import { RegionClassifier } from "../src/analyses/pnn/regions.ts";
import type { SampleSpec } from "../src/analyses/pnn/samples.ts";
import { runPeriodShard } from "../src/analyses/pnn/shard.ts";
import { computeYields, type PeriodYields } from "../src/analyses/pnn/yields.ts";
import { loadPeriod } from "../src/detector/card.ts";

export function sampleYields(
  period: PnnPeriod,
  seed: number,
  events: number,
  samples: SampleSpec[],
  selection: Record<string, number | string | number[]>,
  card: string[],
): PeriodYields {
  const tally = runPeriodShard(period, seed, 0, events, {
    samples,
    zRange: [102500, 180000],
    selection,
    card,
  });
  const sel = selectionFor(period, selection);
  return computeYields({
    period,
    tally,
    samples,
    classifier: new RegionClassifier(sel.params),
    kaonDecays: kaonFlux(period).value,
    downscale: loadPeriod(period, card).trigger.downscale.control,
    brSM: 8.4e-11,
    upstreamNorm: 1,
  });
}

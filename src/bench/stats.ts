/**
 * Statistics benchmark: CLs upper limits at 90% CL with their ±1σ/±2σ expected bands for one
 * counting bin (n = 3 over b = 1.612, NA62 2016+2017), by the three calculators:
 *  - exact (no nuisance; Poisson enumeration), target ≤ 1 ms;
 *  - toys with a background uncertainty (±0.3, gamma constraint), 10⁴ pseudo-experiments per
 *    hypothesis and scan point, one thread, hybrid (the counting-model default) and frequentist
 *    toys, target ≤ 0.5 s (pyhf: ~21 s with 10³ toys per point);
 *  - asymptotic (same model; approximate), target ≤ 5 ms (pyhf: ~0.1 s);
 *  - for reference, the toy UL with a lognormal (normsys) background constraint and frequentist
 *    toys: its auxiliary data are continuous, so no two toys repeat a data set and every toy is
 *    fitted (the gamma model's toys repeat their integer (n, m) and reuse their fits).
 *  - pyhf scaling: a workspace with one nuisance parameter per bin (src/stats/pyhf/synthetic.ts;
 *    2000 bins, 2004 parameters; 500 with --quick), CLs at μ = 1 and the asymptotic upper limit
 *    with its band, as `kaonlab stats pyhf` computes them; target ≤ 60 s (one run).
 * Each figure is the best of several runs (the machine is shared).
 */
import { buildCountingSpec, singleBinModel } from "../stats/counting.ts";
import { asymptoticLimit, exactLimit, toyLimit } from "../stats/limits.ts";
import { LikelihoodModel } from "../stats/model.ts";
import { evaluatePyhf } from "../stats/pyhf/evaluate.ts";
import { bigWorkspace } from "../stats/pyhf/synthetic.ts";
import type { BenchSection } from "./section.ts";

const TARGET_EXACT_MS = 1;
const TARGET_TOYS_MS = 500;
const TARGET_ASYMPTOTIC_MS = 5;
const TARGET_PYHF_SCALE_S = 60;

function bestMs(fn: () => void, repeats: number, inner: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    best = Math.min(best, (performance.now() - t0) / inner);
  }
  return best;
}

export const statsBench: BenchSection = {
  name: "stats",
  description: "CLs upper limits with expected bands: exact, toys (10⁴ per scan point), asymptotic",
  async run(opts) {
    const n = 3;
    const b = 1.612;
    const exactMs = bestMs(() => exactLimit(n, b, 0.9), 5, opts.quick ? 20 : 200);
    opts.log(`stats exact UL: ${exactMs.toFixed(4)} ms`);

    const model = new LikelihoodModel(
      buildCountingSpec(
        singleBinModel({ nObs: n, background: b, backgroundUnc: 0.3, backgroundConstraint: "gamma" }),
      ),
    );
    const data = model.observedData();
    const asymMs = bestMs(() => asymptoticLimit(model, data, 0.9), 5, opts.quick ? 5 : 50);
    opts.log(`stats asymptotic UL: ${asymMs.toFixed(3)} ms`);

    const nToys = 10000;
    const lognormal = new LikelihoodModel(
      buildCountingSpec(
        singleBinModel({ nObs: n, background: b, backgroundUnc: 0.3, backgroundConstraint: "lognormal" }),
      ),
    );
    const toys = async (mode: "hybrid" | "frequentist", m = model) => {
      let ms = Number.POSITIVE_INFINITY;
      let points = 0;
      let ul = Number.NaN;
      for (let r = 0; r < (opts.quick ? 1 : 4); r++) {
        const t0 = performance.now();
        const res = await toyLimit(m, m.observedData(), 0.9, { nToys, seed: 1, workers: 1, mode });
        ms = Math.min(ms, performance.now() - t0);
        points = res.scan?.length ?? 0;
        ul = res.upperLimit;
      }
      const label = m === model ? mode : `${mode}, lognormal`;
      opts.log(`stats toy UL, ${label} (${nToys} toys per point, ${points} points): ${ms.toFixed(0)} ms`);
      return { ms, points, ul };
    };
    const hybrid = await toys("hybrid");
    const freq = await toys("frequentist");
    const logn = await toys("frequentist", lognormal);
    const scaleBins = opts.quick ? 500 : 2000;
    const t0 = performance.now();
    const big = await evaluatePyhf(bigWorkspace(scaleBins));
    const scaleS = (performance.now() - t0) / 1000;
    opts.log(
      `stats pyhf, ${scaleBins + 4} parameters (one per bin): CLs and asymptotic UL with band in ${scaleS.toFixed(1)} s`,
    );
    return {
      model:
        "one bin, n = 3, b = 1.612 (toys, asymptotic: ±0.3 gamma constraint), 90% CL, with ±1σ/±2σ bands",
      exactUpperLimitMs: exactMs,
      exactRatioToTarget: exactMs / TARGET_EXACT_MS,
      toyUpperLimitMs: hybrid.ms,
      toyRatioToTarget: hybrid.ms / TARGET_TOYS_MS,
      toyUpperLimitFrequentistMs: freq.ms,
      toyFrequentistRatioToTarget: freq.ms / TARGET_TOYS_MS,
      toyUpperLimitLognormalFrequentistMs: logn.ms,
      toysPerScanPoint: nToys,
      toyScanPoints: { hybrid: hybrid.points, frequentist: freq.points, lognormalFrequentist: logn.points },
      toyUpperLimit: { hybrid: hybrid.ul, frequentist: freq.ul, lognormalFrequentist: logn.ul },
      asymptoticUpperLimitMs: asymMs,
      asymptoticRatioToTarget: asymMs / TARGET_ASYMPTOTIC_MS,
      targetsMs: { exact: TARGET_EXACT_MS, toys: TARGET_TOYS_MS, asymptotic: TARGET_ASYMPTOTIC_MS },
      pyhfScale: {
        parameters: scaleBins + 4,
        seconds: scaleS,
        ratioToTarget: scaleS / TARGET_PYHF_SCALE_S,
        targetSeconds: TARGET_PYHF_SCALE_S,
        cls: big.cls,
        upperLimit: big.upperLimit,
      },
    };
  },
};

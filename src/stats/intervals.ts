/**
 * Best fit and confidence intervals for the parameter of interest:
 *  - profile likelihood: {μ ≥ 0 : 2[−ln L(μ, θ̂̂) + ln L(μ̂, θ̂)] ≤ χ²₁(CL)}, μ̂ bounded at 0 (the
 *    interval then starts at 0 when μ = 0 is inside, as NA62 quotes 0.48 +0.72 −0.48);
 *  - Feldman–Cousins (Phys. Rev. D 57 (1998) 3873): exact Neyman construction for one bin with a
 *    known background; with nuisance parameters or several categories, the profile construction
 *    with toys at (μ, θ̂̂μ) (K. Cranmer, PHYSTAT 2005; the t̃μ ordering of FC).
 */
import { feldmanCousins } from "./exact.ts";
import { Fitter, keep } from "./fit.ts";
import type { Dataset, LikelihoodModel } from "./model.ts";
import { bracketUp, findRoot } from "./roots.ts";
import { chi2Quantile1 } from "./special.ts";
import { ToyCalculator, type ToyOptions } from "./toys.ts";

export interface IntervalResult {
  bestFit: number;
  interval: [number, number];
  cl: number;
  method: "profile" | "fc-exact" | "fc-toys";
}

/** profile-likelihood best fit and interval */
export function profileInterval(model: LikelihoodModel, data: Dataset, cl = 0.6827): IntervalResult {
  if (!(cl > 0 && cl < 1)) throw new RangeError(`--cl: expected a level in (0, 1), got ${cl}`);
  const fitter = new Fitter(model);
  const free = keep(fitter.fitFree(data));
  const muHat = free.pars[model.poi];
  const c = chi2Quantile1(cl);
  const f = (mu: number) => fitter.tmu(mu, data, free.nll, free.pars) - c;
  const lo = muHat <= 0 || f(0) <= 0 ? 0 : findRoot(f, 0, muHat, 1e-10);
  const hiStart = Math.max(muHat * 1.5, muHat + 1);
  const hi = findRoot(f, muHat, bracketUp(f, muHat, hiStart), 1e-10);
  return { bestFit: muHat, interval: [lo, hi], cl, method: "profile" };
}

/** Feldman–Cousins interval: exact for one bin without nuisances, toys otherwise */
export async function fcInterval(
  model: LikelihoodModel,
  data: Dataset,
  cl: number,
  opts: ToyOptions & { exact?: { n: number; b: number; scale: number }; points?: number },
): Promise<IntervalResult> {
  const prof = profileInterval(model, data, cl);
  if (opts.exact) {
    const [lo, hi] = feldmanCousins(opts.exact.n, opts.exact.b, cl);
    return {
      bestFit: prof.bestFit,
      interval: [lo * opts.exact.scale, hi * opts.exact.scale],
      cl,
      method: "fc-exact",
    };
  }
  const calc = new ToyCalculator(model, data, opts);
  const K = opts.points ?? 24;
  const top = prof.interval[1] * 1.6 + 0.5;
  const mus = Array.from({ length: K }, (_, i) => (top * i) / (K - 1));
  const acc = await calc.fcAccepted(mus, cl);
  const inside = mus.filter((_, i) => acc[i]);
  if (inside.length === 0) return { ...prof, method: "fc-toys" };
  // refine each edge by bisection between the last rejected and first accepted grid points
  const refine = async (a: number, b: number) => {
    // a accepted, b rejected
    for (let i = 0; i < 4; i++) {
      const mid = 0.5 * (a + b);
      const [ok] = await calc.fcAccepted([mid], cl);
      if (ok) a = mid;
      else b = mid;
    }
    return 0.5 * (a + b);
  };
  const iFirst = acc.indexOf(true);
  const iLast = acc.lastIndexOf(true);
  const lo = iFirst === 0 ? 0 : await refine(mus[iFirst], mus[iFirst - 1]);
  const hi = iLast === K - 1 ? mus[K - 1] : await refine(mus[iLast], mus[iLast + 1]);
  return { bestFit: prof.bestFit, interval: [lo, hi], cl, method: "fc-toys" };
}

/**
 * What NA62's observed candidates would say with kaonlab's sensitivities and backgrounds: a
 * counting likelihood with one category per period (the stats engine, src/stats), the observed
 * counts of published.json, our SES and background with their MC statistical uncertainties
 * (log-normal constraints), and the BR best fit with its 68% CL profile-likelihood interval and the
 * background-only significance (asymptotic, labelled approximate). NA62 fits categories of
 * momentum bins, so its significance (3.4σ for Run 1) is lower than a per-period model gives
 * (docs/stats.md); the point here is the comparison at equal method, printed beside NA62's values.
 */
import { AsymptoticCalculator } from "../../stats/asymptotic.ts";
import { buildCountingSpec, type Category, combinedSes, parseCountingModel } from "../../stats/counting.ts";
import { profileInterval } from "../../stats/intervals.ts";
import { LikelihoodModel } from "../../stats/model.ts";
import { publishedFigures } from "./conditions.ts";
import type { PeriodYields } from "./yields.ts";

export interface ObservedInference {
  periods: string[];
  observed: number[];
  /** combined SES 1/Σ(1/SESᵢ) */
  ses: number;
  background: number;
  brBestFit: number;
  /** 68.27% CL profile-likelihood interval */
  brInterval: [number, number];
  significance: number;
  pValue: number;
  method: "profile likelihood, asymptotic significance";
  approximate: true;
}

/** null when a period has no published observed count or no sensitivity */
export function inferFromObserved(parts: PeriodYields[]): ObservedInference | null {
  const cats: Category[] = [];
  for (const p of parts) {
    const obs = publishedFigures(p.period).observed?.value;
    if (obs === undefined || !(Number.isFinite(p.ses) && p.ses > 0)) return null;
    const b = Math.max(p.expected.background.total, 1e-9);
    cats.push({
      name: p.period,
      nObs: obs,
      background: b,
      backgroundUnc: Math.min(p.uncertainty.expected.background.total, 0.99 * b),
      ses: p.ses,
      sesUnc: Math.min(p.uncertainty.ses, 0.99 * p.ses),
    });
  }
  const model = parseCountingModel({ categories: cats });
  const lm = new LikelihoodModel(buildCountingSpec(model));
  const data = lm.observedData();
  const iv = profileInterval(lm, data, 0.6827);
  const d = new AsymptoticCalculator(lm, data).discovery();
  const ses = combinedSes(model)!;
  return {
    periods: parts.map((p) => p.period),
    observed: cats.map((c) => c.nObs),
    ses,
    background: cats.reduce((s, c) => s + (c.background as number), 0),
    brBestFit: iv.bestFit * ses,
    brInterval: [iv.interval[0] * ses, iv.interval[1] * ses],
    significance: d.significance,
    pValue: d.pValue,
    method: "profile likelihood, asymptotic significance",
    approximate: true,
  };
}

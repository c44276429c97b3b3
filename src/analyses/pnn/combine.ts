/**
 * Combination of periods (Run 1 = 2016 + 2017 + 2018-S1 + 2018-S2): the sensitivities add as
 * 1/SES = Σ 1/SES_i, expected signal and backgrounds add, uncertainties add in quadrature (the MC
 * samples of different periods are independent). Acceptances and efficiencies of the combination
 * are exposure-weighted means: A = Σ N_K,i·A_i / Σ N_K,i, ε_trig weighted by N_K·A, ε_RV by
 * N_K·A·ε_trig; N_ππ adds.
 */
import { BACKGROUND_SOURCES } from "./samples.ts";
import type { BackgroundFigures, PeriodYields, PnnFigures } from "./yields.ts";

export interface CombinedYields extends PnnFigures {
  period: string;
  kaonDecays: number;
  brSM: number;
  uncertainty: PnnFigures;
  categories: PeriodYields["categories"];
  regions: PeriodYields["regions"];
  components: PeriodYields[];
}

const KEYS = [...BACKGROUND_SOURCES, "total"] as const;

export function combinePeriods(name: string, parts: PeriodYields[]): CombinedYields {
  if (parts.length === 0) throw new RangeError(`combine ${name}: no periods`);
  const nK = parts.reduce((s, p) => s + p.kaonDecays, 0);
  const wA = parts.reduce((s, p) => s + p.kaonDecays * p.acceptance.pinunu, 0);
  const wAT = parts.reduce((s, p) => s + p.kaonDecays * p.acceptance.pinunu * p.efficiency.trigger, 0);
  const mean = (f: (p: PeriodYields) => number, w: (p: PeriodYields) => number, norm: number) =>
    norm > 0 ? parts.reduce((s, p) => s + w(p) * f(p), 0) / norm : 0;
  const quad = (f: (p: PeriodYields) => number) => Math.sqrt(parts.reduce((s, p) => s + f(p) ** 2, 0));
  const invSes = parts.reduce((s, p) => s + (Number.isFinite(p.ses) && p.ses > 0 ? 1 / p.ses : 0), 0);
  const ses = invSes > 0 ? 1 / invSes : Number.POSITIVE_INFINITY;
  // σ(SES)/SES = σ(1/SES)/(1/SES), σ(1/SES_i) = σ(SES_i)/SES_i²
  const uInv = Math.sqrt(
    parts.reduce((s, p) => s + (p.ses > 0 ? p.uncertainty.ses / p.ses ** 2 : 0) ** 2, 0),
  );
  const background = {} as BackgroundFigures;
  const uBackground = {} as BackgroundFigures;
  for (const k of KEYS) {
    background[k] = parts.reduce((s, p) => s + p.expected.background[k], 0);
    uBackground[k] = quad((p) => p.uncertainty.expected.background[k]);
  }
  const brSM = parts[0].brSM;
  return {
    period: name,
    kaonDecays: nK,
    brSM,
    acceptance: {
      pipi: mean(
        (p) => p.acceptance.pipi,
        (p) => p.kaonDecays,
        nK,
      ),
      pinunu: wA / nK,
    },
    efficiency: {
      trigger: mean(
        (p) => p.efficiency.trigger,
        (p) => p.kaonDecays * p.acceptance.pinunu,
        wA,
      ),
      randomVeto: mean(
        (p) => p.efficiency.randomVeto,
        (p) => p.kaonDecays * p.acceptance.pinunu * p.efficiency.trigger,
        wAT,
      ),
    },
    nPiPi: parts.reduce((s, p) => s + p.nPiPi, 0),
    ses,
    expected: { signal: parts.reduce((s, p) => s + p.expected.signal, 0), background },
    uncertainty: {
      acceptance: {
        pipi: nK > 0 ? quad((p) => (p.kaonDecays * p.uncertainty.acceptance.pipi) / nK) : 0,
        pinunu: nK > 0 ? quad((p) => (p.kaonDecays * p.uncertainty.acceptance.pinunu) / nK) : 0,
      },
      efficiency: {
        trigger:
          wA > 0
            ? quad((p) => (p.kaonDecays * p.acceptance.pinunu * p.uncertainty.efficiency.trigger) / wA)
            : 0,
        randomVeto:
          wAT > 0
            ? quad(
                (p) =>
                  (p.kaonDecays *
                    p.acceptance.pinunu *
                    p.efficiency.trigger *
                    p.uncertainty.efficiency.randomVeto) /
                  wAT,
              )
            : 0,
      },
      nPiPi: quad((p) => p.uncertainty.nPiPi),
      ses: Number.isFinite(ses) ? uInv * ses * ses : 0,
      expected: { signal: quad((p) => p.uncertainty.expected.signal), background: uBackground },
    },
    categories: parts.flatMap((p) => p.categories),
    regions: parts[0].regions.map((r, i) => {
      const bg = {} as BackgroundFigures;
      for (const k of KEYS) bg[k] = parts.reduce((s, p) => s + p.regions[i].background[k], 0);
      return { region: r.region, signal: parts.reduce((s, p) => s + p.regions[i].signal, 0), background: bg };
    }),
    components: parts,
  };
}

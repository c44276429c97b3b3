/**
 * From merged tallies to NA62's figures: acceptances, trigger and random-veto efficiencies, the
 * predicted number of normalisation events, the single-event sensitivity by the SES formula of [NA62-EQCD2024-talk],
 * the expected SM signal and the backgrounds by source, per (region, momentum bin) category and in
 * total, each with its MC statistical uncertainty.
 *
 *   A_πνν = Σ_R1,R2 w·a / Σ_FV w (signal sample)     A_ππ = Σ_ππ w·a·pid·trig_ctrl / Σ_FV w (π⁺π⁰)
 *   ε_trig = Σ w·a·trig / Σ w·a                      ε_RV = Σ w·a·rv / Σ w·a
 *   N_ππ = N_K·BR(π⁺π⁰)·A_ππ / D
 *   SES = BR(π⁺π⁰)·A_ππ / (D·N_ππ·A_πνν·ε_RV·ε_trig)  (= 1/(N_K·A_πνν·ε_trig·ε_RV))
 *   N_sig = BR_SM / SES,  N_bkg(sample) = N_K·BR·Σ_sel w·a·trig·rv / Σ_FV w
 */
import { findChannel } from "../../decays/catalogue.ts";
import { MAX_BINS, N_REGIONS, REGION_NAMES, Region, type RegionClassifier } from "./regions.ts";
import { BACKGROUND_SOURCES, type BackgroundSource, type SampleSpec } from "./samples.ts";
import { NQN, type PeriodTally, Q, type SampleTally } from "./tally.ts";

export type BackgroundFigures = Record<BackgroundSource | "total", number>;

export interface PnnFigures {
  acceptance: { pipi: number; pinunu: number };
  efficiency: { trigger: number; randomVeto: number };
  nPiPi: number;
  ses: number;
  expected: { signal: number; background: BackgroundFigures };
}

export interface PnnCategory {
  period: string;
  region: "R1" | "R2";
  pMin: number;
  pMax: number;
  signal: number;
  background: BackgroundFigures;
  uncertainty: { signal: number; background: BackgroundFigures };
  /**
   * per source (and the total): the share of its expected events carried by the single simulated
   * event with the largest weight (0 for an empty source); above ½ the MC estimate is one event
   */
  maxEventShare: BackgroundFigures;
}

/** a category's MC estimate counts as dominated by one event above this share */
export const SINGLE_EVENT_SHARE = 0.5;

export interface RegionYield {
  region: string;
  signal: number;
  background: BackgroundFigures;
}

export interface PeriodYields extends PnnFigures, SampleNormalisation {
  period: string;
  /** K⁺ decays in the fiducial volume (the period's exposure) */
  kaonDecays: number;
  downscale: number;
  brSM: number;
  brPiPi: number;
  uncertainty: PnnFigures;
  categories: PnnCategory[];
  /** expected events after the full selection in every kinematic region (control regions included) */
  regions: RegionYield[];
}

export interface YieldInputs {
  period: string;
  tally: PeriodTally;
  samples: readonly SampleSpec[];
  classifier: RegionClassifier;
  kaonDecays: number;
  downscale: number;
  brSM: number;
  /**
   * normalisation of the upstream source relative to the detector's model (selection.json
   * upstream.normalisation, calibrated on 2018-S2); 1 by default
   */
  upstreamNorm?: number;
}

/** what turns a sample's selected weight into expected events at the period's exposure */
export interface SampleNormalisation {
  kaonDecays: number;
  brSM: number;
  /** kaons reaching GTK3 for N_K decays in the fiducial volume: N_K / P(decay in FV) */
  kaonsAtGtk3: number;
  upstreamNorm: number;
}

const zeroBackground = (): BackgroundFigures => {
  const b = {} as BackgroundFigures;
  for (const s of BACKGROUND_SOURCES) b[s] = 0;
  b.total = 0;
  return b;
};

function ratio(a: number, b: number): number {
  return b > 0 ? a / b : 0;
}

/** binomial-like uncertainty of an efficiency Σw·x/Σw from weighted sums (effective entries) */
function effError(eff: number, sumW: number, sumW2: number): number {
  if (!(sumW > 0) || !(sumW2 > 0)) return 0;
  const nEff = (sumW * sumW) / sumW2;
  return Math.sqrt(Math.max(eff * (1 - eff), 0) / nEff);
}

/** expected events per unit of selected weight of a sample at the period's exposure */
export function sampleScale(spec: SampleSpec, t: SampleTally, inp: SampleNormalisation): number {
  // the upstream sources are weighted per kaon reaching GTK3 (src/detector/upstream.ts)
  if (spec.kind !== "kaon") return t.nGen > 0 ? (inp.kaonsAtGtk3 * inp.upstreamNorm) / t.nGen : 0;
  if (!(t.wFv > 0)) return 0;
  const br = spec.signal ? inp.brSM : (findChannel(spec.channel).br ?? 0);
  return (inp.kaonDecays * br) / t.wFv;
}

export function computeYields(inp: YieldInputs): PeriodYields {
  const { tally, samples, classifier } = inp;
  const sig = samples.find((s) => s.signal);
  const nrm = samples.find((s) => s.normalisation);
  if (!sig || !nrm) throw new Error("the sample plan needs a signal and a normalisation sample");
  const ts = tally.sample(sig.key);
  const tn = tally.sample(nrm.key);
  const brPiPi = findChannel(nrm.channel).br ?? 0;

  // ---- signal acceptance and efficiencies (R1 + R2)
  let sA = 0;
  let sA2 = 0;
  let sAT = 0;
  let sAR = 0;
  let sF = 0;
  for (const r of [Region.R1, Region.R2]) {
    sA += ts.regionSum(r, Q.A);
    sA2 += ts.regionSum(r, Q.A2);
    sAT += ts.regionSum(r, Q.AT);
    sAR += ts.regionSum(r, Q.AR);
    sF += ts.regionSum(r, Q.F);
  }
  const aPinunu = ratio(sA, ts.wFv);
  const effTrig = ratio(sAT, sA);
  const effRV = ratio(sAR, sA);
  // ---- normalisation
  let nW = 0;
  let nW2 = 0;
  for (let b = 0; b < MAX_BINS; b++) {
    nW += tn.norm[b * NQN];
    nW2 += tn.norm[b * NQN + 1];
  }
  const aPipi = ratio(nW, tn.wFv);
  const D = inp.downscale;
  const nPiPi = (inp.kaonDecays * brPiPi * aPipi) / D;
  const denom = D * nPiPi * aPinunu * effRV * effTrig;
  const ses = denom > 0 ? (brPiPi * aPipi) / denom : Number.POSITIVE_INFINITY;
  const nSig = Number.isFinite(ses) ? inp.brSM / ses : 0;

  // ---- uncertainties of the signal figures
  const uAPinunu = ts.wFv > 0 ? Math.sqrt(sA2) / ts.wFv : 0;
  const uAPipi = tn.wFv > 0 ? Math.sqrt(nW2) / tn.wFv : 0;
  const uTrig = effError(effTrig, sA, sA2);
  const uRV = effError(effRV, sA, sA2);
  const relSes = Math.sqrt(
    (ratio(uAPinunu, aPinunu) ** 2 || 0) + (ratio(uTrig, effTrig) ** 2 || 0) + (ratio(uRV, effRV) ** 2 || 0),
  );

  // ---- backgrounds: per sample scale, per category
  const nb = classifier.nBins;
  // P(decay in the FV) per kaon at GTK3, from the signal sample: its weights are BR × P(z range)
  const brSigGen = findChannel(sig.channel).br ?? 1;
  const pFv = ts.nGen > 0 ? ts.wFv / (ts.nGen * brSigGen) : 0;
  const norm: SampleNormalisation = {
    kaonDecays: inp.kaonDecays,
    brSM: inp.brSM,
    kaonsAtGtk3: pFv > 0 ? inp.kaonDecays / pFv : 0,
    upstreamNorm: inp.upstreamNorm ?? 1,
  };
  const scales = samples.map((s) => sampleScale(s, tally.sample(s.key), norm));
  const background = zeroBackground();
  const bVar = zeroBackground();
  const regions: RegionYield[] = [];
  for (let r = 0; r < N_REGIONS; r++) {
    const bg = zeroBackground();
    let sigR = 0;
    samples.forEach((s, k) => {
      const t = tally.sample(s.key);
      const v = scales[k] * t.regionSum(r, Q.F);
      if (s.signal) sigR += ratio(t.regionSum(r, Q.F), sF) * nSig;
      else if (s.background) {
        bg[s.background] += v;
        bg.total += v;
      }
    });
    regions.push({ region: REGION_NAMES[r], signal: sigR, background: bg });
  }
  const categories: PnnCategory[] = [];
  for (const r of [Region.R1, Region.R2]) {
    const pLimit = r === Region.R1 ? classifier.pMaxR1 : classifier.pMaxR2;
    for (let b = 0; b < nb; b++) {
      const [pMin, pMax] = classifier.binRange(b);
      // a region closed in this bin (R1 above 35 GeV/c) is not a category
      if (pMin >= pLimit) continue;
      const bg = zeroBackground();
      const bgVar = zeroBackground();
      const bgMax = zeroBackground();
      let sigC = 0;
      let sigVar = 0;
      samples.forEach((s, k) => {
        const t = tally.sample(s.key);
        const f = t.get(r, b, Q.F);
        const f2 = t.get(r, b, Q.F2);
        if (s.signal) {
          sigC = ratio(f, sF) * nSig;
          sigVar = nSig > 0 && sF > 0 ? f2 * (nSig / sF) ** 2 : 0;
        } else if (s.background) {
          const v = scales[k] * f;
          const v2 = scales[k] * scales[k] * f2;
          bg[s.background] += v;
          bg.total += v;
          bgVar[s.background] += v2;
          bgVar.total += v2;
          const top = scales[k] * t.fMax[r * MAX_BINS + b];
          if (top > bgMax[s.background]) bgMax[s.background] = top;
          if (top > bgMax.total) bgMax.total = top;
        }
      });
      for (const key of [...BACKGROUND_SOURCES, "total"] as const) {
        background[key] += bg[key];
        bVar[key] += bgVar[key];
      }
      const unc = { signal: Math.sqrt(sigVar), background: mapFigures(bgVar, Math.sqrt) };
      categories.push({
        period: inp.period,
        region: r === Region.R1 ? "R1" : "R2",
        pMin,
        pMax,
        signal: sigC,
        background: bg,
        uncertainty: unc,
        maxEventShare: mapFigures(bgMax, (x) => x),
      });
      const share = categories[categories.length - 1].maxEventShare;
      for (const key of [...BACKGROUND_SOURCES, "total"] as const)
        share[key] = bg[key] > 0 ? Math.min(1, bgMax[key] / bg[key]) : 0;
    }
  }

  const figures: PnnFigures = {
    acceptance: { pipi: aPipi, pinunu: aPinunu },
    efficiency: { trigger: effTrig, randomVeto: effRV },
    nPiPi,
    ses,
    expected: { signal: nSig, background },
  };
  const uncertainty: PnnFigures = {
    acceptance: { pipi: uAPipi, pinunu: uAPinunu },
    efficiency: { trigger: uTrig, randomVeto: uRV },
    nPiPi: nPiPi * ratio(uAPipi, aPipi),
    ses: Number.isFinite(ses) ? ses * relSes : 0,
    expected: { signal: nSig * relSes, background: mapFigures(bVar, Math.sqrt) },
  };
  return {
    period: inp.period,
    ...norm,
    downscale: D,
    brSM: inp.brSM,
    brPiPi,
    ...figures,
    uncertainty,
    categories,
    regions,
  };
}

export function mapFigures(b: BackgroundFigures, f: (x: number) => number): BackgroundFigures {
  const out = {} as BackgroundFigures;
  for (const [k, v] of Object.entries(b)) out[k as keyof BackgroundFigures] = f(v);
  return out;
}

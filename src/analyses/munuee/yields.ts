/**
 * From the merged tallies to the figures of the K⁺→μ⁻νe⁺e⁺ search:
 *
 *  - acceptances per decay in the FV: A = Σw(selected)/W_FV (signal and K⁺→π⁺e⁺e⁻);
 *  - the kaons reaching GTK3 behind N_K: every sample's weights are per kaon at GTK3 (a kaon
 *    sample's are BR × P(decay in the z range) [× a forced π⁰ mode's BR], an upstream sample's
 *    BR × P(decay upstream)), so with P_FV = W_FV/n_gen of the signal sample (its BR is 1),
 *    N_K,GTK3 = N_K/P_FV and a sample's expected events are Σw · N_K,GTK3 / n_gen;
 *  - SES = 1/(N_K · A_sig), the CLs upper limit on the signal count for NA62's observed count and
 *    our expected background (for zero observed, −ln(0.1) = 2.30 whatever the background), and
 *    BR UL = s_up · SES;
 *  - an empty background cell is reported as 0 with the one-event sensitivity of its sample
 *    (the expected events of one selected MC event: the mean over its events selected in any region,
 *    else its mean generated weight) as its uncertainty.
 */
import { exactUpperLimit } from "../../stats/exact.ts";
import { BACKGROUNDS, type BackgroundKey, REGIONS, type Region } from "./conditions.ts";
import { COINCIDENCES, SAMPLES } from "./samples.ts";
import { NORM_CUTS, SIGNAL_CUTS, TALLY } from "./selection.ts";

export interface Cell {
  expected: number;
  error: number;
  /** Σw of the selected MC events (0: nothing selected) */
  selectedWeight: number;
  /** selected MC events count proxy: (Σw)²/Σw² (effective entries) */
  effectiveEntries: number;
}

export interface MunueeYields {
  kaonDecays: number;
  pFv: number;
  acceptance: { signal: number; signalError: number; normalisation: number; normalisationError: number };
  ses: number;
  sesError: number;
  signalUpperEvents: number;
  brUpperLimit: number;
  normalisationEvents: number;
  background: Record<BackgroundKey, Record<Region, Cell>>;
  /** the pile-up coincidences (samples.ts COINCIDENCES): not in NA62's table, so not in `total` */
  coincidence: Record<string, Record<Region, Cell>>;
  /** the modes of NA62's table */
  total: Record<Region, Cell>;
  /** the total with the coincidences */
  totalWithCoincidences: Record<Region, Cell>;
  /** the expected events per unit of selected weight of each sample */
  scales: Record<string, number>;
  /**
   * expected events one selected MC event of the sample stands for: the mean weight of its events
   * selected in any m²miss region, or, when none is, its mean generated weight
   */
  oneEvent: Record<string, number>;
}

const FV = 1;
const LAST_SIG = SIGNAL_CUTS.length - 1;
const LAST_NORM = NORM_CUTS.length - 1;

export function munueeYields(
  tallies: Record<string, ArrayLike<number>>,
  o: {
    kaonDecays: number;
    brNorm: number;
    observedSignal: number;
    cl: number;
    /** the pile-up factor per beam kaon (layer/coincidence.ts pileupFactor with P_z = 1); 0: none */
    pileupPerKaon?: number;
  },
): MunueeYields {
  const t = (key: string) => {
    const a = tallies[key];
    if (!a || a.length !== TALLY.length) throw new Error(`munuee: no tally for sample ${key}`);
    return a;
  };
  const sig = t("signal");
  const norm = t("piee");
  const wFvSig = sig[TALLY.sig + 2 * FV];
  const nGenSig = sig[TALLY.nGen];
  const pFv = nGenSig > 0 ? wFvSig / nGenSig : 0;
  const kaonsAtGtk3 = pFv > 0 ? o.kaonDecays / pFv : 0;
  const aSig = wFvSig > 0 ? sig[TALLY.sig + 2 * LAST_SIG] / wFvSig : 0;
  const aSigErr = wFvSig > 0 ? Math.sqrt(sig[TALLY.sig + 2 * LAST_SIG + 1]) / wFvSig : 0;
  const wFvNorm = norm[TALLY.norm + 2 * FV];
  const aNorm = wFvNorm > 0 ? norm[TALLY.norm + 2 * LAST_NORM] / wFvNorm : 0;
  const aNormErr = wFvNorm > 0 ? Math.sqrt(norm[TALLY.norm + 2 * LAST_NORM + 1]) / wFvNorm : 0;
  const ses = aSig > 0 && o.kaonDecays > 0 ? 1 / (o.kaonDecays * aSig) : Number.POSITIVE_INFINITY;
  const sesError = aSig > 0 ? (ses * aSigErr) / aSig : Number.NaN;

  const scales: Record<string, number> = {};
  const oneEvent: Record<string, number> = {};
  for (const s of SAMPLES) {
    const a = t(s.key);
    const nGen = a[TALLY.nGen];
    scales[s.key] = nGen > 0 ? kaonsAtGtk3 / nGen : 0;
    // the expected events one selected MC event stands for: the mean over the sample's events
    // selected in any region (their weights carry the identification probabilities), else the
    // mean generated weight
    const nSel = a[TALLY.nSel];
    let wSel = 0;
    for (let j = 0; j < REGIONS.length; j++) wSel += a[TALLY.region + 2 * j];
    oneEvent[s.key] =
      nSel > 0 ? (scales[s.key] * wSel) / nSel : nGen > 0 ? (scales[s.key] * a[TALLY.sig]) / nGen : 0;
  }
  const zero = (): Record<Region, Cell> => ({
    lower: { expected: 0, error: 0, selectedWeight: 0, effectiveEntries: 0 },
    signal: { expected: 0, error: 0, selectedWeight: 0, effectiveEntries: 0 },
    upper: { expected: 0, error: 0, selectedWeight: 0, effectiveEntries: 0 },
  });
  const background = {} as Record<BackgroundKey, Record<Region, Cell>>;
  for (const b of BACKGROUNDS) background[b] = zero();
  const total = zero();
  for (const s of SAMPLES) {
    if (s.role !== "background" || s.background === null) continue;
    const a = t(s.key);
    const sc = scales[s.key];
    REGIONS.forEach((rg, j) => {
      const w = a[TALLY.region + 2 * j];
      const w2 = a[TALLY.region + 2 * j + 1];
      const c = background[s.background as BackgroundKey][rg];
      c.selectedWeight += w;
      c.expected += w * sc;
      c.error = Math.sqrt(c.error ** 2 + w2 * sc * sc);
      c.effectiveEntries = w2 > 0 ? (w * w) / w2 : 0;
    });
  }
  // coincidences: the member's scale × the pile-up factor per beam kaon (pair weights w_a·w_b/PAIRS);
  // one selected pair stands for the scale × the mean weight of the pairs formed
  const coincidence: Record<string, Record<Region, Cell>> = {};
  for (const c of COINCIDENCES) {
    const a = tallies[c.key];
    if (!a || a.length !== TALLY.length) continue;
    const sc = (scales[c.member] ?? 0) * (o.pileupPerKaon ?? 0);
    scales[c.key] = sc;
    oneEvent[c.key] = a[TALLY.nGen] > 0 ? (sc * a[TALLY.sig]) / a[TALLY.nGen] : 0;
    const cells = zero();
    REGIONS.forEach((rg, j) => {
      const w = a[TALLY.region + 2 * j];
      const w2 = a[TALLY.region + 2 * j + 1];
      cells[rg] = {
        expected: w * sc,
        error: Math.sqrt(w2) * sc,
        selectedWeight: w,
        effectiveEntries: w2 > 0 ? (w * w) / w2 : 0,
      };
    });
    coincidence[c.key] = cells;
  }
  const totalWithCoincidences = zero();
  for (const rg of REGIONS) {
    const add = (into: Record<Region, Cell>, cells: Cell[]) => {
      let e2 = 0;
      for (const c of cells) {
        into[rg].expected += c.expected;
        into[rg].selectedWeight += c.selectedWeight;
        e2 += c.error ** 2;
      }
      into[rg].error = Math.sqrt(e2);
    };
    const modes = BACKGROUNDS.map((b) => background[b][rg]);
    add(total, modes);
    add(totalWithCoincidences, [...modes, ...Object.values(coincidence).map((x) => x[rg])]);
  }
  const signalUpperEvents = exactUpperLimit(o.observedSignal, total.signal.expected, o.cl);
  return {
    kaonDecays: o.kaonDecays,
    pFv,
    acceptance: { signal: aSig, signalError: aSigErr, normalisation: aNorm, normalisationError: aNormErr },
    ses,
    sesError,
    signalUpperEvents,
    brUpperLimit: signalUpperEvents * ses,
    normalisationEvents: o.kaonDecays * o.brNorm * aNorm,
    background,
    coincidence,
    total,
    totalWithCoincidences,
    scales,
    oneEvent,
  };
}

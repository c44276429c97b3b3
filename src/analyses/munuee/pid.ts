/**
 * Track identification by E/p as probabilities of the detector model's LKr response
 * (src/detector/lkr.ts), so that mis-identification backgrounds are weights, not rare draws:
 *
 *  - e±: E/p = 1 + (σ_E/E)·g → P(a < E/p < b) from the normal distribution;
 *  - μ±: a minimum-ionising deposit, E/p = E_mip/p;
 *  - π± (K±, p): a hadronic shower with probability P_int, E/p = N(μ_h, σ_h) clipped to
 *    [0.02, 1.1], otherwise a minimum-ionising deposit.
 *
 * The probabilities are exact expectations of the cuts on the model's drawn E/p (a cut a < E/p < b,
 * open at both ends: the clip value 1.1 itself fails an electron window ending at 1.1).
 */
import type { PeriodCard } from "../../detector/card.ts";
import { normalCdf } from "../../stats/special.ts";

export class EopResponse {
  private readonly c: PeriodCard["lkr"];

  constructor(lkr: PeriodCard["lkr"]) {
    this.c = lkr;
  }

  /** σ_E/E at E (GeV) */
  sigmaE(E: number): number {
    const c = this.c;
    const a = c.sigmaEStoch / Math.sqrt(E);
    const b = c.sigmaENoise / E;
    return Math.sqrt(a * a + b * b + c.sigmaEConst * c.sigmaEConst);
  }

  /** P(lo < E/p < hi) for a particle of |pdg| `id` and momentum p (GeV/c) */
  prob(id: number, p: number, lo: number, hi: number): number {
    const c = this.c;
    if (id === 11) {
      const s = this.sigmaE(p);
      return Math.max(0, normalCdf((hi - 1) / s) - normalCdf((lo - 1) / s));
    }
    const mip = Math.min(c.mipEnergy, p) / p;
    const inMip = mip > lo && mip < hi ? 1 : 0;
    if (id === 211 || id === 321 || id === 2212) {
      // clipped normal on [0.02, 1.1]: atoms at the clip values carry the tails, so
      // P(f < x) and P(f ≤ x) differ only at x = 0.02 and x = 1.1
      const phi = (x: number) => normalCdf((x - c.pionEopMean) / c.pionEopSigma);
      const below = (x: number) => (x <= 0.02 ? 0 : x > 1.1 ? 1 : phi(x));
      const atMost = (x: number) => (x < 0.02 ? 0 : x >= 1.1 ? 1 : phi(x));
      const hadronic = Math.max(0, below(hi) - atMost(lo));
      return c.pionInteraction * hadronic + (1 - c.pionInteraction) * inMip;
    }
    return inMip;
  }
}

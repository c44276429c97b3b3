/**
 * RICH: 17.5 m of neon (n − 1 = 62.8 × 10⁻⁶, π⁺ threshold 12.45 GeV/c). For the selected track the
 * particle radiating in the vessel (the pion, or its muon if it decayed upstream) emits a ring at
 * cos θc = 1/(nβ); the number of hits grows as sin²θc (hitsMax at β = 1) and the ring angle is
 * measured with σθ = σ_hit/√N_hits. The mass m_RICH = p·√(n²cos²θ − 1) with the STRAW momentum
 * identifies the particle: the probabilities that m_RICH falls in the π, μ and e windows are
 * computed analytically (Gaussian core plus an optional wider tail), times the probability that the
 * ring has ≥ hitsMin hits. The ring also gives the track momentum in the π hypothesis (for
 * m²miss with the RICH momentum) and the downstream time.
 */
import { MAX_SLOTS } from "../core/batch.ts";
import type { PeriodCard } from "./card.ts";
import { normalInterval, poissonAtLeast } from "./response-math.ts";
import type { DetectorContext, Subsystem } from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

export class Rich implements Subsystem {
  readonly name = "RICH";
  private readonly c: PeriodCard["rich"];
  private readonly n: number;
  private readonly sin2Max: number;
  private readonly mPi: number;
  private readonly focal: number;

  constructor(card: PeriodCard, focalLength: number) {
    this.focal = focalLength;
    this.c = card.rich;
    this.n = 1 + card.rich.nMinus1;
    const cmax = 1 / this.n;
    this.sin2Max = 1 - cmax * cmax;
    this.mPi = card.reco.pionMass;
  }

  /** Cherenkov angle of mass m at momentum p (0 below threshold) */
  angle(m: number, p: number): number {
    const c = Math.sqrt(1 + (m * m) / (p * p)) / this.n;
    return c < 1 ? Math.acos(c) : 0;
  }

  /** mean number of hits of a ring of angle θ */
  hits(theta: number): number {
    const s = Math.sin(theta);
    return (this.c.hitsMax * s * s) / this.sin2Max;
  }

  /** P(a < θ_meas < b) for a ring of true angle θ and core resolution σ, core + tail */
  private window(a: number, b: number, theta: number, sigma: number): number {
    const f = this.c.tailFraction;
    const core = normalInterval(a, b, theta, sigma);
    if (f <= 0) return core;
    return (1 - f) * core + f * normalInterval(a, b, theta, sigma * this.c.tailScale);
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const { tb, r, rng, gauss } = ctx;
    const c = this.c;
    const n = this.n;
    for (let i = start; i < end; i++) {
      const sel = r.trackSlot[i];
      r.richRing[i] = 0;
      r.richRadius[i] = Number.NaN;
      r.pRich[i] = Number.NaN;
      r.massRich[i] = Number.NaN;
      r.richPi[i] = 0;
      r.richMu[i] = 0;
      r.richE[i] = 0;
      if (sel < 0) continue;
      const g = i * MAX_SLOTS + sel;
      const m = tb.richMass[g];
      const pr = tb.richP[g];
      if (!(tb.mask[g] & Hit.RICH) || pr <= 0) continue;
      const theta = this.angle(m, pr);
      if (theta <= 0) continue;
      const nh = this.hits(theta);
      const sigma = c.sigmaHit / Math.sqrt(Math.max(nh, 1));
      const ringEff = c.efficiency * poissonAtLeast(nh, c.hitsMin);
      // windows in θ from the mass windows at the measured momentum (θ decreases with m)
      const p = r.pTrack[i];
      const tPiLo = this.angle(c.massMax, p);
      const tPiHi = this.angle(c.massMin, p);
      const tMuHi = this.angle(c.muonMassMin, p);
      r.richPi[i] = ringEff * this.window(tPiLo, tPiHi, theta, sigma);
      r.richMu[i] = ringEff * this.window(tPiHi, tMuHi, theta, sigma);
      r.richE[i] = ringEff * this.window(tMuHi, 1, theta, sigma);
      // the measured ring
      const tail = c.tailFraction > 0 && rng.uniform() < c.tailFraction;
      const tm = theta + (tail ? sigma * c.tailScale : sigma) * gauss.next();
      const cc = Math.cos(tm);
      const x = n * n * cc * cc - 1;
      r.richRing[i] = 1;
      r.richRadius[i] = this.focal * tm;
      r.massRich[i] = x > 0 ? p * Math.sqrt(x) : 0;
      r.pRich[i] = x > 0 ? this.mPi / Math.sqrt(x) : Number.NaN;
    }
  }
}

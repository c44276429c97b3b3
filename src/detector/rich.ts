/**
 * RICH: 17.5 m of neon (n − 1 = 62.8 × 10⁻⁶, π⁺ threshold 12.45 GeV/c). For the selected track the
 * particle radiating in the vessel (the pion, or its muon if it decayed upstream) emits a ring at
 * cos θc = 1/(nβ); the number of hits grows as sin²θc (hitsMax at β = 1) and the ring angle is
 * measured with σθ = σ_hit/√N_hits. The mass m_RICH = p·√(n²cos²θ − 1) with the STRAW momentum
 * identifies the particle: the probabilities that m_RICH falls in the π, μ and e windows are
 * computed analytically (Gaussian core plus an optional wider tail), times the probability that the
 * ring has ≥ hitsMin hits. The ring also gives the track momentum in the π hypothesis (for
 * m²miss with the RICH momentum) and the downstream time.
 *
 * The π⁺ identification is a probability (richPi) that weights the event instead of being drawn, so
 * the RICH momentum that enters the kinematic constraint of the π⁺ selection (m²miss with the RICH
 * momentum) must be the one of a ring that *was* identified as a pion: pRichPi is drawn from the
 * ring-angle distribution conditioned on the π window (same Gaussian deviate, inverse distribution
 * function). For a pion it is the measured ring almost always; for a muon mis-identified as a pion
 * it is a pion-like ring (p_RICH ≈ p_STRAW), as in the data, instead of the muon's own ring, which
 * would add a second, spurious RICH rejection on top of richPi.
 */
import { MAX_SLOTS } from "../core/batch.ts";
import { MAX_TRACKS } from "../core/track-list.ts";
import type { PeriodCard } from "./card.ts";
import type { NormalStream } from "./normal-stream.ts";
import { normalCdf, normalInterval, poissonAtLeast, truncatedNormal } from "./response-math.ts";
import {
  type DetectorContext,
  PlaneKind,
  type SectionReader,
  type Subsystem,
  type SubsystemSpec,
  trackStream,
} from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

function readRich(r: SectionReader) {
  return {
    nMinus1: r.num("nMinus1", 1e-7, 1e-2),
    sigmaHit: r.num("sigmaHit", 0),
    hitsMax: r.num("hitsMax", 1),
    hitsMin: r.num("hitsMin", 0),
    tailFraction: r.prob("tailFraction"),
    tailScale: r.num("tailScale", 1),
    massMin: r.num("massMin", 0),
    massMax: r.num("massMax", 0),
    muonMassMin: r.num("muonMassMin", 0),
    efficiency: r.prob("efficiency"),
    sigmaT: r.num("sigmaT", 0),
  };
}

/** RICH: the front-plane acceptance and the radiator mid-plane (mass and momentum of the radiating particle) */
export const RICH: SubsystemSpec<"rich", ReturnType<typeof readRich>> = {
  name: "RICH",
  section: "rich",
  card: readRich,
  planes: (g) => [
    {
      z: g.rich.zFront,
      kind: PlaneKind.APERTURE,
      bit: Hit.RICH,
      charged: true,
      photon: false,
      xCentre: g.rich.xFront,
      rMin: g.rich.rMin,
      rMax: g.rich.rMax,
    },
    {
      z: 0.5 * (g.rich.zFront + g.rich.zMirror),
      kind: PlaneKind.RADIATOR,
      bit: Hit.RICH,
      charged: true,
      photon: false,
    },
  ],
  veto: false,
  create: (card, geo) => new Rich(card, geo.rich.focalLength),
};

/** the ring parameters of a track identified as a pion, per event (RecoBatch columns) */
export interface PionRing {
  /** true ring angle, core and tail resolutions, the π window in θ (rad); NaN: no π ring */
  ringTheta: Float64Array;
  ringSigma: Float64Array;
  ringSigmaTail: Float64Array;
  ringLo: Float64Array;
  ringHi: Float64Array;
  /** weight of the core component among the rings inside the π window */
  ringCore: Float64Array;
  /** the uniform of the event's own draw */
  ringU: Float64Array;
  /** n² of the radiator */
  ringN2: Float64Array;
}

/**
 * RICH momentum (π hypothesis) of event i's ring drawn from its distribution conditioned on the π
 * window, for a uniform u in [0, 1): the component (core or tail) by its weight in the window, then
 * the inverse distribution function of the truncated Gaussian.
 */
export function pionRingMomentum(r: PionRing, i: number, u: number, mPi: number): number {
  const fc = r.ringCore[i];
  const core = u < fc;
  const v = Math.min(core ? u / fc : (u - fc) / (1 - fc), 1 - 1e-16);
  const t = truncatedNormal(
    r.ringLo[i],
    r.ringHi[i],
    r.ringTheta[i],
    core ? r.ringSigma[i] : r.ringSigmaTail[i],
    v,
  );
  const cc = Math.cos(t);
  const x = r.ringN2[i] * cc * cc - 1;
  return x > 0 ? mPi / Math.sqrt(x) : Number.NaN;
}

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

  /**
   * The ring of track k (TrackList index) of event i, for the event model: the identification
   * probabilities (as for the selected track) and the measured radius and RICH momentum, drawn
   * from the event-model stream
   */
  private ring(ctx: DetectorContext, k: number, i: number, gauss: NormalStream): void {
    const { tb, r } = ctx;
    const tl = r.tracks;
    const c = this.c;
    const n = this.n;
    tl.richRadius[k] = Number.NaN;
    tl.pRich[k] = Number.NaN;
    tl.richPi[k] = 0;
    tl.richMu[k] = 0;
    tl.richE[k] = 0;
    const g = i * MAX_SLOTS + tl.slot[k];
    const pr = tb.richP[g];
    if (!(tb.mask[g] & Hit.RICH) || pr <= 0) return;
    const theta = this.angle(tb.richMass[g], pr);
    if (theta <= 0) return;
    const nh = this.hits(theta);
    const sigma = c.sigmaHit / Math.sqrt(Math.max(nh, 1));
    const ringEff = c.efficiency * poissonAtLeast(nh, c.hitsMin);
    const p = tl.p[k];
    const tPiLo = this.angle(c.massMax, p);
    const tPiHi = this.angle(c.massMin, p);
    const tMuHi = this.angle(c.muonMassMin, p);
    tl.richPi[k] = ringEff * this.window(tPiLo, tPiHi, theta, sigma);
    tl.richMu[k] = ringEff * this.window(tPiHi, tMuHi, theta, sigma);
    tl.richE[k] = ringEff * this.window(tMuHi, 1, theta, sigma);
    const tail = c.tailFraction > 0 && gauss.rng.uniform() < c.tailFraction;
    const tm = theta + (tail ? sigma * c.tailScale : sigma) * gauss.next();
    const cc = Math.cos(tm);
    const x = n * n * cc * cc - 1;
    tl.richRadius[k] = this.focal * tm;
    tl.pRich[k] = x > 0 ? this.mPi / Math.sqrt(x) : Number.NaN;
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const { tb, r, rng, gauss } = ctx;
    const c = this.c;
    const n = this.n;
    // the values of an event without a ring, in bulk; the loop overwrites them for the rings
    const nan = Number.NaN;
    r.richRing.fill(0, start, end);
    r.richRadius.fill(nan, start, end);
    r.pRich.fill(nan, start, end);
    r.massRich.fill(nan, start, end);
    r.richPi.fill(0, start, end);
    r.richMu.fill(0, start, end);
    r.richE.fill(0, start, end);
    r.pRichPi.fill(nan, start, end);
    r.ringTheta.fill(nan, start, end);
    const trackSlot = r.trackSlot;
    const tl = r.tracks;
    const extra = trackStream(ctx);
    for (let i = start; i < end; i++) {
      const sel = trackSlot[i];
      if (sel < 0) continue;
      // the other tracks of the event model (their own stream); the selected one below
      const o = i * MAX_TRACKS;
      const js = tl.selected[i];
      for (let j = 0; j < tl.count[i]; j++) if (j !== js) this.ring(ctx, o + j, i, extra);
      const ks = o + js;
      tl.richRadius[ks] = nan;
      tl.pRich[ks] = nan;
      tl.richPi[ks] = 0;
      tl.richMu[ks] = 0;
      tl.richE[ks] = 0;
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
      // the π window's core and tail probabilities, also the weights of the conditional ring below
      const f = c.tailFraction;
      const piCore = normalInterval(tPiLo, tPiHi, theta, sigma);
      const piTail = f <= 0 ? 0 : normalInterval(tPiLo, tPiHi, theta, sigma * c.tailScale);
      r.richPi[i] = ringEff * (f <= 0 ? piCore : (1 - f) * piCore + f * piTail); // window()
      r.richMu[i] = ringEff * this.window(tPiHi, tMuHi, theta, sigma);
      r.richE[i] = ringEff * this.window(tMuHi, 1, theta, sigma);
      // the measured ring
      const tail = c.tailFraction > 0 && rng.uniform() < c.tailFraction;
      const dev = gauss.next();
      const tm = theta + (tail ? sigma * c.tailScale : sigma) * dev;
      const cc = Math.cos(tm);
      const x = n * n * cc * cc - 1;
      r.richRing[i] = 1;
      r.richRadius[i] = this.focal * tm;
      r.massRich[i] = x > 0 ? p * Math.sqrt(x) : 0;
      r.pRich[i] = x > 0 ? this.mPi / Math.sqrt(x) : Number.NaN;
      tl.richRadius[ks] = r.richRadius[i];
      tl.pRich[ks] = r.pRich[i];
      tl.richPi[ks] = r.richPi[i];
      tl.richMu[ks] = r.richMu[i];
      tl.richE[ks] = r.richE[i];
      // the ring given that it is identified as a pion (core/tail chosen by their weight in the window)
      if (r.richPi[i] > 0) {
        const wc = (1 - f) * piCore;
        const wt = f > 0 ? f * piTail : 0;
        r.ringTheta[i] = theta;
        r.ringSigma[i] = sigma;
        r.ringSigmaTail[i] = sigma * c.tailScale;
        r.ringLo[i] = tPiLo;
        r.ringHi[i] = tPiHi;
        r.ringCore[i] = wc / (wc + wt);
        r.ringU[i] = normalCdf(dev);
        r.ringN2[i] = n * n;
        r.pRichPi[i] = pionRingMomentum(r, i, r.ringU[i], this.mPi);
      }
    }
  }
}

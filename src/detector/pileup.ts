/**
 * Beam pile-up in the GTK: besides the kaon, the GTK sees every beam particle (600 MHz at nominal
 * intensity, 70% π⁺, 23% p, 6% K⁺). Within the association window ±W around the event time the number
 * of extra tracks is Poisson with mean λ = R·I·2W; each gets the K12 beam kinematics (momentum
 * spread, divergence, spot; conditions/beam/k12.json) and a uniform time. The reconstruction then
 * associates the best candidate to the downstream track: a pile-up track that wins gives the wrong
 * kaon momentum and direction, hence non-Gaussian m²miss tails and wrong vertices.
 */
import { type K12Beam, k12Beam } from "../beam/k12.ts";
import { GTK_FIELDS, MAX_GTK_CANDIDATES } from "../core/reco-batch.ts";
import type { PeriodCard } from "./card.ts";
import type { DetectorContext, ModuleSpec, Subsystem } from "./subsystem.ts";

/** the beam pile-up in the GTK (no card section of its own: it reads gtk and beam) */
export const PILEUP: ModuleSpec = { name: "GTK pile-up", create: (card) => new BeamPileup(card) };

export class BeamPileup implements Subsystem {
  readonly name = "GTK pile-up";
  readonly beam: K12Beam;
  private readonly c: PeriodCard["gtk"];
  /** extra tracks per unit intensity in the window (λ at nominal intensity) */
  readonly lambdaNominal: number;
  /** relative momentum spread of a measured beam track: beam spread ⊕ GTK resolution */
  private readonly sigmaP: number;
  /** tracks dropped because the candidate list was full */
  truncated = 0;

  constructor(card: PeriodCard) {
    this.beam = k12Beam({ momentum: card.beam.momentum });
    this.c = card.gtk;
    this.sigmaP = Math.hypot(this.beam.momentumSpreadRel, card.gtk.sigmaPRel);
    // MHz × ns × 10⁻³ = mean number in the window
    this.lambdaNominal = this.beam.nominalRateMHz * 2 * this.c.matchWindowNs * 1e-3 * card.gtk.efficiency;
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const { r, rng, gauss } = ctx;
    const bm = this.beam;
    const c = this.c;
    const W = c.matchWindowNs;
    const k = r.gtkCand;
    for (let i = start; i < end; i++) {
      if (r.trackSlot[i] < 0) continue;
      const lambda = this.lambdaNominal * r.intensity[i];
      // Poisson by inversion (λ is small: a few at most)
      let n = 0;
      const u = rng.uniform();
      let term = Math.exp(-lambda);
      let cdf = term;
      while (u > cdf && n < 50) {
        n++;
        term *= lambda / n;
        cdf += term;
      }
      let m = r.nGtk[i];
      for (let j = 0; j < n; j++) {
        if (m >= MAX_GTK_CANDIDATES) {
          this.truncated++;
          break;
        }
        const o = (i * MAX_GTK_CANDIDATES + m) * GTK_FIELDS;
        // beam kinematics at GTK3, then the measurement resolution
        k[o] = bm.momentum * (1 + this.sigmaP * gauss.next());
        k[o + 1] = bm.slopeX + bm.slopeSigmaX * gauss.next();
        k[o + 2] = bm.slopeY + bm.slopeSigmaY * gauss.next();
        k[o + 3] = bm.spotMeanX + bm.spotSigmaX * gauss.next();
        k[o + 4] = bm.spotMeanY + bm.spotSigmaY * gauss.next();
        k[o + 5] = W * (2 * rng.uniform() - 1);
        k[o + 6] = 0;
        m++;
      }
      r.nGtk[i] = m;
    }
  }
}

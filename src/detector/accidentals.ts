/**
 * Accidental activity. Each event gets an instantaneous intensity I (fraction of nominal) drawn
 * around the period's mean, I = I₀·max(0, 1 + s·N(0,1)) with s the spill-intensity spread. Every veto
 * detector d sees accidentals at rate R_d·I (MHz at nominal, times a common scale) and vetoes if one
 * falls in its window ±w_d, so the random-veto survival is
 *   ε_RV(I) = exp(−I · scale · Σ_d R_d · 2 w_d),
 * over the photon and multiplicity vetoes (LKr, LAV, IRC/SAC, CHOD/NewCHOD, HASC, MUV0). The common
 * scale is calibrated on ε_RV = 0.66 in 2018 (conditions/periods/2018-S2.json); the intensity
 * dependence is then a prediction for the other periods. CHANTI accidentals go to their own column.
 *
 * The detectors d are the registered subsystems that declare an accidental source
 * (SubsystemSpec.accidentals, src/detector/registry.ts); a source counts while one of the
 * subsystems that declare it is present in the card, and the sum runs in the order of the card's
 * accidentals section.
 */
import type { PeriodCard } from "./card.ts";
import {
  type AccidentalUse,
  type DetectorContext,
  isPresent,
  type ModuleSpec,
  type Subsystem,
  type SubsystemSpec,
} from "./subsystem.ts";

/** the accidentals module (first in the registry: the other modules read the event intensity) */
export const ACCIDENTALS: ModuleSpec = { name: "accidentals", create: (card) => new Accidentals(card) };

/** the sources of `column` that count in this card, in the order of its accidentals section */
export function activeSources(
  card: PeriodCard,
  column: AccidentalUse["column"],
  registry: readonly SubsystemSpec[] = card.subsystems,
): string[] {
  const on = new Set<string>();
  for (const s of registry) {
    if (s.accidentals?.column === column && isPresent(card, s.section)) on.add(s.accidentals.source);
  }
  return Object.keys(card.accidentals.sources).filter((k) => on.has(k));
}

/** Σ_d R_d · 2 w_d at nominal intensity (dimensionless: MHz × ns × 10⁻³) over the ε_RV vetoes */
export function randomVetoExponent(card: PeriodCard): number {
  const a = card.accidentals;
  let s = 0;
  for (const k of activeSources(card, "rv")) s += a.sources[k].rateMHz * a.sources[k].windowNs;
  return 2e-3 * a.scale * s;
}

/** the exponent of the CHANTI survival column (its own accidentals), as randomVetoExponent */
export function chantiVetoExponent(card: PeriodCard): number {
  let k = 0;
  for (const src of activeSources(card, "chanti")) {
    const c = card.accidentals.sources[src];
    k += 2e-3 * c.rateMHz * c.windowNs;
  }
  return k;
}

export class Accidentals implements Subsystem {
  readonly name = "accidentals";
  private readonly k: number;
  private readonly kChanti: number;
  private readonly i0: number;
  private readonly spread: number;
  private readonly par = new Float64Array(4);

  constructor(card: PeriodCard) {
    this.k = randomVetoExponent(card);
    this.kChanti = chantiVetoExponent(card);
    this.i0 = card.beam.intensity;
    this.spread = card.beam.spillIntensitySpread;
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const r = ctx.r;
    const gauss = ctx.gauss;
    // the numbers through a Float64Array: V8 then keeps I unboxed (from an object field it would
    // be a tagged value, and every intensity a heap number)
    const par = this.par;
    par[0] = this.i0;
    par[1] = this.spread;
    par[2] = this.k;
    par[3] = this.kChanti;
    const i0 = par[0];
    const spread = par[1];
    const k = par[2];
    const kChanti = par[3];
    const intensity = r.intensity;
    const rv = r.rv;
    const chanti = r.chanti;
    for (let i = start; i < end; i++) {
      let I = i0;
      if (spread > 0) {
        I *= 1 + spread * gauss.next();
        if (I < 0) I = 0;
      }
      intensity[i] = I;
      rv[i] = Math.exp(-I * k);
      chanti[i] *= Math.exp(-I * kChanti);
    }
  }
}

/**
 * ⟨ε_RV⟩ over the instantaneous-intensity distribution I = I₀·max(0, 1 + s·N) of the card
 * (Simpson integration over N ∈ [−8, 8]), optionally with another common scale.
 */
export function meanRandomVetoEfficiency(card: PeriodCard, scale = card.accidentals.scale): number {
  const k = (randomVetoExponent(card) / card.accidentals.scale) * scale;
  const I0 = card.beam.intensity;
  const s = card.beam.spillIntensitySpread;
  if (s === 0) return Math.exp(-k * I0);
  const n = 1600;
  const h = 16 / n;
  let sum = 0;
  for (let j = 0; j <= n; j++) {
    const x = -8 + j * h;
    const w = j === 0 || j === n ? 1 : j % 2 === 1 ? 4 : 2;
    const I = I0 * Math.max(0, 1 + s * x);
    sum += w * Math.exp(-0.5 * x * x - k * I);
  }
  return (sum * h) / 3 / Math.sqrt(2 * Math.PI);
}

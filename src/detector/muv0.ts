/**
 * MUV0: scintillator counters outside the RICH vessel on the +x side (NA62MC geometry), catching
 * negative particles of a few GeV/c swept out of the acceptance by the MNP33 (π⁻ from K⁺→π⁺π⁺π⁻).
 * An extra charged particle in MUV0 is vetoed with its efficiency.
 */

import { MAX_SLOTS } from "../core/batch.ts";
import type { PeriodCard } from "./card.ts";
import { chargedMiss } from "./multiplicity.ts";
import type { DetectorContext, Subsystem } from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

/** multiply the mult column by (1 − ε) for every extra charged particle with Hit bit `bit` */
export function vetoCharged(
  ctx: DetectorContext,
  bit: number,
  missProb: number,
  start: number,
  end: number,
): void {
  const { b, tb, r } = ctx;
  for (let i = start; i < end; i++) {
    if (!(tb.eventMask[i] & bit)) continue;
    const base = i * MAX_SLOTS;
    const sel = r.trackSlot[i];
    for (let k = 1; k < b.nParticles[i]; k++) {
      if (k !== sel && tb.mask[base + k] & bit && tb.mask[base + k] & Hit.TRACK) r.mult[i] *= missProb;
    }
  }
}

export class Muv0 implements Subsystem {
  readonly name = "MUV0";
  private readonly missProb: number;

  constructor(card: PeriodCard) {
    this.missProb = chargedMiss(card.muv0.efficiency, card.multiplicity.chargedIneffScale);
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    vetoCharged(ctx, Hit.MUV0, this.missProb, start, end);
  }
}

/**
 * The Run 2 upstream veto counter (VetoCounter): scintillator stations around the beam just
 * upstream and downstream of the final collimator ([NA62-FCCP2022-talk] 'RUN 2 upgrades': an
 * upstream veto before/after the last collimator). A station is a plane at z with a beam passage
 * (|x| < innerHalfX and |y| < innerHalfY, no scintillator) inside an outer edge (|x| < outerHalfX,
 * |y| < outerHalfY). Every charged particle of an upstream event that crosses a station's
 * scintillator on its straight line from where it stands after the achromat (the products of the
 * upstream source are carried to the end of the last dipole; nothing bends between there and
 * TRIM5) fires it with probability `efficiency`; the event survives with Π(1 − efficiency) over the
 * crossings. This is what sees the companions of an upstream decay (the other pions, muons and
 * electrons passing beside the collimator or stopping in it) and the upstream pion itself when it
 * passes around the collimator instead of through its passage. Photons are not counted (thin
 * scintillator), and neither are random hits from the beam halo (no accidental rate is modelled).
 */
import type { EventBatch } from "../core/batch.ts";
import { MAX_SLOTS, Status } from "../core/batch.ts";
import type { PeriodCard } from "./card.ts";
import { chargeOf } from "./transport.ts";

export type VetoCounterCard = NonNullable<PeriodCard["upstream"]["vetoCounter"]>;

export class UpstreamVetoCounter {
  readonly z: Float64Array;
  private readonly c: VetoCounterCard;

  constructor(c: VetoCounterCard) {
    this.c = c;
    this.z = Float64Array.from(c.z);
    if (!(c.innerHalfX < c.outerHalfX && c.innerHalfY < c.outerHalfY))
      throw new RangeError(
        `period card: upstream.vetoCounter inner half-sizes (${c.innerHalfX}, ${c.innerHalfY}) must be inside the outer ones (${c.outerHalfX}, ${c.outerHalfY})`,
      );
  }

  /** does the straight line (x, y) at z0 with slopes (tx, ty) cross the scintillator of station j? */
  crosses(j: number, x: number, y: number, z0: number, tx: number, ty: number): boolean {
    const z = this.z[j];
    if (!(z0 < z)) return false;
    const xs = Math.abs(x + tx * (z - z0));
    const ys = Math.abs(y + ty * (z - z0));
    const c = this.c;
    if (xs >= c.outerHalfX || ys >= c.outerHalfY) return false;
    return xs >= c.innerHalfX || ys >= c.innerHalfY;
  }

  /** number of station crossings by the charged final-state particles of event i */
  crossings(b: EventBatch, i: number): number {
    const g0 = i * MAX_SLOTS;
    const n = b.nParticles[i];
    let hits = 0;
    for (let k = 0; k < n; k++) {
      const g = g0 + k;
      if (b.status[g] !== Status.FINAL || b.pz[g] <= 0 || chargeOf(b.pdg[g]) === 0) continue;
      const tx = b.px[g] / b.pz[g];
      const ty = b.py[g] / b.pz[g];
      for (let j = 0; j < this.z.length; j++) if (this.crosses(j, b.vx[g], b.vy[g], b.vz[g], tx, ty)) hits++;
    }
    return hits;
  }

  /** probability that event i is not vetoed by the counter */
  survival(b: EventBatch, i: number): number {
    const h = this.crossings(b, i);
    return h === 0 ? 1 : (1 - this.c.efficiency) ** h;
  }
}

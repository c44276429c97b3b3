/**
 * The detector: the modules of the registered subsystems (src/detector/registry.ts) that the period
 * card selects (a Delphes-like card: swapping the card swaps the detector), run in registry order
 * over a batch after the transport. The order matters only through the columns a module reads:
 * accidentals (event intensity) first, then the beam detectors, the STRAW (which selects the
 * track), and the downstream detectors.
 */
import type { Biasing } from "./biasing.ts";
import type { PeriodCard } from "./card.ts";
import type { Geometry } from "./geometry.ts";
import { Irc } from "./irc.ts";
import { Lav } from "./lav.ts";
import { Lkr } from "./lkr.ts";
import { Rich } from "./rich.ts";
import { Sac } from "./sac.ts";
import { Straw } from "./straw.ts";
import type { DetectorContext, Subsystem } from "./subsystem.ts";
import { Hit, type TransportBatch } from "./transport-batch.ts";

/** the module of class `cls` among `modules` (the named fields of Detector) */
function moduleOf<T>(modules: Subsystem[], cls: abstract new (...args: never[]) => T): T {
  const m = modules.find((x) => x instanceof cls);
  if (!m) throw new Error(`detector: the registry creates no ${cls.name} module`);
  return m as T;
}

export class Detector {
  readonly modules: Subsystem[];
  readonly straw: Straw;
  readonly rich: Rich;
  readonly lkr: Lkr;
  readonly lav: Lav;
  readonly irc: Irc;
  readonly sac: Sac;

  constructor(card: PeriodCard, geo: Geometry, bias?: Biasing) {
    const m: Subsystem[] = [];
    for (const e of card.registry) {
      const mod = e.create?.(card, geo, bias);
      if (mod) m.push(mod);
    }
    this.modules = m;
    this.straw = moduleOf(m, Straw);
    this.rich = moduleOf(m, Rich);
    this.lkr = moduleOf(m, Lkr);
    this.lav = moduleOf(m, Lav);
    this.irc = moduleOf(m, Irc);
    this.sac = moduleOf(m, Sac);
  }

  /**
   * The photon-veto inefficiency of one transported photon slot g, as the LKr, LAV, IRC and SAC
   * modules multiply it into pv (1 for a photon that meets none): the product over a weighted
   * event's photons is its pv.
   */
  photonIneff(tb: TransportBatch, g: number): number {
    const m = tb.mask[g];
    if (!(m & Hit.PHOTON)) return 1;
    const E = tb.eL[g];
    let p = 1;
    if (m & Hit.LKR) p *= this.lkr.photonIneff(E, (m & Hit.LKR_EDGE) !== 0);
    if (m & Hit.LAV) p *= this.lav.curve.at(E);
    if (m & Hit.IRC) p *= this.irc.curve.at(E);
    if (m & Hit.SAC) p *= this.sac.curve.at(E);
    return p;
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    for (const m of this.modules) m.process(ctx, start, end);
  }
}

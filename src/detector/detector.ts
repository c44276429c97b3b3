/**
 * The detector: the list of subsystem modules the period card selects (a Delphes-like card:
 * swapping the card swaps the detector), run in order over a batch after the transport. The order
 * matters only through the columns a module reads: accidentals (event intensity) first, then the
 * beam detectors, the STRAW (which selects the track), and the downstream detectors.
 */
import { Accidentals } from "./accidentals.ts";
import type { Biasing } from "./biasing.ts";
import type { PeriodCard } from "./card.ts";
import { Chanti } from "./chanti.ts";
import { Chod } from "./chod.ts";
import type { Geometry } from "./geometry.ts";
import { Gtk } from "./gtk.ts";
import { Hasc } from "./hasc.ts";
import { Irc } from "./irc.ts";
import { Ktag } from "./ktag.ts";
import { Lav } from "./lav.ts";
import { Lkr } from "./lkr.ts";
import { Multiplicity } from "./multiplicity.ts";
import { Muv0 } from "./muv0.ts";
import { Muv3 } from "./muv3.ts";
import { Muv12 } from "./muv12.ts";
import { BeamPileup } from "./pileup.ts";
import { Rich } from "./rich.ts";
import { Sac } from "./sac.ts";
import { Straw } from "./straw.ts";
import type { DetectorContext, Subsystem } from "./subsystem.ts";
import { Hit, type TransportBatch } from "./transport-batch.ts";

export class Detector {
  readonly modules: Subsystem[];
  readonly straw: Straw;
  readonly rich: Rich;
  readonly lkr: Lkr;
  readonly lav: Lav;
  readonly irc: Irc;
  readonly sac: Sac;

  constructor(card: PeriodCard, geo: Geometry, bias?: Biasing) {
    this.straw = new Straw(card, geo, bias);
    this.rich = new Rich(card, geo.rich.focalLength);
    this.lkr = new Lkr(card, geo.lkr.z);
    // the STRAW selects the track first: the GTK association is only needed for events with one
    const m: Subsystem[] = [
      new Accidentals(card),
      new Ktag(card),
      this.straw,
      new Gtk(card, geo, bias),
      new BeamPileup(card),
    ];
    m.push(this.rich);
    if (card.chod.present || card.newchod.present) m.push(new Chod(card));
    this.lav = new Lav(card);
    this.irc = new Irc(card);
    this.sac = new Sac(card);
    m.push(this.lkr, this.lav, this.irc, this.sac, new Muv12(card), new Muv3(card));
    if (card.muv0.present) m.push(new Muv0(card));
    if (card.hasc.present) m.push(new Hasc(card));
    if (card.chanti.present) m.push(new Chanti(card));
    m.push(new Multiplicity(card));
    this.modules = m;
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

/**
 * GigaTracker: three (four from 2021) silicon pixel stations measuring the beam particle at GTK3:
 * momentum (σp/p = 0.2%), slopes (σθ = 16 µrad per projection, including multiple scattering in
 * the stations), position (pixel pitch/√12) and time (σt = 100 ps). A kaon that decayed upstream of
 * GTK3 leaves no track. Track-finding inefficiency is drawn (it changes which track is associated).
 * The card's σt is the track time resolution with three stations; a fourth station (Run 2) improves
 * it as √(3/4), the average of one more independent hit time.
 * The measured track is written as candidate 0 of the event; the pile-up module adds beam tracks.
 * Only events with a downstream track are measured (there is nothing to associate otherwise).
 * Single (large-angle) Coulomb scattering of the kaon in the last station (single-scattering.ts,
 * x/X₀ of one station) turns its direction after the station away from the one the three stations
 * measured: the measured line pivots at GTK3 by the scattering angle (vertex, CDA and m²miss follow).
 */

import { MAX_SLOTS } from "../core/batch.ts";
import { GTK_FIELDS, MAX_GTK_CANDIDATES, Source } from "../core/reco-batch.ts";
import type { Biasing } from "./biasing.ts";
import type { PeriodCard } from "./card.ts";
import { type Geometry, singleScatteringParams } from "./geometry.ts";
import { SingleScattering } from "./single-scattering.ts";
import type { DetectorContext, SectionReader, Subsystem, SubsystemSpec } from "./subsystem.ts";

function readGtk(r: SectionReader) {
  return {
    stations: r.num("stations", 3, 4),
    sigmaPRel: r.num("sigmaPRel", 0),
    sigmaTheta: r.num("sigmaTheta", 0),
    sigmaXY: r.num("sigmaXY", 0),
    sigmaT: r.num("sigmaT", 1e-6),
    efficiency: r.prob("efficiency"),
    matchSigmaCDA: r.num("matchSigmaCDA", 1e-6),
    matchMaxChi2: r.num("matchMaxChi2", 0),
    matchWindowNs: r.num("matchWindowNs", 0),
  };
}

/** GTK: card section (its stations are upstream of the transported region: no planes) */
export const GTK: SubsystemSpec<"gtk", ReturnType<typeof readGtk>> = {
  name: "GTK",
  section: "gtk",
  card: readGtk,
  veto: false,
  create: (card, geo, bias) => new Gtk(card, geo, bias),
};

export class Gtk implements Subsystem {
  readonly name = "GTK";
  private readonly c: PeriodCard["gtk"];
  /** track time resolution with the period's number of stations (ns) */
  readonly sigmaT: number;
  /** single-scattering tail of the last station */
  readonly tail: SingleScattering;

  /** fraction of tail angles drawn from the natural density (biasing.ts) */
  private readonly tailMix: number;

  constructor(card: PeriodCard, geo: Geometry, bias?: Biasing) {
    this.tailMix = bias?.tailMix ?? 1;
    this.c = card.gtk;
    this.tail = new SingleScattering(geo.material.gtkStationX0, singleScatteringParams(geo));
    this.sigmaT = card.gtk.sigmaT * Math.sqrt(3 / card.gtk.stations);
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const { b, r, rng, gauss } = ctx;
    const c = this.c;
    for (let i = start; i < end; i++) {
      r.nGtk[i] = 0;
      // no downstream track: nothing to associate; a kaon that decayed before GTK3, or a beam
      // particle that interacted in an upstream station, leaves no track
      const src = r.source[i];
      if (r.trackSlot[i] < 0 || src === Source.UPSTREAM_DECAY || src === Source.UPSTREAM_BEAMLINE) continue;
      if (rng.uniform() >= c.efficiency) continue;
      const g = i * MAX_SLOTS;
      const pz = b.pz[g];
      const p = Math.sqrt(b.px[g] * b.px[g] + b.py[g] * b.py[g] + pz * pz);
      const o = i * MAX_GTK_CANDIDATES * GTK_FIELDS;
      const k = r.gtkCand;
      let dtx = 0;
      let dty = 0;
      const ps = this.tail.probability(p);
      const u = rng.uniform();
      if (u < ps) {
        const th = this.tail.biasedAngle(p, u / ps, this.tailMix);
        if (this.tailMix < 1) b.weight[i] *= this.tail.weight;
        const phi = 2 * Math.PI * rng.uniform();
        dtx = th * Math.cos(phi);
        dty = th * Math.sin(phi);
      }
      k[o] = p * (1 + c.sigmaPRel * gauss.next());
      k[o + 1] = b.px[g] / pz + dtx + c.sigmaTheta * gauss.next();
      k[o + 2] = b.py[g] / pz + dty + c.sigmaTheta * gauss.next();
      k[o + 3] = b.vx[g] + c.sigmaXY * gauss.next();
      k[o + 4] = b.vy[g] + c.sigmaXY * gauss.next();
      k[o + 5] = b.t[g] + this.sigmaT * gauss.next();
      k[o + 6] = 1;
      r.nGtk[i] = 1;
    }
  }
}

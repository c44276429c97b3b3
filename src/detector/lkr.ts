/**
 * LKr: the NA48 liquid-krypton calorimeter (27 X₀, octagon of apothem 1130 mm with a 150 mm beam
 * hole; photons between the IRC edge and the analysis cut still shower, with an extra
 * inefficiency). Photons: veto inefficiency vs energy (pv). Extra charged particles: an in-time
 * cluster (mult). Every charged particle deposits energy: an e± its energy (σE/E = 4.8%/√E ⊕
 * 11%/E ⊕ 0.9%), a μ± a minimum-ionising 0.45 GeV, a π± a hadronic fraction E/p ~ N(pionEopMean, pionEopSigma) of the card if it
 * interacts (probability 1 − exp(−127 cm/λ_I)) and a MIP otherwise. The energies and cluster counts
 * feed the L0 trigger (PNN < 30 GeV, < 2 clusters; eMT/μMT thresholds) and the E/p of the track.
 * The track's cluster (a deposit above the cluster threshold) is measured at the impact point with
 * the card's position resolution (lkr.sigmaXY, ~1 mm) and at the arrival time with the cluster time
 * resolution (lkr.sigmaT, ~0.5 ns), from a random stream of its own (DetectorContext.cluster).
 * The event model gets every cluster (r.clusters): photons above the cluster threshold (energy
 * smeared with σE/E, position, time) and charged deposits above it, linked to their track (the
 * other tracks' and the photons' measurements from the event-model stream, DetectorContext.tracks),
 * and every track's LKr energy.
 */
import { MAX_SLOTS } from "../core/batch.ts";
import { MAX_TRACKS } from "../core/track-list.ts";
import { C_LIGHT } from "../core/units.ts";
import type { PeriodCard } from "./card.ts";
import { chargedMiss } from "./multiplicity.ts";
import type { NormalStream } from "./normal-stream.ts";
import { Curve } from "./response-math.ts";
import {
  type DetectorContext,
  PlaneKind,
  type SectionReader,
  type Subsystem,
  type SubsystemSpec,
  trackStream,
} from "./subsystem.ts";
import { Hit } from "./transport-batch.ts";

function readLkr(r: SectionReader) {
  return {
    sigmaEStoch: r.num("sigmaEStoch", 0),
    sigmaENoise: r.num("sigmaENoise", 0),
    sigmaEConst: r.num("sigmaEConst", 0),
    sigmaXY: r.num("sigmaXY", 0),
    sigmaT: r.num("sigmaT", 0),
    photonIneff: r.curve("photonIneff"),
    innerEdgeIneff: r.prob("innerEdgeIneff"),
    pionInteraction: r.prob("pionInteraction"),
    pionEopMean: r.num("pionEopMean", 0, 1.5),
    pionEopSigma: r.num("pionEopSigma", 0),
    pionSplitProb: r.prob("pionSplitProb"),
    mipEnergy: r.num("mipEnergy", 0),
    clusterThreshold: r.num("clusterThreshold", 0),
    chargedEfficiency: r.prob("chargedEfficiency"),
  };
}

/** LKr: the calorimeter front plane (charged particles and photons) */
export const LKR: SubsystemSpec<"lkr", ReturnType<typeof readLkr>> = {
  name: "LKr",
  section: "lkr",
  card: readLkr,
  planes: (g) => [{ z: g.lkr.z, kind: PlaneKind.CALORIMETER, bit: Hit.LKR, charged: true, photon: true }],
  veto: true,
  accidentals: { source: "lkr", column: "rv" },
  create: (card, geo) => new Lkr(card, geo.lkr.z),
};

export class Lkr implements Subsystem {
  readonly name = "LKr";
  readonly curve: Curve;
  private readonly c: PeriodCard["lkr"];
  /** probability of missing an extra charged particle (no in-time cluster) */
  private readonly chargedMissProb: number;
  /** extra photon inefficiency between the IRC edge and the analysis inner cut (scaled) */
  private readonly edgeIneff: number;
  /** z of the LKr front plane (mm) */
  private readonly z: number;
  /** scratch: index in the event's track list of each particle slot, −1 for none */
  private readonly slotTrack = new Int8Array(MAX_SLOTS).fill(-1);

  constructor(card: PeriodCard, zFront: number) {
    this.z = zFront;
    this.c = card.lkr;
    this.chargedMissProb = chargedMiss(card.lkr.chargedEfficiency, card.multiplicity.chargedIneffScale);
    this.curve = new Curve(card.lkr.photonIneff, card.photonVeto.ineffScale);
    this.edgeIneff = card.lkr.innerEdgeIneff * card.photonVeto.ineffScale;
  }

  /** relative energy resolution at E (GeV) */
  sigmaE(E: number): number {
    const c = this.c;
    const a = c.sigmaEStoch / Math.sqrt(E);
    const b = c.sigmaENoise / E;
    return Math.sqrt(a * a + b * b + c.sigmaEConst * c.sigmaEConst);
  }

  /** photon veto inefficiency at E, with the inner-edge penalty */
  photonIneff(E: number, edge: boolean): number {
    const p = this.curve.at(E) + (edge ? this.edgeIneff : 0);
    return Math.min(p, 1);
  }

  /** energy deposited by a charged particle of |pdg| id and energy E (GeV) */
  deposit(id: number, E: number, gauss: NormalStream): number {
    const c = this.c;
    if (id === 11) return E * (1 + this.sigmaE(E) * gauss.next());
    if (id === 211 || id === 321 || id === 2212) {
      if (gauss.rng.uniform() < c.pionInteraction) {
        let f = c.pionEopMean + c.pionEopSigma * gauss.next();
        if (f < 0.02) f = 0.02;
        else if (f > 1.1) f = 1.1;
        return f * E;
      }
    }
    return Math.min(c.mipEnergy, E);
  }

  process(ctx: DetectorContext, start: number, end: number): void {
    const { b, tb, r, gauss, cluster } = ctx;
    const c = this.c;
    const tl = r.tracks;
    const cl = r.clusters;
    const extra = trackStream(ctx);
    const slotTrack = this.slotTrack;
    const zL = this.z;
    r.eLkrTrack.fill(0, start, end);
    r.xLkrCluster.fill(Number.NaN, start, end);
    r.yLkrCluster.fill(Number.NaN, start, end);
    r.tLkrCluster.fill(Number.NaN, start, end);
    cl.clear(start, end);
    for (let i = start; i < end; i++) {
      if (!(tb.eventMask[i] & Hit.LKR)) continue; // eLkrTrack: 0 from the fill above
      const base = i * MAX_SLOTS;
      const n = b.nParticles[i];
      const sel = r.trackSlot[i];
      let pv = r.pv[i];
      let mult = r.mult[i];
      let eTot = 0;
      let nCl = 0;
      if (sel >= 0) {
        r.xLkr[i] = tb.xL[base + sel];
        r.yLkr[i] = tb.yL[base + sel];
      }
      // slot → index in the event's track list (reset below, after the event)
      const o = i * MAX_TRACKS;
      const nt = tl.count[i];
      for (let j = 0; j < nt; j++) slotTrack[tl.slot[o + j]] = j;
      for (let k = 1; k < n; k++) {
        const g = base + k;
        const m = tb.mask[g];
        if (!(m & Hit.LKR)) continue;
        const E = tb.eL[g];
        // arrival time at the LKr front plane (β = 1 from the particle's origin)
        if (m & Hit.PHOTON) {
          pv *= this.photonIneff(E, (m & Hit.LKR_EDGE) !== 0);
          eTot += E;
          if (E > c.clusterThreshold) {
            nCl++;
            // the photon's cluster in the event model: energy, position and time measured
            cl.add(
              i,
              E * (1 + this.sigmaE(E) * extra.next()),
              tb.xL[g] + c.sigmaXY * extra.next(),
              tb.yL[g] + c.sigmaXY * extra.next(),
              b.t[g] + (zL - b.vz[g]) / C_LIGHT + c.sigmaT * extra.next(),
              -1,
              true,
            );
          }
          continue;
        }
        const dep = this.deposit(tb.lkrId[g], E, gauss);
        eTot += dep;
        const jt = slotTrack[k];
        if (jt >= 0) tl.eLkr[o + jt] = dep;
        if (dep > c.clusterThreshold) nCl++;
        if (k === sel) {
          r.eLkrTrack[i] = dep;
          if (dep > c.clusterThreshold) {
            // the track's cluster: the impact point and the arrival time (β = 1 from the particle's
            // origin) with the cluster resolutions of the card
            r.xLkrCluster[i] = tb.xL[g] + c.sigmaXY * cluster.next();
            r.yLkrCluster[i] = tb.yL[g] + c.sigmaXY * cluster.next();
            r.tLkrCluster[i] = b.t[g] + (zL - b.vz[g]) / C_LIGHT + c.sigmaT * cluster.next();
            const q = cl.add(i, dep, r.xLkrCluster[i], r.yLkrCluster[i], r.tLkrCluster[i], jt, false);
            if (jt >= 0) tl.cluster[o + jt] = q;
          }
        } else {
          mult *= this.chargedMissProb;
          if (dep > c.clusterThreshold) {
            const q = cl.add(
              i,
              dep,
              tb.xL[g] + c.sigmaXY * extra.next(),
              tb.yL[g] + c.sigmaXY * extra.next(),
              b.t[g] + (zL - b.vz[g]) / C_LIGHT + c.sigmaT * extra.next(),
              jt,
              false,
            );
            if (jt >= 0) tl.cluster[o + jt] = q;
          }
        }
      }
      for (let j = 0; j < nt; j++) slotTrack[tl.slot[o + j]] = -1;
      r.pv[i] = pv;
      r.mult[i] = mult;
      r.eLkrTotal[i] = eTot;
      r.nLkrClusters[i] = nCl;
    }
  }
}

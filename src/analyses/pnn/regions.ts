/**
 * Kinematic regions of the (p_π, m²miss) plane and the momentum bins of the K⁺→π⁺νν̄ analysis.
 * m²miss = (P_K − P_π)² with the GTK kaon and the STRAW pion (π⁺ mass); the signal regions also
 * constrain m²miss computed with the RICH momentum (m²_RICH) and with the nominal beam momentum
 * (m²_beam), whose windows in Region 1 depend on p (≤ 20, 20–25, ≥ 25 GeV/c). Region boundaries
 * and windows: conditions/analyses/pnn/selection.json "regions" ([S] KinematicTails.cc).
 *
 * Regions, in order of m²miss: below the Kμ2 band, Kμ2, the Kμ2 control band, R1, control region 1,
 * π⁺π⁰, control region 2, R2, K3π. An event inside R1, π⁺π⁰ or R2 by m²miss that fails the
 * RICH/beam constraints (or lacks the measurement: NaN) belongs to no region.
 */
import { particleTable } from "../../core/particles.ts";
import type { SelectionParams } from "./conditions.ts";

export const Region = {
  NONE: -1,
  BELOW: 0,
  KMU2: 1,
  CR_KMU2: 2,
  R1: 3,
  CR1: 4,
  PIPI: 5,
  CR2: 6,
  R2: 7,
  K3PI: 8,
} as const;
export const N_REGIONS = 9;
export const REGION_NAMES = ["below", "Kmu2", "CR-Kmu2", "R1", "CR1", "pipi", "CR2", "R2", "K3pi"] as const;

/** the largest number of momentum bins a period may use (the tallies are sized for it) */
export const MAX_BINS = 8;

export class RegionClassifier {
  private readonly r: SelectionParams["regions"];
  private readonly edges: Float64Array;
  /** momentum limits of R1 and R2, GeV/c */
  readonly pMaxR1: number;
  readonly pMaxR2: number;
  /** m²_π − m²_μ, GeV² */
  private readonly dm2: number;
  readonly nBins: number;

  constructor(params: SelectionParams) {
    this.r = params.regions;
    this.edges = Float64Array.from(params.track.binEdges);
    this.nBins = this.edges.length - 1;
    if (this.nBins > MAX_BINS) {
      throw new RangeError(`track.binEdges: at most ${MAX_BINS} momentum bins, got ${this.nBins}`);
    }
    this.pMaxR1 = params.track.pMaxR1;
    this.pMaxR2 = params.track.pMaxR2;
    const pt = particleTable();
    this.dm2 = pt.mass("pi+") ** 2 - pt.mass("mu+") ** 2;
  }

  /** momentum bin of p (GeV/c), −1 outside the binned range */
  bin(p: number): number {
    const e = this.edges;
    if (!(p >= e[0]) || p >= e[this.nBins]) return -1;
    let b = 0;
    while (p >= e[b + 1]) b++;
    return b;
  }

  /** bin edges [low, high) of bin b */
  binRange(b: number): [number, number] {
    return [this.edges[b], this.edges[b + 1]];
  }

  /** m²miss of K⁺→μ⁺ν reconstructed under the π⁺ hypothesis at momentum p (on-axis kinematics) */
  kmu2M2(p: number): number {
    return this.dm2 * (1 - this.r.kmu2BeamMomentum / p);
  }

  /**
   * Region of an event with track momentum p, m²miss m2 (GTK), m2rich (RICH momentum) and m2beam
   * (nominal beam). Signal regions also require p below their momentum limit.
   */
  region(p: number, m2: number, m2rich: number, m2beam: number): number {
    const r = this.r;
    // a missing measurement (NaN, e.g. no RICH ring) fails every window below
    if (Number.isNaN(m2)) return Region.NONE;
    if (m2 <= r.kmu2Low) return Region.BELOW;
    if (m2 <= this.kmu2M2(p) + 3 * r.kmu2Sigma) return Region.KMU2;
    if (m2 <= r.r1Low) return Region.CR_KMU2;
    if (m2 <= r.r1High) {
      if (p > this.pMaxR1) return Region.NONE;
      const k = p <= r.pLowEdge ? 0 : p < r.pHighEdge ? 1 : 2;
      if (!(m2beam > r.r1BeamLow[k] && m2beam <= r.r1BeamHigh[k])) return Region.NONE;
      if (!(m2rich > r.r1RichLow[k] && m2rich <= r.r1RichHigh[k])) return Region.NONE;
      return Region.R1;
    }
    if (m2 <= r.pipiLow) return Region.CR1;
    if (m2 <= r.pipiHigh) {
      if (!(m2rich > r.pipiRichLow && m2rich <= r.pipiRichHigh)) return Region.NONE;
      return Region.PIPI;
    }
    if (m2 <= r.r2Low) return Region.CR2;
    if (m2 <= r.r2High) {
      if (p > this.pMaxR2) return Region.NONE;
      if (!(m2beam > r.r2BeamLow && m2beam <= r.r2BeamHigh)) return Region.NONE;
      if (!(m2rich > r.r2RichLow && m2rich <= r.r2RichHigh)) return Region.NONE;
      return Region.R2;
    }
    return Region.K3PI;
  }
}

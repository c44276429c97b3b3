/**
 * The three-track selection of the K⁺→μ⁻νe⁺e⁺ search and of its K⁺→π⁺e⁺e⁻ normalisation, on the
 * event model's track and cluster lists (src/core/track-list.ts, cluster-list.ts) and the
 * reconstruction's all-track vertex (vtx* columns):
 *
 *  common     exactly three STRAW tracks, total charge +1 (weight × each track's quality
 *             probability); each 6–44 GeV/c and in the LKr acceptance; vertex χ² and z in the FV;
 *             the eMT trigger (probability);
 *  signal     μ⁻ (E/p, and the MUV3 probability), e⁺e⁺ (E/p); Δp = |Σp| − p_beam < −10 GeV/c; the
 *             vertex ≥ 3 m into the FV; no off-track LKr cluster above the energy cut; then the
 *             m²miss = (P_K − P_μ − P_e − P_e)² region (lower, signal, upper) with the nominal beam
 *             (75 GeV/c along the nominal beam axis);
 *  normalis.  e⁻ and one e⁺ (E/p), a π⁺ (E/p, no MUV3: 1 − probability); |Δp| < 2 GeV/c,
 *             p_T < 30 MeV/c (to the beam axis), m_ee > 140 MeV/c², m(π⁺e⁺e⁻) near m_K.
 *
 * Identification is a weight: the probability that the detector model's E/p of the track's true
 * particle falls in the window (pid.ts), times the MUV3 probability (μ⁻) or its complement (π⁺),
 * so mis-identification backgrounds at 10⁻⁸ are resolved by 10⁵ simulated decays. The two
 * normalisation assignments (which positive track is the π⁺) are disjoint (the e and π windows do
 * not overlap) and each is selected with its own weight. All sums go to one Float64Array per sample (TALLY offsets), added exactly by the merge.
 * With a candidate ntuple, every event selected in an m²miss region (lower, signal, upper: the
 * category) is a row of MUNUEE_CANDIDATE_COLUMNS with its selected weight.
 */

import type { EventBatch } from "../../core/batch.ts";
import { MAX_CLUSTERS } from "../../core/cluster-list.ts";
import type { RecoBatch } from "../../core/reco-batch.ts";
import { MAX_TRACKS } from "../../core/track-list.ts";
import { Hit } from "../../detector/transport-batch.ts";
import type { ColumnSpec } from "../../io/table.ts";
import type { CandidateNtuple } from "../layer/ntuple.ts";
import { type MunueeSelectionParams, REGIONS } from "./conditions.ts";
import type { EopResponse } from "./pid.ts";

export const SIGNAL_CUTS = [
  "generated",
  "true vertex in FV",
  "three tracks, charge +1",
  "6–44 GeV/c, LKr acceptance",
  "three-track vertex in FV",
  "eMT trigger",
  "μ⁻e⁺e⁺ (E/p, MUV3)",
  "Δp < −10 GeV/c",
  "vertex ≥ 3 m into the FV",
  "no extra LKr cluster",
  "signal region",
] as const;

export const NORM_CUTS = [
  ...SIGNAL_CUTS.slice(0, 6),
  "π⁺e⁺e⁻ (E/p, MUV3)",
  "|Δp| < 2 GeV/c",
  "p_T < 30 MeV/c",
  "m_ee > 140 MeV/c²",
  "m(πee) window",
] as const;

/** histogram binnings (dense tallies, no under/overflow) */
export const HIST = {
  m2: { n: 125, lo: -0.05, hi: 0.2 },
  dp: { n: 60, lo: -40, hi: 20 },
  mpiee: { n: 50, lo: 0.44, hi: 0.54 },
} as const;

const NS = SIGNAL_CUTS.length;
const NN = NORM_CUTS.length;
/** offsets in a sample's tally: sums of w and w² per step, per region, histograms, counters */
export const TALLY = {
  sig: 0,
  norm: 2 * NS,
  region: 2 * NS + 2 * NN,
  m2: 2 * NS + 2 * NN + 6,
  dp: 2 * NS + 2 * NN + 6 + HIST.m2.n,
  mpiee: 2 * NS + 2 * NN + 6 + HIST.m2.n + HIST.dp.n,
  nGen: 2 * NS + 2 * NN + 6 + HIST.m2.n + HIST.dp.n + HIST.mpiee.n,
  /** MC events (unweighted) selected in any m²miss region */
  nSel: 2 * NS + 2 * NN + 6 + HIST.m2.n + HIST.dp.n + HIST.mpiee.n + 1,
  length: 2 * NS + 2 * NN + 6 + HIST.m2.n + HIST.dp.n + HIST.mpiee.n + 2,
} as const;

const M_MU = 0.1056583755;
const M_E = 0.00051099895;
const M_PI = 0.13957039;
const M_K = 0.493677;

function bin(v: number, h: { n: number; lo: number; hi: number }): number {
  if (!(v >= h.lo && v < h.hi)) return -1;
  return Math.floor(((v - h.lo) / (h.hi - h.lo)) * h.n);
}

/** the candidate ntuple's own columns (GeV, mm; Δp = |Σp| − p_beam) */
export const MUNUEE_CANDIDATE_COLUMNS: readonly ColumnSpec[] = [
  { name: "m2miss", type: "DOUBLE" },
  { name: "dp", type: "DOUBLE" },
  { name: "vtx_z", type: "DOUBLE" },
  { name: "vtx_chi2", type: "DOUBLE" },
  { name: "p_mu", type: "DOUBLE" },
  { name: "p_e1", type: "DOUBLE" },
  { name: "p_e2", type: "DOUBLE" },
  { name: "trigger", type: "DOUBLE" },
];

export class MunueeSelection {
  /** the candidate ntuple the events of the m²miss regions go to; null: none */
  candidates: CandidateNtuple | null = null;
  /** index in its sample of the first event of the next batch (the ntuple's event column) */
  firstEvent = 0;
  private readonly row = new Float64Array(MUNUEE_CANDIDATE_COLUMNS.length);
  private readonly p: MunueeSelectionParams;
  private readonly beam: { p: number; tx: number; ty: number };
  private readonly mom = new Float64Array(9);
  private readonly tmp = new Float64Array(3);

  private readonly eop: EopResponse;

  constructor(
    p: MunueeSelectionParams,
    beam: { momentum: number; nominalSlopeX: number; nominalSlopeY: number },
    eop: EopResponse,
  ) {
    this.p = p;
    this.eop = eop;
    this.beam = { p: beam.momentum, tx: beam.nominalSlopeX, ty: beam.nominalSlopeY };
  }

  /** the m²miss region index (0 lower, 1 signal, 2 upper), −1 outside */
  region(m2: number): number {
    const s = this.p.signal;
    if (m2 > s.m2Min && m2 <= s.m2Lower) return 0;
    if (m2 > s.m2Lower && m2 < s.m2Upper) return 1;
    if (m2 >= s.m2Upper && m2 < s.m2Max) return 2;
    return -1;
  }

  process(gen: EventBatch, r: RecoBatch, t: Float64Array): void {
    const n = gen.size;
    if (r.size !== n) throw new Error(`MunueeSelection: ${n} generated events but ${r.size} reconstructed`);
    const P = this.p;
    const tl = r.tracks;
    const cl = r.clusters;
    const mom = this.mom;
    const tmp = this.tmp;
    const fvMin = P.vertex.fiducialZMin;
    const fvMax = P.vertex.fiducialZMax;
    const rMin2 = P.tracks.lkrRadiusMin * P.tracks.lkrRadiusMin;
    const pass = (off: number, step: number, w: number) => {
      t[off + 2 * step] += w;
      t[off + 2 * step + 1] += w * w;
    };
    // nominal beam kaon
    const bn = Math.sqrt(1 + this.beam.tx * this.beam.tx + this.beam.ty * this.beam.ty);
    const kz = this.beam.p / bn;
    const kx = kz * this.beam.tx;
    const ky = kz * this.beam.ty;
    const eK = Math.sqrt(this.beam.p * this.beam.p + M_K * M_K);
    t[TALLY.nGen] += n;
    for (let i = 0; i < n; i++) {
      const w = gen.weight[i];
      pass(TALLY.sig, 0, w);
      pass(TALLY.norm, 0, w);
      const zt = gen.vtxZ[i];
      if (zt >= fvMin && zt <= fvMax) {
        pass(TALLY.sig, 1, w);
        pass(TALLY.norm, 1, w);
      }
      // ---- common: three tracks of total charge +1
      if (tl.count[i] !== P.tracks.count || tl.found[i] !== P.tracks.count) continue;
      const o = i * MAX_TRACKS;
      let q = 0;
      let a = w;
      for (let j = 0; j < 3; j++) {
        q += tl.q[o + j];
        a *= tl.eff[o + j];
      }
      if (q !== 1 || !(a > 0)) continue;
      pass(TALLY.sig, 2, a);
      pass(TALLY.norm, 2, a);
      let ok = true;
      for (let j = 0; j < 3 && ok; j++) {
        const k = o + j;
        const p = tl.p[k];
        const xl = tl.xLkr[k];
        const yl = tl.yLkr[k];
        ok =
          p > P.tracks.pMin &&
          p < P.tracks.pMax &&
          (tl.mask[k] & Hit.LKR) !== 0 &&
          Number.isFinite(xl) &&
          xl * xl + yl * yl > rMin2;
      }
      if (!ok) continue;
      pass(TALLY.sig, 3, a);
      pass(TALLY.norm, 3, a);
      const zv = r.vtxZ[i];
      if (r.vtxNTracks[i] !== 3 || !(r.vtxChi2[i] < P.vertex.chi2Max) || !(zv >= fvMin && zv <= fvMax))
        continue;
      pass(TALLY.sig, 4, a);
      pass(TALLY.norm, 4, a);
      a *= r.trigEmt[i];
      if (!(a > 0)) continue;
      pass(TALLY.sig, 5, a);
      pass(TALLY.norm, 5, a);
      // the negative track and the two positive ones
      let kn = -1;
      let kp1 = -1;
      let kp2 = -1;
      for (let j = 0; j < 3; j++) {
        const k = o + j;
        if (tl.q[k] < 0) kn = k;
        else if (kp1 < 0) kp1 = k;
        else kp2 = k;
      }
      for (let j = 0; j < 3; j++) {
        tl.momentum(o + j, tmp);
        mom.set(tmp, 3 * j);
      }
      const R = this.eop;
      const pe = (k: number) => R.prob(tl.pdg[k], tl.pTrue[k], P.pid.eopElectronMin, P.pid.eopElectronMax);
      const pmu = (k: number) => R.prob(tl.pdg[k], tl.pTrue[k], Number.NEGATIVE_INFINITY, P.pid.eopMuonMax);
      const ppi = (k: number) => R.prob(tl.pdg[k], tl.pTrue[k], Number.NEGATIVE_INFINITY, P.pid.eopPionMax);
      // total momentum (independent of the masses)
      const px = mom[0] + mom[3] + mom[6];
      const py = mom[1] + mom[4] + mom[7];
      const pz = mom[2] + mom[5] + mom[8];
      const pTot = Math.sqrt(px * px + py * py + pz * pz);
      const dP = pTot - this.beam.p;
      const pOf = (k: number) => tl.p[k];
      // ---- signal: μ⁻ e⁺ e⁺
      {
        const as = a * pmu(kn) * (P.pid.muonMuv3 ? tl.muv3[kn] : 1) * pe(kp1) * pe(kp2);
        if (as > 0) {
          pass(TALLY.sig, 6, as);
          const hb = bin(dP, HIST.dp);
          if (hb >= 0) t[TALLY.dp + hb] += as;
          const e =
            Math.sqrt(pOf(kn) ** 2 + M_MU * M_MU) +
            Math.sqrt(pOf(kp1) ** 2 + M_E * M_E) +
            Math.sqrt(pOf(kp2) ** 2 + M_E * M_E);
          const m2 = (eK - e) ** 2 - ((kx - px) ** 2 + (ky - py) ** 2 + (kz - pz) ** 2);
          if (dP < P.signal.deltaPMax) {
            pass(TALLY.sig, 7, as);
            if (zv >= fvMin + P.vertex.signalZOffset) {
              pass(TALLY.sig, 8, as);
              let extra = false;
              const oc = i * MAX_CLUSTERS;
              for (let c = 0; c < cl.count[i]; c++)
                if (cl.track[oc + c] < 0 && cl.e[oc + c] > P.signal.clusterEMax) extra = true;
              if (!extra) {
                pass(TALLY.sig, 9, as);
                const hm = bin(m2, HIST.m2);
                if (hm >= 0) t[TALLY.m2 + hm] += as;
                const rg = this.region(m2);
                if (rg >= 0 && this.candidates) {
                  const row = this.row;
                  row[0] = m2;
                  row[1] = dP;
                  row[2] = zv;
                  row[3] = r.vtxChi2[i];
                  row[4] = pOf(kn);
                  row[5] = pOf(kp1);
                  row[6] = pOf(kp2);
                  row[7] = r.trigEmt[i];
                  this.candidates.add(REGIONS[rg], this.firstEvent + i, as, row);
                }
                if (rg >= 0) {
                  t[TALLY.nSel] += 1;
                  t[TALLY.region + 2 * rg] += as;
                  t[TALLY.region + 2 * rg + 1] += as * as;
                }
                if (rg === 1) pass(TALLY.sig, 10, as);
              }
            }
          }
        }
      }
      // ---- normalisation: π⁺ e⁺ e⁻
      const peN = pe(kn);
      for (let assign = 0; assign < 2 && peN > 0; assign++) {
        const kpi = assign === 0 ? kp2 : kp1;
        const ke = assign === 0 ? kp1 : kp2;
        {
          const an = a * peN * pe(ke) * ppi(kpi) * (1 - tl.muv3[kpi]);
          if (an > 0) {
            pass(TALLY.norm, 6, an);
            if (Math.abs(dP) < P.normalisation.deltaPAbsMax) {
              pass(TALLY.norm, 7, an);
              // p_T to the nominal beam axis
              const ux = this.beam.tx / bn;
              const uy = this.beam.ty / bn;
              const uz = 1 / bn;
              const pl = px * ux + py * uy + pz * uz;
              const pt = Math.sqrt(Math.max(0, pTot * pTot - pl * pl));
              if (pt < P.normalisation.ptMax) {
                pass(TALLY.norm, 8, an);
                const ea = Math.sqrt(pOf(kn) ** 2 + M_E * M_E);
                const eb = Math.sqrt(pOf(ke) ** 2 + M_E * M_E);
                const epi = Math.sqrt(pOf(kpi) ** 2 + M_PI * M_PI);
                const jn = kn - o;
                const je = ke - o;
                const qx = mom[3 * jn] + mom[3 * je];
                const qy = mom[3 * jn + 1] + mom[3 * je + 1];
                const qz = mom[3 * jn + 2] + mom[3 * je + 2];
                const mee2 = (ea + eb) ** 2 - (qx * qx + qy * qy + qz * qz);
                if (mee2 > P.normalisation.meeMin ** 2) {
                  pass(TALLY.norm, 9, an);
                  const et = ea + eb + epi;
                  const m = Math.sqrt(Math.max(0, et * et - pTot * pTot));
                  const hb = bin(m, HIST.mpiee);
                  if (hb >= 0) t[TALLY.mpiee + hb] += an;
                  if (Math.abs(m - M_K) < P.normalisation.massWindow) pass(TALLY.norm, 10, an);
                }
              }
            }
          }
        }
      }
    }
  }
}

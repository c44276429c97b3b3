/**
 * The K⁺→π⁺μ⁺μ⁻ selection on the multi-track event model, in the weighted mode (probabilities
 * multiply the weight, so rare mis-identification is estimated without drawing it):
 *  - three STRAW tracks of total charge +1 (track quality `eff` of each), momenta in [pMin, pMax];
 *  - their common vertex (src/reco/vertex-fit.ts, the vtx* columns) with χ² < chi2Max in the FV;
 *    total momentum within |P − p_beam| < dPMax and p_T < ptMax to the beam axis;
 *  - the negative track is μ⁻; of the two positive tracks one is the μ⁺ and one the π⁺. The two
 *    assignments are exclusive outcomes (which positive track has the MUV3 hit) and both are summed,
 *    each with its own kinematics: μ identified = MUV3 hit (muv3) × [E/p < eopMuMax]; π⁺ = no MUV3
 *    hit × [E/p < eopPiMax] × RICH π (richPi);
 *  - every track inside the geometric acceptance of the NewCHOD and the LKr (the E/p identification
 *    needs the LKr; the MUV3, 5.7 m further and larger, then contains the track too);
 *  - the di-muon multi-track trigger (2μMT, src/trigger: RICH × QX × ≥ 2 muons in the MUV3 outer
 *    tiles at L0, KTAG × STRAW multi-track at L1);
 *  - m(π⁺μ⁺μ⁻) within |m − m_K| < dMMax.
 * The K⁺→π⁺π⁺π⁻ normalisation: the same tracks, acceptance, vertex and momentum cuts, the MT trigger, no PID,
 * m(3π) within |m − m_K| < dM3piMax.
 * Outputs per sample: the selected weight per bin of reconstructed z = m²_μμ/m²_K, the m(πμμ)
 * spectrum, the cut flow, and for the signal the weight in the FV per bin of true z. With a
 * candidate ntuple, every triggered π⁺μ⁺μ⁻ assignment in the signal window (category "signal") or in
 * the low-mass control region (category "control") is a row of PIMUMU_CANDIDATE_COLUMNS.
 */
import type { EventBatch } from "../../core/batch.ts";
import { MAX_SLOTS } from "../../core/batch.ts";
import type { RecoBatch } from "../../core/reco-batch.ts";
import { Hit } from "../../detector/transport-batch.ts";
import type { ColumnSpec } from "../../io/table.ts";
import type { CandidateNtuple } from "../layer/ntuple.ts";
import type { ZBinning } from "./form-factor.ts";

export interface PimumuCuts {
  pMin: number;
  pMax: number;
  zMin: number;
  zMax: number;
  chi2Max: number;
  pBeam: number;
  dPMax: number;
  ptMax: number;
  eopMuMax: number;
  eopPiMax: number;
  dMMax: number;
  dM3piMax: number;
}

/** the detectors every track must cross inside their acceptance */
const TRACK_ACCEPTANCE = Hit.NEWCHOD | Hit.LKR;

export const CUTS = [
  "generated",
  "decay in the FV",
  "three tracks, charge +1",
  "track momenta",
  "tracks in the NewCHOD and LKr acceptance",
  "vertex χ² and FV",
  "total momentum and p_T",
  "μ⁻, μ⁺ and π⁺ identified",
  "di-muon MT trigger",
  "m(πμμ) window",
] as const;

/** the m(πμμ) spectrum of the plots: 400–520 MeV/c² (K⁺→π⁺π⁺π⁻ in the πμμ hypothesis falls 20–60 MeV/c² below m_K) */
export const MASS_BINS = { n: 240, lo: 0.4, hi: 0.52 };

/** the candidate ntuple's own columns (GeV, mm); the weight is the triggered, identified weight */
export const PIMUMU_CANDIDATE_COLUMNS: readonly ColumnSpec[] = [
  { name: "m_pimumu", type: "DOUBLE" },
  { name: "z_mumu", type: "DOUBLE" },
  { name: "vtx_z", type: "DOUBLE" },
  { name: "vtx_chi2", type: "DOUBLE" },
  { name: "p_total", type: "DOUBLE" },
  { name: "pt", type: "DOUBLE" },
  { name: "p_pi", type: "DOUBLE" },
  { name: "p_mu_plus", type: "DOUBLE" },
  { name: "p_mu_minus", type: "DOUBLE" },
  { name: "trigger", type: "DOUBLE" },
];

/**
 * the low-mass control region: m(πμμ) from the spectrum's lower edge to 2 MeV/c² below the signal
 * window, in whole bins of MASS_BINS: the bins [0, controlBins)
 */
export function controlBins(mK: number, dMMax: number): number {
  const mw = (MASS_BINS.hi - MASS_BINS.lo) / MASS_BINS.n;
  return Math.floor((mK - dMMax - 0.002 - MASS_BINS.lo) / mw + 1e-9);
}

export class PimumuTally {
  readonly flow = new Float64Array(CUTS.length);
  readonly flow2 = new Float64Array(CUTS.length);
  /** selected weight per reconstructed-z bin, and its square */
  readonly zSel: Float64Array;
  readonly zSel2: Float64Array;
  /** weight in the FV per true-z bin (signal) */
  readonly zTrue: Float64Array;
  /** m(πμμ) after every other cut */
  readonly mass = new Float64Array(MASS_BINS.n);
  /** m(3π) of the normalisation after every other cut, and the selected normalisation weight */
  readonly mass3pi = new Float64Array(MASS_BINS.n);
  norm = 0;
  norm2 = 0;
  wFv = 0;
  /** simulated events with the true vertex in the FV */
  nFv = 0;
  constructor(nz: number) {
    this.zSel = new Float64Array(nz);
    this.zSel2 = new Float64Array(nz);
    this.zTrue = new Float64Array(nz);
  }
}

function binOf(lo: number, hi: number, n: number, x: number): number {
  if (!(x >= lo && x < hi)) return -1;
  return Math.floor(((x - lo) / (hi - lo)) * n);
}

export class PimumuSelection {
  private readonly c: PimumuCuts;
  private readonly zb: ZBinning;
  private readonly mK: number;
  private readonly mPi: number;
  private readonly mMu: number;
  private readonly p3 = new Float64Array(3 * 3);
  private readonly e = new Float64Array(3);
  private readonly row = new Float64Array(PIMUMU_CANDIDATE_COLUMNS.length);
  private readonly crBins: number;
  /** the candidate ntuple the signal-window and control-region events go to; null: none */
  candidates: CandidateNtuple | null = null;
  /** index in its sample of the first event of the next batch (the ntuple's event column) */
  firstEvent = 0;

  constructor(c: PimumuCuts, zb: ZBinning, masses: { mK: number; mPi: number; mMu: number }) {
    this.c = c;
    this.zb = zb;
    this.mK = masses.mK;
    this.mPi = masses.mPi;
    this.mMu = masses.mMu;
    this.crBins = controlBins(masses.mK, c.dMMax);
  }

  /** invariant mass of tracks k0, k1, k2 (absolute indices into the momenta filled by `process`) with masses */
  private mass3(m0: number, m1: number, m2: number, i0: number, i1: number, i2: number): number {
    const p = this.p3;
    const e0 = Math.sqrt(m0 * m0 + p[i0 * 3] ** 2 + p[i0 * 3 + 1] ** 2 + p[i0 * 3 + 2] ** 2);
    const e1 = Math.sqrt(m1 * m1 + p[i1 * 3] ** 2 + p[i1 * 3 + 1] ** 2 + p[i1 * 3 + 2] ** 2);
    const e2 = Math.sqrt(m2 * m2 + p[i2 * 3] ** 2 + p[i2 * 3 + 1] ** 2 + p[i2 * 3 + 2] ** 2);
    const E = e0 + e1 + e2;
    const px = p[i0 * 3] + p[i1 * 3] + p[i2 * 3];
    const py = p[i0 * 3 + 1] + p[i1 * 3 + 1] + p[i2 * 3 + 1];
    const pz = p[i0 * 3 + 2] + p[i1 * 3 + 2] + p[i2 * 3 + 2];
    return Math.sqrt(Math.max(0, E * E - px * px - py * py - pz * pz));
  }

  /** m²(μ⁺μ⁻)/m²_K of tracks i1, i2 */
  private zOf(i1: number, i2: number): number {
    const p = this.p3;
    const m = this.mMu;
    const e1 = Math.sqrt(m * m + p[i1 * 3] ** 2 + p[i1 * 3 + 1] ** 2 + p[i1 * 3 + 2] ** 2);
    const e2 = Math.sqrt(m * m + p[i2 * 3] ** 2 + p[i2 * 3 + 1] ** 2 + p[i2 * 3 + 2] ** 2);
    const E = e1 + e2;
    const px = p[i1 * 3] + p[i2 * 3];
    const py = p[i1 * 3 + 1] + p[i2 * 3 + 1];
    const pz = p[i1 * 3 + 2] + p[i2 * 3 + 2];
    return (E * E - px * px - py * py - pz * pz) / (this.mK * this.mK);
  }

  /** true z of a K⁺→π⁺μ⁺μ⁻ decay from its muon slots (NaN if not found) */
  private trueZ(b: EventBatch, i: number): number {
    const base = i * MAX_SLOTS;
    let E = 0;
    let px = 0;
    let py = 0;
    let pz = 0;
    let found = 0;
    for (let k = 1; k < b.nParticles[i]; k++) {
      const g = base + k;
      if (b.parent[g] !== 0 || Math.abs(b.pdg[g]) !== 13) continue;
      E += b.e[g];
      px += b.px[g];
      py += b.py[g];
      pz += b.pz[g];
      found++;
    }
    if (found !== 2) return Number.NaN;
    return (E * E - px * px - py * py - pz * pz) / (this.mK * this.mK);
  }

  /** select the events of a batch into the tally; `signal` also fills the true-z denominators */
  process(b: EventBatch, r: RecoBatch, t: PimumuTally, signal: boolean): void {
    const c = this.c;
    const tl = r.tracks;
    const zb = this.zb;
    const p = this.p3;
    const mom = new Float64Array(3);
    for (let i = 0; i < b.size; i++) {
      const w0 = b.weight[i];
      t.flow[0] += w0;
      t.flow2[0] += w0 * w0;
      const zt = b.vtxZ[i];
      if (!(zt >= c.zMin && zt <= c.zMax)) continue;
      t.wFv += w0;
      t.nFv++;
      t.flow[1] += w0;
      t.flow2[1] += w0 * w0;
      if (signal) {
        const k = binOf(zb.lo, zb.hi, zb.n, this.trueZ(b, i));
        if (k >= 0) t.zTrue[k] += w0;
      }
      // three tracks, charge +1
      if (tl.count[i] !== 3) continue;
      const o = tl.offset(i);
      let neg = -1;
      let pos0 = -1;
      let pos1 = -1;
      let q = 0;
      let w = w0;
      for (let j = 0; j < 3; j++) {
        const k = o + j;
        q += tl.q[k];
        w *= tl.eff[k];
        if (tl.q[k] < 0) neg = j;
        else if (pos0 < 0) pos0 = j;
        else pos1 = j;
        tl.momentum(k, mom);
        p[j * 3] = mom[0];
        p[j * 3 + 1] = mom[1];
        p[j * 3 + 2] = mom[2];
      }
      if (q !== 1 || neg < 0 || pos1 < 0 || !(w > 0)) continue;
      t.flow[2] += w;
      t.flow2[2] += w * w;
      let pOk = true;
      for (let j = 0; j < 3; j++) if (!(tl.p[o + j] >= c.pMin && tl.p[o + j] <= c.pMax)) pOk = false;
      if (!pOk) continue;
      t.flow[3] += w;
      t.flow2[3] += w * w;
      let inAcc = true;
      for (let j = 0; j < 3; j++) if ((tl.mask[o + j] & TRACK_ACCEPTANCE) !== TRACK_ACCEPTANCE) inAcc = false;
      if (!inAcc) continue;
      t.flow[4] += w;
      t.flow2[4] += w * w;
      const zv = r.vtxZ[i];
      if (!(r.vtxChi2[i] < c.chi2Max && zv >= c.zMin && zv <= c.zMax)) continue;
      t.flow[5] += w;
      t.flow2[5] += w * w;
      if (!(Math.abs(r.vtxP[i] - c.pBeam) < c.dPMax && r.vtxPt[i] < c.ptMax)) continue;
      t.flow[6] += w;
      t.flow2[6] += w * w;
      // the normalisation: MT trigger, m(3π)
      const wMt = w * r.trigMt[i];
      if (wMt > 0) {
        const m3 = this.mass3(this.mPi, this.mPi, this.mPi, 0, 1, 2);
        const mb = binOf(MASS_BINS.lo, MASS_BINS.hi, MASS_BINS.n, m3);
        if (mb >= 0) t.mass3pi[mb] += wMt;
        if (Math.abs(m3 - this.mK) < c.dM3piMax) {
          t.norm += wMt;
          t.norm2 += wMt * wMt;
        }
      }
      // the signal: two assignments of the positive tracks
      const kn = o + neg;
      const muNeg = this.muId(tl, kn);
      if (!(muNeg > 0)) continue;
      for (let s = 0; s < 2; s++) {
        const jPi = s === 0 ? pos0 : pos1;
        const jMu = s === 0 ? pos1 : pos0;
        const wId = w * muNeg * this.muId(tl, o + jMu) * this.piId(tl, o + jPi);
        if (!(wId > 0)) continue;
        t.flow[7] += wId;
        t.flow2[7] += wId * wId;
        const wT = wId * r.trigDimuon[i];
        if (!(wT > 0)) continue;
        t.flow[8] += wT;
        t.flow2[8] += wT * wT;
        const m = this.mass3(this.mPi, this.mMu, this.mMu, jPi, jMu, neg);
        const mb = binOf(MASS_BINS.lo, MASS_BINS.hi, MASS_BINS.n, m);
        if (mb >= 0) t.mass[mb] += wT;
        const inWindow = Math.abs(m - this.mK) < c.dMMax;
        if (this.candidates && (inWindow || (mb >= 0 && mb < this.crBins))) {
          const row = this.row;
          row[0] = m;
          row[1] = this.zOf(jMu, neg);
          row[2] = zv;
          row[3] = r.vtxChi2[i];
          row[4] = r.vtxP[i];
          row[5] = r.vtxPt[i];
          row[6] = tl.p[o + jPi];
          row[7] = tl.p[o + jMu];
          row[8] = tl.p[kn];
          row[9] = r.trigDimuon[i];
          this.candidates.add(inWindow ? "signal" : "control", this.firstEvent + i, wT, row);
        }
        if (!inWindow) continue;
        t.flow[9] += wT;
        t.flow2[9] += wT * wT;
        const zk = binOf(zb.lo, zb.hi, zb.n, this.zOf(jMu, neg));
        if (zk >= 0) {
          t.zSel[zk] += wT;
          t.zSel2[zk] += wT * wT;
        }
      }
    }
  }

  /** probability that track k is identified as a muon: MUV3 hit and E/p below the cut */
  private muId(tl: RecoBatch["tracks"], k: number): number {
    const eop = tl.eLkr[k] / tl.p[k];
    return eop < this.c.eopMuMax ? tl.muv3[k] : 0;
  }

  /** probability that track k is identified as a pion: no MUV3 hit, E/p below the cut, RICH π */
  private piId(tl: RecoBatch["tracks"], k: number): number {
    const eop = tl.eLkr[k] / tl.p[k];
    return eop < this.c.eopPiMax ? (1 - tl.muv3[k]) * tl.richPi[k] : 0;
  }
}

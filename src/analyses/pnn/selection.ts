/**
 * The K⁺→π⁺νν̄ analyzer chain over a batch of reconstructed events, in NA62's order
 * (PnnAnalyzers: Preselection, BestTrackSelection, KaonDecaySelection, PhotonRejection,
 * MultiplicitySelection, KinematicTails, K2pi):
 *
 *  1. one positive downstream track of good quality (effTrack) inside the downstream acceptance:
 *     RICH, NewCHOD, CHOD, LKr (analysis cut R > 150 mm), MUV1, MUV2, MUV3 and inside LAV12, as
 *     NA62's BestTrackSelection::AcceptanceOK ([S] PnnAnalyzers/BestTrackSelection.cc) — a track
 *     leaving the acceptance has no CHOD time, no calorimetric PID and cannot fire the PNN trigger;
 *  2. kaon-decay selection: a KTAG kaon (ktag) associated in time and space with a GTK track
 *     (gtkMatch ≥ 0, the detector's GTK–KTAG–STRAW matching; a pile-up association passes, which is
 *     how wrong-kaon tails and upstream background enter), GTK momentum and slope windows, no
 *     CHANTI activity (chanti);
 *  3. vertex: 105 < z_vtx < 165 m, CDA < cdaMax, the π⁺ extrapolated to GTK3 not within 24 mm of
 *     GTK3 hits (the beam-covered sensor), no extra vertex with a GTK track at 100–105 m;
 *  4. the upstream-background cut: the (z_vtx, R_STRAW1) cut of 2018-S2 or the TRIM5 box of
 *     2017/2018-S1;
 *  5. momentum in the binned range (15–35 or 15–45 GeV/c);
 *  — the normalisation K⁺→π⁺π⁰ is taken here: π⁺ identification, π⁺π⁰ region, control trigger;
 *  6. π⁺ identification (pidPi: RICH + calorimeters + MUV3);
 *  7. photon rejection (pv) and multiplicity rejection (mult);
 *  8. region of (p, m²miss, m²_RICH, m²_beam): R1, R2 and the control regions;
 *  9. the PNN trigger (trigPnn) and the random veto (rv), tallied separately so that ε_trig and
 *     ε_RV come out as efficiencies of the selected signal.
 *
 * Rare effects are probabilities multiplying the weight: nothing is drawn here.
 */

import { PNN_ACCEPTANCE, SingleTrackSelection } from "../../chain/single-track.ts";
import { particleTable } from "../../core/particles.ts";
import { GTK_FIELDS, MAX_GTK_CANDIDATES } from "../../core/reco-batch.ts";
import { geometry } from "../../detector/geometry.ts";
import { type PionRing, pionRingMomentum } from "../../detector/rich.ts";
import { missingMass2 } from "../../reco/missing-mass.ts";
import { closestApproach } from "../../reco/vertex.ts";
import type { CandidateNtuple } from "../layer/ntuple.ts";
import { NORM_CANDIDATE_COLUMNS, PNN_CANDIDATE_COLUMNS } from "./candidates.ts";
import type { PnnGenerated, PnnReco } from "./columns.ts";
import type { SelectionParams } from "./conditions.ts";
import { MAX_BINS, N_REGIONS, REGION_NAMES, Region, RegionClassifier } from "./regions.ts";
import type { ResampleRecorder } from "./resample.ts";
import { CUT, HIST, NQ, NQN, Q, type SampleTally } from "./tally.ts";

/**
 * Step 1, the shared single-track selection (src/chain/single-track.ts): one positive track reaching
 * the downstream detectors (BestTrackSelection::AcceptanceOK) outside the LKr inner cut
 */
const STEP1 = { acceptance: PNN_ACCEPTANCE, lkrInnerCut: true } as const;

/**
 * the first nine columns of the candidate and the normalisation ntuples: candidates.ts TRACK_COLUMNS
 * (p, m²miss, m²miss(RICH), m²miss(beam), z_vtx, CDA, momentum bin, P(π)) and the trigger probability
 */
function commonColumns(
  row: Float64Array,
  r: PnnReco,
  i: number,
  p: number,
  m2: number,
  beam: number,
  z: number,
  bin: number,
  pid: number,
  trigger: number,
): void {
  row[0] = p;
  row[1] = m2;
  row[2] = r.m2missRich[i];
  row[3] = beam;
  row[4] = z;
  row[5] = r.cda[i];
  row[6] = bin;
  row[7] = pid;
  row[8] = trigger;
}

/**
 * Draws of the π-identified RICH ring over which the m²miss(RICH) constraint is averaged for a track
 * with a small π⁺-identification probability (a mis-identified muon or electron: its weight is rare,
 * so its ring constraint is integrated instead of drawn once); stratified, with the event's own
 * uniform as the random offset, so the average is unbiased.
 */
export const RING_DRAWS = 16;
/** π⁺-identification probability below which the ring constraint is averaged */
export const RING_AVERAGE_BELOW = 0.01;

export class PnnSelection {
  readonly params: SelectionParams;
  readonly regions: RegionClassifier;
  private readonly zGTK3: number;
  private readonly zStraw1: number;
  private readonly ca = new Float64Array(4);
  private readonly fr = new Float64Array(N_REGIONS + 1);
  private readonly regs = new Int32Array(N_REGIONS + 1);
  private readonly fracs = new Float64Array(N_REGIONS + 1);
  private readonly mK = particleTable().mass("K+");
  private readonly mPi = particleTable().mass("pi+");
  private readonly track = new SingleTrackSelection(STEP1);
  private readonly row = new Float64Array(PNN_CANDIDATE_COLUMNS.length);
  /** the candidate ntuple (candidates.ts) the selected events go to; null: none */
  candidates: CandidateNtuple | null = null;
  /** the regions whose events go to the candidate ntuple (1 per region index) */
  candidateRegions: Uint8Array = new Uint8Array(N_REGIONS).fill(1);
  /**
   * the normalisation ntuple (k2pi): one row per π⁺-identified event of the π⁺π⁰ region with the
   * control trigger, weight = its normalisation weight, columns NORM_CANDIDATE_COLUMNS; null: none
   */
  normCandidates: CandidateNtuple | null = null;
  private readonly normRow = new Float64Array(NORM_CANDIDATE_COLUMNS.length);
  /** index in its sample of the first event of the next batch (the ntuple's event column) */
  firstEvent = 0;
  /** an analysis's own extra acceptance requirement, applied with the momentum cut (null: none) */
  extraAcceptance: ((r: PnnReco, i: number) => boolean) | null = null;

  constructor(params: SelectionParams) {
    this.params = params;
    this.regions = new RegionClassifier(params);
    const g = geometry();
    this.zGTK3 = g.gtk.z[2];
    this.zStraw1 = g.straw.z[0];
  }

  /** does the track form a vertex with any GTK candidate between zMin and zMax (upstream of the FV)? */
  private extraVertex(r: PnnReco, i: number): boolean {
    const k = this.params.kaon;
    const c = r.gtkCand;
    const out = this.ca;
    for (let j = 0; j < r.nGtk[i]; j++) {
      const o = (i * MAX_GTK_CANDIDATES + j) * GTK_FIELDS;
      closestApproach(
        c[o + 3],
        c[o + 4],
        this.zGTK3,
        c[o + 1],
        c[o + 2],
        r.xStraw1[i],
        r.yStraw1[i],
        this.zStraw1,
        r.txTrack[i],
        r.tyTrack[i],
        out,
      );
      if (out[0] < k.extraVertexCdaMax && out[3] > k.extraVertexZMin && out[3] < k.extraVertexZMax)
        return true;
    }
    return false;
  }

  /** step 1: one positive track, inside the downstream acceptance (BestTrackSelection::AcceptanceOK) */
  private oneTrackInAcceptance(r: PnnReco, i: number): boolean {
    return this.track.accepts(r, i);
  }

  /**
   * Can event i pass the selection whatever its GTK pile-up and kaon association? One positive
   * track of good quality in the downstream acceptance, with a measured momentum inside the binned
   * range: the steps that use neither the GTK nor the association. The pile-up resampling re-does
   * only these events (shard.ts); the others fail in every pass.
   */
  pileupCandidate(r: PnnReco, i: number): boolean {
    if (!this.oneTrackInAcceptance(r, i) || !(r.effTrack[i] > 0)) return false;
    const p = r.pTrack[i];
    return p >= this.params.track.pMin && this.regions.bin(p) >= 0;
  }

  /**
   * Run the chain over events [0, gen.size) and add them to `t`. With a resample recorder (pile-up
   * resampling, resample.ts) the squared expected-event weights go to the recorder, which adds them
   * per event, and `countGenerated: false` does not count the events again (repeated passes carry
   * weights w/K, so the weight sums still add up to Σw).
   */
  process(
    gen: PnnGenerated,
    r: PnnReco,
    t: SampleTally,
    rec: ResampleRecorder | null = null,
    countGenerated = true,
  ): void {
    const n = gen.size;
    if (r.size !== n) throw new Error(`PnnSelection: ${n} generated events but ${r.size} reconstructed`);
    const P = this.params;
    const fv = P.fiducial;
    const k = P.kaon;
    const up = P.upstream;
    const upCut = up.cut === "box" ? 1 : up.cut === "rstraw1" ? 2 : 0;
    const pMin = P.track.pMin;
    const eff = P.calibration.efficiency;
    const cls = this.regions;
    const zG3 = this.zGTK3;
    const flow = t.cutFlow;
    const sel = t.sel;
    const fMax = t.fMax;
    const norm = t.norm;
    const hKin = t.hKin;
    const hM2 = t.hM2;
    const dP = HIST.nP / (HIST.pMax - HIST.pMin);
    const dM = HIST.nM2 / (HIST.m2Max - HIST.m2Min);
    const rg = P.regions;
    const ring = rec === null && r.ringTheta !== undefined ? (r as PnnReco & PionRing) : null;
    const fr = this.fr;
    const regs = this.regs;
    const fracs = this.fracs;
    const cand = this.candidates;
    const candRegions = this.candidateRegions;
    const row = this.row;
    const extra = this.extraAcceptance;
    let wGen = 0;
    let wFv = 0;
    let wGen2 = 0;
    let wFv2 = 0;
    for (let i = 0; i < n; i++) {
      const w = gen.weight[i];
      wGen += w;
      wGen2 += w * w;
      const zt = gen.vtxZ[i];
      if (zt >= fv.zMin && zt <= fv.zMax) {
        wFv += w;
        wFv2 += w * w;
      }
      // 1. one positive track
      if (!this.oneTrackInAcceptance(r, i)) continue;
      let a = w * eff * r.effTrack[i];
      if (a <= 0) continue;
      flow.pass(CUT.TRACK, a);
      // 2. kaon-decay selection
      if (r.gtkMatch[i] < 0) continue;
      const pK = r.pK[i];
      const txK = r.txK[i];
      const tyK = r.tyK[i];
      if (pK < k.pMin || pK > k.pMax) continue;
      if (txK < k.slopeXMin || txK > k.slopeXMax || tyK < k.slopeYMin || tyK > k.slopeYMax) continue;
      a *= r.ktag[i] * r.chanti[i];
      if (a <= 0) continue;
      flow.pass(CUT.KAON, a);
      // 3. vertex
      const z = r.zVtx[i];
      if (!(z >= fv.zMin && z <= fv.zMax)) continue;
      if (!(r.cda[i] < k.cdaMax)) continue;
      const tx = r.txTrack[i];
      const ty = r.tyTrack[i];
      const x3 = r.xVtx[i] + tx * (zG3 - z);
      const y3 = r.yVtx[i] + ty * (zG3 - z);
      if (Math.abs(x3) < k.gtk3HoleX && Math.abs(y3) < k.gtk3HoleY) continue;
      // GTK3 hits near the track: the sensor is covered with beam hits in every readout window
      const ex = Math.max(Math.abs(x3) - k.gtk3SensorHalfX, 0);
      const ey = Math.max(Math.abs(y3) - k.gtk3SensorHalfY, 0);
      if (ex * ex + ey * ey < k.gtk3HitDistance * k.gtk3HitDistance) continue;
      if (this.extraVertex(r, i)) continue;
      flow.pass(CUT.VERTEX, a);
      // 4. upstream-background cut
      if (upCut === 2) {
        const dx = r.xStraw1[i] - up.straw1CentreX;
        const dy = r.yStraw1[i];
        if (Math.sqrt(dx * dx + dy * dy) <= up.rStraw1Q + up.rStraw1K * z) continue;
      } else if (upCut === 1) {
        const xb = r.xVtx[i] + tx * (up.boxZ - z);
        const yb = r.yVtx[i] + ty * (up.boxZ - z);
        if (Math.abs(xb) < up.boxHalfX && Math.abs(yb) < up.boxHalfY) continue;
      }
      flow.pass(CUT.UPSTREAM, a);
      // the (p, m²miss) plane of the kinematic selection, over the histogram's whole momentum range
      const p = r.pTrack[i];
      const m2 = r.m2miss[i];
      const ip = Math.floor((p - HIST.pMin) * dP);
      const im = Math.floor((m2 - HIST.m2Min) * dM);
      const inM2 = im >= 0 && im < HIST.nM2;
      if (ip >= 0 && ip < HIST.nP && inM2) hKin[ip * HIST.nM2 + im] += a;
      // 5. momentum
      if (p < pMin) continue;
      const bin = cls.bin(p);
      if (bin < 0) continue;
      if (extra !== null && !extra(r, i)) continue;
      flow.pass(CUT.MOMENTUM, a);
      const beam = r.m2missBeam[i];
      const pid = r.pidPi[i];
      // the event's region(s): one, or fractions over draws of the π-identified ring
      let nr = 1;
      regs[0] = cls.region(p, m2, r.m2missRich[i], beam);
      fracs[0] = 1;
      // (only where a RICH window applies: m²miss between R1 and R2, the regions with m²_RICH constraints)
      if (
        ring &&
        pid > 0 &&
        pid < RING_AVERAGE_BELOW &&
        m2 >= rg.r1Low &&
        m2 <= rg.r2High &&
        ring.ringTheta[i] > 0
      ) {
        fr.fill(0);
        const u0 = ring.ringU[i];
        for (let d = 0; d < RING_DRAWS; d++) {
          let u = u0 + d / RING_DRAWS;
          if (u >= 1) u -= 1;
          const pr = pionRingMomentum(ring, i, u, this.mPi);
          const m2r = pr > 0 ? missingMass2(r.pK[i], txK, tyK, this.mK, pr, tx, ty, this.mPi) : Number.NaN;
          fr[cls.region(p, m2, m2r, beam) + 1] += 1 / RING_DRAWS;
        }
        nr = 0;
        for (let g = 0; g <= N_REGIONS; g++) {
          if (fr[g] > 0) {
            regs[nr] = g - 1;
            fracs[nr++] = fr[g];
          }
        }
      }
      // normalisation: π⁺ identified, π⁺π⁰ region, minimum-bias control trigger
      for (let j = 0; j < nr; j++) {
        if (regs[j] !== Region.PIPI) continue;
        const an = a * pid * r.trigControl[i] * fracs[j];
        const o = bin * NQN;
        norm[o] += an;
        norm[o + 1] += an * an;
        if (an > 0) norm[o + 2] += fracs[j];
        const nc = this.normCandidates;
        if (nc && an > 0) {
          const nr0 = this.normRow;
          commonColumns(nr0, r, i, p, m2, beam, z, bin, pid, r.trigControl[i]);
          nc.add("pipi", this.firstEvent + i, an, nr0);
        }
      }
      // 6. π⁺ identification
      a *= pid;
      if (a <= 0) continue;
      flow.pass(CUT.PID, a);
      // 7. photon and multiplicity rejection
      a *= r.pv[i] * r.mult[i];
      if (a <= 0) continue;
      flow.pass(CUT.PHOTON, a);
      // 8. regions
      const trig = r.trigPnn[i];
      const rv = r.rv[i];
      for (let j = 0; j < nr; j++) {
        const region = regs[j];
        if (region < 0) continue;
        const ar = a * fracs[j];
        const f = ar * trig * rv;
        const o = (region * MAX_BINS + bin) * NQ;
        sel[o + Q.A] += ar;
        sel[o + Q.A2] += ar * ar;
        sel[o + Q.AT] += ar * trig;
        sel[o + Q.AR] += ar * rv;
        sel[o + Q.F] += f;
        if (rec) rec.record(i, region * MAX_BINS + bin, f);
        else {
          sel[o + Q.F2] += f * f;
          const c = region * MAX_BINS + bin;
          if (f > fMax[c]) fMax[c] = f;
        }
        sel[o + Q.N] += fracs[j];
        if (inM2) hM2[im] += f;
        if (cand && f > 0 && candRegions[region] === 1) {
          commonColumns(row, r, i, p, m2, beam, z, bin, pid, trig);
          row[9] = rv;
          row[10] = Math.hypot(r.xStraw1[i] - up.straw1CentreX, r.yStraw1[i]);
          row[11] = r.xVtx[i] + tx * (up.boxZ - z);
          row[12] = r.yVtx[i] + ty * (up.boxZ - z);
          cand.add(REGION_NAMES[region], this.firstEvent + i, f, row);
        }
        if (region === Region.R1 || region === Region.R2) {
          flow.pass(CUT.REGION, ar);
          flow.pass(CUT.TRIGGER, ar * trig);
          flow.pass(CUT.RV, f);
        }
      }
    }
    if (countGenerated) t.nGen += n;
    t.wGen += wGen;
    t.wFv += wFv;
    flow.sumw[CUT.GENERATED] += wGen;
    flow.sumw2[CUT.GENERATED] += wGen2;
    flow.sumw[CUT.TRUE_FV] += wFv;
    flow.sumw2[CUT.TRUE_FV] += wFv2;
  }
}

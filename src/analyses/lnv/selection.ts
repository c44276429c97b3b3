/**
 * The three-track LFV/LNV selection on the event model (RecoBatch.tracks/.clusters and the
 * three-track vertex fit, docs/reco.md). An event is a candidate of a final state (e.g. π⁻μ⁺μ⁺,
 * or π⁻e⁺e⁺ with a π⁰→γγ) when it has exactly three good STRAW tracks of total charge +1 with
 * momenta in the analysis range, each inside the NewCHOD and LKr acceptance, a vertex with χ² below the cut, a total momentum of a beam kaon and a
 * small p_T to the beam axis (with the photons of a π⁰: their total momentum; without: no photon in
 * the photon vetoes and no extra LKr cluster for the electron modes), the trigger line of the mode, and an assignment of the final state's
 * particles to the tracks consistent with their charges whose invariant mass lies within the window
 * around m_K. The selected weight is the generator weight × Π track quality × trigger × Π PID
 * probability of the assignment (calorimetric PID per track with the MUV3 condition), summed
 * over the distinct assignments inside the window (each track has one identity, so assignments are
 * exclusive). Weighted throughout: no per-event object.
 */
import { type EventBatch, MAX_SLOTS } from "../../core/batch.ts";
import { MAX_CLUSTERS } from "../../core/cluster-list.ts";
import { particleTable } from "../../core/particles.ts";
import type { RecoBatch } from "../../core/reco-batch.ts";
import { MAX_TRACKS, type TrackList } from "../../core/track-list.ts";
import { geometry } from "../../detector/geometry.ts";
import { Hit } from "../../detector/transport-batch.ts";
import { type Hyp, type LnvSelectionParams, parseDaughter } from "./modes.ts";

/** a final state searched in three tracks (a signal mode or a normalisation channel) */
export interface FinalState {
  key: string;
  /** charged particles (hypothesis and charge) */
  hyps: Hyp[];
  charges: number[];
  /** photons of a π⁰→γγ to add (0 or 2) */
  photons: number;
  /** π⁰→μ⁻e⁺: m(μ⁻e⁺) must be m_π⁰ (truth window for the acceptance, reco window for the selection) */
  pi0: boolean;
  trigger: "mt" | "emt" | "mumt" | "dimuon";
  /** minimum m(e⁺e⁻) of an opposite-sign ee pair (normalisation K⁺→π⁺e⁺e⁻) */
  meeMin: number;
  /** apply the PID of the hypothesis (false: the K3π normalisation, no PID) */
  pid: boolean;
}

export function finalState(
  key: string,
  daughters: string[],
  o: Partial<Omit<FinalState, "key" | "hyps" | "charges">> = {},
): FinalState {
  if (daughters.length !== 3) throw new RangeError(`lnv final state ${key}: expected 3 charged daughters`);
  const d = daughters.map(parseDaughter);
  return {
    key,
    hyps: d.map((x) => x.hyp),
    charges: d.map((x) => x.q),
    photons: o.photons ?? 0,
    pi0: o.pi0 ?? false,
    trigger: o.trigger ?? "emt",
    meeMin: o.meeMin ?? 0,
    pid: o.pid ?? true,
  };
}

/** the detectors every track must cross inside their acceptance */
const TRACK_ACCEPTANCE = Hit.NEWCHOD | Hit.LKR;

const PERMS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/** the steps of the cut flow of every final state (weights after each step) */
export const FLOW_STEPS = [
  "generated (decays in the FV)",
  "three tracks, total charge +1",
  "track momenta in range, tracks in the NewCHOD and LKr acceptance",
  "three-track vertex χ²",
  "trigger line",
  "kaon kinematics (P, p_T; π⁰→γγ), no extra LKr cluster",
  "PID and m_K window",
] as const;
const NFLOW = FLOW_STEPS.length;

/** per event and final state: the weight before the mass window, the mass, the selected weight */
export interface SelectionOut {
  /** weight after each step of FLOW_STEPS, per final state (index state·FLOW_STEPS.length + step) */
  flow: Float64Array;
  /** weight passing every cut but the mass window (the best assignment), per final state */
  wPre: Float64Array;
  /** invariant mass of that assignment (GeV/c²; NaN if none) */
  mass: Float64Array;
  /** selected weight (Σ over assignments inside the window) */
  wSel: Float64Array;
}

export class LnvSelection {
  readonly states: FinalState[];
  readonly out: SelectionOut;
  private readonly p: LnvSelectionParams;
  private readonly mK: number;
  private readonly mPi0: number;
  private readonly mass: Record<Hyp, number>;
  private readonly zLkr: number;
  // scratch: the three tracks' momenta
  private readonly px = new Float64Array(3);
  private readonly py = new Float64Array(3);
  private readonly pz = new Float64Array(3);
  private readonly pp = new Float64Array(3);
  private readonly seen = new Int32Array(6);

  constructor(states: FinalState[], p: LnvSelectionParams) {
    this.states = states;
    this.p = p;
    const t = particleTable();
    this.mK = t.get("K+").mass;
    this.mPi0 = t.get("pi0").mass;
    this.mass = { pi: t.get("pi+").mass, mu: t.get("mu+").mass, e: t.get("e+").mass };
    this.zLkr = geometry().lkr.z;
    const n = states.length;
    this.out = {
      flow: new Float64Array(n * NFLOW),
      wPre: new Float64Array(n),
      mass: new Float64Array(n),
      wSel: new Float64Array(n),
    };
  }

  /** true m(μ⁻e⁺) of event i (the kaon's direct daughters), NaN without both */
  truthMuE(b: EventBatch, i: number): number {
    let kMu = -1;
    let kE = -1;
    for (let k = 1; k < b.nParticles[i]; k++) {
      const g = i * MAX_SLOTS + k;
      if (b.parent[g] !== 0) continue;
      if (b.pdg[g] === 13) kMu = g;
      else if (b.pdg[g] === -11) kE = g;
    }
    if (kMu < 0 || kE < 0) return Number.NaN;
    const e = b.e[kMu] + b.e[kE];
    const x = b.px[kMu] + b.px[kE];
    const y = b.py[kMu] + b.py[kE];
    const z = b.pz[kMu] + b.pz[kE];
    return Math.sqrt(Math.max(0, e * e - x * x - y * y - z * z));
  }

  /**
   * P(track k is identified as h): the calorimetric PID of the period card (LKr E/p + MUV1/2) with
   * the MUV3 condition NA62 adds — an associated in-time MUV3 hit for a muon, none for a pion or an
   * electron
   */
  private pidProb(tl: TrackList, k: number, h: Hyp): number {
    const m3 = tl.muv3[k];
    return h === "mu" ? tl.caloMu[k] * m3 : (h === "pi" ? tl.caloPi[k] : tl.caloE[k]) * (1 - m3);
  }

  /** the common steps: the same weight for every final state */
  private common(step: number, w: number): void {
    const f = this.out.flow;
    for (let s = 0; s < this.states.length; s++) f[s * NFLOW + step] = w;
  }

  /** evaluate event i for every final state into `out` */
  process(b: EventBatch, r: RecoBatch, i: number): void {
    const o = this.out;
    o.wPre.fill(0);
    o.wSel.fill(0);
    o.mass.fill(Number.NaN);
    o.flow.fill(0);
    this.common(0, b.weight[i]);
    const tl = r.tracks;
    const p = this.p;
    if (tl.count[i] !== 3 || tl.found[i] !== 3) return;
    const base = i * MAX_TRACKS;
    let q = 0;
    let eff = b.weight[i];
    let inRange = true;
    for (let j = 0; j < 3; j++) {
      const k = base + j;
      q += tl.q[k];
      eff *= tl.eff[k];
      const pj = tl.p[k];
      if (!(pj >= p.trackMomentum[0] && pj <= p.trackMomentum[1])) inRange = false;
      // the E/p identification needs the LKr; the NewCHOD gives the track time (the MUV3, larger and
      // 5.7 m further, then contains the track too)
      if ((tl.mask[k] & TRACK_ACCEPTANCE) !== TRACK_ACCEPTANCE) inRange = false;
      const pz = pj / Math.sqrt(1 + tl.tx[k] * tl.tx[k] + tl.ty[k] * tl.ty[k]);
      this.px[j] = tl.tx[k] * pz;
      this.py[j] = tl.ty[k] * pz;
      this.pz[j] = pz;
      this.pp[j] = pj;
    }
    if (q !== 1 || !(eff > 0)) return;
    this.common(1, eff);
    if (!inRange) return;
    this.common(2, eff);
    if (!(r.vtxChi2[i] < p.vertexChi2Max)) return;
    this.common(3, eff);
    // the three tracks' total momentum and p_T (final states without photons)
    const ptot = r.vtxP[i];
    const tracksLikeKaon = ptot >= p.totalMomentum[0] && ptot <= p.totalMomentum[1] && r.vtxPt[i] < p.ptMax;
    // photons: the unassociated LKr clusters (for the final states with a π⁰→γγ)
    let g1 = -1;
    let g2 = -1;
    let nFree = 0;
    const cl = r.clusters;
    const cb = i * MAX_CLUSTERS;
    for (let j = 0; j < cl.count[i]; j++) {
      if (cl.track[cb + j] >= 0) continue;
      nFree++;
      if (g1 < 0 || cl.e[cb + j] > cl.e[cb + g1]) {
        g2 = g1;
        g1 = j;
      } else if (g2 < 0 || cl.e[cb + j] > cl.e[cb + g2]) g2 = j;
    }
    for (let s = 0; s < this.states.length; s++) {
      const st = this.states[s];
      const trig =
        st.trigger === "mt"
          ? r.trigMt[i]
          : st.trigger === "emt"
            ? r.trigEmt[i]
            : st.trigger === "dimuon"
              ? r.trigDimuon[i]
              : r.trigMumt[i];
      let w0 = eff * trig;
      if (!(w0 > 0)) continue;
      o.flow[s * NFLOW + 4] = w0;
      // photons
      let gx = 0;
      let gy = 0;
      let gz = 0;
      let ge = 0;
      if (st.photons === 2) {
        if (nFree !== 2) continue;
        let mx = 0;
        let my = 0;
        let mz = 0;
        let me = 0;
        for (const j of [g1, g2]) {
          const dx = cl.x[cb + j] - r.vtxX[i];
          const dy = cl.y[cb + j] - r.vtxY[i];
          const dz = this.zLkr - r.vtxZ[i];
          const d = Math.sqrt(dx * dx + dy * dy + dz * dz);
          const e = cl.e[cb + j];
          mx += (e * dx) / d;
          my += (e * dy) / d;
          mz += (e * dz) / d;
          me += e;
        }
        const mgg = Math.sqrt(Math.max(0, me * me - mx * mx - my * my - mz * mz));
        if (Math.abs(mgg - this.mPi0) > p.ggMassWindow) continue;
        // the total momentum of tracks and photons is the kaon's (no p_T cut: the photons' directions
        // rest on the vertex)
        const tx = mx + this.px[0] + this.px[1] + this.px[2];
        const ty = my + this.py[0] + this.py[1] + this.py[2];
        const tz = mz + this.pz[0] + this.pz[1] + this.pz[2];
        const pt5 = Math.sqrt(tx * tx + ty * ty + tz * tz);
        if (!(pt5 >= p.totalMomentum[0] && pt5 <= p.totalMomentum[1])) continue;
        gx = mx;
        gy = my;
        gz = mz;
        ge = me;
      } else {
        if (!tracksLikeKaon) continue;
        // no photon: the photon vetoes (LAV, IRC, SAC, LKr) see none (a probability: r.pv)
        w0 *= r.pv[i];
        if (!(w0 > 0)) continue;
        // no extra LKr cluster for the electron modes (a photon would be a π⁰ Dalitz decay)
        if (nFree > 0 && st.pi0 === false && st.hyps.includes("e")) continue;
      }
      o.flow[s * NFLOW + 5] = w0;
      let nSeen = 0;
      let bestW = 0;
      let bestM = Number.NaN;
      let wSel = 0;
      for (const perm of PERMS) {
        // perm[j] = the track given daughter j
        let ok = true;
        let key = 0;
        for (let j = 0; j < 3; j++) {
          if (tl.q[base + perm[j]] !== st.charges[j]) ok = false;
        }
        if (!ok) continue;
        // the hypothesis per track, as a key, to count each distinct assignment once
        const hypOf = [0, 0, 0];
        for (let j = 0; j < 3; j++) hypOf[perm[j]] = st.hyps[j] === "pi" ? 0 : st.hyps[j] === "mu" ? 1 : 2;
        key = hypOf[0] * 9 + hypOf[1] * 3 + hypOf[2];
        let dup = false;
        for (let u = 0; u < nSeen; u++) if (this.seen[u] === key) dup = true;
        if (dup) continue;
        this.seen[nSeen++] = key;
        let w = w0;
        let ex = gx;
        let ey = gy;
        let ez = gz;
        let ee = ge;
        let mee = Number.POSITIVE_INFINITY;
        let muE = Number.NaN;
        for (let j = 0; j < 3; j++) {
          const t = perm[j];
          const h = st.hyps[j];
          if (st.pid) w *= this.pidProb(tl, base + t, h);
          const m = this.mass[h];
          ex += this.px[t];
          ey += this.py[t];
          ez += this.pz[t];
          ee += Math.sqrt(this.pp[t] * this.pp[t] + m * m);
        }
        if (!(w > 0)) continue;
        // pair masses: opposite-sign ee (normalisation) and μ⁻e⁺ (π⁰→μ⁻e⁺)
        for (let a = 0; a < 3; a++) {
          for (let c = a + 1; c < 3; c++) {
            const ha = st.hyps[a];
            const hc = st.hyps[c];
            const ta = perm[a];
            const tc = perm[c];
            const opposite = st.charges[a] !== st.charges[c];
            const isEe = ha === "e" && hc === "e" && opposite;
            const isMuE = opposite && ((ha === "mu" && hc === "e") || (ha === "e" && hc === "mu"));
            if (!isEe && !isMuE) continue;
            const ma = this.mass[ha];
            const mc = this.mass[hc];
            const e2 =
              Math.sqrt(this.pp[ta] * this.pp[ta] + ma * ma) + Math.sqrt(this.pp[tc] * this.pp[tc] + mc * mc);
            const x = this.px[ta] + this.px[tc];
            const y = this.py[ta] + this.py[tc];
            const z = this.pz[ta] + this.pz[tc];
            const m2 = Math.sqrt(Math.max(0, e2 * e2 - x * x - y * y - z * z));
            if (isEe) mee = Math.min(mee, m2);
            else muE = m2;
          }
        }
        if (st.meeMin > 0 && !(mee > st.meeMin)) continue;
        if (st.pi0 && !(Math.abs(muE - this.mPi0) < p.pi0MassWindow)) continue;
        const m = Math.sqrt(Math.max(0, ee * ee - ex * ex - ey * ey - ez * ez));
        if (w > bestW) {
          bestW = w;
          bestM = m;
        }
        if (Math.abs(m - this.mK) < p.massWindow) wSel += w;
      }
      o.wPre[s] = bestW;
      o.mass[s] = bestM;
      o.wSel[s] = wSel;
      o.flow[s * NFLOW + 6] = wSel;
    }
  }
}

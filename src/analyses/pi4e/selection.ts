/**
 * The K⁺→π⁺e⁺e⁻e⁺e⁻ five-track selection of NA62 ([NA62-PI4E-2023], [NA62-EQCD2024-talk]): STRAW
 * tracks only, no particle identification. Five tracks, three positive and two negative, with a
 * common vertex in the fiducial volume; each positive track in turn takes the pion mass and the
 * assignment with m_π4e closest to m_K is kept (m_π4e in 484–504 MeV/c²). The other variables:
 *   m_4e       the invariant mass of the four electrons (off the π⁰ pole for the signal, on it for
 *              the K⁺→π⁺π⁰_DD normalisation); with `ambiguityVeto`, the signal also rejects events
 *              where any pion assignment puts m_4e on the pole (a K⁺→π⁺π⁰_DD whose π⁺ and an e⁺
 *              have similar momenta, or a K⁺→π⁰_DD e⁺ν, is otherwise taken with a wrong pion),
 *   m²_miss    (P_K − P_π)² with the nominal beam kaon (≥ 0 and |m_miss − m_π⁰| > 40 MeV/c²),
 *   p_π        the pion's momentum (> 10 GeV/c, lifted in the loose control selection),
 *   Δp         |P_vertex| − p_beam: signal region |Δp| < 2 GeV/c, control region beyond,
 *   D          min over the two e⁺e⁻ pairings of (m_ee1 − m_ee2)²/(σ_rel m_ee)², m_ee the pair average
 *              (the dark-chain candidates: two pairs of equal mass).
 * The selection parameters are conditions (conditions/analyses/pi4e/published.json "selection").
 */
import type { TrackList } from "../../core/track-list.ts";
import { V, type VertexFit } from "../../reco/vertex-fit.ts";

/** fields of FiveTrackSelection.out */
export const F = {
  chi2: 0,
  z: 1,
  mPi4e: 2,
  m4e: 3,
  m2miss: 4,
  pPi: 5,
  dp: 6,
  dMin: 7,
  mee: 8,
  /** product of the five tracks' reconstruction efficiencies */
  eff: 9,
} as const;

export interface Pi4eCuts {
  mPi4eWindow: [number, number];
  m4eOffPole: number;
  mMissOffPole: number;
  pPiMin: number;
  dpSignal: number;
  dpControl: number;
  pairingResolution: number;
  pairingMax: number;
  vertexChi2Max: number;
  /** the signal also rejects an event where any pion assignment puts m_4e on the π⁰ pole */
  ambiguityVeto: boolean;
  fiducialZ: [number, number];
  pBeam: number;
}

/** region bits of an event that passed the common cuts */
export const R = { SR: 1, CR: 2, LCR: 4, NORM: 8 } as const;
/** the bit of an event in the m_π4e window (the common cuts passed) */
export const COMMON = 16;
/** the bits of the signal cuts passed (for the cut flow): off the π⁰ poles (m_4e, m_miss), p_π */
export const OFF_POLE = 32;
export const P_PI = 64;

export class FiveTrackSelection {
  readonly out = new Float64Array(10);
  private readonly px = new Float64Array(5);
  private readonly py = new Float64Array(5);
  private readonly pz = new Float64Array(5);
  private readonly pp = new Float64Array(5);
  private readonly pos = new Int32Array(3);
  private readonly neg = new Int32Array(2);
  private readonly idx = new Int32Array(5);
  private readonly kx: number;
  private readonly ky: number;
  private readonly kz: number;
  private readonly kE: number;

  constructor(
    readonly cuts: Pi4eCuts,
    readonly fit: VertexFit,
    readonly masses: { pi: number; e: number; k: number; pi0: number },
    beamSlopes: [number, number],
  ) {
    const [tx, ty] = beamSlopes;
    const n = cuts.pBeam / Math.sqrt(1 + tx * tx + ty * ty);
    this.kx = n * tx;
    this.ky = n * ty;
    this.kz = n;
    this.kE = Math.sqrt(cuts.pBeam * cuts.pBeam + masses.k * masses.k);
  }

  /**
   * Evaluate the five tracks idx[0..5) of tl: −1 if they fail the charges or the vertex cuts (out
   * partly written), 0 outside the m_π4e window, else the region bits (R) | COMMON. The variables
   * are in `out`.
   */
  evaluate(tl: TrackList, idx: ArrayLike<number>): number {
    const c = this.cuts;
    const out = this.out;
    let np = 0;
    let nn = 0;
    let eff = 1;
    for (let j = 0; j < 5; j++) {
      const k = idx[j];
      this.idx[j] = k;
      const q = tl.q[k];
      if (q > 0) {
        if (np === 3) return -1;
        this.pos[np++] = j;
      } else {
        if (nn === 2) return -1;
        this.neg[nn++] = j;
      }
      const tx = tl.tx[k];
      const ty = tl.ty[k];
      const p = tl.p[k];
      const z = p / Math.sqrt(1 + tx * tx + ty * ty);
      this.px[j] = z * tx;
      this.py[j] = z * ty;
      this.pz[j] = z;
      this.pp[j] = p;
      eff *= tl.eff[k];
    }
    if (np !== 3 || nn !== 2) return -1;
    out[F.eff] = eff;
    if (!this.fit.fit(tl, this.idx, 5)) return -1;
    const fo = this.fit.out;
    out[F.chi2] = fo[V.chi2];
    out[F.z] = fo[V.z];
    if (!(fo[V.chi2] < c.vertexChi2Max)) return -1;
    if (!(fo[V.z] > c.fiducialZ[0] && fo[V.z] < c.fiducialZ[1])) return -1;
    const { pi: mPi, e: mE, k: mK, pi0: mPi0 } = this.masses;
    let Px = 0;
    let Py = 0;
    let Pz = 0;
    let Ee = 0;
    for (let j = 0; j < 5; j++) {
      Px += this.px[j];
      Py += this.py[j];
      Pz += this.pz[j];
      Ee += Math.sqrt(this.pp[j] * this.pp[j] + mE * mE);
    }
    const P2 = Px * Px + Py * Py + Pz * Pz;
    // the pion among the positive tracks: m_π4e closest to m_K
    let best = -1;
    let bestM = Number.NaN;
    // an assignment with m_4e on the π⁰ pole (the ambiguity veto of the signal)
    let anyOnPole = false;
    for (let a = 0; a < 3; a++) {
      const j = this.pos[a];
      const p2 = this.pp[j] * this.pp[j];
      const eJ = Math.sqrt(p2 + mE * mE);
      const E = Ee - eJ + Math.sqrt(p2 + mPi * mPi);
      const m2 = E * E - P2;
      const m = m2 > 0 ? Math.sqrt(m2) : -Math.sqrt(-m2);
      if (best < 0 || Math.abs(m - mK) < Math.abs(bestM - mK)) {
        best = a;
        bestM = m;
      }
      if (c.ambiguityVeto) {
        const e4 = Ee - eJ;
        const x = Px - this.px[j];
        const y = Py - this.py[j];
        const zz = Pz - this.pz[j];
        const q2 = e4 * e4 - x * x - y * y - zz * zz;
        if (Math.abs((q2 > 0 ? Math.sqrt(q2) : 0) - mPi0) < c.m4eOffPole) anyOnPole = true;
      }
    }
    out[F.mPi4e] = bestM;
    const jp = this.pos[best];
    out[F.pPi] = this.pp[jp];
    out[F.dp] = Math.sqrt(P2) - c.pBeam;
    // four electrons
    const e4 = Ee - Math.sqrt(this.pp[jp] * this.pp[jp] + mE * mE);
    const qx = Px - this.px[jp];
    const qy = Py - this.py[jp];
    const qz = Pz - this.pz[jp];
    const m4e2 = e4 * e4 - qx * qx - qy * qy - qz * qz;
    out[F.m4e] = m4e2 > 0 ? Math.sqrt(m4e2) : 0;
    // missing mass against the nominal beam kaon
    const ePi = Math.sqrt(this.pp[jp] * this.pp[jp] + mPi * mPi);
    const dx = this.kx - this.px[jp];
    const dy = this.ky - this.py[jp];
    const dz = this.kz - this.pz[jp];
    const de = this.kE - ePi;
    out[F.m2miss] = de * de - dx * dx - dy * dy - dz * dz;
    // pairing variable D over the two e⁺e⁻ pairings
    const a1 = this.pos[best === 0 ? 1 : 0];
    const a2 = this.pos[best === 2 ? 1 : 2];
    const b1 = this.neg[0];
    const b2 = this.neg[1];
    let dMin = Number.POSITIVE_INFINITY;
    let mee = Number.NaN;
    for (let s = 0; s < 2; s++) {
      const m1 = this.pairMass(a1, s === 0 ? b1 : b2);
      const m2 = this.pairMass(a2, s === 0 ? b2 : b1);
      const mbar = 0.5 * (m1 + m2);
      const sig = c.pairingResolution * mbar;
      const d = ((m1 - m2) * (m1 - m2)) / (sig * sig);
      if (d < dMin) {
        dMin = d;
        mee = mbar;
      }
    }
    out[F.dMin] = dMin;
    out[F.mee] = mee;
    if (!(bestM > c.mPi4eWindow[0] && bestM < c.mPi4eWindow[1])) return 0;
    const adp = Math.abs(out[F.dp]);
    const inSR = adp < c.dpSignal;
    const inCR = adp >= c.dpSignal && adp < c.dpControl;
    const offPole = Math.abs(out[F.m4e] - mPi0) > c.m4eOffPole && !anyOnPole;
    const m2 = out[F.m2miss];
    const missOk = m2 > 0 && Math.abs(Math.sqrt(m2) - mPi0) > c.mMissOffPole;
    const pOk = out[F.pPi] > c.pPiMin;
    let bits = 0;
    if (offPole && missOk) {
      if (inSR && pOk) bits |= R.SR;
      if (inCR && pOk) bits |= R.CR;
      if (inCR) bits |= R.LCR;
    }
    if (!offPole && inSR && pOk) bits |= R.NORM;
    if (offPole && missOk) bits |= OFF_POLE;
    if (pOk) bits |= P_PI;
    return bits | COMMON;
  }

  /** invariant mass of tracks j and k (positions in the evaluated set) as electrons */
  private pairMass(j: number, k: number): number {
    const mE = this.masses.e;
    const e = Math.sqrt(this.pp[j] * this.pp[j] + mE * mE) + Math.sqrt(this.pp[k] * this.pp[k] + mE * mE);
    const x = this.px[j] + this.px[k];
    const y = this.py[j] + this.py[k];
    const z = this.pz[j] + this.pz[k];
    const m2 = e * e - x * x - y * y - z * z;
    return m2 > 0 ? Math.sqrt(m2) : 0;
  }

  /** a dark-chain candidate of mass mX: a signal-region event with D below its cut and m_ee in the window */
  darkCandidate(bits: number, mX: number, window: number): boolean {
    return (
      (bits & R.SR) !== 0 &&
      this.out[F.dMin] < this.cuts.pairingMax &&
      Math.abs(this.out[F.mee] - mX) < window * mX
    );
  }
}

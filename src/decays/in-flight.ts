/**
 * Decays in flight of the charged final-state particles, called by the detector transport:
 *   π± → μ± ν (BR 99.988%, the rest is neglected; cτ = 7.8045 m), isotropic two-body;
 *   μ± → e± ν ν̄ (cτ = 658.64 m): a muon from π± → μ±ν or K± → μ±ν is fully polarised and decays
 *   with the polarised Michel distribution x²[(3 − 2x) ± P(2x − 1)cos θ] about its spin
 *   (muon-polarisation.ts: the spin follows from the parent's four-momentum, which the event
 *   keeps); any other muon decays unpolarised, x²(3 − 2x), isotropic. The ν ν̄ pair shares the
 *   remaining four-momentum isotropically in its rest frame.
 * The flight length is drawn from exp(−s/βγcτ) (or importance-sampled with likelihood-ratio weights,
 * src/detector/biasing.ts); if the decay point lies upstream of `zEnd` the
 * particle becomes INTERMEDIATE and its daughters are added to the event (when slots remain).
 * Between the production point and the decay point the particle follows the transport's trajectory
 * (straight lines with the MNP33 thin-lens kick), so a daughter produced downstream of the magnet
 * starts with the kicked direction. Lifetimes come from the particle table (PDG 2024).
 */
import { type EventBatch, MAX_SLOTS, Status } from "../core/batch.ts";
import { boostFromRest, twoBodyMomentum } from "../core/kinematics.ts";
import { type ParticleTable, PDG } from "../core/particles.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";
import { C_LIGHT } from "../core/units.ts";
import { findChannel } from "./catalogue.ts";
import { muonSpin, sampleMichel } from "./muon-polarisation.ts";
import { isotropicPair } from "./phase-space.ts";

/** share of the pion decay lengths drawn from the natural density when pion decays are biased */
export const PION_NATURAL_SHARE = 0.5;

/** the magnetic kicks a charged particle receives along z (thin lenses) */
interface Kicks {
  /** z of the kick planes (ascending), mm */
  z: number[];
  /** p_T kick along −x for a positive charge, GeV */
  pt: number[];
}

interface InFlightOptions {
  /** decays downstream of this z (mm) are not simulated */
  zEnd: number;
  kicks: Kicks;
  /**
   * importance sampling of muon decays (src/detector/biasing.ts): the decay length is drawn with
   * mean βγcτ / muonDecayBias and the event weight multiplied by the likelihood ratio; 1 (default)
   * draws the natural length
   */
  muonDecayBias?: number;
  /**
   * importance sampling of pion decays (src/detector/biasing.ts): a defensive mixture, the natural
   * length with probability PION_NATURAL_SHARE and otherwise one with mean βγcτ / pionDecayBias; the
   * event weight is multiplied by natural / mixture density of what was drawn; 1 (default) draws the
   * natural length with the same random numbers as before
   */
  pionDecayBias?: number;
}

export class InFlightDecayer {
  readonly zEnd: number;
  private readonly kz: Float64Array;
  private readonly kpt: Float64Array;
  private readonly mMu: number;
  private readonly mE: number;
  private readonly ctauPi: number;
  private readonly ctauMu: number;
  private readonly muBias: number;
  private readonly piBias: number;
  /** scratch: position and momentum at the decay point */
  private readonly st = new Float64Array(7);
  /** scratch: the parent's state, the four-momenta and the spin of a polarised muon, (x, cos θ) */
  private readonly stParent = new Float64Array(7);
  private readonly p4 = new Float64Array(4);
  private readonly P4 = new Float64Array(4);
  private readonly spin = new Float64Array(3);
  private readonly xc = new Float64Array(2);
  /** catalogue id of K⁺ → μ⁺ν (its muon is polarised) */
  private readonly idMuNu: number;
  /** counters (for tests and summaries) */
  decays = 0;
  skipped = 0;

  constructor(particles: ParticleTable, opts: InFlightOptions) {
    this.zEnd = opts.zEnd;
    this.kz = Float64Array.from(opts.kicks.z);
    this.kpt = Float64Array.from(opts.kicks.pt);
    const pi = particles.get("pi+");
    const mu = particles.get("mu+");
    this.mMu = mu.mass;
    this.mE = particles.mass("e+");
    this.ctauPi = pi.lifetime * C_LIGHT;
    this.ctauMu = mu.lifetime * C_LIGHT;
    this.muBias = opts.muonDecayBias ?? 1;
    this.piBias = opts.pionDecayBias ?? 1;
    this.idMuNu = findChannel("K+ -> mu+ nu").id;
  }

  /**
   * The rest-frame spin of muon g of event ev at its production, into this.spin (a unit vector), if
   * its parent is a π± (π → μν in flight) or the K± of a K± → μ±ν event; false (unpolarised) otherwise
   */
  private polarisation(b: EventBatch, ev: number, g: number, q: number): boolean {
    const base = ev * MAX_SLOTS;
    const par = b.parent[g];
    if (par < 0) return false;
    const gp = base + par;
    const apdg = Math.abs(b.pdg[gp]);
    const P4 = this.P4;
    if (apdg === 211) {
      const sp = this.stParent;
      this.stateAt(b, gp, b.pdg[gp] > 0 ? 1 : -1, b.vz[g], sp);
      P4[0] = sp[3];
      P4[1] = sp[4];
      P4[2] = sp[5];
    } else if (apdg === 321 && par === 0 && b.channel[ev] === this.idMuNu) {
      P4[0] = b.px[gp];
      P4[1] = b.py[gp];
      P4[2] = b.pz[gp];
    } else return false;
    P4[3] = b.e[gp];
    const p4 = this.p4;
    p4[0] = b.px[g];
    p4[1] = b.py[g];
    p4[2] = b.pz[g];
    p4[3] = b.e[g];
    // μ⁺ (q = +1) helicity −1, μ⁻ helicity +1
    muonSpin(p4, b.mass[g], P4, b.mass[gp], -q, this.spin);
    return true;
  }

  /** decay in flight every charged π/μ of events [start, end) (including daughters added here) */
  process(b: EventBatch, start: number, end: number, rng: Xoshiro128): void {
    for (let ev = start; ev < end; ev++) {
      if (b.vtxZ[ev] >= this.zEnd) continue; // the decay products start downstream of zEnd
      const base = ev * MAX_SLOTS;
      for (let k = 1; k < b.nParticles[ev]; k++) {
        const g = base + k;
        if (b.status[g] !== Status.FINAL) continue;
        const pdg = b.pdg[g];
        const apdg = pdg < 0 ? -pdg : pdg;
        if (apdg === 211) this.tryDecay(b, rng, ev, g, this.ctauPi, pdg > 0 ? 1 : -1, true);
        else if (apdg === 13) this.tryDecay(b, rng, ev, g, this.ctauMu, pdg < 0 ? 1 : -1, false);
      }
    }
  }

  /**
   * Position and momentum of particle g (charge q) at z along its trajectory, into st[0..5]
   * (x, y, z, px, py, pz); st[6] = path length from the production point (mm).
   */
  stateAt(b: EventBatch, g: number, q: number, z: number, st: Float64Array = this.st): void {
    let x = b.vx[g];
    let y = b.vy[g];
    let zc = b.vz[g];
    let px = b.px[g];
    const py = b.py[g];
    let pz = b.pz[g];
    const p2 = px * px + py * py + pz * pz;
    let path = 0;
    const kz = this.kz;
    for (let i = 0; i < kz.length; i++) {
      const zk = kz[i];
      if (zk <= zc) continue;
      if (zk >= z) break;
      const dz = zk - zc;
      const tx = px / pz;
      const ty = py / pz;
      x += tx * dz;
      y += ty * dz;
      path += dz * Math.sqrt(1 + tx * tx + ty * ty);
      zc = zk;
      px -= q * this.kpt[i];
      pz = Math.sqrt(Math.max(p2 - px * px - py * py, 1e-12));
    }
    const dz = z - zc;
    const tx = px / pz;
    const ty = py / pz;
    st[0] = x + tx * dz;
    st[1] = y + ty * dz;
    st[2] = z;
    st[3] = px;
    st[4] = py;
    st[5] = pz;
    st[6] = path + dz * Math.sqrt(1 + tx * tx + ty * ty);
  }

  private tryDecay(
    b: EventBatch,
    rng: Xoshiro128,
    ev: number,
    g: number,
    ctau: number,
    q: number,
    pion: boolean,
  ): void {
    const m = b.mass[g];
    const px = b.px[g];
    const py = b.py[g];
    const pz = b.pz[g];
    if (pz <= 0 || b.vz[g] >= this.zEnd) return;
    const p = Math.sqrt(px * px + py * py + pz * pz);
    // flight length; z reached ≈ production z + s·pz/p (the kick changes pz/p by < 10⁻⁴)
    const bias = pion ? this.piBias : this.muBias;
    let s: number;
    if (bias === 1) s = -Math.log(rng.uniform()) * (p / m) * ctau;
    else if (pion) {
      // defensive mixture: natural length with probability a, mean βγcτ/B otherwise; the weight is
      // f/(a·f + (1−a)·f_B) = 1/(a + (1−a)·B·e^{−(B−1)s/λ}) for a decay at s and
      // 1/(a + (1−a)·e^{−(B−1)S/λ}) for no decay before zEnd (S: the path to zEnd), both ≤ 1/a
      const lambda = (p / m) * ctau;
      const a = PION_NATURAL_SHARE;
      const natural = rng.uniform() < a;
      s = (-Math.log(rng.uniform()) * lambda) / (natural ? 1 : bias);
      const zs = b.vz[g] + (s * pz) / p;
      if (zs < this.zEnd) b.weight[ev] /= a + (1 - a) * bias * Math.exp((-(bias - 1) * s) / lambda);
      else {
        const path = ((this.zEnd - b.vz[g]) * p) / pz;
        b.weight[ev] /= a + (1 - a) * Math.exp((-(bias - 1) * path) / lambda);
      }
    } else {
      // biased length (mean βγcτ/B): weight f/f_B = e^{(B−1)s/λ}/B for a decay at s, and
      // e^{(B−1)S/λ} for no decay before zEnd (S: the path to zEnd)
      const lambda = (p / m) * ctau;
      s = (-Math.log(rng.uniform()) * lambda) / bias;
      const zs = b.vz[g] + (s * pz) / p;
      const path = zs < this.zEnd ? s : ((this.zEnd - b.vz[g]) * p) / pz;
      b.weight[ev] *= Math.exp(((bias - 1) * path) / lambda) / (zs < this.zEnd ? bias : 1);
    }
    const zd = b.vz[g] + (s * pz) / p;
    if (zd >= this.zEnd) return;
    const n = b.nParticles[ev];
    const need = pion ? 2 : 3;
    if (n + need > MAX_SLOTS) {
      this.skipped++;
      return;
    }
    const st = this.st;
    this.stateAt(b, g, q, zd, st);
    const x = st[0];
    const y = st[1];
    const Px = st[3];
    const Py = st[4];
    const Pz = st[5];
    const E = b.e[g];
    const t = b.t[g] + (st[6] * E) / (p * C_LIGHT);
    b.status[g] = Status.INTERMEDIATE;
    const slot = g - ev * MAX_SLOTS;
    this.decays++;
    if (pion) {
      const gm = b.addParticle(ev, q > 0 ? PDG.mup : PDG.mum, this.mMu, Status.FINAL, slot, x, y, zd, t);
      const gn = b.addParticle(ev, q > 0 ? PDG.numu : PDG.numubar, 0, Status.FINAL, slot, x, y, zd, t);
      const k = twoBodyMomentum(m, this.mMu, 0);
      isotropicPair(b, rng, gm, gn, k, this.mMu, 0);
      boostFromRest(b.px, b.py, b.pz, b.e, gm, Px, Py, Pz, E, m);
      boostFromRest(b.px, b.py, b.pz, b.e, gn, Px, Py, Pz, E, m);
      return;
    }
    const me = this.mE;
    const x0 = (2 * me) / m;
    if (this.polarisation(b, ev, g, q)) {
      this.decayPolarised(b, rng, ev, slot, g, q, x0, x, y, zd, t, Px, Py, Pz, E);
      return;
    }
    // μ → e ν ν̄ (unpolarised): Michel spectrum x = 2E/m_μ ∈ [x0, 1], f(x) ∝ x²(3 − 2x) (max 1 at x = 1)
    let xm: number;
    do {
      xm = x0 + (1 - x0) * rng.uniform();
    } while (rng.uniform() > xm * xm * (3 - 2 * xm));
    const Ee = 0.5 * xm * m;
    const pe = Math.sqrt(Math.max(Ee * Ee - me * me, 0));
    const ge = b.addParticle(ev, q > 0 ? PDG.ep : PDG.em, me, Status.FINAL, slot, x, y, zd, t);
    const g1 = b.addParticle(ev, q > 0 ? PDG.nue : PDG.nuebar, 0, Status.FINAL, slot, x, y, zd, t);
    const g2 = b.addParticle(ev, q > 0 ? PDG.numubar : PDG.numu, 0, Status.FINAL, slot, x, y, zd, t);
    // electron direction isotropic in the muon rest frame (g1 holds the recoiling νν̄ system, of
    // mass M, for a moment); then the pair back to back in its own rest frame
    const En = m - Ee;
    const M = Math.sqrt(Math.max(En * En - pe * pe, 0));
    isotropicPair(b, rng, ge, g1, pe, me, M);
    const ex = b.px[g1];
    const ey = b.py[g1];
    const ez = b.pz[g1];
    isotropicPair(b, rng, g1, g2, 0.5 * M, 0, 0);
    if (M > 0) {
      boostFromRest(b.px, b.py, b.pz, b.e, g1, ex, ey, ez, En, M);
      boostFromRest(b.px, b.py, b.pz, b.e, g2, ex, ey, ez, En, M);
    }
    boostFromRest(b.px, b.py, b.pz, b.e, ge, Px, Py, Pz, E, m);
    boostFromRest(b.px, b.py, b.pz, b.e, g1, Px, Py, Pz, E, m);
    boostFromRest(b.px, b.py, b.pz, b.e, g2, Px, Py, Pz, E, m);
  }

  /**
   * μ → e ν ν̄ for a polarised muon (spin in this.spin at production): the spin turned with the
   * momentum from production to the decay point (rotation about y, the field direction of the kicks),
   * (x, cos θ) from the polarised Michel density, the e± about the spin, the νν̄ pair isotropic in
   * its rest frame; then everything boosted with the muon's momentum at the decay point
   */
  private decayPolarised(
    b: EventBatch,
    rng: Xoshiro128,
    ev: number,
    slot: number,
    g: number,
    q: number,
    x0: number,
    x: number,
    y: number,
    zd: number,
    t: number,
    Px: number,
    Py: number,
    Pz: number,
    E: number,
  ): void {
    const m = b.mass[g];
    const me = this.mE;
    const n = this.spin;
    const d = Math.atan2(Px, Pz) - Math.atan2(b.px[g], b.pz[g]);
    const cd = Math.cos(d);
    const sd = Math.sin(d);
    const sx = n[0] * cd + n[2] * sd;
    const sz = -n[0] * sd + n[2] * cd;
    const sy = n[1];
    const pol = Math.min(1, Math.sqrt(sx * sx + sy * sy + sz * sz));
    const xc = this.xc;
    sampleMichel(rng, x0, q * pol, xc);
    const Ee = 0.5 * xc[0] * m;
    const pe = Math.sqrt(Math.max(Ee * Ee - me * me, 0));
    const ge = b.addParticle(ev, q > 0 ? PDG.ep : PDG.em, me, Status.FINAL, slot, x, y, zd, t);
    const g1 = b.addParticle(ev, q > 0 ? PDG.nue : PDG.nuebar, 0, Status.FINAL, slot, x, y, zd, t);
    const g2 = b.addParticle(ev, q > 0 ? PDG.numubar : PDG.numu, 0, Status.FINAL, slot, x, y, zd, t);
    // e direction: cos θ about the spin axis, azimuth uniform
    const ux = sx / pol;
    const uy = sy / pol;
    const uz = sz / pol;
    // a unit vector perpendicular to u, and u × it
    let ax = -uy;
    let ay = ux;
    let az = 0;
    if (Math.abs(uz) > 0.9) {
      ax = 0;
      ay = -uz;
      az = uy;
    }
    const an = Math.sqrt(ax * ax + ay * ay + az * az);
    ax /= an;
    ay /= an;
    az /= an;
    const bx = uy * az - uz * ay;
    const by = uz * ax - ux * az;
    const bz = ux * ay - uy * ax;
    const c = xc[1];
    const sn = Math.sqrt(Math.max(0, 1 - c * c));
    const phi = 2 * Math.PI * rng.uniform();
    const cp = sn * Math.cos(phi);
    const spp = sn * Math.sin(phi);
    const dx = c * ux + cp * ax + spp * bx;
    const dy = c * uy + cp * ay + spp * by;
    const dz = c * uz + cp * az + spp * bz;
    b.px[ge] = pe * dx;
    b.py[ge] = pe * dy;
    b.pz[ge] = pe * dz;
    b.e[ge] = Ee;
    const En = m - Ee;
    const M = Math.sqrt(Math.max(En * En - pe * pe, 0));
    const ex = -pe * dx;
    const ey = -pe * dy;
    const ez = -pe * dz;
    isotropicPair(b, rng, g1, g2, 0.5 * M, 0, 0);
    if (M > 0) {
      boostFromRest(b.px, b.py, b.pz, b.e, g1, ex, ey, ez, En, M);
      boostFromRest(b.px, b.py, b.pz, b.e, g2, ex, ey, ez, En, M);
    }
    boostFromRest(b.px, b.py, b.pz, b.e, ge, Px, Py, Pz, E, m);
    boostFromRest(b.px, b.py, b.pz, b.e, g1, Px, Py, Pz, E, m);
    boostFromRest(b.px, b.py, b.pz, b.e, g2, Px, Py, Pz, E, m);
  }
}

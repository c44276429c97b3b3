/**
 * π⁰ decays: γγ (isotropic), e⁺e⁻γ (Kroll–Wada with the transition form factor F(x) = 1 + a·x),
 * e⁺e⁻e⁺e⁻ (double Dalitz: leading-order QED with both e⁺e⁻ pairings and their interference,
 * me/double-dalitz.ts), e⁺e⁻ (two-body, isotropic: the π⁰ has spin 0). BRs and the TFF slope:
 * form-factors.json "pi0".
 *
 * Dalitz decay (N.M. Kroll, W. Wada, Phys. Rev. 98 (1955) 1355; radiative corrections not
 * included): with x = m²_ee/m²_π⁰ and y = β cos θ (θ the e⁺ angle in the e⁺e⁻ frame relative to
 * the e⁺e⁻ flight direction, β = √(1 − 4m²_e/(x m²_π⁰))),
 *   d²Γ/dx dy ∝ (1 − x)³/x · [1 + y² + 4m²_e/(x m²_π⁰)] · |F(x)|².
 */
import { type EventBatch, MAX_SLOTS, Status } from "../core/batch.ts";
import { loadConditions } from "../core/conditions.ts";
import { boostFromRest } from "../core/kinematics.ts";
import { type ParticleTable, PDG } from "../core/particles.ts";
import { AcceptReject } from "../core/rng/samplers.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";
import { C_LIGHT } from "../core/units.ts";
import { DoubleDalitz } from "./me/double-dalitz.ts";
import { perpendicularBasis } from "./me/frame.ts";
import { decayTwoBody } from "./phase-space.ts";

export const Pi0Mode = { GG: 0, EEG: 1, EEEE: 2, EE: 3 } as const;
/**
 * "natural" draws every π⁰'s mode by BR; "gg", "eeg", "eeee", "ee" force every π⁰ of the event; "eeg+natural"
 * and "eeee+natural" force the event's first π⁰ only (weight × its BR) and let the others decay
 * naturally (an analysis of K⁺→π⁺π⁰π⁰ with one π⁰ in a rare mode multiplies by the number of π⁰s)
 */
export const PI0_MODE_NAMES = ["natural", "gg", "eeg", "eeee", "ee", "eeg+natural", "eeee+natural"] as const;
export type Pi0ModeName = (typeof PI0_MODE_NAMES)[number];

/** "natural, gg, eeg, eeee, ee, eeg+natural or eeee+natural" (for messages and help texts) */
export function pi0ModeList(last = "or"): string {
  return `${PI0_MODE_NAMES.slice(0, -1).join(", ")} ${last} ${PI0_MODE_NAMES[PI0_MODE_NAMES.length - 1]}`;
}

export function isPi0ModeName(s: string): s is Pi0ModeName {
  return (PI0_MODE_NAMES as readonly string[]).includes(s);
}

interface Param {
  value: number;
}

interface Pi0Params {
  tffSlope: number;
  brGG: number;
  brEEG: number;
  brEEEE: number;
  brEE: number;
}

export function pi0Params(): Pi0Params {
  const p = loadConditions<{ pi0: Record<string, Param> }>("decays/form-factors.json").pi0;
  return {
    tffSlope: p.tffSlope.value,
    brGG: p.brGammaGamma.value,
    brEEG: p.brDalitz.value,
    brEEEE: p.brDoubleDalitz.value,
    brEE: p.brEE.value,
  };
}

/** Kroll–Wada x = m²_ee/m²_π⁰ density integrated over y, times |F|² (unnormalised) */
export function dalitzXDensity(x: number, r: number, a: number): number {
  // r = m²_e/m²_π⁰
  const b2 = 1 - (4 * r) / x;
  if (b2 <= 0 || x >= 1) return 0;
  const beta = Math.sqrt(b2);
  const f = 1 + a * x;
  return ((1 - x) ** 3 / x) * beta * (1 + (2 * r) / x) * f * f;
}

export class Pi0Decayer {
  readonly mPi0: number;
  readonly mE: number;
  /** cτ of the π⁰, mm */
  readonly ctau: number;
  readonly params: Pi0Params;
  readonly xMin: number;
  /** accept/reject on x·density(x) with ln x uniform */
  readonly xSampler: AcceptReject;
  private readonly lnXMin: number;
  private dd: DoubleDalitz | null = null;
  private readonly basis = new Float64Array(6);

  constructor(particles: ParticleTable, params = pi0Params()) {
    this.mPi0 = particles.mass("pi0");
    this.mE = particles.mass("e-");
    this.ctau = particles.get("pi0").lifetime * C_LIGHT;
    this.params = params;
    const r = (this.mE / this.mPi0) ** 2;
    this.xMin = 4 * r;
    this.lnXMin = Math.log(this.xMin);
    // sampling ln x uniformly, the weight is x·density(x) ≤ max over a fine scan
    let wmax = 0;
    for (let i = 0; i <= 20000; i++) {
      const x = Math.exp(this.lnXMin * (1 - i / 20000));
      wmax = Math.max(wmax, x * dalitzXDensity(x, r, params.tffSlope));
    }
    this.xSampler = new AcceptReject(wmax * 1.02);
  }

  /** decay π⁰ at global index P of event ev in mode `mode`; appends the daughters */
  decay(b: EventBatch, ev: number, P: number, mode: number, rng: Xoshiro128): void {
    const slot = P - ev * MAX_SLOTS;
    b.status[P] = Status.INTERMEDIATE;
    // π⁰ flight (cτ = 25 nm: micrometres at NA62 energies), kept for completeness
    const s = -Math.log(rng.uniform()) * this.ctau;
    const x = b.vx[P] + (s * b.px[P]) / this.mPi0;
    const y = b.vy[P] + (s * b.py[P]) / this.mPi0;
    const z = b.vz[P] + (s * b.pz[P]) / this.mPi0;
    const t = b.t[P] + (s * b.e[P]) / (this.mPi0 * C_LIGHT);
    if (mode === Pi0Mode.GG) {
      const g1 = b.addParticle(ev, PDG.gamma, 0, Status.FINAL, slot, x, y, z, t);
      const g2 = b.addParticle(ev, PDG.gamma, 0, Status.FINAL, slot, x, y, z, t);
      decayTwoBody(b, rng, P, g1, g2);
      return;
    }
    if (mode === Pi0Mode.EEG) {
      const gs = b.addParticle(ev, PDG.gamma, 0, Status.FINAL, slot, x, y, z, t);
      const ep = b.addParticle(ev, PDG.ep, this.mE, Status.FINAL, slot, x, y, z, t);
      const em = b.addParticle(ev, PDG.em, this.mE, Status.FINAL, slot, x, y, z, t);
      this.dalitz(b, rng, P, gs, ep, em);
      return;
    }
    if (mode === Pi0Mode.EE) {
      const ep = b.addParticle(ev, PDG.ep, this.mE, Status.FINAL, slot, x, y, z, t);
      const em = b.addParticle(ev, PDG.em, this.mE, Status.FINAL, slot, x, y, z, t);
      decayTwoBody(b, rng, P, ep, em);
      return;
    }
    // double Dalitz: leading-order QED matrix element with both pairings (me/double-dalitz.ts)
    const ep1 = b.addParticle(ev, PDG.ep, this.mE, Status.FINAL, slot, x, y, z, t);
    b.addParticle(ev, PDG.em, this.mE, Status.FINAL, slot, x, y, z, t);
    b.addParticle(ev, PDG.ep, this.mE, Status.FINAL, slot, x, y, z, t);
    b.addParticle(ev, PDG.em, this.mE, Status.FINAL, slot, x, y, z, t);
    this.doubleDalitzME().decay(b, rng, P, ep1);
  }

  /** the double-Dalitz generator, built (and its majorant scanned) at first use */
  doubleDalitzME(): DoubleDalitz {
    if (!this.dd) {
      this.dd = new DoubleDalitz(this.mPi0, this.mE, this.params.tffSlope);
      this.dd.init();
    }
    return this.dd;
  }

  /** sample x = m²_ee/m²_π⁰ from the Kroll–Wada spectrum */
  sampleX(rng: Xoshiro128): number {
    const r = (this.mE / this.mPi0) ** 2;
    for (;;) {
      const x = Math.exp(this.lnXMin * rng.uniform());
      if (this.xSampler.accept(rng, x * dalitzXDensity(x, r, this.params.tffSlope))) return x;
    }
  }

  /** cos θ of e⁺ in the e⁺e⁻ frame from 1 + β²cos²θ + (1 − β²) */
  sampleCos(rng: Xoshiro128, beta2: number): number {
    const max = 2;
    for (;;) {
      const c = 2 * rng.uniform() - 1;
      if (rng.uniform() * max < 2 - beta2 + beta2 * c * c) return c;
    }
  }

  private dalitz(b: EventBatch, rng: Xoshiro128, P: number, gs: number, ep: number, em: number): void {
    const x = this.sampleX(rng);
    const mee = this.mPi0 * Math.sqrt(x);
    // γ* and γ back to back in the π⁰ frame
    const pstar = (this.mPi0 * this.mPi0 - mee * mee) / (2 * this.mPi0);
    const c = 2 * rng.uniform() - 1;
    const sn = Math.sqrt(1 - c * c);
    const phi = 2 * Math.PI * rng.uniform();
    const ux = sn * Math.cos(phi);
    const uy = sn * Math.sin(phi);
    const uz = c;
    b.px[gs] = -pstar * ux;
    b.py[gs] = -pstar * uy;
    b.pz[gs] = -pstar * uz;
    b.e[gs] = pstar;
    const Gx = pstar * ux;
    const Gy = pstar * uy;
    const Gz = pstar * uz;
    const GE = Math.sqrt(pstar * pstar + mee * mee);
    this.pairInFrame(b, rng, ep, em, mee, ux, uy, uz, Gx, Gy, Gz, GE);
    boostFromRest(b.px, b.py, b.pz, b.e, gs, b.px[P], b.py[P], b.pz[P], b.e[P], this.mPi0);
    boostFromRest(b.px, b.py, b.pz, b.e, ep, b.px[P], b.py[P], b.pz[P], b.e[P], this.mPi0);
    boostFromRest(b.px, b.py, b.pz, b.e, em, b.px[P], b.py[P], b.pz[P], b.e[P], this.mPi0);
  }

  /**
   * e⁺e⁻ of invariant mass mee in the γ* rest frame, polar angle about the γ* direction u from
   * the Kroll–Wada angular term, then boosted by the γ* four-momentum G (in the parent frame).
   */
  private pairInFrame(
    b: EventBatch,
    rng: Xoshiro128,
    ep: number,
    em: number,
    mee: number,
    ux: number,
    uy: number,
    uz: number,
    Gx: number,
    Gy: number,
    Gz: number,
    GE: number,
  ): void {
    const me = this.mE;
    const q = Math.sqrt(Math.max(0, (mee * mee) / 4 - me * me));
    const beta2 = (q * q) / ((mee * mee) / 4);
    const ct = this.sampleCos(rng, beta2);
    const st = Math.sqrt(Math.max(0, 1 - ct * ct));
    const ph = 2 * Math.PI * rng.uniform();
    // orthonormal basis (e1, e2, u)
    const e = this.basis;
    perpendicularBasis(ux, uy, uz, e);
    const e1x = e[0];
    const e1y = e[1];
    const e1z = e[2];
    const e2x = e[3];
    const e2y = e[4];
    const e2z = e[5];
    const cx = st * Math.cos(ph);
    const cy = st * Math.sin(ph);
    const dx = q * (cx * e1x + cy * e2x + ct * ux);
    const dy = q * (cx * e1y + cy * e2y + ct * uy);
    const dz = q * (cx * e1z + cy * e2z + ct * uz);
    const E = mee / 2;
    b.px[ep] = dx;
    b.py[ep] = dy;
    b.pz[ep] = dz;
    b.e[ep] = E;
    b.px[em] = -dx;
    b.py[em] = -dy;
    b.pz[em] = -dz;
    b.e[em] = E;
    boostFromRest(b.px, b.py, b.pz, b.e, ep, Gx, Gy, Gz, GE, mee);
    boostFromRest(b.px, b.py, b.pz, b.e, em, Gx, Gy, Gz, GE, mee);
  }
}

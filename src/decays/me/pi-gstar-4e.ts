/**
 * K⁺ → π⁺e⁺e⁻e⁺e⁻ through one-photon exchange: K⁺ → π⁺γ*(Q) with the K⁺ → π⁺ℓ⁺ℓ⁻ form factor W
 * (pill.ts, [DEIP-1998]), γ* → e⁺e⁻ with a second virtual photon k radiated off either lepton,
 * k → e⁺e⁻ (tree-level QED). Per pairing (primary e⁻ x, e⁺ y; radiated pair J = ū_c γ v_d):
 *   A = ū_x[J̸(p̸_x + k̸ + m)H̸/((p_x + k)² − m²) + H̸(−p̸_y − k̸ + m)J̸/((p_y + k)² − m²)]v_y/k²,
 * H = (P + p_π) − ((P + p_π)·Q/Q²)Q, M ∝ W(Q²/m²_K)·Σ_pairings ± A over the four ways of forming
 * a primary and a radiated pair from e⁺₁e⁻₂e⁺₃e⁻₄ (minus sign under positron exchange). Spins are
 * summed numerically (dirac.ts). The two-photon piece (pi-gstar-gstar.ts) and the interference
 * with it are not included: this generator gives the shape of the one-photon topology alone, which
 * [Husek-PI4E-2022] finds prevalent off the π⁰ pole.
 *
 * Proposal (multichannel over the 8 choices of radiated pair and emitting lepton): Q² = m²_4e
 * uniform (K → π⁺γ* has no 1/Q² pole), k² and D = (p_a + k)² − m² (a the emitter) log-uniform, then nested isotropic
 * two-body decays K → π Q, Q → (a k) b, (a k) → a k, k → c d. The weight is |M|² over the mean of
 * the 8 channel densities, so every emitter's soft/collinear pole is sampled.
 * Daughters: π⁺ 0, e⁺₁ 1, e⁻₂ 2, e⁺₃ 3, e⁻₄ 4; scratch: Q 5, (a k) 6, k 7.
 */
import { twoBodyMomentum } from "../../core/kinematics.ts";
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import type { ChannelInfo, DecayContext, GeneratorFactory } from "../channel.ts";
import { barDot, type ComplexVector, type Spinor, slashC, slashR, spinor } from "./dirac.ts";
import { FourLeptonCurrents, splitPair } from "./four-lepton.ts";
import { splitSystem } from "./frame.ts";
import { FormFactorW, pillParams } from "./pill.ts";
import { WeightedGenerator } from "./weighted.ts";

/** the 8 channels: emitter a, other primary lepton b, radiated pair (c, d) */
const CHANNELS: [number, number, number, number][] = [
  [2, 1, 3, 4],
  [1, 2, 3, 4],
  [4, 3, 1, 2],
  [3, 4, 1, 2],
  [2, 3, 1, 4],
  [3, 2, 1, 4],
  [4, 1, 3, 2],
  [1, 4, 3, 2],
];

export class PiGstarFourLeptonGenerator extends WeightedGenerator {
  readonly W: FormFactorW;
  readonly mPi: number;
  readonly me: number;
  private readonly q2Min: number;
  private readonly q2Max: number;
  private readonly wv = new Float64Array(2);
  private readonly leptons = new FourLeptonCurrents();
  private readonly s1 = spinor();
  private readonly s2 = spinor();
  private readonly s3 = spinor();
  private readonly res = new Float64Array(2);
  private readonly H = new Float64Array(4);

  constructor(info: ChannelInfo, ctx: DecayContext) {
    super(info, ctx, 3);
    if (this.nd !== 5) throw new Error(`${info.name}: expected π⁺ e⁺ e⁻ e⁺ e⁻`);
    this.mPi = this.masses[0];
    this.me = this.masses[1];
    this.W = new FormFactorW(pillParams("K+ -> pi+ e+ e-"), this.M, this.mPi);
    this.q2Min = 16 * this.me * this.me * (1 + 1e-9);
    this.q2Max = (this.M - this.mPi) ** 2;
    this.init(1.5, 100_000);
  }

  /** invariant mass² of the sum of daughters in idx */
  private massOf(idx: number[]): number {
    const v = this.v;
    let e = 0;
    let x = 0;
    let y = 0;
    let z = 0;
    for (const i of idx) {
      e += v.e[i];
      x += v.px[i];
      y += v.py[i];
      z += v.pz[i];
    }
    return e * e - x * x - y * y - z * z;
  }

  /** proposal density per dΦ₅ (common constants dropped) of emitter a, radiated pair (c, d); 0 outside */
  density(a: number, c: number, d: number): number {
    const m = this.me;
    const Q2 = this.massOf([1, 2, 3, 4]);
    if (Q2 < this.q2Min || Q2 > this.q2Max) return 0;
    const mQ = Math.sqrt(Q2);
    const k2 = this.v.mass2(c, d);
    const k2Min = 4 * m * m * (1 + 1e-9);
    const k2Max = (mQ - 2 * m) ** 2;
    if (k2 < k2Min || k2 > k2Max) return 0;
    const mk = Math.sqrt(k2);
    const sak = this.massOf([a, c, d]);
    const D = sak - m * m;
    const dMin = (m + mk) ** 2 - m * m;
    const dMax = (mQ - m) ** 2 - m * m;
    if (D < dMin || D > dMax) return 0;
    const msys = Math.sqrt(sak);
    const F =
      (twoBodyMomentum(this.M, this.mPi, mQ) / this.M) *
      (twoBodyMomentum(mQ, msys, m) / mQ) *
      (twoBodyMomentum(msys, m, mk) / msys) *
      (twoBodyMomentum(mk, m, m) / mk);
    if (!(F > 0)) return 0;
    const L = (this.q2Max - this.q2Min) * k2 * Math.log(k2Max / k2Min) * D * Math.log(dMax / dMin);
    return 1 / (L * F);
  }

  /** ū_x[J̸(p̸_x + k̸ + m)H̸/D_x + H̸(−p̸_y − k̸ + m)J̸/D_y]v_y, J the current of (c, d); into res */
  private line(u: Spinor, vy: Spinor, J: ComplexVector, x: number, y: number, c: number, d: number): void {
    const v = this.v;
    const m = this.me;
    const H = this.H;
    const kE = v.e[c] + v.e[d];
    const kx = v.px[c] + v.px[d];
    const ky = v.py[c] + v.py[d];
    const kz = v.pz[c] + v.pz[d];
    const k2 = kE * kE - kx * kx - ky * ky - kz * kz;
    const Dx = k2 + 2 * (v.e[x] * kE - v.px[x] * kx - v.py[x] * ky - v.pz[x] * kz);
    const Dy = k2 + 2 * (v.e[y] * kE - v.px[y] * kx - v.py[y] * ky - v.pz[y] * kz);
    const { s1, s2, s3, res } = this;
    // term 1: J̸(p̸_x + k̸ + m)H̸ v_y / D_x
    slashR(s1, H[0], H[1], H[2], H[3], vy);
    slashR(s2, v.e[x] + kE, v.px[x] + kx, v.py[x] + ky, v.pz[x] + kz, s1);
    for (let i = 0; i < 8; i++) s2[i] += m * s1[i];
    slashC(s3, J, s2);
    barDot(u, s3, res);
    const r1 = res[0] / Dx;
    const i1 = res[1] / Dx;
    // term 2: H̸(−p̸_y − k̸ + m)J̸ v_y / D_y
    slashC(s1, J, vy);
    slashR(s2, -(v.e[y] + kE), -(v.px[y] + kx), -(v.py[y] + ky), -(v.pz[y] + kz), s1);
    for (let i = 0; i < 8; i++) s2[i] += m * s1[i];
    slashR(s3, H[0], H[1], H[2], H[3], s2);
    barDot(u, s3, res);
    res[0] = (r1 + res[0] / Dy) / k2;
    res[1] = (i1 + res[1] / Dy) / k2;
  }

  /** Σ_spins |Σ_pairings ± A|² of the configuration in v, for the hadronic vector H */
  sum2(): number {
    this.leptons.fill(this.v, 1, 2, 3, 4, this.me);
    const { vp, um, j } = this.leptons;
    const res = this.res;
    let sum = 0;
    for (let e1 = 0; e1 < 2; e1++)
      for (let e2 = 0; e2 < 2; e2++)
        for (let e3 = 0; e3 < 2; e3++)
          for (let e4 = 0; e4 < 2; e4++) {
            const u2 = um[e2];
            const u4 = um[2 + e4];
            const v1 = vp[e1];
            const v3 = vp[2 + e3];
            // primary (2,1) radiating (4,3); primary (4,3) radiating (2,1)
            this.line(u2, v1, j[4 + e4 * 2 + e3], 2, 1, 3, 4);
            let re = res[0];
            let im = res[1];
            this.line(u4, v3, j[e2 * 2 + e1], 4, 3, 1, 2);
            re += res[0];
            im += res[1];
            // exchanged: primary (2,3) radiating (4,1); primary (4,1) radiating (2,3)
            this.line(u2, v3, j[12 + e4 * 2 + e1], 2, 3, 1, 4);
            re -= res[0];
            im -= res[1];
            this.line(u4, v1, j[8 + e2 * 2 + e3], 4, 1, 3, 2);
            re -= res[0];
            im -= res[1];
            sum += re * re + im * im;
          }
    return sum;
  }

  /** H = (P + p_π) projected orthogonal to Q (or Q itself when gauge is true, for the gauge test) */
  setHadronic(gauge = false): void {
    const v = this.v;
    const QE = v.e[1] + v.e[2] + v.e[3] + v.e[4];
    const Qx = v.px[1] + v.px[2] + v.px[3] + v.px[4];
    const Qy = v.py[1] + v.py[2] + v.py[3] + v.py[4];
    const Qz = v.pz[1] + v.pz[2] + v.pz[3] + v.pz[4];
    const H = this.H;
    if (gauge) {
      H[0] = QE;
      H[1] = Qx;
      H[2] = Qy;
      H[3] = Qz;
      return;
    }
    // kaon at rest: P + p = (M + E_π, p_π)
    const SE = this.M + v.e[0];
    const Sx = v.px[0];
    const Sy = v.py[0];
    const Sz = v.pz[0];
    const Q2 = QE * QE - Qx * Qx - Qy * Qy - Qz * Qz;
    const f = (SE * QE - Sx * Qx - Sy * Qy - Sz * Qz) / Q2;
    H[0] = SE - f * QE;
    H[1] = Sx - f * Qx;
    H[2] = Sy - f * Qy;
    H[3] = Sz - f * Qz;
  }

  trial(rng: Xoshiro128): number {
    const M = this.M;
    const m = this.me;
    const [a, b, c, d] = CHANNELS[Math.min(7, Math.floor(8 * rng.uniform()))];
    const Q2 = this.q2Min + (this.q2Max - this.q2Min) * rng.uniform();
    const mQ = Math.sqrt(Q2);
    const k2Min = 4 * m * m * (1 + 1e-9);
    const k2Max = (mQ - 2 * m) ** 2;
    if (!(k2Max > k2Min)) return 0;
    const k2 = k2Min * Math.exp(Math.log(k2Max / k2Min) * rng.uniform());
    const mk = Math.sqrt(k2);
    const dMin = (m + mk) ** 2 - m * m;
    const dMax = (mQ - m) ** 2 - m * m;
    if (!(dMax > dMin)) return 0;
    const D = dMin * Math.exp(Math.log(dMax / dMin) * rng.uniform());
    const msys = Math.sqrt(m * m + D);
    const v = this.v;
    const iso = () => 2 * rng.uniform() - 1;
    const phi = () => 2 * Math.PI * rng.uniform();
    splitSystem(v, 0, 5, 0, 0, 0, M, M, this.mPi, mQ, iso(), phi());
    splitSystem(v, 6, b, v.px[5], v.py[5], v.pz[5], v.e[5], mQ, msys, m, iso(), phi());
    splitSystem(v, a, 7, v.px[6], v.py[6], v.pz[6], v.e[6], msys, m, mk, iso(), phi());
    splitPair(v, c, d, 7, mk, m, iso(), phi());
    let g = 0;
    for (const ch of CHANNELS) g += this.density(ch[0], ch[2], ch[3]);
    if (!(g > 0)) return 0;
    this.setHadronic();
    const z = Q2 / (M * M);
    this.W.eval(z, this.wv);
    const w2 = this.wv[0] * this.wv[0] + this.wv[1] * this.wv[1];
    return (w2 * this.sum2()) / (g / 8);
  }
}

export const pigs4e: GeneratorFactory = (info, ctx) => new PiGstarFourLeptonGenerator(info, ctx);

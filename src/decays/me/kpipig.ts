/**
 * K⁺ → π⁺π⁰γ and K⁺ → π⁺π⁰e⁺e⁻, with P the kaon, p the π⁺, q the photon.
 *
 * Inner bremsstrahlung (Low's theorem; exact at tree level for a constant K → ππ amplitude A, as in
 * scalar QED): M_IB = eA ε·(p/(p·q) − P/(P·q)); summed over polarisations
 *   |M_IB|² ∝ [2(p·P)(p·q)(P·q) − m²_π(P·q)² − m²_K(p·q)²]/[(p·q)²(P·q)²].
 * Magnetic direct emission (the measured DE component): M_M ∝ ε_{μνρσ} ε^μ q^ν p^ρ P^σ, so
 *   |M_M|² ∝ 2(p·P)(p·q)(P·q) − m²_π(P·q)² − m²_K(p·q)²  (= |M_IB|² × (p·q)²(P·q)², i.e. ∝ W⁴ IB).
 * Both are generated in the region of the PDG BRs, 55 < T*_π⁺ < 90 MeV (form-factors.json "pipi0g").
 *
 * K⁺ → π⁺π⁰e⁺e⁻: the same IB with a virtual photon q = p₊ + p₋ (scalar QED, current conserving):
 *   H^μ = (2p + q)^μ/(2p·q + q²) − (2P − q)^μ/(2P·q − q²),  M = (e²A/q²) J_μ H^μ,
 * and the lepton tensor gives |M|² ∝ [2(H·p₋)(H·p₊) − H²(p₋·p₊ + m²_e)]/q⁴ over the full phase space
 * (direct emission and its interference, ~1% of the rate, are not included).
 */
import type { ChannelInfo, DecayContext, GeneratorFactory } from "../channel.ts";
import { PairGenerator } from "./pair.ts";
import { ffBlock, ffValue } from "./params.ts";
import { ThreeBodyWeighted } from "./three-body.ts";

type PiPiGammaMode = "ib" | "de";

class PiPiGammaGenerator extends ThreeBodyWeighted {
  readonly mode: PiPiGammaMode;

  constructor(info: ChannelInfo, ctx: DecayContext, mode: PiPiGammaMode, tMin: number, tMax: number) {
    super(info, ctx);
    if (this.m3 !== 0) throw new Error(`${info.name}: expected daughters π⁺, π⁰, γ`);
    this.mode = mode;
    this.windowE1(this.m1 + tMin, this.m1 + tMax);
    this.init(mode === "ib" ? 1.4 : 1.2, 60_000);
  }

  /** the invariants (p·P, p·q, P·q) from rest-frame energies */
  me(Ep: number, E0: number, Eg: number): number {
    const M = this.M;
    const mp2 = this.m1 * this.m1;
    const pP = M * Ep;
    const Pq = M * Eg;
    // p·q = ((p + q)² − m²_π)/2 = ((P − p₀)² − m²_π)/2
    const pq = (M * M + this.m2 * this.m2 - 2 * M * E0 - mp2) / 2;
    const num = 2 * pP * pq * Pq - mp2 * Pq * Pq - M * M * pq * pq;
    if (num <= 0) return 0;
    return this.mode === "ib" ? num / (pq * pq * Pq * Pq) : num;
  }
}

export class PiPiEEGenerator extends PairGenerator {
  constructor(info: ChannelInfo, ctx: DecayContext) {
    // daughters: π⁺, π⁰, e⁺, e⁻
    super(info, ctx, { a: 0, b: 1, lp: 2, lm: 3 });
    this.init(1.5, 60_000);
  }

  me(): number {
    const v = this.v;
    const ip = this.ia;
    const iq = this.iq;
    const q2 = this.q2;
    const M = this.M;
    // kaon at rest: P = (M, 0); H = (2p + q)/(2p·q + q²) − (2P − q)/(2P·q − q²)
    const pq = v.dot(ip, iq);
    const Pq = M * v.e[iq];
    const d1 = 1 / (2 * pq + q2);
    const d2 = 1 / (2 * Pq - q2);
    const h0 = (2 * v.e[ip] + v.e[iq]) * d1 - (2 * M - v.e[iq]) * d2;
    const hx = (2 * v.px[ip] + v.px[iq]) * d1 + v.px[iq] * d2;
    const hy = (2 * v.py[ip] + v.py[iq]) * d1 + v.py[iq] * d2;
    const hz = (2 * v.pz[ip] + v.pz[iq]) * d1 + v.pz[iq] * d2;
    const hm = h0 * v.e[this.ilm] - hx * v.px[this.ilm] - hy * v.py[this.ilm] - hz * v.pz[this.ilm];
    const hp = h0 * v.e[this.ilp] - hx * v.px[this.ilp] - hy * v.py[this.ilp] - hz * v.pz[this.ilp];
    const h2 = h0 * h0 - hx * hx - hy * hy - hz * hz;
    const kk = v.dot(this.ilm, this.ilp) + this.ml * this.ml;
    const t = 2 * hm * hp - h2 * kk;
    return t > 0 ? t / (q2 * q2) : 0;
  }
}

function window(): [number, number] {
  const b = ffBlock("pipi0g");
  return [ffValue(b, "tPiMin"), ffValue(b, "tPiMax")];
}

export const pipi0gIB: GeneratorFactory = (info, ctx) => new PiPiGammaGenerator(info, ctx, "ib", ...window());
export const pipi0gDE: GeneratorFactory = (info, ctx) => new PiPiGammaGenerator(info, ctx, "de", ...window());
export const pipi0ee: GeneratorFactory = (info, ctx) => new PiPiEEGenerator(info, ctx);

/**
 * K⁺ → π ℓ⁺ ν (Kℓ3) and K⁺ → π⁺ ν ν̄ (the same vector current with a massless "lepton").
 * Dalitz density (Chounet, Gaillard, Gaillard, Phys. Rep. 4 (1972) 199; PDG review
 * "Kℓ3 form factors"): ρ(E_π, E_ℓ) ∝ f₊²(t) [A + B ξ(t) + C ξ(t)²] with
 *   A = m_K(2E_ℓE_ν − m_K E′_π) + m²_ℓ(E′_π/4 − E_ν),  B = m²_ℓ(E_ν − E′_π/2),  C = m²_ℓ E′_π/4,
 *   E′_π = E_π^max − E_π, E_π^max = (m²_K + m²_π − m²_ℓ)/2m_K, t = (P_K − p_π)²,
 *   f₊(t)/f₊(0) = 1 + λ′₊ t/m²_π± + ½λ″₊ (t/m²_π±)², f₀(t)/f₊(0) = 1 + λ₀ t/m²_π±,
 *   ξ = f₋/f₊ = (f₀/f₊ − 1)(m²_K − m²_π)/t.
 * Daughter order: π, ℓ (or ν), ν (or ν̄). Parameters: form-factors.json "kl3" and "pinunu".
 */
import { loadConditions } from "../../core/conditions.ts";
import type { ChannelInfo, DecayContext, GeneratorFactory } from "../channel.ts";
import { DalitzGenerator } from "./dalitz.ts";

export interface Kl3Params {
  lambdaPlus1: number;
  lambdaPlus2: number;
  lambdaZero: number;
}

interface Param {
  value: number;
}

export function kl3Params(block: "kl3" | "pinunu"): Kl3Params {
  const ff = loadConditions<Record<string, Record<string, Param>>>("decays/form-factors.json")[block];
  return {
    lambdaPlus1: ff.lambdaPlus1.value,
    lambdaPlus2: ff.lambdaPlus2.value,
    lambdaZero: ff.lambdaZero?.value ?? ff.lambdaPlus1.value,
  };
}

export class Kl3Generator extends DalitzGenerator {
  readonly params: Kl3Params;
  private readonly mpiNorm2: number;
  private readonly ePiMax: number;

  constructor(info: ChannelInfo, ctx: DecayContext, params: Kl3Params) {
    super(info, ctx);
    this.params = params;
    this.mpiNorm2 = ctx.particles.mass("pi+") ** 2;
    this.ePiMax = (this.M * this.M + this.m1 * this.m1 - this.m2 * this.m2) / (2 * this.M);
    this.init();
  }

  /** t = (P_K − p_π)² from the pion energy */
  t(Epi: number): number {
    return this.M * this.M + this.m1 * this.m1 - 2 * this.M * Epi;
  }

  fPlus(t: number): number {
    const x = t / this.mpiNorm2;
    return 1 + this.params.lambdaPlus1 * x + 0.5 * this.params.lambdaPlus2 * x * x;
  }

  fZero(t: number): number {
    return 1 + (this.params.lambdaZero * t) / this.mpiNorm2;
  }

  weight(Epi: number, El: number, Enu: number): number {
    const M = this.M;
    const ml2 = this.m2 * this.m2;
    const t = this.t(Epi);
    const fp = this.fPlus(t);
    const ePrime = this.ePiMax - Epi;
    const A = M * (2 * El * Enu - M * ePrime) + ml2 * (ePrime / 4 - Enu);
    if (ml2 === 0) return fp * fp * A;
    const dm2 = M * M - this.m1 * this.m1;
    const xi =
      Math.abs(t) > 1e-9
        ? (this.fZero(t) / fp - 1) * (dm2 / t)
        : ((this.params.lambdaZero - this.params.lambdaPlus1) * dm2) / this.mpiNorm2;
    const B = ml2 * (Enu - ePrime / 2);
    const C = (ml2 * ePrime) / 4;
    return fp * fp * (A + B * xi + C * xi * xi);
  }
}

export const kl3: GeneratorFactory = (info, ctx) => new Kl3Generator(info, ctx, kl3Params("kl3"));
export const pinunu: GeneratorFactory = (info, ctx) => new Kl3Generator(info, ctx, kl3Params("pinunu"));

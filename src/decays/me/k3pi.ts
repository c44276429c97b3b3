/**
 * K → 3π with the PDG Dalitz-plot expansion |M|² ∝ 1 + g·u + h·u² + k·v²,
 * u = (s₃ − s₀)/m²_π±, v = (s₁ − s₂)/m²_π±, sᵢ = (P_K − pᵢ)² = m²_K + m²ᵢ − 2m_K Eᵢ,
 * s₀ = (s₁ + s₂ + s₃)/3; daughter 3 is the odd pion (π⁻ in π⁺π⁺π⁻, π⁺ in π⁺π⁰π⁰).
 * Parameters: conditions/decays/form-factors.json "k3pi".
 */
import { loadConditions } from "../../core/conditions.ts";
import type { ChannelInfo, DecayContext, GeneratorFactory } from "../channel.ts";
import { DalitzGenerator } from "./dalitz.ts";

interface Param {
  value: number;
  error: number;
  source: string;
}

export interface K3piParams {
  g: number;
  h: number;
  k: number;
}

export function k3piParams(channel: string): K3piParams {
  const ff = loadConditions<{ k3pi: Record<string, Record<string, Param>> }>("decays/form-factors.json").k3pi;
  const key = channel.replace("K+ -> ", "");
  const p = ff[key];
  if (!p) throw new Error(`no Dalitz parameters for "${channel}" in form-factors.json`);
  return { g: p.g.value, h: p.h.value, k: p.k.value };
}

class K3piGenerator extends DalitzGenerator {
  readonly g: number;
  readonly h: number;
  readonly k: number;
  private readonly mpi2: number;
  private readonly s0: number;

  constructor(info: ChannelInfo, ctx: DecayContext, params: K3piParams) {
    super(info, ctx);
    this.g = params.g;
    this.h = params.h;
    this.k = params.k;
    this.mpi2 = ctx.particles.mass("pi+") ** 2;
    const M2 = this.M * this.M;
    this.s0 = (M2 + this.m1 * this.m1 + this.m2 * this.m2 + this.m3 * this.m3) / 3;
    this.init();
  }

  /** Dalitz variable u from the odd pion's energy */
  u(E3: number): number {
    return (this.M * this.M + this.m3 * this.m3 - 2 * this.M * E3 - this.s0) / this.mpi2;
  }

  /** Dalitz variable v from the two even pions' energies */
  v(E1: number, E2: number): number {
    return (this.m1 * this.m1 - this.m2 * this.m2 - 2 * this.M * (E1 - E2)) / this.mpi2;
  }

  weight(E1: number, E2: number, E3: number): number {
    const u = this.u(E3);
    const v = this.v(E1, E2);
    return 1 + this.g * u + this.h * u * u + this.k * v * v;
  }
}

export const k3pi: GeneratorFactory = (info, ctx) => new K3piGenerator(info, ctx, k3piParams(info.name));

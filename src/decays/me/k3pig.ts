/**
 * K⁺ → 3πγ: inner bremsstrahlung off the charged kaon and pions in the soft-photon (Low)
 * approximation, |M|² = |A_3π|² · (−J²), J = Σᵢ Qᵢ pᵢ/(pᵢ·q) − P/(P·q), with |A_3π|² the Dalitz
 * polynomial 1 + g·u + h·u² + k·v² of the non-radiative mode (form-factors.json "k3pi") evaluated on
 * the three-pion system (sᵢ the pair masses, s₀ their mean). Terms of order E_γ⁰ beyond the eikonal
 * factor and direct emission are not included. Generated above the photon-energy cut of the PDG BR
 * (form-factors.json "k3pig").
 */
import type { ChannelInfo, DecayContext, GeneratorFactory } from "../channel.ts";
import { type K3piParams, k3piParams } from "./k3pi.ts";
import { ffBlock, ffValue } from "./params.ts";
import { eikonal, PhotonGenerator } from "./photon.ts";

export class K3piGammaGenerator extends PhotonGenerator {
  readonly dalitz: K3piParams;
  readonly charges: Int8Array;
  readonly mpi2: number;

  constructor(info: ChannelInfo, ctx: DecayContext, dalitz: K3piParams, eCut: number) {
    super(info, ctx, eCut);
    this.dalitz = dalitz;
    this.charges = new Int8Array(3);
    for (let k = 0; k < 3; k++) this.charges[k] = ctx.particles.get(info.daughters[k]).charge;
    this.mpi2 = ctx.particles.mass("pi+") ** 2;
    this.init(1.5, 60_000);
  }

  me(): number {
    const v = this.v;
    // pair masses: s₃ = (p₁ + p₂)² (daughter 3 is the odd pion), s₁ = (p₂ + p₃)², s₂ = (p₁ + p₃)²
    const s3 = v.mass2(0, 1);
    const s1 = v.mass2(1, 2);
    const s2 = v.mass2(0, 2);
    const s0 = (s1 + s2 + s3) / 3;
    const u = (s3 - s0) / this.mpi2;
    const w = (s1 - s2) / this.mpi2;
    const { g, h, k } = this.dalitz;
    const a2 = 1 + g * u + h * u * u + k * w * w;
    return a2 > 0 ? a2 * eikonal(v, this.charges, 3) : 0;
  }
}

export const k3pig: GeneratorFactory = (info, ctx) => {
  const parent = info.subsetOf ?? info.name.replace(" gamma", "");
  const key = info.name.replace("K+ -> ", "");
  return new K3piGammaGenerator(info, ctx, k3piParams(parent), ffValue(ffBlock("k3pig", key), "eGammaMin"));
};

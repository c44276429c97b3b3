/**
 * K⁺ → ℓ⁺νγ (Bijnens, Ecker, Gasser, Nucl. Phys. B 396 (1993) 81; PDG review "π± → ℓ±νγ and
 * K± → ℓ±νγ form factors"), x = 2E_γ/m_K, y = 2E_ℓ/m_K, r = m²_ℓ/m²_K, in the kaon rest frame:
 *   IB(x, y)  = (1 − y + r)/(x²(x + y − 1 − r)) · [x² + 2(1 − x)(1 − r) − 2xr(1 − r)/(x + y − 1 − r)]
 *   SD⁺(x, y) = (x + y − 1 − r)[(x + y − 1)(1 − x) − r]
 * over 1 − x + r/(1 − x) ≤ y ≤ 1 + r. "l2g-ib" generates IB above the photon-energy cut that makes
 * the PDG BR (form-factors.json "l2g"); x is drawn log-uniform so that the 1/x soft spectrum costs
 * nothing. "l2g-sd" generates SD⁺ × (F_V + F_A)², F_V = F_V(0)(1 + λ(1 − x)) (constant for the muon,
 * where E787 measured |F_V + F_A| only), in the region of the measured BR.
 */
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import type { ChannelInfo, DecayContext, GeneratorFactory } from "../channel.ts";
import { threeBodyFromEnergies } from "./frame.ts";
import { ffBlock, ffValue } from "./params.ts";
import { WeightedGenerator } from "./weighted.ts";

/** Bijnens–Ecker–Gasser IB density (see the file comment) */
export function kl2gIB(x: number, y: number, r: number): number {
  const f1 = 1 - y + r;
  const f2 = x + y - 1 - r;
  if (f2 <= 0 || f1 < 0) return 0;
  return (f1 / (x * x * f2)) * (x * x + 2 * (1 - x) * (1 - r) - (2 * x * r * (1 - r)) / f2);
}

/** SD⁺ density */
export function kl2gSDplus(x: number, y: number, r: number): number {
  const f2 = x + y - 1 - r;
  if (f2 <= 0) return 0;
  return f2 * ((x + y - 1) * (1 - x) - r);
}

/** SD⁻ density */
export function kl2gSDminus(x: number, y: number, r: number): number {
  return (1 - y + r) * ((1 - x) * (1 - y) + r);
}

/** interference densities INT± (BEG; negative INT⁻ for F_V − F_A > 0) */
export function kl2gINTplus(x: number, y: number, r: number): number {
  const f1 = 1 - y + r;
  const f2 = x + y - 1 - r;
  return (-f1 / (x * f2)) * ((1 - x) * (1 - x - y) + r);
}
export function kl2gINTminus(x: number, y: number, r: number): number {
  const f1 = 1 - y + r;
  const f2 = x + y - 1 - r;
  return (-f1 / (x * f2)) * (x * x - (1 - x) * (1 - x - y) - r);
}

interface Kl2gRegion {
  /** smallest photon energy, GeV */
  eGammaMin: number;
  /** smallest charged-lepton momentum, GeV/c */
  pLeptonMin: number;
}

type Kl2gMode = "ib" | "sd+";

export class Kl2gGenerator extends WeightedGenerator {
  readonly mode: Kl2gMode;
  readonly r: number;
  readonly ml: number;
  readonly region: Kl2gRegion;
  readonly fv0: number;
  readonly fvSlope: number;
  readonly fa: number;
  private readonly xMin: number;
  private readonly xMax: number;
  private readonly lnX: number;
  /** last trial */
  x = 0;
  y = 0;

  constructor(
    info: ChannelInfo,
    ctx: DecayContext,
    mode: Kl2gMode,
    region: Kl2gRegion,
    ff: { fv0: number; fvSlope: number; fa: number },
  ) {
    super(info, ctx);
    if (this.nd !== 3 || this.masses[1] !== 0 || this.masses[2] !== 0)
      throw new Error(`${info.name}: expected daughters ℓ⁺, ν, γ`);
    this.mode = mode;
    this.ml = this.masses[0];
    this.r = (this.ml / this.M) ** 2;
    this.region = region;
    this.fv0 = ff.fv0;
    this.fvSlope = ff.fvSlope;
    this.fa = ff.fa;
    this.xMin = Math.max((2 * region.eGammaMin) / this.M, 1e-6);
    this.xMax = 1 - this.r;
    this.lnX = Math.log(this.xMax / this.xMin);
    this.init(mode === "ib" ? 1.3 : 1.2, 60_000);
  }

  /** the density at (x, y), including the form factors for SD⁺ */
  density(x: number, y: number): number {
    if (this.mode === "ib") return kl2gIB(x, y, this.r);
    const f = this.fv0 * (1 + this.fvSlope * (1 - x)) + this.fa;
    return f * f * kl2gSDplus(x, y, this.r);
  }

  trial(rng: Xoshiro128): number {
    const r = this.r;
    let x: number;
    let jac: number;
    if (this.mode === "ib") {
      x = this.xMin * Math.exp(this.lnX * rng.uniform());
      jac = x * this.lnX;
    } else {
      x = this.xMin + (this.xMax - this.xMin) * rng.uniform();
      jac = this.xMax - this.xMin;
    }
    const yMin = 1 - x + r / (1 - x);
    const yMax = 1 + r;
    if (!(yMax > yMin)) return 0;
    const y = yMin + (yMax - yMin) * rng.uniform();
    const M = this.M;
    const El = (y * M) / 2;
    const Eg = (x * M) / 2;
    if (El * El - this.ml * this.ml < this.region.pLeptonMin ** 2) return 0;
    // ℓ along z, γ in the xz plane, ν balances (positions 0, 2, 1)
    if (!threeBodyFromEnergies(this.v, 0, 1, 2, M, this.ml, 0, 0, El, Eg)) return 0;
    this.x = x;
    this.y = y;
    return this.density(x, y) * jac * (yMax - yMin);
  }
}

export function kl2gParams(channel: string): {
  region: Kl2gRegion;
  ff: { fv0: number; fvSlope: number; fa: number };
} {
  const lep = channel.includes("mu+") ? "mu" : "e";
  const b = ffBlock("l2g", lep);
  const sd = channel.includes("SD+");
  const region: Kl2gRegion = sd
    ? { eGammaMin: ffValue(b, "sdEGammaMin"), pLeptonMin: ffValue(b, "sdPLeptonMin") }
    : { eGammaMin: ffValue(b, "ibEGammaMin"), pLeptonMin: 0 };
  const ff = sd
    ? lep === "mu"
      ? { fv0: ffValue(b, "fvPlusFa"), fvSlope: 0, fa: 0 }
      : { fv0: ffValue(b, "fv"), fvSlope: ffValue(b, "fvSlope"), fa: ffValue(b, "fa") }
    : { fv0: 0, fvSlope: 0, fa: 0 };
  return { region, ff };
}

export const l2gIB: GeneratorFactory = (info, ctx) => {
  const { region, ff } = kl2gParams(info.name);
  return new Kl2gGenerator(info, ctx, "ib", region, ff);
};

export const l2gSD: GeneratorFactory = (info, ctx) => {
  const { region, ff } = kl2gParams(info.name);
  return new Kl2gGenerator(info, ctx, "sd+", region, ff);
};

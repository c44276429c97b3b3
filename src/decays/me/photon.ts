/**
 * Radiative four-body channels K⁺ → 1 2 3 γ with a real photon above an energy cut. Proposal, in the
 * kaon rest frame: E_γ log-uniform in [E_cut, E_max], the photon direction isotropic, and the
 * three-body system X = P − q (mass² m²_K − 2m_K E_γ) decayed uniformly in its own Dalitz plot
 * (E₁, E₂ uniform in their ranges in the X frame) with a random orientation. With
 * dΦ₄ ∝ E_γ dE_γ dΩ_γ dE₁dE₂, the weight is |M|² · E²_γ ln(E_max/E_cut) · (E₁ range)(E₂ range).
 * Subclasses give |M|² from the four-vectors in `v` (daughters 0, 1, 2, the photon at 3).
 */
import { randomRotation, rotate } from "../../core/kinematics.ts";
import type { Xoshiro128 } from "../../core/rng/xoshiro128.ts";
import type { ChannelInfo, DecayContext } from "../channel.ts";
import { threeBodyFromEnergies } from "./frame.ts";
import { WeightedGenerator } from "./weighted.ts";

const rot = new Float64Array(9);

export abstract class PhotonGenerator extends WeightedGenerator {
  readonly m1: number;
  readonly m2: number;
  readonly m3: number;
  readonly eCut: number;
  readonly eMax: number;
  private readonly lnE: number;
  /** photon energy of the current trial */
  eGamma = 0;

  constructor(info: ChannelInfo, ctx: DecayContext, eCut: number) {
    super(info, ctx);
    if (this.nd !== 4 || this.masses[3] !== 0) throw new Error(`${info.name}: expected 1 2 3 γ`);
    [this.m1, this.m2, this.m3] = this.masses;
    const M = this.M;
    this.eCut = eCut;
    this.eMax = (M * M - (this.m1 + this.m2 + this.m3) ** 2) / (2 * M);
    if (!(this.eMax > eCut)) throw new RangeError(`${info.name}: photon cut ${eCut} above the end point`);
    this.lnE = Math.log(this.eMax / eCut);
  }

  /** |M|² of the configuration in `v` (0 outside the generated region) */
  abstract me(): number;

  trial(rng: Xoshiro128): number {
    const M = this.M;
    const v = this.v;
    const Eg = this.eCut * Math.exp(this.lnE * rng.uniform());
    const s = M * M - 2 * M * Eg;
    const mx = Math.sqrt(s);
    const { m1, m2, m3 } = this;
    const e1Max = (s + m1 * m1 - (m2 + m3) ** 2) / (2 * mx);
    const e2Max = (s + m2 * m2 - (m1 + m3) ** 2) / (2 * mx);
    const E1 = m1 + (e1Max - m1) * rng.uniform();
    const E2 = m2 + (e2Max - m2) * rng.uniform();
    if (!threeBodyFromEnergies(v, 0, 2, 1, mx, m1, m3, m2, E1, E2)) return 0;
    // random orientation of the three-body system, then the photon along −z and X along +z
    randomRotation(rng, rot);
    for (let k = 0; k < 3; k++) {
      rotate(v.px, v.py, v.pz, k, rot);
      v.boost(k, 0, 0, Eg, M - Eg, mx);
    }
    v.set(3, 0, 0, -Eg, Eg);
    this.eGamma = Eg;
    const m2x = this.me();
    if (m2x === 0) return 0;
    return m2x * Eg * Eg * this.lnE * (e1Max - m1) * (e2Max - m2);
  }
}

/**
 * −J² for the eikonal (soft-photon) current J = Σ Qᵢ pᵢ/(pᵢ·q) − P/(P·q) of the charged particles
 * (kaon at rest): the polarisation sum of |ε·J|².
 */
export function eikonal(
  v: { px: Float64Array; py: Float64Array; pz: Float64Array; e: Float64Array },
  charges: Int8Array,
  iq: number,
): number {
  const q0 = v.e[iq];
  const qx = v.px[iq];
  const qy = v.py[iq];
  const qz = v.pz[iq];
  // kaon: P/(P·q) = (1/q0, 0, 0, 0)
  let j0 = -1 / q0;
  let jx = 0;
  let jy = 0;
  let jz = 0;
  for (let k = 0; k < charges.length; k++) {
    const c = charges[k];
    if (c === 0) continue;
    const pq = v.e[k] * q0 - v.px[k] * qx - v.py[k] * qy - v.pz[k] * qz;
    const f = c / pq;
    j0 += f * v.e[k];
    jx += f * v.px[k];
    jy += f * v.py[k];
    jz += f * v.pz[k];
  }
  return -(j0 * j0 - jx * jx - jy * jy - jz * jz);
}

/**
 * Final-state radiation (off by default; GenerationOptions.fsr): PHOTOS-style soft and collinear
 * photons for the channels with one charged daughter. In the kaon rest frame the soft-photon
 * density of the dipole formed by the K⁺ and the charged daughter (velocity β) is
 *   dN = (α/4π²)(−J̃²) dω/ω dΩ,  −J̃² = 2/(1 − βc) − 1 − (1 − β²)/(1 − βc)²,
 * c the cosine of the photon–daughter angle; integrated over angles,
 *   dN/dω = (α/π)[(1/β) ln((1 + β)/(1 − β)) − 2]/ω.
 * At most one photon per decay (the emission probability is ~1%), ω log-uniform in
 * [ω_min, ω_max] and c from 1/(1 − βc), kept with probability (1 − βc)(−J̃²)/2 ≤ 1. The
 * daughters are then rescaled (a common factor on their momenta) to the recoil mass
 * √(M² − 2Mω) and boosted against the photon, so that four-momentum is conserved.
 *
 * Every event draws five uniforms from the "fsr" stream whatever happens, so that the draws do
 * not depend on the kinematics. The limits per channel (form-factors.json "fsr") keep the photons
 * out of the regions of the catalogue's radiative channels. Not radiated: channels with more than
 * one charged daughter (their interference terms are not modelled) and the radiative channels.
 */
import { type EventBatch, MAX_SLOTS, Status } from "../core/batch.ts";
import { boostFromRest } from "../core/kinematics.ts";
import { type ParticleTable, PDG } from "../core/particles.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";
import { ALPHA_EM } from "../core/units.ts";
import type { ChannelInfo } from "./channel.ts";
import { ffBlock, ffValue } from "./me/params.ts";

interface ChannelFsr {
  /** number of primary daughters (slots 1..n) */
  n: number;
  /** slot of the charged daughter */
  charged: number;
  omegaMax: number;
  /** the charged daughter's kinetic energy in the kaon frame must stay above this (GeV) */
  tMin: number;
  /** Σ daughter masses */
  sumM: number;
}

/** the probability of one photon between ω_min and ω_max, (α/π)[L/β − 2] ln(ω_max/ω_min) */
export function emissionProbability(beta: number, omegaMin: number, omegaMax: number): number {
  const L = Math.log((1 + beta) / (1 - beta));
  return (ALPHA_EM / Math.PI) * (L / beta - 2) * Math.log(omegaMax / omegaMin);
}

export class FinalStateRadiation {
  readonly omegaMin: number;
  private readonly byId = new Map<number, ChannelFsr>();
  /** scratch: daughter momenta in the kaon frame */
  private readonly mom = new Float64Array(4 * MAX_SLOTS);
  /** photons emitted (tests, summaries) */
  emitted = 0;

  constructor(particles: ParticleTable, channels: readonly ChannelInfo[]) {
    const block = ffBlock("fsr");
    this.omegaMin = ffValue(block, "omegaMin");
    const mK = particles.mass("K+");
    for (const c of channels) {
      if (c.daughters.includes("gamma")) continue;
      const charges = c.daughters.map((d) => particles.get(d).charge);
      const nCharged = charges.filter((q) => q !== 0).length;
      if (nCharged !== 1) continue;
      const sumM = c.daughters.reduce((s, d) => s + particles.mass(d), 0);
      let omegaMax = (mK * mK - sumM * sumM) / (2 * mK);
      let tMin = 0;
      const own = block[c.name];
      if (own !== undefined && typeof own !== "string" && !("value" in own)) {
        if ("omegaMax" in own) omegaMax = Math.min(omegaMax, ffValue(own, "omegaMax"));
        if ("tPiMin" in own) tMin = ffValue(own, "tPiMin");
      }
      this.byId.set(c.id, {
        n: c.daughters.length,
        charged: 1 + charges.findIndex((q) => q !== 0),
        omegaMax,
        tMin,
        sumM,
      });
    }
  }

  /** whether channel `id` is radiated */
  radiates(id: number): boolean {
    return this.byId.has(id);
  }

  /** the channel's photon-energy range [ω_min, ω_max] (GeV) */
  range(id: number): [number, number] {
    const c = this.byId.get(id);
    return [this.omegaMin, c ? c.omegaMax : this.omegaMin];
  }

  /** radiate the events [start, end) (one channel block or a mix); kinematics only below zSkip */
  process(b: EventBatch, start: number, end: number, rng: Xoshiro128, zSkip: number): void {
    for (let ev = start; ev < end; ev++) {
      const u0 = rng.uniform();
      const u1 = rng.uniform();
      const u2 = rng.uniform();
      const u3 = rng.uniform();
      const u4 = rng.uniform();
      const ch = this.byId.get(b.channel[ev]);
      if (!ch || b.vtxZ[ev] >= zSkip || b.nParticles[ev] >= MAX_SLOTS) continue;
      this.radiate(b, ev, ch, u0, u1, u2, u3, u4);
    }
  }

  private radiate(
    b: EventBatch,
    ev: number,
    ch: ChannelFsr,
    u0: number,
    u1: number,
    u2: number,
    u3: number,
    u4: number,
  ): void {
    const base = ev * MAX_SLOTS;
    const Kx = b.px[base];
    const Ky = b.py[base];
    const Kz = b.pz[base];
    const KE = b.e[base];
    const M = b.mass[base];
    const m = this.mom;
    // daughters to the kaon frame
    for (let i = 1; i <= ch.n; i++) {
      const g = base + i;
      const qx = b.px[g];
      const qy = b.py[g];
      const qz = b.pz[g];
      const qe = b.e[g];
      const pq = -Kx * qx - Ky * qy - Kz * qz;
      const f = (qe + pq / (KE + M)) / M;
      m[4 * i] = qx - f * Kx;
      m[4 * i + 1] = qy - f * Ky;
      m[4 * i + 2] = qz - f * Kz;
      m[4 * i + 3] = (KE * qe + pq) / M;
    }
    const c0 = 4 * ch.charged;
    const pc = Math.hypot(m[c0], m[c0 + 1], m[c0 + 2]);
    const beta = pc / m[c0 + 3];
    if (!(beta > 0 && beta < 1)) return;
    const L = Math.log((1 + beta) / (1 - beta));
    const lnRange = Math.log(ch.omegaMax / this.omegaMin);
    // candidate with probability (α/π)(L/β) ln(ω_max/ω_min), then the angular weight
    if (u0 >= (ALPHA_EM / Math.PI) * (L / beta) * lnRange) return;
    const omega = this.omegaMin * Math.exp(u1 * lnRange);
    const r = (1 - beta) / (1 + beta);
    const oneMinusBc = (1 + beta) * r ** u2;
    const c = (1 - oneMinusBc) / beta;
    const w = 1 - oneMinusBc / 2 - (1 - beta * beta) / (2 * oneMinusBc);
    if (u4 >= w) return;
    const MR2 = M * M - 2 * M * omega;
    if (MR2 <= ch.sumM * ch.sumM) return;
    const MR = Math.sqrt(MR2);
    // photon direction: angle c to the charged daughter, azimuth 2πu3
    const ux = m[c0] / pc;
    const uy = m[c0 + 1] / pc;
    const uz = m[c0 + 2] / pc;
    let ax = -uy;
    let ay = ux;
    let az = 0;
    if (Math.abs(uz) > 0.9) {
      ax = 0;
      ay = -uz;
      az = uy;
    }
    const an = Math.hypot(ax, ay, az);
    ax /= an;
    ay /= an;
    az /= an;
    const bx = uy * az - uz * ay;
    const by = uz * ax - ux * az;
    const bz = ux * ay - uy * ax;
    const s = Math.sqrt(Math.max(0, 1 - c * c));
    const phi = 2 * Math.PI * u3;
    const cp = s * Math.cos(phi);
    const sp = s * Math.sin(phi);
    const kx = omega * (c * ux + cp * ax + sp * bx);
    const ky = omega * (c * uy + cp * ay + sp * by);
    const kz = omega * (c * uz + cp * az + sp * bz);
    // rescale the daughters' momenta by λ: Σ √(λ²p² + m²) = M_R (Newton from λ = 1)
    let lam = 1;
    for (let it = 0; it < 30; it++) {
      let F = -MR;
      let dF = 0;
      for (let i = 1; i <= ch.n; i++) {
        const p2 = m[4 * i] ** 2 + m[4 * i + 1] ** 2 + m[4 * i + 2] ** 2;
        const mm = b.mass[base + i];
        const E = Math.sqrt(lam * lam * p2 + mm * mm);
        F += E;
        dF += (lam * p2) / E;
      }
      const step = F / dF;
      lam -= step;
      if (Math.abs(step) < 1e-15) break;
    }
    // the recoiling system (−k⃗, M − ω) of mass M_R: boost each rescaled daughter with it
    for (let i = 1; i <= ch.n; i++) {
      const mm = b.mass[base + i];
      const px = lam * m[4 * i];
      const py = lam * m[4 * i + 1];
      const pz = lam * m[4 * i + 2];
      m[4 * i] = px;
      m[4 * i + 1] = py;
      m[4 * i + 2] = pz;
      m[4 * i + 3] = Math.sqrt(px * px + py * py + pz * pz + mm * mm);
    }
    // T*_π veto (the region of the catalogue's radiative channel), checked after the recoil boost
    const g0 = base + ch.charged;
    if (ch.tMin > 0) {
      const pk = kx * m[c0] + ky * m[c0 + 1] + kz * m[c0 + 2];
      const E = ((M - omega) * m[c0 + 3] - pk) / MR;
      if (E - b.mass[g0] < ch.tMin) return;
    }
    for (let i = 1; i <= ch.n; i++) {
      const g = base + i;
      b.px[g] = m[4 * i];
      b.py[g] = m[4 * i + 1];
      b.pz[g] = m[4 * i + 2];
      b.e[g] = m[4 * i + 3];
      boostFromRest(b.px, b.py, b.pz, b.e, g, -kx, -ky, -kz, M - omega, MR);
      boostFromRest(b.px, b.py, b.pz, b.e, g, Kx, Ky, Kz, KE, M);
    }
    const gg = b.addParticle(ev, PDG.gamma, 0, Status.FINAL, 0, b.vx[g0], b.vy[g0], b.vz[g0], b.t[g0]);
    b.px[gg] = kx;
    b.py[gg] = ky;
    b.pz[gg] = kz;
    b.e[gg] = omega;
    boostFromRest(b.px, b.py, b.pz, b.e, gg, Kx, Ky, Kz, KE, M);
    this.emitted++;
  }
}

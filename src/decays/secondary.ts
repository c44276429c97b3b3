/**
 * Secondary decays, applied after the primary kaon decay: π⁰ (γγ, e⁺e⁻γ, e⁺e⁻e⁺e⁻) and the
 * hypothetical particles of the search modes when they are visible and have a finite lifetime:
 *   X → e⁺e⁻ (γγ below 2mₑ), a → e⁺e⁻ (γγ below 2mₑ), S → A′A′ (e⁺e⁻ below 2m_A′),
 *   A′ → e⁺e⁻ or μ⁺μ⁻ with Γ_ℓℓ ∝ (1 + 2m²_ℓ/m²)√(1 − 4m²_ℓ/m²) (hadronic A′ decays not modelled).
 * A displaced decay happens at a flight length drawn from the particle's βγcτ.
 * A forced π⁰ mode multiplies the event weight by its BR for each π⁰.
 */
import { type EventBatch, MAX_SLOTS, Status } from "../core/batch.ts";
import { type Particle, type ParticleTable, PDG } from "../core/particles.ts";
import { exponential } from "../core/rng/samplers.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";
import { C_LIGHT } from "../core/units.ts";
import { decayTwoBody, emitTwoBody } from "./phase-space.ts";
import { Pi0Decayer, Pi0Mode, type Pi0ModeName } from "./pi0.ts";

export interface SecondaryOptions {
  /** "natural" draws the π⁰ mode by BR; a named mode forces it and weights by its BR */
  pi0Mode?: Pi0ModeName;
}

const PI0_MODES: Record<Exclude<Pi0ModeName, "natural">, number> = {
  gg: Pi0Mode.GG,
  eeg: Pi0Mode.EEG,
  eeee: Pi0Mode.EEEE,
};

export class SecondaryDecayer {
  readonly pi0: Pi0Decayer;
  private readonly forcedMode: number;
  private readonly forcedBR: number;
  private readonly cutGG: number;
  private readonly cutEEG: number;
  private readonly hyp: Map<number, Particle>;
  private readonly mE: number;
  private readonly mMu: number;
  private readonly mAp: number;
  /** [q, e1, e2] of π⁰ → γγ */
  private readonly ggKin: Float64Array;
  private readonly u3 = new Float64Array(3);

  constructor(particles: ParticleTable, opts: SecondaryOptions = {}) {
    this.pi0 = new Pi0Decayer(particles);
    const p = this.pi0.params;
    const mode = opts.pi0Mode ?? "natural";
    if (mode === "natural") {
      this.forcedMode = -1;
      this.forcedBR = 1;
    } else {
      if (!(mode in PI0_MODES))
        throw new RangeError(`--pi0: expected natural, gg, eeg or eeee, got "${mode}"`);
      this.forcedMode = PI0_MODES[mode];
      this.forcedBR = [p.brGG, p.brEEG, p.brEEEE][this.forcedMode];
    }
    const tot = p.brGG + p.brEEG + p.brEEEE;
    this.cutGG = p.brGG / tot;
    this.cutEEG = (p.brGG + p.brEEG) / tot;
    this.hyp = new Map();
    for (const name of ["X", "S", "A'", "a"]) {
      const h = particles.get(name);
      this.hyp.set(h.pdg, h);
    }
    this.mE = particles.mass("e-");
    this.mMu = particles.mass("mu-");
    this.mAp = particles.mass("A'");
    const half = particles.mass("pi0") / 2;
    this.ggKin = Float64Array.of(half, half, half);
  }

  /** decay every unstable secondary of events [start, end) */
  process(b: EventBatch, start: number, end: number, rng: Xoshiro128): void {
    for (let ev = start; ev < end; ev++) {
      const base = ev * MAX_SLOTS;
      for (let k = 1; k < b.nParticles[ev]; k++) {
        const g = base + k;
        if (b.status[g] !== Status.FINAL) continue;
        const pdg = b.pdg[g];
        if (pdg === PDG.pi0) {
          let mode = this.forcedMode;
          if (mode < 0) {
            const u = rng.uniform();
            mode = u < this.cutGG ? Pi0Mode.GG : u < this.cutEEG ? Pi0Mode.EEG : Pi0Mode.EEEE;
          } else {
            b.weight[ev] *= this.forcedBR;
          }
          if (mode === Pi0Mode.GG) this.pi0ToGG(b, ev, g, rng);
          else this.pi0.decay(b, ev, g, mode, rng);
        } else if (pdg >= 9000000) {
          const h = this.hyp.get(pdg);
          if (h && !h.invisible && Number.isFinite(h.lifetime)) this.decayHypothetical(b, rng, ev, g, h);
        }
      }
    }
  }

  /**
   * π⁰ → γγ, the common case, inline: flight of cτ = 25 nm (kept for completeness), then an
   * isotropic pair. The uniforms go through a scratch array so the kernel takes no doubles.
   */
  private pi0ToGG(b: EventBatch, ev: number, P: number, rng: Xoshiro128): void {
    const u = this.u3;
    u[1] = rng.uniform();
    u[2] = rng.uniform();
    const m = b.mass[P];
    const s = exponential(rng) * this.pi0.ctau;
    const x = b.vx[P] + (s * b.px[P]) / m;
    const y = b.vy[P] + (s * b.py[P]) / m;
    const z = b.vz[P] + (s * b.pz[P]) / m;
    const t = b.t[P] + (s * b.e[P]) / (m * C_LIGHT);
    b.status[P] = Status.INTERMEDIATE;
    const slot = P - ev * MAX_SLOTS;
    const g1 = ev * MAX_SLOTS + b.nParticles[ev];
    const g2 = g1 + 1;
    b.nParticles[ev] += 2;
    b.pdg[g1] = PDG.gamma;
    b.pdg[g2] = PDG.gamma;
    b.mass[g1] = 0;
    b.mass[g2] = 0;
    b.status[g1] = Status.FINAL;
    b.status[g2] = Status.FINAL;
    b.parent[g1] = slot;
    b.parent[g2] = slot;
    b.vx[g1] = x;
    b.vx[g2] = x;
    b.vy[g1] = y;
    b.vy[g2] = y;
    b.vz[g1] = z;
    b.vz[g2] = z;
    b.t[g1] = t;
    b.t[g2] = t;
    emitTwoBody(b, P, g1, g2, this.ggKin, u, 1);
  }

  private decayHypothetical(b: EventBatch, rng: Xoshiro128, ev: number, P: number, h: Particle): void {
    const m = b.mass[P];
    const s = -Math.log(rng.uniform()) * h.lifetime * C_LIGHT; // proper flight × c
    const x = b.vx[P] + (s * b.px[P]) / m;
    const y = b.vy[P] + (s * b.py[P]) / m;
    const z = b.vz[P] + (s * b.pz[P]) / m;
    const t = b.t[P] + (s * b.e[P]) / (m * C_LIGHT);
    let d1: number = PDG.ep;
    let d2: number = PDG.em;
    let md = this.mE;
    if (h.pdg === PDG.S && m > 2 * this.mAp) {
      d1 = PDG.Ap;
      d2 = PDG.Ap;
      md = this.mAp;
    } else if (m <= 2 * this.mE) {
      d1 = PDG.gamma;
      d2 = PDG.gamma;
      md = 0;
    } else if (h.pdg === PDG.Ap && m > 2 * this.mMu) {
      const w = (ml: number) => {
        const r = (ml * ml) / (m * m);
        return (1 + 2 * r) * Math.sqrt(1 - 4 * r);
      };
      if (rng.uniform() * (w(this.mE) + w(this.mMu)) < w(this.mMu)) {
        d1 = PDG.mup;
        d2 = PDG.mum;
        md = this.mMu;
      }
    }
    b.status[P] = Status.INTERMEDIATE;
    const slot = P - ev * MAX_SLOTS;
    const g1 = b.addParticle(ev, d1, md, Status.FINAL, slot, x, y, z, t);
    const g2 = b.addParticle(ev, d2, md, Status.FINAL, slot, x, y, z, t);
    decayTwoBody(b, rng, P, g1, g2);
  }
}

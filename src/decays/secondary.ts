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
import { exponentialSlow, zigguratTables } from "../core/rng/samplers.ts";
import { TWO_M32, type Xoshiro128 } from "../core/rng/xoshiro128.ts";
import { C_LIGHT } from "../core/units.ts";
import { COS_TABLE, decayTwoBody, emitTwoBody, SIN_TABLE, TRIG_N, TWO_PI_OVER_N } from "./phase-space.ts";
import { Pi0Decayer, Pi0Mode, type Pi0ModeName, pi0ModeList } from "./pi0.ts";

interface SecondaryOptions {
  /** "natural" draws the π⁰ mode by BR; a named mode forces it and weights by its BR */
  pi0Mode?: Pi0ModeName;
}

const PI0_MODES: Record<Exclude<Pi0ModeName, "natural">, number> = {
  gg: Pi0Mode.GG,
  eeg: Pi0Mode.EEG,
  eeee: Pi0Mode.EEEE,
  ee: Pi0Mode.EE,
  "eeg+natural": Pi0Mode.EEG,
  "eeee+natural": Pi0Mode.EEEE,
};

/** fastRun stopped at a hypothetical particle */
const PENDING_HYP = -1;
/** fastRun stopped at a π⁰ → γγ whose exponential draw needs the slow path */
const PENDING_GG_SLOW = -2;

export class SecondaryDecayer {
  readonly pi0: Pi0Decayer;
  private readonly forcedMode: number;
  private readonly forcedBR: number;
  /** force only the first π⁰ of each event (the "+natural" modes) */
  private readonly forceFirstOnly: boolean;
  /** the last event whose first π⁰ was forced (the "+natural" modes), −1 before any */
  private lastForced = -1;
  private readonly cutGG: number;
  private readonly cutEEG: number;
  /** the π⁰ mode draw: u < cutGG γγ, < cutEEG e⁺e⁻γ, < cutEEEE e⁺e⁻e⁺e⁻, else e⁺e⁻ */
  readonly cutEEEE: number;
  private readonly hyp: Map<number, Particle>;
  private readonly mE: number;
  private readonly mMu: number;
  private readonly mAp: number;
  /** [q, e1, e2] of π⁰ → γγ */
  private readonly ggKin: Float64Array;
  private readonly u3 = new Float64Array(3);
  /** the exponential's tables (fast path inlined in fastRun) */
  private readonly expK: Float64Array;
  private readonly expW: Float64Array;
  /** what fastRun left for the general code: a π⁰ mode, PENDING_HYP or PENDING_GG_SLOW */
  private pending = 0;
  private readonly par = new Float64Array(10);
  private slowLayer = 0;

  constructor(particles: ParticleTable, opts: SecondaryOptions = {}) {
    this.pi0 = new Pi0Decayer(particles);
    const p = this.pi0.params;
    const mode = opts.pi0Mode ?? "natural";
    if (mode === "natural") {
      this.forcedMode = -1;
      this.forcedBR = 1;
      this.forceFirstOnly = false;
    } else {
      if (!(mode in PI0_MODES)) throw new RangeError(`--pi0: expected ${pi0ModeList()}, got "${mode}"`);
      this.forceFirstOnly = mode.endsWith("+natural");
      this.forcedMode = PI0_MODES[mode];
      this.forcedBR = [p.brGG, p.brEEG, p.brEEEE, p.brEE][this.forcedMode];
    }
    const tot = p.brGG + p.brEEG + p.brEEEE + p.brEE;
    this.cutGG = p.brGG / tot;
    this.cutEEG = (p.brGG + p.brEEG) / tot;
    this.cutEEEE = (p.brGG + p.brEEG + p.brEEEE) / tot;
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
    const z = zigguratTables();
    this.expK = z.expK;
    this.expW = z.expW;
  }

  /**
   * decay every unstable secondary of events [start, end); for events whose kaon decays at z ≥ zSkip
   * the float columns of the π⁰ → γγ photons are left unwritten (the same random numbers are drawn,
   * the same particles added: see DecayGenerator.fill)
   */
  process(
    b: EventBatch,
    start: number,
    end: number,
    rng: Xoshiro128,
    zSkip = Number.POSITIVE_INFINITY,
  ): void {
    // the common case (π⁰ → γγ with the exponential's fast path, nothing to do for the other
    // particles) runs in fastRun, a loop without calls; it stops at a particle that needs the
    // general code (`pending` says what was drawn already), which finishes it here
    let g = start * MAX_SLOTS + 1;
    this.lastForced = -1;
    for (;;) {
      g = this.fastRun(b, g, end, rng, zSkip);
      if (g < 0) return;
      const ev = (g / MAX_SLOTS) | 0;
      const p = this.pending;
      if (p === PENDING_HYP) {
        const h = this.hyp.get(b.pdg[g]);
        if (h && !h.invisible && Number.isFinite(h.lifetime)) this.decayHypothetical(b, rng, ev, g, h);
      } else if (p === PENDING_GG_SLOW) {
        const u = this.u3;
        const s = exponentialSlow(rng, this.slowLayer, u[0]) * this.pi0.ctau;
        this.pi0ToGG(b, ev, g, s);
      } else {
        this.pi0.decay(b, ev, g, p, rng);
      }
      g++;
    }
  }

  /**
   * From global slot g0 to the end of event end − 1: π⁰ → γγ decays done in place, the other
   * particles skipped, with the generator state in registers. Returns −1 at the end, or the slot
   * of a particle the general code must finish: a hypothetical particle (nothing drawn yet), a π⁰
   * decaying in another mode (its mode drawn), or a π⁰ → γγ whose flight length needs the slow path
   * of the exponential (its two uniforms in u3[1..2], the abscissa in u3[0], the layer in
   * slowLayer). The numbers and the order of the draws are those of the general code.
   */
  private fastRun(b: EventBatch, g0: number, end: number, rng: Xoshiro128, zSkip: number): number {
    // the float64 columns through their shared buffers (one typed array to check per iteration)
    const F = b.f64;
    const { mass: oMass, px: oPx, py: oPy, pz: oPz, e: oE, vx: oVx, vy: oVy, vz: oVz, t: oT } = b.col;
    const V = b.e64;
    const { weight: oW, vtxZ: oZv } = b.ecol;
    const pdg = b.pdg;
    const status = b.status;
    const parent = b.parent;
    const nPart = b.nParticles;
    const K = this.expK;
    const W = this.expW;
    const cosT = COS_TABLE;
    const sinT = SIN_TABLE;
    const slots = MAX_SLOTS | 0;
    const final = Status.FINAL | 0;
    const intermediate = Status.INTERMEDIATE | 0;
    const gamma = PDG.gamma | 0;
    const pi0 = PDG.pi0 | 0;
    // numbers through a Float64Array and integers through |0: V8 then holds them unboxed in the loop
    // (an object field or an imported binding is reloaded and checked at every iteration)
    const par = this.par;
    par[0] = this.forcedBR;
    par[1] = this.cutGG;
    par[2] = this.cutEEG;
    par[3] = this.pi0.ctau;
    par[4] = C_LIGHT;
    par[5] = this.ggKin[0];
    par[6] = TWO_M32;
    par[7] = TRIG_N;
    par[8] = TWO_PI_OVER_N;
    par[9] = this.cutEEEE;
    const trigN = par[7];
    const trigStep = par[8];
    const forcedBR = par[0];
    const cutGG = par[1];
    const cutEEG = par[2];
    const cutEEEE = par[9];
    const ctau = par[3];
    const c = par[4];
    const half = par[5];
    const twoM32 = par[6];
    const forced = this.forcedMode | 0;
    const firstOnly = this.forceFirstOnly ? 1 : 0;
    let lastForced = this.lastForced | 0;
    const GG = Pi0Mode.GG | 0;
    const EEG = Pi0Mode.EEG | 0;
    const EEEE = Pi0Mode.EEEE | 0;
    const EE = Pi0Mode.EE | 0;
    let s0 = rng.s0 | 0;
    let s1 = rng.s1 | 0;
    let s2 = rng.s2 | 0;
    let s3 = rng.s3 | 0;
    let stop = -1;
    let ev = (g0 / slots) | 0;
    let k = g0 - ev * slots;
    if (k < 1) k = 1;
    loop: for (; ev < end; ev++, k = 1) {
      const base = ev * slots;
      // beyond zSkip: the same draws and particles, no kinematics
      const far = V[oZv + ev] >= zSkip;
      // the photons this loop appends need nothing (pdg 22): the scan stops before them
      const nScan = nPart[ev];
      for (; k < nScan; k++) {
        const P = base + k;
        if (status[P] !== final) continue;
        const id = pdg[P];
        if (id >= 9000000) {
          this.pending = PENDING_HYP;
          stop = P;
          break loop;
        }
        if (id !== pi0) continue;
        let mode = forced;
        if (mode >= 0 && firstOnly === 1) {
          // the "+natural" modes: the event's first π⁰ forced, the others drawn
          if (lastForced === ev) mode = -1;
          else lastForced = ev;
        }
        if (mode < 0) {
          // rng.uniform()
          const x = Math.imul(s1, 5);
          const r = Math.imul((x << 7) | (x >>> 25), 9);
          const t = s1 << 9;
          s2 ^= s0;
          s3 ^= s1;
          s1 ^= s2;
          s0 ^= s3;
          s2 ^= t;
          s3 = (s3 << 11) | (s3 >>> 21);
          const u = ((r >>> 0) + 0.5) * twoM32;
          mode = u < cutGG ? GG : u < cutEEG ? EEG : u < cutEEEE ? EEEE : EE;
        } else {
          V[oW + ev] *= forcedBR;
        }
        if (mode !== GG) {
          this.pending = mode;
          stop = P;
          break loop;
        }
        // π⁰ → γγ (pi0ToGG): two uniforms, then the exponential flight length
        let x = Math.imul(s1, 5);
        let r = Math.imul((x << 7) | (x >>> 25), 9);
        let t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const u1 = ((r >>> 0) + 0.5) * twoM32;
        x = Math.imul(s1, 5);
        r = Math.imul((x << 7) | (x >>> 25), 9);
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const u2 = ((r >>> 0) + 0.5) * twoM32;
        x = Math.imul(s1, 5);
        r = Math.imul((x << 7) | (x >>> 25), 9);
        t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = (s3 << 11) | (s3 >>> 21);
        const layer = r & 0xff;
        const j = (r >>> 8) + 0.5;
        if (!(j < K[layer])) {
          const u = this.u3;
          u[0] = j;
          u[1] = u1;
          u[2] = u2;
          this.slowLayer = layer;
          this.pending = PENDING_GG_SLOW;
          stop = P;
          break loop;
        }
        if (far) {
          status[P] = intermediate;
          const n = nPart[ev];
          const g1 = base + n;
          nPart[ev] = n + 2;
          pdg[g1] = gamma;
          pdg[g1 + 1] = gamma;
          status[g1] = final;
          status[g1 + 1] = final;
          parent[g1] = k;
          parent[g1 + 1] = k;
          continue;
        }
        const s = j * W[layer] * ctau;
        const m = F[oMass + P];
        const Px = F[oPx + P];
        const Py = F[oPy + P];
        const Pz = F[oPz + P];
        const E = F[oE + P];
        const vx = F[oVx + P] + (s * Px) / m;
        const vy = F[oVy + P] + (s * Py) / m;
        const vz = F[oVz + P] + (s * Pz) / m;
        const vt = F[oT + P] + (s * E) / (m * c);
        status[P] = intermediate;
        const n = nPart[ev];
        const g1 = base + n;
        const g2 = g1 + 1;
        nPart[ev] = n + 2;
        pdg[g1] = gamma;
        pdg[g2] = gamma;
        status[g1] = final;
        status[g2] = final;
        parent[g1] = k;
        parent[g2] = k;
        F[oMass + g1] = 0;
        F[oMass + g2] = 0;
        F[oVx + g1] = vx;
        F[oVx + g2] = vx;
        F[oVy + g1] = vy;
        F[oVy + g2] = vy;
        F[oVz + g1] = vz;
        F[oVz + g2] = vz;
        F[oT + g1] = vt;
        F[oT + g2] = vt;
        // emitTwoBody (phase-space.ts) with q = e1 = e2 = m/2, the same operations in the same order
        const cth = 2 * u1 - 1;
        const v = u2 * trigN;
        const jt = Math.round(v);
        const xa = (v - jt) * trigStep;
        const x2 = xa * xa;
        const cx = 1 - x2 * (0.5 - x2 * (1 / 24));
        const sx = xa * (1 - x2 * (1 / 6 - x2 * (1 / 120)));
        const cj = cosT[jt];
        const sj = sinT[jt];
        const cphi = cj * cx - sj * sx;
        const sphi = sj * cx + cj * sx;
        const qs = half * Math.sqrt(1 - cth * cth);
        const qx = qs * cphi;
        const qy = qs * sphi;
        const qz = half * cth;
        const invM = 1 / m;
        const pq = Px * qx + Py * qy + Pz * qz;
        const h = pq / (E + m);
        const f1 = (half + h) * invM;
        F[oE + g1] = (E * half + pq) * invM;
        F[oPx + g1] = qx + f1 * Px;
        F[oPy + g1] = qy + f1 * Py;
        F[oPz + g1] = qz + f1 * Pz;
        const f2 = (half - h) * invM;
        F[oE + g2] = (E * half - pq) * invM;
        F[oPx + g2] = f2 * Px - qx;
        F[oPy + g2] = f2 * Py - qy;
        F[oPz + g2] = f2 * Pz - qz;
      }
    }
    rng.s0 = s0;
    rng.s1 = s1;
    rng.s2 = s2;
    rng.s3 = s3;
    this.lastForced = lastForced;
    return stop;
  }

  /**
   * π⁰ → γγ with the flight length s (mm, drawn by the caller): the flight (cτ = 25 nm, kept for
   * completeness), then an isotropic pair from the uniforms in u3[1..2].
   */
  private pi0ToGG(b: EventBatch, ev: number, P: number, s: number): void {
    const u = this.u3;
    const m = b.mass[P];
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

/**
 * Transport of the final-state particles through the NA62 detector.
 *
 * The planes along z are those the registered subsystems declare (SubsystemSpec.planes,
 * src/detector/registry.ts), resolved at construction into z-sorted typed arrays (one list for
 * charged particles, one for photons); the loops below switch over the plane kinds
 * (src/detector/subsystem.ts PlaneKind), not over subsystems.
 *
 * Straight lines in vacuum with thin-lens kicks: the MNP33 spectrometer magnet (p_T 0.270 GeV/c
 * towards −x for a positive charge, at the magnet centre) and the HASC sweeping magnet in front of
 * the SAC. Charged π and μ decay in flight first (src/decays/in-flight.ts), so a track is a chain of
 * up to three segments (π → μ → e). Every element along z is an aperture, checked analytically in
 * its front plane with the analysis rules of src/detector/geometry.ts: LAV rings (a particle that
 * meets a LAV station is stopped there), STRAW chambers, RICH, MUV0, NewCHOD, CHOD, IRC, LKr octagon
 * and hole, MUV1–3, HASC, SAC. Particles produced upstream of GTK3 (the "upstream" source) also meet
 * the final collimator (absorbed between its aperture and its outer edge) and the CHANTI.
 * Multiple scattering enters the measured quantities in the STRAW and GTK responses (resolution);
 * the transport itself follows the true trajectories.
 */

import { type EventBatch, MAX_SLOTS, Status } from "../core/batch.ts";
import type { ParticleTable } from "../core/particles.ts";
import { InFlightDecayer } from "../decays/in-flight.ts";
import type { Biasing } from "./biasing.ts";
import type { PeriodCard } from "./card.ts";
import { type Apertures, apertures, type Geometry, magnetCentreZ } from "./geometry.ts";
import type { NormalStream } from "./normal-stream.ts";
import { PlaneFlag, PlaneKind, type PlaneSpec } from "./subsystem.ts";
import { Hit, type TransportBatch } from "./transport-batch.ts";

// plane kinds (PlaneKind) as constants of this module, for the switches of the loops
const K_RING = PlaneKind.RING;
const K_CHAMBER = PlaneKind.CHAMBER;
const K_ABSORBER = PlaneKind.ABSORBER;
const K_APERTURE = PlaneKind.APERTURE;
const K_RADIATOR = PlaneKind.RADIATOR;
const K_CALORIMETER = PlaneKind.CALORIMETER;
const K_MUON = PlaneKind.MUON;
const K_SIDE = PlaneKind.SIDE;
const F_REQUIRE = PlaneFlag.REQUIRE;
const F_PIPE_ONLY = PlaneFlag.PIPE_ONLY;
const F_LEAVES_PIPE = PlaneFlag.LEAVES_PIPE;
const F_STOPS_ON_HIT = PlaneFlag.STOPS_PHOTON_ON_HIT;
const F_STOPS = PlaneFlag.STOPS_PHOTON;

/** the plane kinds the photon loop handles (a photon passes the others) */
const PHOTON_KINDS: readonly number[] = [K_RING, K_ABSORBER, K_APERTURE, K_CALORIMETER];

/** numbers per plane in the parameter arrays: xCentre, rMin², rMax², halfX, halfY, outerHalfX, outerHalfY, zBack */
const NPAR = 8;

/** a plane of the transport with the subsystem that declared it */
export interface TransportPlane extends PlaneSpec {
  subsystem: string;
}

/** the planes' numbers as typed arrays (z-sorted), unset bounds as ±∞ */
class PlaneTable {
  readonly z: Float64Array;
  readonly kind: Int32Array;
  readonly index: Int32Array;
  readonly bit: Int32Array;
  readonly flags: Int32Array;
  readonly par: Float64Array;

  constructor(planes: readonly PlaneSpec[]) {
    const inf = Number.POSITIVE_INFINITY;
    this.z = Float64Array.from(planes, (p) => p.z);
    this.kind = Int32Array.from(planes, (p) => p.kind);
    this.index = Int32Array.from(planes, (p) => p.index ?? 0);
    this.bit = Int32Array.from(planes, (p) => p.bit);
    this.flags = Int32Array.from(planes, (p) => p.flags ?? 0);
    this.par = new Float64Array(NPAR * planes.length);
    planes.forEach((p, i) => {
      const o = NPAR * i;
      this.par[o] = p.xCentre ?? 0;
      this.par[o + 1] = p.rMin === undefined ? -inf : p.rMin * p.rMin;
      this.par[o + 2] = p.rMax === undefined ? inf : p.rMax * p.rMax;
      this.par[o + 3] = p.halfX ?? inf;
      this.par[o + 4] = p.halfY ?? inf;
      this.par[o + 5] = p.outerHalfX ?? inf;
      this.par[o + 6] = p.outerHalfY ?? inf;
      this.par[o + 7] = p.zBack ?? p.z;
    });
  }
}

/** charge of a PDG code among the particles kaon decays produce (0 for neutral / unknown) */
export function chargeOf(pdg: number): number {
  switch (pdg) {
    case 211:
    case -13:
    case -11:
    case 321:
    case 2212:
      return 1;
    case -211:
    case 13:
    case 11:
    case -321:
      return -1;
    default:
      return 0;
  }
}

// segment scratch layout (per chain member): zs, ze, mass, p, |pdg|, then 5 lines (x0, tx, y0, ty):
// before TRIM5, before MNP33, before the RICH mirror, before the HASC magnet, after it
const SEG = 25;

export class Transport {
  readonly g: Geometry;
  readonly inFlight: InFlightDecayer;
  readonly zTrim5: number;
  readonly zMagnet: number;
  readonly zHasc: number;
  /** z of the RICH mirror, where the multiple scattering of the RICH material is applied */
  readonly zRich: number;
  private readonly richX0: number;
  private readonly trim5Kick: number;
  private readonly kick: number;
  private readonly hascKick: number;
  /** every plane of the registered subsystems, sorted in z (charged and photon lists together) */
  readonly planes: readonly TransportPlane[];
  // planes for charged particles and for photons (sorted by z): z, kind, index, Hit bit, flags, numbers
  private readonly cz: Float64Array;
  private readonly ct: Int32Array;
  private readonly ci: Int32Array;
  private readonly cb: Int32Array;
  private readonly cf: Int32Array;
  private readonly cp: Float64Array;
  private readonly gz: Float64Array;
  private readonly gt: Int32Array;
  private readonly gi: Int32Array;
  private readonly gb: Int32Array;
  private readonly gf: Int32Array;
  private readonly gp: Float64Array;
  private readonly ap: Apertures;
  private readonly strawZ: Float64Array;
  private readonly rMinLkr2: number;
  private readonly rLkrCut2: number;
  private readonly rMuv3: number;
  /** z of the last detector plane: particles produced downstream are not transported */
  readonly zLast: number;
  private readonly seg = new Float64Array(3 * SEG);
  private nSeg = 0;
  private readonly xs = new Float64Array(4);
  /** scratch: z, Δpx, Δtx, Δty of the four kicks of buildSegment */
  private readonly kickPar = new Float64Array(16);
  /** scratch point of the rare plane test (hascAt) */
  private readonly pt = new Float64Array(2);
  /** per charged plane: offset of its line in a segment's scratch (5, 9, 13, 17, 21: see SEG) */
  private readonly planeLine: Int32Array;
  /** (LKr physical inner radius)², (LKr inner cut)², MUV3 inner radius */
  private readonly radii: Float64Array;
  private readonly ys = new Float64Array(4);

  constructor(g: Geometry, card: PeriodCard, particles: ParticleTable, bias?: Biasing) {
    this.g = g;
    this.zTrim5 = g.trim5.z;
    this.trim5Kick = card.upstream.trim5Kick;
    this.zMagnet = magnetCentreZ(g);
    this.zRich = g.rich.zMirror;
    this.richX0 = g.material.richX0;
    this.zHasc = g.hasc.magnetZ;
    this.kick = g.mnp33.ptKick;
    this.hascKick = g.hasc.ptKick;
    this.inFlight = new InFlightDecayer(particles, {
      zEnd: g.muv3.z,
      kicks: { z: [this.zTrim5, this.zMagnet, this.zHasc], pt: [this.trim5Kick, this.kick, this.hascKick] },
      muonDecayBias: bias?.muonDecay ?? 1,
      pionDecayBias: bias?.pionDecay ?? 1,
    });
    // the planes of the registered subsystems, in registry order, then sorted in z (a stable sort)
    const all: TransportPlane[] = [];
    for (const sub of card.subsystems) {
      for (const p of sub.planes?.(g, card) ?? []) all.push({ ...p, subsystem: sub.name });
    }
    all.sort((a, b) => a.z - b.z);
    this.planes = all;
    for (const p of all) {
      if (p.photon && !PHOTON_KINDS.includes(p.kind))
        throw new Error(
          `transport: ${p.subsystem} plane at z = ${p.z}: photons do not meet a plane of kind ${p.kind}`,
        );
    }
    const charged = new PlaneTable(all.filter((p) => p.charged));
    const photon = new PlaneTable(all.filter((p) => p.photon));
    this.cz = charged.z;
    this.ct = charged.kind;
    this.ci = charged.index;
    this.cb = charged.bit;
    this.cf = charged.flags;
    this.cp = charged.par;
    this.gz = photon.z;
    this.gt = photon.kind;
    this.gi = photon.index;
    this.gb = photon.bit;
    this.gf = photon.flags;
    this.gp = photon.par;
    const zT = this.zTrim5;
    const zM = this.zMagnet;
    const zR = this.zRich;
    const zH = this.zHasc;
    this.planeLine = Int32Array.from(this.cz, (z) =>
      z < zT ? 5 : z < zM ? 9 : z < zR ? 13 : z < zH ? 17 : 21,
    );
    this.ap = apertures(g);
    this.strawZ = Float64Array.from(g.straw.z);
    this.rMinLkr2 = g.lkr.rMinPhysical * g.lkr.rMinPhysical;
    this.rLkrCut2 = g.lkr.rMin * g.lkr.rMin;
    this.rMuv3 = g.muv3.rMin;
    this.radii = Float64Array.of(this.rMinLkr2, this.rLkrCut2, this.rMuv3);
    const last = (z: Float64Array) => (z.length > 0 ? z[z.length - 1] : Number.NEGATIVE_INFINITY);
    this.zLast = Math.max(last(this.cz), last(this.gz));
  }

  /** in-flight decays, then the detector crossings of events [start, end) */
  process(b: EventBatch, tb: TransportBatch, start: number, end: number, gauss: NormalStream): void {
    this.inFlight.process(b, start, end, gauss.rng);
    tb.mask.fill(0, start * MAX_SLOTS, end * MAX_SLOTS);
    tb.lav.fill(-1, start * MAX_SLOTS, end * MAX_SLOTS);
    tb.charge.fill(0, start * MAX_SLOTS, end * MAX_SLOTS);
    const zLast = this.zLast;
    for (let ev = start; ev < end; ev++) {
      // a kaon decaying downstream of every detector leaves nothing (most of the natural mix)
      if (b.vtxZ[ev] >= zLast) {
        tb.eventMask[ev] = 0;
        continue;
      }
      const base = ev * MAX_SLOTS;
      const n = b.nParticles[ev];
      for (let k = 1; k < n; k++) {
        const g = base + k;
        if (b.vz[g] >= zLast) continue; // produced downstream of every detector
        const st = b.status[g];
        const pdg = b.pdg[g];
        if (pdg === 22) {
          if (st === Status.FINAL) this.photon(b, tb, g);
          continue;
        }
        const q = chargeOf(pdg);
        if (q === 0 || (st !== Status.FINAL && st !== Status.INTERMEDIATE)) continue;
        // a chain head: its parent is the kaon or a neutral particle (not a charged decay in flight)
        const par = b.parent[g];
        if (par > 0 && chargeOf(b.pdg[base + par]) !== 0) continue;
        if (st === Status.INTERMEDIATE && !this.decayedInFlight(b, base, k, n)) continue;
        this.track(b, tb, base, k, n, q, gauss);
      }
      let em = 0;
      for (let k = 1; k < n; k++) em |= tb.mask[base + k];
      tb.eventMask[ev] = em;
    }
  }

  // The rarely taken plane test of the track loop, with the point in this.pt: V8 does not inline
  // calls that rare, and a double passed to a call is boxed on the heap, which V8 then does for
  // every plane of the loop (ahead of the branch), not only for this one.
  private hascAt(modules: number): boolean {
    return this.ap.hasc(this.pt[0], this.pt[1], modules);
  }

  /** true if slot k decayed in flight (its daughters come from InFlightDecayer) */
  private decayedInFlight(b: EventBatch, base: number, k: number, n: number): boolean {
    const a = Math.abs(b.pdg[base + k]);
    if (a !== 211 && a !== 13) return false;
    for (let j = k + 1; j < n; j++) {
      if (b.parent[base + j] === k) {
        const d = Math.abs(b.pdg[base + j]);
        return d === 13 || d === 11 || d === 12 || d === 14;
      }
    }
    return false;
  }

  /** build the line segments of slot g (charge q) into the scratch at member j */
  private buildSegment(
    b: EventBatch,
    g: number,
    q: number,
    j: number,
    zEnd: number,
    gauss: NormalStream,
  ): void {
    const s = this.seg;
    const o = j * SEG;
    const px = b.px[g];
    const py = b.py[g];
    const pz = b.pz[g];
    const p2 = px * px + py * py + pz * pz;
    const z0 = b.vz[g];
    s[o] = z0;
    s[o + 1] = zEnd;
    s[o + 2] = b.mass[g];
    s[o + 3] = Math.sqrt(p2);
    s[o + 4] = Math.abs(b.pdg[g]);
    // line 0 from the production point; then the line after each kick the particle meets (TRIM5
    // for particles from upstream decays, MNP33, multiple scattering in the RICH mirrors and
    // windows, the HASC magnet)
    s[o + 5] = b.vx[g] - (px / pz) * z0;
    s[o + 6] = px / pz;
    s[o + 7] = b.vy[g] - (py / pz) * z0;
    s[o + 8] = py / pz;
    const p = s[o + 3];
    // the multiple-scattering angles of the RICH material first (the only random numbers here)
    let dx = 0;
    let dy = 0;
    if (z0 < this.zRich) {
      const m = b.mass[g];
      // highland(p, β, x/X₀) written out (a call that V8 does not inline boxes its doubles)
      const beta = p / Math.sqrt(p * p + m * m);
      const x = this.richX0;
      const th =
        x <= 0 ? 0 : (0.0136 / (beta * p)) * Math.sqrt(x) * (1 + 0.038 * Math.log(x / (beta * beta)));
      dx = th * gauss.next();
      dy = th * gauss.next();
    }
    // then the four kicks in a loop over their parameters (one kickLine site, inlined): TRIM5,
    // MNP33, the RICH mirror (scattering only), the HASC magnet
    const nan = Number.NaN;
    const kp = this.kickPar;
    kp[0] = z0 < this.zTrim5 ? this.zTrim5 : nan;
    kp[1] = q * this.trim5Kick;
    kp[2] = 0;
    kp[3] = 0;
    kp[4] = z0 < this.zMagnet ? this.zMagnet : nan;
    kp[5] = q * this.kick;
    kp[6] = 0;
    kp[7] = 0;
    kp[8] = z0 < this.zRich ? this.zRich : nan;
    kp[9] = 0;
    kp[10] = dx;
    kp[11] = dy;
    kp[12] = z0 < this.zHasc ? this.zHasc : nan;
    kp[13] = q * this.hascKick;
    kp[14] = 0;
    kp[15] = 0;
    for (let c = 0; c < 4; c++) {
      const from = o + 5 + 4 * c;
      this.kickLine(from, from + 4, kp[4 * c], p, kp[4 * c + 1], kp[4 * c + 2], kp[4 * c + 3]);
    }
  }

  /**
   * Copy the line at scratch offset `from` to `to`, changed at zk (nothing if zk is NaN) by a
   * magnetic kick Δpx = −dpx for momentum p and by small extra angles (dtx, dty).
   */
  private kickLine(
    from: number,
    to: number,
    zk: number,
    p: number,
    dpx: number,
    dtx: number,
    dty: number,
  ): void {
    const s = this.seg;
    let x0 = s[from];
    let tx = s[from + 1];
    let y0 = s[from + 2];
    let ty = s[from + 3];
    if (!Number.isNaN(zk)) {
      const xk = x0 + tx * zk;
      const yk = y0 + ty * zk;
      if (dpx !== 0) {
        const pz = p / Math.sqrt(1 + tx * tx + ty * ty);
        const px = tx * pz - dpx;
        const py = ty * pz;
        const pz2 = Math.sqrt(Math.max(p * p - px * px - py * py, 1e-12));
        tx = px / pz2;
        ty = py / pz2;
      }
      tx += dtx;
      ty += dty;
      x0 = xk - tx * zk;
      y0 = yk - ty * zk;
    }
    s[to] = x0;
    s[to + 1] = tx;
    s[to + 2] = y0;
    s[to + 3] = ty;
  }

  /** transport the charged chain starting at slot k (charge q) */
  private track(
    b: EventBatch,
    tb: TransportBatch,
    base: number,
    k: number,
    n: number,
    q: number,
    gauss: NormalStream,
  ): void {
    const g = base + k;
    // the chain: head, then its charged daughter from a decay in flight, and so on
    let cur = k;
    this.nSeg = 0;
    for (let depth = 0; depth < 3; depth++) {
      const gc = base + cur;
      let next = -1;
      if (b.status[gc] === Status.INTERMEDIATE) {
        for (let j = cur + 1; j < n; j++) {
          if (b.parent[base + j] === cur && chargeOf(b.pdg[base + j]) !== 0) {
            next = j;
            break;
          }
        }
      }
      const zEnd = next >= 0 ? b.vz[base + next] : Number.POSITIVE_INFINITY;
      this.buildSegment(b, gc, q, this.nSeg, zEnd, gauss);
      this.nSeg++;
      if (next < 0) break;
      cur = next;
    }
    const ap = this.ap;
    let mask = Hit.TRACK | Hit.IN_LAV;
    let strawSeen = 0;
    tb.charge[g] = q;
    tb.richMass[g] = 0;
    tb.richP[g] = 0;
    tb.strawId[g] = 0;
    tb.lkrId[g] = 0;
    tb.muv3Id[g] = 0;
    tb.eL[g] = 0;
    tb.rM3[g] = 0;
    tb.xM3[g] = Number.NaN;
    tb.yM3[g] = Number.NaN;
    const z0 = b.vz[g];
    const cz = this.cz;
    const ct = this.ct;
    const ci = this.ci;
    const cb = this.cb;
    const cf = this.cf;
    const cp = this.cp;
    let inPipe = true;
    const s = this.seg;
    const rad = this.radii;
    const rMinLkr2 = rad[0];
    const rMuv3 = rad[2];
    const pt = this.pt;
    const lineOf = this.planeLine;
    let o = 0; // offset of the chain member covering z (z only grows along the loop)
    // the first plane downstream of the production point (the planes are sorted in z)
    let p0 = 0;
    let p1 = cz.length;
    while (p0 < p1) {
      const mid = (p0 + p1) >>> 1;
      if (cz[mid] <= z0) p0 = mid + 1;
      else p1 = mid;
    }
    loop: for (let p = p0; p < cz.length; p++) {
      const z = cz[p];
      while (z >= s[o + 1]) o += SEG;
      // the line of the segment valid at z (before TRIM5, MNP33, the RICH mirror, the HASC magnet, after)
      const l = o + lineOf[p];
      const x = s[l] + s[l + 1] * z;
      const y = s[l + 2] + s[l + 3] * z;
      const q = NPAR * p;
      switch (ct[p]) {
        case K_RING: {
          const r2 = x * x + y * y;
          const rin2 = cp[q + 1];
          if (r2 < rin2) {
            // also the back plane (same segment: no kick or decay inside a ring)
            const zb = cp[q + 7];
            const xb = s[l] + s[l + 1] * zb;
            const yb = s[l + 2] + s[l + 3] * zb;
            if (xb * xb + yb * yb < rin2) break;
          }
          mask &= ~Hit.IN_LAV;
          if (r2 < cp[q + 2]) {
            mask |= cb[p];
            tb.lav[g] = ci[p];
          }
          break loop;
        }
        case K_CHAMBER: {
          const i = ci[p];
          this.xs[i] = x;
          this.ys[i] = y;
          if (i === 0) tb.strawId[g] = s[o + 4];
          strawSeen |= 1 << i;
          if (ap.straw(i, x, y)) mask |= cb[p];
          break;
        }
        case K_ABSORBER: {
          const ax = Math.abs(x);
          const ay = Math.abs(y);
          if ((ax > cp[q + 3] || ay > cp[q + 4]) && ax < cp[q + 5] && ay < cp[q + 6]) {
            mask |= cb[p];
            mask &= ~Hit.IN_LAV;
            break loop;
          }
          break;
        }
        case K_APERTURE: {
          const f = cf[p];
          if (f & F_PIPE_ONLY && !inPipe) break;
          const dx = x - cp[q];
          const r2 = dx * dx + y * y;
          const inside =
            r2 > cp[q + 1] && r2 < cp[q + 2] && Math.abs(dx) < cp[q + 3] && Math.abs(y) < cp[q + 4];
          if (f & F_REQUIRE) {
            if (!inside) mask &= ~cb[p];
          } else if (inside) {
            mask |= cb[p];
            if (f & F_LEAVES_PIPE) inPipe = false;
          }
          break;
        }
        case K_RADIATOR:
          if (mask & cb[p]) {
            tb.richMass[g] = s[o + 2];
            tb.richP[g] = s[o + 3];
          }
          break;
        case K_CALORIMETER: {
          const r2 = x * x + y * y;
          tb.xL[g] = x;
          tb.yL[g] = y;
          if (ap.lkr(x, y, ap.lkrRminPhysical)) {
            mask |= cb[p];
            tb.lkrId[g] = s[o + 4];
            tb.eL[g] = Math.sqrt(s[o + 3] * s[o + 3] + s[o + 2] * s[o + 2]);
          }
          if (r2 > rMinLkr2) inPipe = false;
          break;
        }
        case K_MUON:
          tb.rM3[g] = Math.sqrt(x * x + y * y);
          tb.xM3[g] = x;
          tb.yM3[g] = y;
          if (ap.muv3(x, y)) {
            mask |= cb[p];
            tb.muv3Id[g] = s[o + 4];
          }
          if (tb.rM3[g] > rMuv3) inPipe = false;
          break;
        case K_SIDE:
          if (inPipe) {
            pt[0] = x;
            pt[1] = y;
            if (this.hascAt(ci[p])) mask |= cb[p];
          }
          break;
      }
    }
    tb.mask[g] = mask;
    // spectrometer measurement (true level): direction from chambers 1–2, momentum from the bend
    tb.kink[g] = 0;
    if (strawSeen === 15) {
      const z = this.strawZ;
      const o1 = this.segmentAt(z[0]);
      const o4 = this.segmentAt(z[3]);
      tb.x1[g] = this.xs[0];
      tb.y1[g] = this.ys[0];
      if (o1 === o4) {
        // no decay inside the spectrometer: the true direction and momentum at STRAW1
        tb.tx[g] = s[o1 + 10];
        tb.ty[g] = s[o1 + 12];
        tb.pSpec[g] = s[o1 + 3];
      } else {
        const txu = (this.xs[1] - this.xs[0]) / (z[1] - z[0]);
        const tyu = (this.ys[1] - this.ys[0]) / (z[1] - z[0]);
        const txd = (this.xs[3] - this.xs[2]) / (z[3] - z[2]);
        tb.tx[g] = txu;
        tb.ty[g] = tyu;
        // the bend in x gives 1/p; a kink adds to it (and breaks the fit above the kink tolerance)
        const dtx = txu - txd;
        tb.pSpec[g] =
          Math.abs(dtx) > 1e-9 ? (this.kick * Math.sqrt(1 + txu * txu + tyu * tyu)) / Math.abs(dtx) : 1e6;
        tb.kink[g] = this.maxKink();
      }
    } else {
      tb.x1[g] = this.xs[0];
      tb.y1[g] = this.ys[0];
      tb.tx[g] = s[10];
      tb.ty[g] = s[12];
      tb.pSpec[g] = s[3];
    }
  }

  /** offset of the line-a block of the member covering z */
  private segmentAt(z: number): number {
    const s = this.seg;
    for (let j = 0; j < this.nSeg; j++) {
      const o = j * SEG;
      if (z >= s[o] && z < s[o + 1]) return o;
    }
    return 0;
  }

  /** largest angle between consecutive chain segments (same z region) */
  private maxKink(): number {
    let k = 0;
    const s = this.seg;
    for (let j = 0; j + 1 < this.nSeg; j++) {
      const a = j * SEG;
      const c = (j + 1) * SEG;
      const ze = s[a + 1];
      const l =
        ze < this.zTrim5 ? 5 : ze < this.zMagnet ? 9 : ze < this.zRich ? 13 : ze < this.zHasc ? 17 : 21;
      const dx = s[c + l + 1] - s[a + l + 1];
      const dy = s[c + l + 3] - s[a + l + 3];
      const kk = Math.sqrt(dx * dx + dy * dy);
      if (kk > k) k = kk;
    }
    return k;
  }

  /**
   * a photon: straight line; the first LAV ring, IRC, LKr or SAC it meets (public: the π⁰
   * resampling of the pnn analysis re-propagates re-decayed photons, src/analyses/pnn/pi0-resample.ts)
   */
  photon(b: EventBatch, tb: TransportBatch, g: number): void {
    const ap = this.ap;
    const pz = b.pz[g];
    let mask = Hit.PHOTON;
    tb.eL[g] = b.e[g];
    if (pz <= 0) {
      tb.mask[g] = mask;
      return;
    }
    const tx = b.px[g] / pz;
    const ty = b.py[g] / pz;
    const z0 = b.vz[g];
    const x0 = b.vx[g] - tx * z0;
    const y0 = b.vy[g] - ty * z0;
    const gz = this.gz;
    const gt = this.gt;
    const gi = this.gi;
    const gb = this.gb;
    const gf = this.gf;
    const gp = this.gp;
    const rad = this.radii;
    const rMinLkr2 = rad[0];
    const rLkrCut2 = rad[1];
    loop: for (let p = 0; p < gz.length; p++) {
      const z = gz[p];
      if (z <= z0) continue;
      const x = x0 + tx * z;
      const y = y0 + ty * z;
      const r2 = x * x + y * y;
      const q = NPAR * p;
      switch (gt[p]) {
        case K_RING: {
          const rin2 = gp[q + 1];
          if (r2 < rin2) {
            const zb = gp[q + 7];
            const xb = x0 + tx * zb;
            const yb = y0 + ty * zb;
            if (xb * xb + yb * yb < rin2) break;
          }
          if (r2 < gp[q + 2]) {
            mask |= gb[p];
            tb.lav[g] = gi[p];
          }
          break loop;
        }
        case K_ABSORBER: {
          const ax = Math.abs(x);
          const ay = Math.abs(y);
          if ((ax > gp[q + 3] || ay > gp[q + 4]) && ax < gp[q + 5] && ay < gp[q + 6]) {
            mask |= gb[p];
            break loop;
          }
          break;
        }
        case K_APERTURE: {
          const f = gf[p];
          const dx = x - gp[q];
          const rc2 = dx * dx + y * y;
          if (rc2 > gp[q + 1] && rc2 < gp[q + 2] && Math.abs(dx) < gp[q + 3] && Math.abs(y) < gp[q + 4]) {
            mask |= gb[p];
            if (f & F_STOPS_ON_HIT) break loop;
          }
          if (f & F_STOPS) break loop;
          break;
        }
        case K_CALORIMETER:
          tb.xL[g] = x;
          tb.yL[g] = y;
          if (ap.lkr(x, y, ap.lkrRminPhysical)) {
            mask |= gb[p];
            if (r2 < rLkrCut2) mask |= Hit.LKR_EDGE;
            break loop;
          }
          if (r2 > rMinLkr2) break loop; // outside the octagon
          break;
      }
    }
    tb.mask[g] = mask;
  }
}

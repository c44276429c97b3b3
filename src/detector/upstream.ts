/**
 * Upstream background sources: particles that enter the decay volume from upstream of the fiducial
 * volume, in and around GTK3 and the final collimator (NA62's largest πνν background in 2018:
 * 2.76 events in S2, [NA62-EQCD2024-talk] — "pions from interactions between GTK2 and 3 or in the
 * beamline"). Two mechanisms, each turning generated events into upstream events in place:
 *
 *  - upstream-decay: a K⁺ decays between `upstream.zStart` (GTK2) and GTK3. The decay is generated
 *    as usual (any channel or the mix) and the whole event is moved along the kaon line — traced
 *    back from GTK3 through the B5/B6 achromat dipoles (achromat.ts), so that the products leave
 *    from the kaon's real position and direction there — to a vertex drawn uniformly in
 *    [zStart, z_GTK3]; the weight is multiplied by the decay probability there,
 *    (z_GTK3 − zStart)/(βγcτ) per kaon. Products born upstream of the end of B6 are carried through
 *    the dipole fields (swept by 1.25 GeV/c per dipole; absorbed outside the dipole gap) and start
 *    the transport at the end of B6. The kaon leaves no GTK track; the products then meet TRIM5,
 *    the final collimator (absorbed between its aperture and its outer edge: the old collimator of
 *    2018-S1 and earlier lets pions swept around it pass, the new one of 2018-S2 stops more), GTK3
 *    and the CHANTI.
 *  - upstream-interaction: a beam particle (π⁺ 70%, p 23%, K⁺ 6%: the K12 composition) interacts
 *    inelastically in GTK3 (probability 200 µm / λ_I(Si) per station) and emits a forward π⁺ with
 *    x = p/p_beam drawn from dN/dx ∝ (1 − x)² on [0.1, 1) and p_T from dN/dp_T ∝ p_T·exp(−2p_T/⟨p_T⟩);
 *    `pionYield` is the mean number of such pions per interaction. The other products hit the
 *    CHANTI with its efficiency. The GTK measures the interacting beam particle.
 *  - upstream-beamline: the same interaction in a station upstream of GTK3 (GTK1, GTK2, and GTK0
 *    when the card has four stations, Run 2), one station drawn uniformly per event. The beam
 *    particle is traced back from GTK3 through the four achromat dipoles (achromat.ts: B3/B4
 *    between GTK1 and GTK2, B5/B6 between GTK2 and GTK3) to the station; the π⁺ is carried through
 *    the dipoles downstream of it (absorbed outside the gap) and starts the transport at the end of
 *    B6. The beam particle leaves no GTK track and the other products stay in the beam line
 *    (nothing in the CHANTI).
 *  - upstream-decay-far: as upstream-decay, for K⁺ decays between GTK1 (`upstream.zStartFar`) and
 *    `upstream.zStart` (GTK2), uniform in z: the kaon is traced back through all four dipoles and
 *    the products are carried through the ones downstream of the vertex. With the 22 m lever arm
 *    to TRIM5 these are the pions that can pass beside the old final collimator at |x| ≳ 100 mm and
 *    be turned towards the beam by the TRIM5 kick (the box-cut periods).
 * All are weighted per kaon reaching GTK3 (the normalisation of a z-forced kaon sample); the
 * Run 2 upstream veto counter (upstream-veto.ts) multiplies the chanti column by the probability
 * that none of the event's charged particles crossing its stations fires it.
 * Every number is a best estimate of the period card (UNCONFIRMED), except `upstream.scale`, the
 * one calibrated number of the source: it multiplies the weight of every mechanism and stands for what the
 * model lacks (decays and interactions further upstream and in GTK1/GTK2, the real magnet and
 * collimator shapes, scattering in the beam-line material); it is tuned on NA62's upstream
 * background of 2018-S2 (2.76 events) by scripts/calibrate-upstream.ts.
 */
import type { K12Beam } from "../beam/k12.ts";
import { type EventBatch, MAX_SLOTS, Status } from "../core/batch.ts";
import { type ParticleTable, PDG } from "../core/particles.ts";
import { type RecoBatch, Source } from "../core/reco-batch.ts";
import { C_LIGHT } from "../core/units.ts";
import { Achromat } from "./achromat.ts";
import type { PeriodCard } from "./card.ts";
import { geometry } from "./geometry.ts";
import type { NormalStream } from "./normal-stream.ts";
import { chargeOf } from "./transport.ts";
import { UpstreamVetoCounter } from "./upstream-veto.ts";

export type SourceName =
  | "kaon"
  | "upstream-decay"
  | "upstream-decay-far"
  | "upstream-interaction"
  | "upstream-beamline"
  | "upstream";
export const SOURCES: SourceName[] = [
  "kaon",
  "upstream-decay",
  "upstream-decay-far",
  "upstream-interaction",
  "upstream-beamline",
  "upstream",
];

const X_MIN = 0.1;
/**
 * Importance sampling of the upstream-decay vertex: a share F of the vertices is drawn uniformly in
 * [zStart, start of B5 + WINDOW_INTO_B5] (the decays whose pions, swept by nearly all of B5 and B6,
 * pass around the collimator and miss the CHANTI: in a per-event dump of 2018-S2 — scripts/dump-upstream.ts —
 * every event carrying ≥ 1% of the R1+R2 upstream estimate had its vertex at 93.0–94.0 m), the
 * rest uniformly over [zStart, z_GTK3]; the weight wz restores the uniform density, so the estimate
 * is unbiased for any choice of F and of the window (a sampling choice, not a physics number).
 * The far decays (GTK1 to zStart) have the same window, opened `beforeGTK2` upstream of GTK2: the
 * far-decay survivors of 2018-S2 and 2021-22 have their vertex at 92.1–94.1 m, the end of B4 to the
 * first metre of B5 (scripts/upstream-far-phase-space.ts).
 */
export const VERTEX_WINDOW = { share: 0.8, intoB5: 1000, beforeGTK2: 1000 } as const;
const F = VERTEX_WINDOW.share;

/**
 * Importance sampling of the far upstream decays (biasing.ts `upstreamDirection`): the region of
 * rest-frame directions of the kaon's first π⁺ (polar angle to the z axis, cos θ* in [cosMin,
 * cosMax]; azimuth |φ*| in [phiMin, phiMax] rad, φ* = atan2(p_y*, p_x*), both signs) that holds the
 * far-decay survivors. Measured, not tuned: in 3M natural K⁺→π⁺π⁰ far decays of 2021-22 (seed 1;
 * `node --import tsx scripts/upstream-far-phase-space.ts --events 3000000`) 99.8% of the R1+R2
 * estimate (and all of it in 2018-S2) lies in it: a 15–17 GeV/c π⁺ emitted backwards (cos θ*
 * −0.73…−0.65) and up or down at |φ*| 110–128°, swept by B5/B6 beside the final collimator. A sampling choice, not a physics
 * number: the defensive mixture keeps every weighted sum unbiased for any region.
 */
export const FAR_DIRECTION_REGION = {
  cosMin: -0.76,
  cosMax: -0.66,
  phiMin: (105 * Math.PI) / 180,
  phiMax: (135 * Math.PI) / 180,
} as const;
const FDR = FAR_DIRECTION_REGION;
/** solid angle of the region (both φ* signs) over 4π */
export const FAR_DIRECTION_FRACTION =
  ((FDR.cosMax - FDR.cosMin) * 2 * (FDR.phiMax - FDR.phiMin)) / (4 * Math.PI);

export class UpstreamSource {
  readonly which: SourceName;
  private readonly c: PeriodCard["upstream"];
  private readonly chantiEff: number;
  private readonly zGTK3: number;
  private readonly mK: number;
  private readonly ctauK: number;
  private readonly mPi: number;
  private readonly mP: number;
  /** cumulative beam composition: π⁺, p, K⁺ */
  private readonly cut1: number;
  private readonly cut2: number;
  /** interaction weight per kaon at GTK3 */
  readonly interactionWeight: number;
  /** the GTK stations upstream of GTK3 (GTK1, GTK2; GTK0 first when the card has 4 stations) */
  readonly beamlineStations: Float64Array;
  /** weight per kaon at GTK3 of one beam-line interaction event (one station drawn uniformly) */
  readonly beamlineWeight: number;
  readonly achromat: Achromat;
  /** the Run 2 upstream veto counter, null in periods without one */
  readonly vetoCounter: UpstreamVetoCounter | null;
  /** length of the importance window [zStart, start of B5 + intoB5] (mm), sampled with a share F */
  readonly window: number;
  /**
   * the importance window of the far decays, [farWindow[0], farWindow[1]]: the hot region, 1 m
   * upstream of GTK2 to 1 m into B5, where the far range covers it (Run 1: to GTK2 = zStart; Run 2,
   * whose zStart is downstream of B5: all of it); empty (length 0) if the range misses it
   */
  readonly farWindow: Float64Array;
  /** share of the far decays turned into FAR_DIRECTION_REGION (biasing.ts upstreamDirection); 0 = none */
  readonly directionShare: number;
  private readonly s = new Float64Array(6);

  constructor(
    which: SourceName,
    card: PeriodCard,
    beam: K12Beam,
    particles: ParticleTable,
    zGTK3: number,
    directionShare = 0,
  ) {
    if (!SOURCES.includes(which))
      throw new RangeError(`--source: expected ${SOURCES.join(", ")}, got "${which}"`);
    this.which = which;
    if (!(directionShare >= 0 && directionShare < 1))
      throw new RangeError(`biasing.upstreamDirection: expected a number in [0, 1), got ${directionShare}`);
    this.directionShare = directionShare;
    this.c = card.upstream;
    this.chantiEff = card.chanti.present ? card.chanti.efficiency : 0;
    this.zGTK3 = zGTK3;
    const k = particles.get("K+");
    this.mK = k.mass;
    this.ctauK = k.lifetime * C_LIGHT;
    this.mPi = particles.mass("pi+");
    this.mP = particles.mass("p");
    const comp = beam.composition;
    const tot = comp["pi+"] + comp.p + comp["K+"];
    this.cut1 = comp["pi+"] / tot;
    this.cut2 = (comp["pi+"] + comp.p) / tot;
    this.interactionWeight = (this.c.scale * this.c.interactionProb * this.c.pionYield) / (comp["K+"] / tot);
    const geo = geometry();
    this.achromat = new Achromat(geo);
    this.vetoCounter = this.c.vetoCounter ? new UpstreamVetoCounter(this.c.vetoCounter) : null;
    const st =
      card.gtk.stations === 4 ? [geo.gtk.zGTK0, geo.gtk.z[0], geo.gtk.z[1]] : [geo.gtk.z[0], geo.gtk.z[1]];
    this.beamlineStations = Float64Array.from(st);
    this.beamlineWeight =
      (this.c.scale * st.length * this.c.interactionProb * this.c.pionYield) / (comp["K+"] / tot);
    // the importance window starts at zStart and ends in the first dipole downstream of it (B5)
    const ach = this.achromat;
    let iB = 0;
    while (iB < ach.zStart.length && ach.zStart[iB] < this.c.zStart) iB++;
    this.window =
      iB < ach.zStart.length
        ? Math.max(Math.min(ach.zStart[iB] + VERTEX_WINDOW.intoB5, ach.zEnd[iB], zGTK3) - this.c.zStart, 0)
        : 0;
    // the far window: 1 m upstream of GTK2 to 1 m into B5 (the first dipole downstream of GTK2),
    // inside the far range
    let i5 = 0;
    while (i5 < ach.zStart.length && ach.zStart[i5] < geo.gtk.z[1]) i5++;
    const fa = Math.max(this.c.zStartFar, geo.gtk.z[1] - VERTEX_WINDOW.beforeGTK2);
    const fb =
      i5 < ach.zStart.length
        ? Math.min(ach.zStart[i5] + VERTEX_WINDOW.intoB5, ach.zEnd[i5], this.c.zStart)
        : fa;
    this.farWindow = Float64Array.from(fb > fa ? [fa, fb] : [0, 0]);
    if (!(this.c.zStartFar < this.c.zStart))
      throw new RangeError(
        `period card: upstream.zStartFar must be upstream of upstream.zStart (${this.c.zStart} mm), got ${this.c.zStartFar}`,
      );
    if (!(this.c.zStart < zGTK3))
      throw new RangeError(
        `period card: upstream.zStart must be upstream of GTK3 (${zGTK3} mm), got ${this.c.zStart}`,
      );
  }

  /** turn generated events [start, end) into upstream events (weights, vertices, sources) */
  apply(b: EventBatch, r: RecoBatch, start: number, end: number, gauss: NormalStream): void {
    const rng = gauss.rng;
    for (let i = start; i < end; i++) {
      let kind = this.which;
      let w = 1;
      if (kind === "upstream") {
        // both mechanisms, alternating, each carrying twice its weight
        kind = (i & 1) === 0 ? "upstream-decay" : "upstream-interaction";
        w = 2;
      }
      if (kind === "upstream-decay") this.decay(b, r, i, w, rng.uniform(), false);
      else if (kind === "upstream-decay-far") {
        const wd =
          this.directionShare > 0 ? this.biasDirection(b, i, rng.uniform(), rng.uniform(), rng.uniform()) : 1;
        this.decay(b, r, i, w * wd, rng.uniform(), true);
      } else if (kind === "upstream-interaction") this.interaction(b, r, i, w, gauss, this.zGTK3);
      else if (kind === "upstream-beamline") {
        const ns = this.beamlineStations.length;
        const z = this.beamlineStations[Math.min(Math.floor(rng.uniform() * ns), ns - 1)];
        this.interaction(b, r, i, w, gauss, z);
      }
      if (kind !== "kaon" && this.vetoCounter) r.chanti[i] *= this.vetoCounter.survival(b, i);
    }
  }

  /**
   * Importance sampling of the far decays' π⁺ direction (a defensive mixture, biasing.ts): with
   * probability directionShare the whole decay of event i is rotated in the kaon rest frame so that
   * its first π⁺ points to a direction drawn uniformly in FAR_DIRECTION_REGION (cos θ* from u1, |φ*|
   * from u2, the sign of φ* from u3); otherwise it keeps its natural direction. A K⁺ has spin 0, so
   * the rest-frame configuration is isotropic and a rotation keeps its conditional distribution; the
   * π⁺ direction's density is 1/4π naturally and (1 − s)/4π + s·1{region}/Ω_region here. Returns
   * the likelihood ratio (natural / sampled) of the direction the π⁺ ends with. Must run before
   * decay() moves the event (the products still leave the generated vertex with the kaon's GTK3
   * momentum).
   */
  private biasDirection(b: EventBatch, i: number, u1: number, u2: number, u3: number): number {
    const sh = this.directionShare;
    const g0 = i * MAX_SLOTS;
    const n = b.nParticles[i];
    let gp = -1;
    for (let k = 1; k < n && gp < 0; k++)
      if (b.pdg[g0 + k] === PDG.pip && b.parent[g0 + k] === 0) gp = g0 + k;
    if (gp < 0) return 1;
    // the kaon's velocity
    const ek = b.e[g0];
    const bx = b.px[g0] / ek;
    const by = b.py[g0] / ek;
    const bz = b.pz[g0] / ek;
    const b2 = bx * bx + by * by + bz * bz;
    const ga = 1 / Math.sqrt(1 - b2);
    const c1 = (ga - 1) / b2;
    // the π⁺ in the kaon rest frame
    const bp = bx * b.px[gp] + by * b.py[gp] + bz * b.pz[gp];
    const f = c1 * bp - ga * b.e[gp];
    let nx = b.px[gp] + f * bx;
    let ny = b.py[gp] + f * by;
    let nz = b.pz[gp] + f * bz;
    const q = Math.sqrt(nx * nx + ny * ny + nz * nz);
    nx /= q;
    ny /= q;
    nz /= q;
    const inRegion = (cz: number, x: number, y: number) => {
      const phi = Math.abs(Math.atan2(y, x));
      return cz >= FDR.cosMin && cz <= FDR.cosMax && phi >= FDR.phiMin && phi <= FDR.phiMax;
    };
    const weight = (inside: boolean) => 1 / (1 - sh + (inside ? sh / FAR_DIRECTION_FRACTION : 0));
    if (u1 >= sh) return weight(inRegion(nz, nx, ny)); // the natural direction, kept
    // the new direction, uniform in the region (uniform in cos θ* and φ*)
    const cz = FDR.cosMin + (u1 / sh) * (FDR.cosMax - FDR.cosMin);
    const phi = (u3 < 0.5 ? -1 : 1) * (FDR.phiMin + u2 * (FDR.phiMax - FDR.phiMin));
    const st = Math.sqrt(Math.max(1 - cz * cz, 0));
    const mx = st * Math.cos(phi);
    const my = st * Math.sin(phi);
    const mz = cz;
    // the rotation taking n to m (Rodrigues: axis n × m, cos α = n·m)
    let ax = ny * mz - nz * my;
    let ay = nz * mx - nx * mz;
    let az = nx * my - ny * mx;
    const sa = Math.sqrt(ax * ax + ay * ay + az * az);
    const ca = nx * mx + ny * my + nz * mz;
    if (sa < 1e-12) {
      if (ca > 0) return weight(true);
      // antiparallel: half a turn about any axis perpendicular to n
      ax = Math.abs(nx) < 0.9 ? 0 : -nz;
      ay = Math.abs(nx) < 0.9 ? nz : 0;
      az = Math.abs(nx) < 0.9 ? -ny : nx;
      const a = Math.sqrt(ax * ax + ay * ay + az * az);
      ax /= a;
      ay /= a;
      az /= a;
    } else {
      ax /= sa;
      ay /= sa;
      az /= sa;
    }
    const sn = sa < 1e-12 ? 0 : sa;
    const cs = sa < 1e-12 ? -1 : ca;
    // every product of the decay (and of its secondary decays): to the rest frame, rotate, back
    for (let k = 1; k < n; k++) {
      const g = g0 + k;
      const e = b.e[g];
      const pb = bx * b.px[g] + by * b.py[g] + bz * b.pz[g];
      const ff = c1 * pb - ga * e;
      const x = b.px[g] + ff * bx;
      const y = b.py[g] + ff * by;
      const z = b.pz[g] + ff * bz;
      const es = ga * (e - pb);
      const ud = ax * x + ay * y + az * z;
      const rx = x * cs + (ay * z - az * y) * sn + ax * ud * (1 - cs);
      const ry = y * cs + (az * x - ax * z) * sn + ay * ud * (1 - cs);
      const rz = z * cs + (ax * y - ay * x) * sn + az * ud * (1 - cs);
      const rb = bx * rx + by * ry + bz * rz;
      const fb = c1 * rb + ga * es;
      b.px[g] = rx + fb * bx;
      b.py[g] = ry + fb * by;
      b.pz[g] = rz + fb * bz;
      b.e[g] = ga * (es + rb);
    }
    return weight(true);
  }

  /**
   * Move the decay of event i to z uniform in [zStart, z_GTK3] on the kaon's trajectory (traced back
   * from GTK3 through the achromat dipoles), then carry the products born upstream of the end of
   * the dipoles through their field.
   */
  private decay(b: EventBatch, r: RecoBatch, i: number, w: number, u: number, far: boolean): void {
    const g0 = i * MAX_SLOTS;
    const px = b.px[g0];
    const py = b.py[g0];
    const pz = b.pz[g0];
    const p = Math.sqrt(px * px + py * py + pz * pz);
    const L = (p / this.mK) * this.ctauK * (pz / p); // decay length along z
    // the range: [zStart, GTK3], or [zStartFar, zStart] for the far decays (uniform, no window)
    const z0 = far ? this.c.zStartFar : this.c.zStart;
    const z1 = far ? this.c.zStart : this.zGTK3;
    const dz = z1 - z0;
    // importance sampling (VERTEX_WINDOW): a fraction F of the vertices in the window, the rest
    // over the whole range; the weight restores the uniform density
    const wa = far ? this.farWindow[0] : z0;
    const dd = far ? this.farWindow[1] - this.farWindow[0] : this.window;
    let z: number;
    let wz = 1;
    if (dd > 0) {
      z = u < F ? wa + (u / F) * dd : z0 + ((u - F) / (1 - F)) * dz;
      wz = 1 / (1 - F + (z >= wa && z < wa + dd ? (F * dz) / dd : 0));
    } else z = z0 + u * dz;
    const s = this.s;
    s[0] = b.vx[g0];
    s[1] = b.vy[g0];
    s[2] = this.zGTK3;
    s[3] = px;
    s[4] = py;
    s[5] = pz;
    const ach = this.achromat;
    ach.backtrack(s, 1, z);
    const x = s[0];
    const y = s[1];
    // the kaon's direction at the vertex differs from the one at GTK3 by the dipole kicks
    const dty = s[4] / s[5] - py / pz;
    const sx = x - b.vtxX[i];
    const sy = y - b.vtxY[i];
    const sz = z - b.vtxZ[i];
    const st = ((z - this.zGTK3) / pz) * (Math.sqrt(p * p + this.mK * this.mK) / C_LIGHT) - b.vtxT[i];
    const n = b.nParticles[i];
    for (let k = 1; k < n; k++) {
      const g = g0 + k;
      b.vx[g] += sx;
      b.vy[g] += sy;
      b.vz[g] += sz;
      b.t[g] += st;
      if (dty !== 0) {
        const qx = b.px[g];
        const qz = b.pz[g];
        const qy = b.py[g] + qz * dty;
        const q2 = qx * qx + b.py[g] * b.py[g] + qz * qz;
        b.py[g] = qy;
        b.pz[g] = Math.sqrt(Math.max(q2 - qx * qx - qy * qy, 0));
      }
    }
    b.vtxX[i] = x;
    b.vtxY[i] = y;
    b.vtxZ[i] = z;
    b.vtxT[i] += st;
    // the products through the B5/B6 fields, to the end of B6
    const zx = ach.zExit;
    for (let k = 1; k < n; k++) {
      const g = g0 + k;
      if (b.status[g] !== Status.FINAL || b.vz[g] >= zx || b.pz[g] <= 0) continue;
      s[0] = b.vx[g];
      s[1] = b.vy[g];
      s[2] = b.vz[g];
      s[3] = b.px[g];
      s[4] = b.py[g];
      s[5] = b.pz[g];
      if (!ach.propagate(s, chargeOf(b.pdg[g]), zx)) {
        b.status[g] = Status.NONE; // absorbed in the dipole: not transported
        continue;
      }
      b.t[g] += ((zx - b.vz[g]) / b.pz[g]) * (b.e[g] / C_LIGHT);
      b.vx[g] = s[0];
      b.vy[g] = s[1];
      b.vz[g] = zx;
      b.py[g] = s[4];
      b.pz[g] = s[5];
    }
    // decays in [z0, z1] per kaon reaching GTK3: exp((z_GTK3 − z0)/L) − exp((z_GTK3 − z1)/L)
    const pDecay = far
      ? Math.exp((this.zGTK3 - z0) / L) - Math.exp((this.zGTK3 - z1) / L)
      : 1 - Math.exp(-dz / L);
    b.weight[i] *= w * wz * this.c.scale * pDecay;
    r.source[i] = Source.UPSTREAM_DECAY;
  }

  /**
   * Replace event i by a beam-particle interaction in the GTK station at zs emitting one forward π⁺.
   * At GTK3 the other products reach the CHANTI and the GTK measures the beam particle; in an
   * upstream station (GTK0–GTK2) the beam particle and the other products are lost in the beam line
   * (no GTK track, nothing in the CHANTI) and the π⁺ is carried through the achromat fields.
   */
  private interaction(
    b: EventBatch,
    r: RecoBatch,
    i: number,
    w: number,
    gauss: NormalStream,
    zs: number,
  ): void {
    const rng = gauss.rng;
    const g0 = i * MAX_SLOTS;
    // the beam particle: keep the generated kaon's kinematics at GTK3, change its species
    const u = rng.uniform();
    const pdg = u < this.cut1 ? PDG.pip : u < this.cut2 ? PDG.p : PDG.Kp;
    const m = pdg === PDG.pip ? this.mPi : pdg === PDG.p ? this.mP : this.mK;
    const P = Math.sqrt(b.px[g0] * b.px[g0] + b.py[g0] * b.py[g0] + b.pz[g0] * b.pz[g0]);
    b.pdg[g0] = pdg;
    b.mass[g0] = m;
    b.e[g0] = Math.sqrt(P * P + m * m);
    b.nParticles[i] = 1;
    // the beam particle at the station: traced back from GTK3 through the achromat
    const s = this.s;
    s[0] = b.vx[g0];
    s[1] = b.vy[g0];
    s[2] = this.zGTK3;
    s[3] = b.px[g0];
    s[4] = b.py[g0];
    s[5] = b.pz[g0];
    const upstream = zs < this.zGTK3;
    if (upstream) this.achromat.backtrack(s, 1, zs);
    const x0 = s[0];
    const y0 = s[1];
    // the emitted π⁺: x from (1 − x)², p_T from p_T·exp(−p_T/T) (a Γ(2, T) variate), uniform φ
    const x = 1 - (1 - X_MIN) * Math.cbrt(1 - rng.uniform());
    const T = 0.5 * this.c.meanPt;
    const pt = -T * Math.log(rng.uniform() * rng.uniform());
    const phi = 2 * Math.PI * rng.uniform();
    const p = x * P;
    const pl = Math.sqrt(Math.max(p * p - pt * pt, 0));
    // rotate (pt cos φ, pt sin φ, pl) from the beam direction (small angles: add the slopes)
    const tx = s[3] / s[5];
    const ty = s[4] / s[5];
    const qx = pt * Math.cos(phi) + pl * tx;
    const qy = pt * Math.sin(phi) + pl * ty;
    const qz = Math.sqrt(Math.max(p * p - qx * qx - qy * qy, 0));
    const e = Math.sqrt(p * p + this.mPi * this.mPi);
    // the beam particle's time at the station, relative to its passage at GTK3
    const t0 = upstream ? ((zs - this.zGTK3) / s[5]) * (b.e[g0] / C_LIGHT) : 0;
    const k = b.addParticle(i, PDG.pip, this.mPi, Status.FINAL, 0, x0, y0, zs, t0);
    b.px[k] = qx;
    b.py[k] = qy;
    b.pz[k] = qz;
    b.e[k] = e;
    if (upstream) {
      // the π⁺ through the remaining dipoles, to the end of the achromat
      const zx = this.achromat.zExit;
      s[0] = x0;
      s[1] = y0;
      s[2] = zs;
      s[3] = qx;
      s[4] = qy;
      s[5] = qz;
      if (!this.achromat.propagate(s, 1, zx)) b.status[k] = Status.NONE;
      else {
        b.t[k] += ((zx - zs) / qz) * (e / C_LIGHT);
        b.vx[k] = s[0];
        b.vy[k] = s[1];
        b.vz[k] = zx;
        b.py[k] = s[4];
        b.pz[k] = s[5];
      }
    }
    b.status[g0] = Status.INITIAL;
    b.vtxX[i] = x0;
    b.vtxY[i] = y0;
    b.vtxZ[i] = zs;
    b.vtxT[i] = t0;
    if (upstream) {
      b.weight[i] = w * this.beamlineWeight;
      r.source[i] = Source.UPSTREAM_BEAMLINE;
    } else {
      b.weight[i] = w * this.interactionWeight;
      r.source[i] = Source.UPSTREAM_INTERACTION;
      // the other products of the interaction reach the CHANTI
      r.chanti[i] *= 1 - this.chantiEff;
    }
  }
}

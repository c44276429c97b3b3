/**
 * Decay kernels on the event batch: isotropic two-body decays, three-body decays from Dalitz
 * variables, and n-body phase space (GENBOD: F. James, CERN 68-15) with its weight. Daughters are
 * written in the parent's rest frame, rotated, and boosted into the lab; nothing is allocated.
 */
import type { EventBatch } from "../core/batch.ts";
import { boostFromRest, randomRotation, rotate, twoBodyMomentum } from "../core/kinematics.ts";
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";

const rot = new Float64Array(9);

/**
 * cos and sin of 2πj/TRIG_N, j = 0..TRIG_N, for emitTwoBody's azimuth (exported for the loops that
 * inline emitTwoBody: the two-body generator and the π⁰ → γγ decay)
 */
export const TRIG_N = 1024;
export const TWO_PI_OVER_N = (2 * Math.PI) / TRIG_N;
export const COS_TABLE = new Float64Array(TRIG_N + 1);
export const SIN_TABLE = new Float64Array(TRIG_N + 1);
for (let j = 0; j <= TRIG_N; j++) {
  COS_TABLE[j] = Math.cos(j * TWO_PI_OVER_N);
  SIN_TABLE[j] = Math.sin(j * TWO_PI_OVER_N);
}

/** boost daughter g from the rest frame of parent P into the lab */
export function boostDaughter(b: EventBatch, P: number, g: number): void {
  boostFromRest(b.px, b.py, b.pz, b.e, g, b.px[P], b.py[P], b.pz[P], b.e[P], b.mass[P]);
}

/**
 * Two-body decay P → g1 g2 with fixed kinematics kin = [q, e1, e2] (rest-frame momentum and
 * daughter energies): g1 is emitted at polar cosine 2u₀ − 1 and azimuth 2πu₁ in P's rest frame,
 * with (u₀, u₁) = (u[k], u[k + 1]) — isotropic for uniform u — and both daughters are boosted into
 * the lab. Arguments are arrays and integers only: V8 boxes every double passed to a function it
 * does not inline, so hot kernels take their numbers from typed arrays.
 */
export function emitTwoBody(
  b: EventBatch,
  P: number,
  g1: number,
  g2: number,
  kin: Float64Array,
  u: Float64Array,
  k: number,
): void {
  const q = kin[0];
  const c = 2 * u[k] - 1;
  // cos and sin of the azimuth 2πv from a 1024-entry table and a short Taylor series of the
  // remainder (|x| ≤ π/1024: error < 1e-17) — one multiplication chain instead of two libm calls
  const v = u[k + 1] * TRIG_N;
  const j = Math.round(v);
  const x = (v - j) * TWO_PI_OVER_N;
  const x2 = x * x;
  const cx = 1 - x2 * (0.5 - x2 * (1 / 24));
  const sx = x * (1 - x2 * (1 / 6 - x2 * (1 / 120)));
  const cj = COS_TABLE[j];
  const sj = SIN_TABLE[j];
  const cphi = cj * cx - sj * sx;
  const sphi = sj * cx + cj * sx;
  const qs = q * Math.sqrt(1 - c * c);
  const px = qs * cphi;
  const py = qs * sphi;
  const pz = q * c;
  const Px = b.px[P];
  const Py = b.py[P];
  const Pz = b.pz[P];
  const E = b.e[P];
  const M = b.mass[P];
  const invM = 1 / M;
  const pq = Px * px + Py * py + Pz * pz;
  const h = pq / (E + M);
  const e1 = kin[1];
  const e2 = kin[2];
  const f1 = (e1 + h) * invM;
  b.e[g1] = (E * e1 + pq) * invM;
  b.px[g1] = px + f1 * Px;
  b.py[g1] = py + f1 * Py;
  b.pz[g1] = pz + f1 * Pz;
  const f2 = (e2 - h) * invM;
  b.e[g2] = (E * e2 - pq) * invM;
  b.px[g2] = f2 * Px - px;
  b.py[g2] = f2 * Py - py;
  b.pz[g2] = f2 * Pz - pz;
}

/**
 * Back-to-back pair g1, g2 with momentum q, isotropic, in the rest frame of their parent (masses
 * m1, m2 given; nothing is boosted).
 */
export function isotropicPair(
  b: EventBatch,
  rng: Xoshiro128,
  g1: number,
  g2: number,
  q: number,
  m1: number,
  m2: number,
): void {
  const c = 2 * rng.uniform() - 1;
  const s = Math.sqrt(Math.max(0, 1 - c * c));
  const phi = 2 * Math.PI * rng.uniform();
  const x = q * s * Math.cos(phi);
  const y = q * s * Math.sin(phi);
  const z = q * c;
  b.px[g1] = x;
  b.py[g1] = y;
  b.pz[g1] = z;
  b.e[g1] = Math.sqrt(q * q + m1 * m1);
  b.px[g2] = -x;
  b.py[g2] = -y;
  b.pz[g2] = -z;
  b.e[g2] = Math.sqrt(q * q + m2 * m2);
}

/** Isotropic two-body decay of particle P into g1, g2 (masses already in the batch). */
export function decayTwoBody(b: EventBatch, rng: Xoshiro128, P: number, g1: number, g2: number): void {
  const m1 = b.mass[g1];
  const m2 = b.mass[g2];
  isotropicPair(b, rng, g1, g2, twoBodyMomentum(b.mass[P], m1, m2), m1, m2);
  boostDaughter(b, P, g1);
  boostDaughter(b, P, g2);
}

/**
 * Three-body decay P → g1 g2 g3 at the Dalitz point (s12, s23) with sij = (pi + pj)²; the
 * orientation of the decay plane is uniformly random. Returns false if the point lies outside the
 * physical region (nothing is written then).
 */
export function decayThreeBody(
  b: EventBatch,
  rng: Xoshiro128,
  P: number,
  g1: number,
  g2: number,
  g3: number,
  s12: number,
  s23: number,
): boolean {
  const M = b.mass[P];
  const m1 = b.mass[g1];
  const m2 = b.mass[g2];
  const m3 = b.mass[g3];
  const E1 = (M * M + m1 * m1 - s23) / (2 * M);
  const E3 = (M * M + m3 * m3 - s12) / (2 * M);
  const E2 = M - E1 - E3;
  const q1s = E1 * E1 - m1 * m1;
  const q3s = E3 * E3 - m3 * m3;
  const q2s = E2 * E2 - m2 * m2;
  if (q1s < 0 || q3s < 0 || q2s < 0) return false;
  const q1 = Math.sqrt(q1s);
  const q3 = Math.sqrt(q3s);
  let c13 = q1 > 0 && q3 > 0 ? (q2s - q1s - q3s) / (2 * q1 * q3) : 0;
  if (c13 > 1 || c13 < -1) {
    if (c13 > 1 + 1e-9 || c13 < -1 - 1e-9) return false;
    c13 = c13 > 0 ? 1 : -1;
  }
  const s13 = Math.sqrt(Math.max(0, 1 - c13 * c13));
  // particle 1 along z, particle 3 in the xz plane, particle 2 balances
  b.px[g1] = 0;
  b.py[g1] = 0;
  b.pz[g1] = q1;
  b.e[g1] = E1;
  b.px[g3] = q3 * s13;
  b.py[g3] = 0;
  b.pz[g3] = q3 * c13;
  b.e[g3] = E3;
  b.px[g2] = -b.px[g3];
  b.py[g2] = 0;
  b.pz[g2] = -q1 - b.pz[g3];
  b.e[g2] = E2;
  randomRotation(rng, rot);
  rotate(b.px, b.py, b.pz, g1, rot);
  rotate(b.px, b.py, b.pz, g2, rot);
  rotate(b.px, b.py, b.pz, g3, rot);
  boostDaughter(b, P, g1);
  boostDaughter(b, P, g2);
  boostDaughter(b, P, g3);
  return true;
}

/**
 * n-body phase space in the rest frame of a particle of mass M (GENBOD). Fills the momenta of
 * daughters 0..n−1 into (qx, qy, qz, qe) and returns the phase-space weight Π pᵢ (up to a constant),
 * which is ≤ `genbodMaxWeight(M, masses)`. `u` is a scratch array of length ≥ n.
 */
export function genbod(
  rng: Xoshiro128,
  M: number,
  masses: Float64Array,
  n: number,
  qx: Float64Array,
  qy: Float64Array,
  qz: Float64Array,
  qe: Float64Array,
  u: Float64Array,
  inv: Float64Array,
): number {
  let msum = 0;
  for (let i = 0; i < n; i++) msum += masses[i];
  const T = M - msum;
  // n−2 sorted uniforms between 0 and 1
  u[0] = 0;
  for (let i = 1; i < n - 1; i++) {
    const x = rng.uniform();
    let j = i;
    while (j > 1 && u[j - 1] > x) {
      u[j] = u[j - 1];
      j--;
    }
    u[j] = x;
  }
  u[n - 1] = 1;
  // invariant masses of the first k+1 daughters
  let acc = 0;
  for (let k = 0; k < n; k++) {
    acc += masses[k];
    inv[k] = u[k] * T + acc;
  }
  // weight and momenta, building up from the first pair
  let w = 1;
  const pk = u; // reuse: pk[k] = momentum in the rest frame of subsystem k
  for (let k = 1; k < n; k++) {
    pk[k - 1] = twoBodyMomentum(inv[k], inv[k - 1], masses[k]);
    w *= pk[k - 1];
  }
  // first two daughters back to back in their rest frame
  qx[0] = 0;
  qy[0] = pk[0];
  qz[0] = 0;
  qe[0] = Math.sqrt(pk[0] * pk[0] + masses[0] * masses[0]);
  qx[1] = 0;
  qy[1] = -pk[0];
  qz[1] = 0;
  qe[1] = Math.sqrt(pk[0] * pk[0] + masses[1] * masses[1]);
  for (let k = 2; k <= n; k++) {
    // rotate the k daughters so far isotropically
    const c = 2 * rng.uniform() - 1;
    const s = Math.sqrt(Math.max(0, 1 - c * c));
    const phi = 2 * Math.PI * rng.uniform();
    const cp = Math.cos(phi);
    const sp = Math.sin(phi);
    for (let j = 0; j < k; j++) {
      // rotate about x by theta, then about y by phi: maps the y axis (the direction of the
      // previous boost) to (sinθ sinφ, cosθ, sinθ cosφ), isotropic for uniform cosθ and φ; the
      // configuration is already uniform in azimuth about y, so the rotation is Haar-distributed
      const x = qx[j];
      const y = qy[j];
      const z = qz[j];
      const y1 = c * y - s * z;
      const z1 = s * y + c * z;
      qx[j] = cp * x + sp * z1;
      qy[j] = y1;
      qz[j] = -sp * x + cp * z1;
    }
    if (k === n) break;
    // boost the first k daughters along y with the momentum of the subsystem k−1 recoiling
    // against daughter k in the rest frame of subsystem k
    const p = pk[k - 1];
    const mk = inv[k - 1];
    const E = Math.sqrt(p * p + mk * mk);
    const beta = p / E;
    const gamma = E / mk;
    for (let j = 0; j < k; j++) {
      const y = qy[j];
      qy[j] = gamma * (y + beta * qe[j]);
      qe[j] = gamma * (qe[j] + beta * y);
    }
    qx[k] = 0;
    qy[k] = -p;
    qz[k] = 0;
    qe[k] = Math.sqrt(p * p + masses[k] * masses[k]);
  }
  return w;
}

/** an upper bound of the GENBOD weight (F. James, CERN 68-15, eq. for W_max) */
export function genbodMaxWeight(M: number, masses: ArrayLike<number>): number {
  const n = masses.length;
  let msum = 0;
  for (let i = 0; i < n; i++) msum += masses[i];
  const T = M - msum;
  let emmax = T + masses[0];
  let emmin = 0;
  let w = 1;
  for (let i = 1; i < n; i++) {
    emmin += masses[i - 1];
    emmax += masses[i];
    w *= twoBodyMomentum(emmax, emmin, masses[i]);
  }
  return w;
}

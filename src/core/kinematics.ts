/**
 * Four-vector kernels on typed-array columns. All functions take column arrays and indices and
 * allocate nothing, so they can run inside event loops. Convention: (px, py, pz, e), metric
 * (+, −, −, −), c = 1.
 */
import type { Xoshiro128 } from "./rng/xoshiro128.ts";

/** Källén function λ(a, b, c) = a² + b² + c² − 2ab − 2ac − 2bc */
export function kallen(a: number, b: number, c: number): number {
  return a * a + b * b + c * c - 2 * (a * b + a * c + b * c);
}

/** momentum of either daughter in the rest frame of a two-body decay M → m1 m2 */
export function twoBodyMomentum(M: number, m1: number, m2: number): number {
  const l = kallen(M * M, m1 * m1, m2 * m2);
  return l > 0 ? Math.sqrt(l) / (2 * M) : 0;
}

/** invariant mass squared of particle i */
export function mass2(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  e: Float64Array,
  i: number,
): number {
  return e[i] * e[i] - px[i] * px[i] - py[i] * py[i] - pz[i] * pz[i];
}

/** invariant mass squared of the sum of particles i and j */
export function pairMass2(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  e: Float64Array,
  i: number,
  j: number,
): number {
  const x = px[i] + px[j];
  const y = py[i] + py[j];
  const z = pz[i] + pz[j];
  const E = e[i] + e[j];
  return E * E - x * x - y * y - z * z;
}

/**
 * Boost particle i, given in the rest frame of a parent with lab four-momentum (Px, Py, Pz, E)
 * and mass M, into the lab. Exact for any boost (no small-β approximation).
 */
export function boostFromRest(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  e: Float64Array,
  i: number,
  Px: number,
  Py: number,
  Pz: number,
  E: number,
  M: number,
): void {
  const qx = px[i];
  const qy = py[i];
  const qz = pz[i];
  const qe = e[i];
  const pq = Px * qx + Py * qy + Pz * qz;
  const f = (qe + pq / (E + M)) / M;
  e[i] = (E * qe + pq) / M;
  px[i] = qx + f * Px;
  py[i] = qy + f * Py;
  pz[i] = qz + f * Pz;
}

/**
 * A uniformly distributed rotation (Haar measure on SO(3)) as a 3×3 row-major matrix in `r`,
 * from three uniforms: R = Rz(α) · Ry(β) · Rz(γ) with cos β uniform in [−1, 1].
 */
export function randomRotation(rng: Xoshiro128, r: Float64Array): void {
  const a = 2 * Math.PI * rng.uniform();
  const cb = 2 * rng.uniform() - 1;
  const g = 2 * Math.PI * rng.uniform();
  const sb = Math.sqrt(Math.max(0, 1 - cb * cb));
  const ca = Math.cos(a);
  const sa = Math.sin(a);
  const cg = Math.cos(g);
  const sg = Math.sin(g);
  r[0] = ca * cb * cg - sa * sg;
  r[1] = -ca * cb * sg - sa * cg;
  r[2] = ca * sb;
  r[3] = sa * cb * cg + ca * sg;
  r[4] = -sa * cb * sg + ca * cg;
  r[5] = sa * sb;
  r[6] = -sb * cg;
  r[7] = sb * sg;
  r[8] = cb;
}

/** apply the rotation matrix r to the momentum of particle i */
export function rotate(
  px: Float64Array,
  py: Float64Array,
  pz: Float64Array,
  i: number,
  r: Float64Array,
): void {
  const x = px[i];
  const y = py[i];
  const z = pz[i];
  px[i] = r[0] * x + r[1] * y + r[2] * z;
  py[i] = r[3] * x + r[4] * y + r[5] * z;
  pz[i] = r[6] * x + r[7] * y + r[8] * z;
}

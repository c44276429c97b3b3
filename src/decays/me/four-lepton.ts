/**
 * Pieces shared by the four-lepton matrix elements (π⁰ → e⁺e⁻e⁺e⁻, double-dalitz.ts; K⁺ → π⁺γ*γ*,
 * pi-gstar-gstar.ts; K⁺ → π⁺γ* → π⁺e⁺e⁻e⁺e⁻, pi-gstar-4e.ts): the spinors and the 16 vector
 * currents of two e⁺ and two e⁻ in both pairings, the complex Minkowski product and the isotropic
 * split of a pair's rest frame into e⁺e⁻ (the caller draws cos θ and φ, in that order).
 */
import { type ComplexVector, current, type Spinor, spinor, uSpinor, vSpinor } from "./dirac.ts";
import { type FourVectors, splitSystem } from "./frame.ts";

/**
 * Spinors and currents of e⁺₁ e⁻₂ e⁺₃ e⁻₄: vp[s⁺], vp[2 + s⁺] the positrons, um[s⁻], um[2 + s⁻] the
 * electrons, j[pair·4 + s⁻·2 + s⁺] the currents of the pairs (e⁻₂, e⁺₁), (e⁻₄, e⁺₃), (e⁻₂, e⁺₃), (e⁻₄, e⁺₁).
 */
export class FourLeptonCurrents {
  readonly vp: Spinor[] = [spinor(), spinor(), spinor(), spinor()];
  readonly um: Spinor[] = [spinor(), spinor(), spinor(), spinor()];
  readonly j: ComplexVector[] = Array.from({ length: 16 }, () => new Float64Array(8));

  /** fill spinors and currents from the leptons at positions p1 (e⁺₁), p2 (e⁻₂), p3 (e⁺₃), p4 (e⁻₄) of v */
  fill(v: FourVectors, p1: number, p2: number, p3: number, p4: number, me: number): void {
    for (let s = 0; s < 2; s++) {
      vSpinor(this.vp[s], v.px[p1], v.py[p1], v.pz[p1], v.e[p1], me, s);
      vSpinor(this.vp[2 + s], v.px[p3], v.py[p3], v.pz[p3], v.e[p3], me, s);
      uSpinor(this.um[s], v.px[p2], v.py[p2], v.pz[p2], v.e[p2], me, s);
      uSpinor(this.um[2 + s], v.px[p4], v.py[p4], v.pz[p4], v.e[p4], me, s);
    }
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 2; b++) {
        current(this.j[a * 2 + b], this.um[a], this.vp[b]);
        current(this.j[4 + a * 2 + b], this.um[2 + a], this.vp[2 + b]);
        current(this.j[8 + a * 2 + b], this.um[a], this.vp[2 + b]);
        current(this.j[12 + a * 2 + b], this.um[2 + a], this.vp[b]);
      }
  }
}

/** complex Minkowski product A·B of two complex four-vectors (re, im interleaved) into out */
export function dotCC(A: ComplexVector, B: ComplexVector, out: Float64Array): void {
  let re = 0;
  let im = 0;
  for (let mu = 0; mu < 4; mu++) {
    const g = mu === 0 ? 1 : -1;
    re += g * (A[2 * mu] * B[2 * mu] - A[2 * mu + 1] * B[2 * mu + 1]);
    im += g * (A[2 * mu] * B[2 * mu + 1] + A[2 * mu + 1] * B[2 * mu]);
  }
  out[0] = re;
  out[1] = im;
}

/** decay the pair of mass m held in slot of v into e⁺ at i and e⁻ at j (cos θ, φ in the pair frame) */
export function splitPair(
  v: FourVectors,
  i: number,
  j: number,
  slot: number,
  m: number,
  me: number,
  cosTheta: number,
  phi: number,
): void {
  splitSystem(v, i, j, v.px[slot], v.py[slot], v.pz[slot], v.e[slot], m, me, me, cosTheta, phi);
}

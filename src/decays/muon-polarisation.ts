/**
 * Polarised muon decay. A muon from the two-body decay of a spin-0 parent (π± → μ±ν, K± → μ±ν) is
 * fully polarised: the left-handed ν_μ makes the μ⁺ helicity −1 and the μ⁻ helicity +1 in the
 * parent's rest frame. Its spin four-vector is, covariantly (p the muon, P the parent),
 *   s^μ = h [p^μ (p·P) − m²_μ P^μ] / (m_μ √((p·P)² − m²_μ M²)),
 * which in the parent frame is the helicity vector h(|p*|, E* p̂*)/m_μ. In the muon rest frame
 * reached from the lab by a pure boost the spin is n⃗ = s⃗ − p⃗ s⁰/(E + m_μ) (a unit vector; it is not
 * along p⃗ in general: the Wigner rotation between the two rest frames).
 *
 * μ± → e±νν̄ in the muon rest frame (Michel parameters ρ = 3/4, ξ = 1, δ = 3/4, electron mass
 * neglected in the angular term; PDG review "Muon decay parameters" [PDG2024]):
 *   d²Γ/dx dcos θ ∝ x² [(3 − 2x) ± P (2x − 1) cos θ],  x = 2E_e/m_μ,
 * θ the angle between the e± and the muon spin, + for μ⁺, − for μ⁻, P the degree of polarisation.
 * In a magnetic field the rest-frame spin turns with the momentum (g = 2; the anomalous part,
 * a_μγ × the bending angle, is below 10 mrad for the MNP33 kick and is neglected).
 */
import type { Xoshiro128 } from "../core/rng/xoshiro128.ts";

/**
 * The rest-frame spin n⃗ of a muon (four-momentum p, mass m) from the two-body decay of a spin-0
 * parent (four-momentum P, mass M) with helicity h = ±1 in the parent frame, into out[0..2].
 * Arrays are [px, py, pz, E].
 */
export function muonSpin(
  p: ArrayLike<number>,
  m: number,
  P: ArrayLike<number>,
  M: number,
  h: number,
  out: Float64Array,
): void {
  const pP = p[3] * P[3] - p[0] * P[0] - p[1] * P[1] - p[2] * P[2];
  const den = m * Math.sqrt(Math.max(pP * pP - m * m * M * M, 1e-300));
  const s0 = (h * (p[3] * pP - m * m * P[3])) / den;
  const k = s0 / (p[3] + m);
  for (let i = 0; i < 3; i++) out[i] = (h * (p[i] * pP - m * m * P[i])) / den - k * p[i];
}

/**
 * Draw (x, cos θ) from x²[(3 − 2x) + pol (2x − 1) cos θ] on [x0, 1] × [−1, 1], pol = ±P (+ for μ⁺):
 * out[0] = x, out[1] = cos θ. The density is at most 2 (x = 1, pol cos θ = 1).
 */
export function sampleMichel(rng: Xoshiro128, x0: number, pol: number, out: Float64Array): void {
  for (;;) {
    const x = x0 + (1 - x0) * rng.uniform();
    const c = 2 * rng.uniform() - 1;
    if (2 * rng.uniform() <= x * x * (3 - 2 * x + pol * (2 * x - 1) * c)) {
      out[0] = x;
      out[1] = c;
      return;
    }
  }
}

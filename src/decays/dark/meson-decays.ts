/**
 * Dark-photon production in meson decays, as branching ratios (no meson spectra here):
 *   BR(P → γA′) = 2ε²(1 − m²/m²_P)³·BR(P → γγ),  P = π⁰, η, η′        [Batell2009, Blumlein2014]
 *   BR(ω → π⁰A′) = ε²·BR(ω → π⁰γ)·λ^{3/2}(m²_ω, m²_π⁰, m²)/(m²_ω − m²_π⁰)³   [Gorbunov2015]
 * (λ the Källén function: the ratio of the P-wave phase spaces |p|³; the ω → π⁰γ* transition form
 * factor is set to 1). Zero when the decay is closed. Masses GeV.
 */
import { kallen, requirePositive } from "./lifetime.ts";
import { darkParams } from "./params.ts";

export type PseudoscalarMeson = "pi0" | "eta" | "etaPrime";

const NAMES: readonly PseudoscalarMeson[] = ["pi0", "eta", "etaPrime"];

function mesonMassAndBR(meson: PseudoscalarMeson): [number, number] {
  const p = darkParams();
  switch (meson) {
    case "pi0":
      return [p.mPi0, p.br.pi0GG];
    case "eta":
      return [p.mEta, p.br.etaGG];
    case "etaPrime":
      return [p.mEtaPrime, p.br.etaPrimeGG];
    default:
      throw new RangeError(`meson: expected one of ${NAMES.join(", ")}, got "${meson as string}"`);
  }
}

/** BR(P → γA′) for P = π⁰, η, η′ */
export function pseudoscalarToGammaDarkPhotonBR(
  meson: PseudoscalarMeson,
  mass: number,
  epsilon: number,
): number {
  requirePositive("dark photon mass", mass, true);
  requirePositive("epsilon", epsilon, true);
  const [mP, brGG] = mesonMassAndBR(meson);
  if (mass >= mP) return 0;
  const r = 1 - (mass * mass) / (mP * mP);
  return 2 * epsilon * epsilon * r * r * r * brGG;
}

/** BR(ω → π⁰A′) */
export function omegaToPi0DarkPhotonBR(mass: number, epsilon: number): number {
  requirePositive("dark photon mass", mass, true);
  requirePositive("epsilon", epsilon, true);
  const p = darkParams();
  const mw2 = p.mOmega * p.mOmega;
  const mp2 = p.mPi0 * p.mPi0;
  if (mass >= p.mOmega - p.mPi0) return 0;
  const l = kallen(mw2, mp2, mass * mass);
  return (epsilon * epsilon * p.br.omegaPi0G * l ** 1.5) / (mw2 - mp2) ** 3;
}

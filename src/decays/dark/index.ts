/**
 * The dark-sector physics library: pure functions of masses and couplings (GeV, mm, ns) for the
 * dark photon A′, the ALP with fermion couplings (PBC BC10) and the dark scalar mixing with the
 * Higgs. Formulae and sources: docs/dark-sector.md; numbers: conditions/dark/*.json.
 */
export * from "./alp.ts";
export * from "./bremsstrahlung.ts";
export * from "./dark-photon.ts";
export * from "./dark-scalar.ts";
export * from "./electroweak.ts";
export * from "./lifetime.ts";
export * from "./loop-functions.ts";
export * from "./meson-decays.ts";
export * from "./meson-production.ts";
export { type DarkParams, darkParams } from "./params.ts";
export * from "./r-ratio.ts";

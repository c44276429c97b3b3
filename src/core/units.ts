/**
 * Units and physical constants. kaonlab works in GeV, mm, ns, rad with c = 1 for
 * energy/momentum/mass (GeV, GeV/c, GeV/c² are all "GeV"). Lengths and times stay
 * in mm and ns, so c is needed to turn a proper time into a flight length.
 *
 * Sources: CODATA 2022 / PDG 2024 "Physical constants" table (c exact; ħ exact since the 2019 SI).
 */
export const GeV = 1;
export const MeV = 1e-3;

export const mm = 1;
export const cm = 10;
export const m = 1000;
export const km = 1e6;
export const um = 1e-3;

export const ns = 1;
export const ps = 1e-3;
export const s = 1e9;

export const mrad = 1e-3;

/** speed of light, mm/ns (exact: 299 792 458 m/s) */
export const C_LIGHT = 299.792458;
/** ħ in GeV·ns (6.582 119 569… × 10⁻²⁵ GeV·s, exact in the 2019 SI) */
export const HBAR = 6.582119569e-16;
/** ħc in GeV·mm (197.326 980 4 MeV·fm) */
export const HBARC = 1.973269804e-13;
/** Fermi constant G_F/(ħc)³ in GeV⁻² (PDG 2024: 1.166 378 8(6) × 10⁻⁵) */
export const G_FERMI = 1.1663788e-5;
/** fine-structure constant at q² = 0 (CODATA 2022: 1/137.035 999 177) */
export const ALPHA_EM = 1 / 137.035999177;

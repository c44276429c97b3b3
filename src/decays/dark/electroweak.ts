/** Electroweak quantities derived from the constants of core/units.ts. */
import { G_FERMI } from "../../core/units.ts";

/** Higgs vacuum expectation value v = (√2 G_F)^{−1/2} [GeV] (246.22 GeV) */
export function higgsVev(): number {
  return 1 / Math.sqrt(Math.SQRT2 * G_FERMI);
}

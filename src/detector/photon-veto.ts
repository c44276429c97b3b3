/**
 * Shared response of the photon-veto calorimeters (LAV, IRC, SAC, and the LKr for photons): every
 * photon inside a detector survives the veto with the detector's inefficiency at its energy, every
 * extra charged particle (not the selected track) with its miss probability (charged-veto.ts). The products go to the pv and
 * mult columns; they are probabilities, so rare inefficiencies (10⁻⁴…10⁻⁸ per event) are exact
 * weights rather than samples.
 */
import { MAX_SLOTS } from "../core/batch.ts";
import type { RecoBatch } from "../core/reco-batch.ts";
import type { Curve } from "./response-math.ts";
import { Hit, type TransportBatch } from "./transport-batch.ts";

/** apply a photon/charged veto detector (Hit bit `bit`) to events [start, end) */
export function applyVeto(
  tb: TransportBatch,
  r: RecoBatch,
  nParticles: Uint8Array,
  bit: number,
  curve: Curve,
  chargedMissProb: number,
  start: number,
  end: number,
): void {
  for (let i = start; i < end; i++) {
    if (!(tb.eventMask[i] & bit)) continue;
    const base = i * MAX_SLOTS;
    const n = nParticles[i];
    const sel = r.trackSlot[i];
    let pv = r.pv[i];
    let mult = r.mult[i];
    for (let k = 1; k < n; k++) {
      const m = tb.mask[base + k];
      if (!(m & bit)) continue;
      if (m & Hit.PHOTON) pv *= curve.at(tb.eL[base + k]);
      else if (k !== sel) mult *= chargedMissProb;
    }
    r.pv[i] = pv;
    r.mult[i] = mult;
  }
}

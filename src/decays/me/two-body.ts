/** Two-body decays K⁺ → a b, isotropic in the kaon rest frame (spin-0 parent). */
import { MAX_SLOTS } from "../../core/batch.ts";
import { addDaughters, daughterArrays, type GeneratorFactory } from "../channel.ts";
import { decayTwoBody } from "../phase-space.ts";

export const twoBody: GeneratorFactory = (info, ctx) => {
  if (info.daughters.length !== 2) throw new Error(`${info.name}: the two-body generator needs 2 daughters`);
  const { pdgs, masses } = daughterArrays(info.daughters, ctx.particles);
  const mK = ctx.particles.mass("K+");
  if (masses[0] + masses[1] >= mK) {
    throw new RangeError(
      `${info.name}: the daughters (${info.daughters.join(", ")}) weigh ${(masses[0] + masses[1]).toFixed(5)} GeV, more than the kaon`,
    );
  }
  return {
    decay(b, start, end, rng) {
      for (let ev = start; ev < end; ev++) {
        const g = addDaughters(b, ev, pdgs, masses);
        decayTwoBody(b, rng, ev * MAX_SLOTS, g, g + 1);
      }
    },
  };
};

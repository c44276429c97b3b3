/** Two-body decays K⁺ → a b, isotropic in the kaon rest frame (spin-0 parent). */
import { MAX_SLOTS, Status } from "../../core/batch.ts";
import { twoBodyMomentum } from "../../core/kinematics.ts";
import { fillUniform } from "../../core/rng/samplers.ts";
import type { GeneratorFactory } from "../channel.ts";
import { daughterArrays } from "../channel.ts";
import { emitTwoBody } from "../phase-space.ts";

export const twoBody: GeneratorFactory = (info, ctx) => {
  if (info.daughters.length !== 2) throw new Error(`${info.name}: the two-body generator needs 2 daughters`);
  const { pdgs, masses } = daughterArrays(info.daughters, ctx.particles);
  const mK = ctx.particles.mass("K+");
  if (masses[0] + masses[1] >= mK) {
    throw new RangeError(
      `${info.name}: the daughters (${info.daughters.join(", ")}) weigh ${(masses[0] + masses[1]).toFixed(5)} GeV, more than the kaon`,
    );
  }
  const [pdg1, pdg2] = pdgs;
  const [m1, m2] = masses;
  const q = twoBodyMomentum(mK, m1, m2);
  const kin = Float64Array.of(q, Math.sqrt(q * q + m1 * m1), Math.sqrt(q * q + m2 * m2));
  let U = new Float64Array(0);
  return {
    decay(b, start, end, rng) {
      const n = end - start;
      if (U.length < 2 * n) U = new Float64Array(2 * n);
      fillUniform(rng, U, 2 * n);
      for (let j = 0; j < n; j++) {
        const ev = start + j;
        const P = ev * MAX_SLOTS;
        const g1 = P + b.nParticles[ev];
        const g2 = g1 + 1;
        b.nParticles[ev] += 2;
        const x = b.vtxX[ev];
        const y = b.vtxY[ev];
        const z = b.vtxZ[ev];
        const t = b.vtxT[ev];
        b.pdg[g1] = pdg1;
        b.pdg[g2] = pdg2;
        b.mass[g1] = m1;
        b.mass[g2] = m2;
        b.status[g1] = Status.FINAL;
        b.status[g2] = Status.FINAL;
        b.parent[g1] = 0;
        b.parent[g2] = 0;
        b.vx[g1] = x;
        b.vx[g2] = x;
        b.vy[g1] = y;
        b.vy[g2] = y;
        b.vz[g1] = z;
        b.vz[g2] = z;
        b.t[g1] = t;
        b.t[g2] = t;
        emitTwoBody(b, P, g1, g2, kin, U, 2 * j);
      }
    },
  };
};

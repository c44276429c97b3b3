/** Two-body decays K⁺ → a b, isotropic in the kaon rest frame (spin-0 parent). */
import { MAX_SLOTS, Status } from "../../core/batch.ts";
import { twoBodyMomentum } from "../../core/kinematics.ts";
import { fillUniform } from "../../core/rng/samplers.ts";
import type { GeneratorFactory } from "../channel.ts";
import { daughterArrays } from "../channel.ts";
import { COS_TABLE, SIN_TABLE, TRIG_N, TWO_PI_OVER_N } from "../phase-space.ts";

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
  const e1 = Math.sqrt(q * q + m1 * m1);
  const e2 = Math.sqrt(q * q + m2 * m2);
  const final = Status.FINAL;
  let U = new Float64Array(0);
  return {
    decay(b, start, end, rng) {
      const n = end - start;
      if (U.length < 2 * n) U = new Float64Array(2 * n);
      fillUniform(rng, U, 2 * n);
      const pdg = b.pdg;
      const mass = b.mass;
      const status = b.status;
      const parent = b.parent;
      const cpx = b.px;
      const cpy = b.py;
      const cpz = b.pz;
      const ce = b.e;
      const cvx = b.vx;
      const cvy = b.vy;
      const cvz = b.vz;
      const ct = b.t;
      const nPart = b.nParticles;
      const vtxX = b.vtxX;
      const vtxY = b.vtxY;
      const vtxZ = b.vtxZ;
      const vtxT = b.vtxT;
      for (let j = 0; j < n; j++) {
        const ev = start + j;
        const P = ev * MAX_SLOTS;
        const slot = nPart[ev];
        const g1 = P + slot;
        const g2 = g1 + 1;
        nPart[ev] = slot + 2;
        const x = vtxX[ev];
        const y = vtxY[ev];
        const z = vtxZ[ev];
        const t = vtxT[ev];
        pdg[g1] = pdg1;
        pdg[g2] = pdg2;
        mass[g1] = m1;
        mass[g2] = m2;
        status[g1] = final;
        status[g2] = final;
        parent[g1] = 0;
        parent[g2] = 0;
        cvx[g1] = x;
        cvx[g2] = x;
        cvy[g1] = y;
        cvy[g2] = y;
        cvz[g1] = z;
        cvz[g2] = z;
        ct[g1] = t;
        ct[g2] = t;
        // emitTwoBody (phase-space.ts) written out here, the same operations in the same order:
        // isotropic in the kaon frame from (U[2j], U[2j + 1]), then the exact boost into the lab
        const c = 2 * U[2 * j] - 1;
        const v = U[2 * j + 1] * TRIG_N;
        const jt = Math.round(v);
        const xa = (v - jt) * TWO_PI_OVER_N;
        const x2 = xa * xa;
        const cx = 1 - x2 * (0.5 - x2 * (1 / 24));
        const sx = xa * (1 - x2 * (1 / 6 - x2 * (1 / 120)));
        const cj = COS_TABLE[jt];
        const sj = SIN_TABLE[jt];
        const cphi = cj * cx - sj * sx;
        const sphi = sj * cx + cj * sx;
        const qs = q * Math.sqrt(1 - c * c);
        const px = qs * cphi;
        const py = qs * sphi;
        const pz = q * c;
        const Px = cpx[P];
        const Py = cpy[P];
        const Pz = cpz[P];
        const E = ce[P];
        const M = mass[P];
        const invM = 1 / M;
        const pq = Px * px + Py * py + Pz * pz;
        const h = pq / (E + M);
        const f1 = (e1 + h) * invM;
        ce[g1] = (E * e1 + pq) * invM;
        cpx[g1] = px + f1 * Px;
        cpy[g1] = py + f1 * Py;
        cpz[g1] = pz + f1 * Pz;
        const f2 = (e2 - h) * invM;
        ce[g2] = (E * e2 - pq) * invM;
        cpx[g2] = f2 * Px - px;
        cpy[g2] = f2 * Py - py;
        cpz[g2] = f2 * Pz - pz;
      }
    },
  };
};

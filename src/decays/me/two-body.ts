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
  // the numbers of the loop through a Float64Array: V8 then holds them unboxed
  const kin = Float64Array.of(
    q,
    Math.sqrt(q * q + m1 * m1),
    Math.sqrt(q * q + m2 * m2),
    m1,
    m2,
    TRIG_N,
    TWO_PI_OVER_N,
  );
  const final = Status.FINAL | 0;
  // sized for a 4096-event batch (the default) at once: see KaonSource's scratch
  let U = new Float64Array(2 * 4096);
  return {
    decay(b, start, end, rng, zSkip = Number.POSITIVE_INFINITY) {
      const n = end - start;
      if (U.length < 2 * n) U = new Float64Array(2 * n);
      fillUniform(rng, U, 2 * n);
      const u = U; // a local: the closure's \`let U\` would be reloaded and checked at every iteration
      // the float64 columns through their shared buffers (one typed array to check per iteration)
      const F = b.f64;
      const V = b.e64;
      const { mass: oMass, px: oPx, py: oPy, pz: oPz, e: oE, vx: oVx, vy: oVy, vz: oVz, t: oT } = b.col;
      const { vtxX: oX, vtxY: oY, vtxZ: oZ, vtxT: oTv } = b.ecol;
      const pdg = b.pdg;
      const status = b.status;
      const parent = b.parent;
      const nPart = b.nParticles;
      const slots = MAX_SLOTS | 0;
      const cosT = COS_TABLE;
      const sinT = SIN_TABLE;
      const par = kin;
      const q = par[0];
      const e1 = par[1];
      const e2 = par[2];
      const mass1 = par[3];
      const mass2 = par[4];
      const trigN = par[5];
      const trigStep = par[6];
      const id1 = pdg1 | 0;
      const id2 = pdg2 | 0;
      const fin = final | 0;
      for (let j = 0; j < n; j++) {
        const ev = start + j;
        const P = ev * slots;
        const slot = nPart[ev];
        const g1 = P + slot;
        const g2 = g1 + 1;
        nPart[ev] = slot + 2;
        pdg[g1] = id1;
        pdg[g2] = id2;
        status[g1] = fin;
        status[g2] = fin;
        parent[g1] = 0;
        parent[g2] = 0;
        const z = V[oZ + ev];
        if (z >= zSkip) continue; // decays beyond every detector: the kinematics are not needed
        const x = V[oX + ev];
        const y = V[oY + ev];
        const t = V[oTv + ev];
        F[oMass + g1] = mass1;
        F[oMass + g2] = mass2;
        F[oVx + g1] = x;
        F[oVx + g2] = x;
        F[oVy + g1] = y;
        F[oVy + g2] = y;
        F[oVz + g1] = z;
        F[oVz + g2] = z;
        F[oT + g1] = t;
        F[oT + g2] = t;
        // emitTwoBody (phase-space.ts) written out here, the same operations in the same order:
        // isotropic in the kaon frame from (U[2j], U[2j + 1]), then the exact boost into the lab
        const c = 2 * u[2 * j] - 1;
        const v = u[2 * j + 1] * trigN;
        const jt = Math.round(v);
        const xa = (v - jt) * trigStep;
        const x2 = xa * xa;
        const cx = 1 - x2 * (0.5 - x2 * (1 / 24));
        const sx = xa * (1 - x2 * (1 / 6 - x2 * (1 / 120)));
        const cj = cosT[jt];
        const sj = sinT[jt];
        const cphi = cj * cx - sj * sx;
        const sphi = sj * cx + cj * sx;
        const qs = q * Math.sqrt(1 - c * c);
        const px = qs * cphi;
        const py = qs * sphi;
        const pz = q * c;
        const Px = F[oPx + P];
        const Py = F[oPy + P];
        const Pz = F[oPz + P];
        const E = F[oE + P];
        const M = F[oMass + P];
        const invM = 1 / M;
        const pq = Px * px + Py * py + Pz * pz;
        const h = pq / (E + M);
        const f1 = (e1 + h) * invM;
        F[oE + g1] = (E * e1 + pq) * invM;
        F[oPx + g1] = px + f1 * Px;
        F[oPy + g1] = py + f1 * Py;
        F[oPz + g1] = pz + f1 * Pz;
        const f2 = (e2 - h) * invM;
        F[oE + g2] = (E * e2 - pq) * invM;
        F[oPx + g2] = f2 * Px - px;
        F[oPy + g2] = f2 * Py - py;
        F[oPz + g2] = f2 * Pz - pz;
      }
    },
  };
};

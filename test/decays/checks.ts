/**
 * The seeded decay-generator validation measurements, shared by the tests (which assert on them) and
 * scripts/validation-decays.ts (which prints them): decay length, mix fractions, refits of the
 * K3π, Kℓ3 and K → πℓℓ matrix elements from 10⁶ generated events, the π⁺νν̄ m²miss spectrum.
 * Invariants come from the lab-frame columns (kaon in slot 0), so beam, decay and boosts are tested.
 */
import { decayLength } from "../../src/beam/k12.ts";
import { type EventBatch, MAX_SLOTS } from "../../src/core/batch.ts";
import { kallen } from "../../src/core/kinematics.ts";
import { particleTable } from "../../src/core/particles.ts";
import { C_LIGHT } from "../../src/core/units.ts";
import { mixFractions } from "../../src/decays/catalogue.ts";
import { k3piParams } from "../../src/decays/me/k3pi.ts";
import { kl3Params } from "../../src/decays/me/kl3.ts";
import { pillParams } from "../../src/decays/me/pill.ts";
import { dot, generate, linearDensityFit, oneParamFit, simpson } from "./fit.ts";
import { absW2, k3piMoments, kl3Rate } from "./reference.ts";

const pt = particleTable();
const mK = pt.mass("K+");
const mPiC = pt.mass("pi+");
const mPi0 = pt.mass("pi0");
/** events per refit */
export const N_FIT = 1_000_000;

/** kaon-frame invariant (P − p)² of daughter slot k of event i */
export function recoil2(b: EventBatch, i: number, k: number): number {
  const K = i * MAX_SLOTS;
  return mK * mK + b.mass[K + k] ** 2 - 2 * dot(b, K, K + k);
}

export interface Refit {
  channel: string;
  parameter: string;
  input: number;
  fit: number;
  sigma: number;
}

/** observed and expected counts of xs in nb equal bins of [lo, hi] for the density rate */
export function binned(
  xs: Float64Array,
  rate: (x: number) => number,
  lo: number,
  hi: number,
  nb: number,
): { obs: Float64Array; exp: number[] } {
  const obs = new Float64Array(nb);
  for (const x of xs) obs[Math.min(nb - 1, Math.max(0, Math.floor(((x - lo) / (hi - lo)) * nb)))]++;
  const tot = simpson(rate, lo, hi, 40_000);
  const w = (hi - lo) / nb;
  const exp = Array.from(
    { length: nb },
    (_, k) => (xs.length * simpson(rate, lo + k * w, lo + (k + 1) * w, 200)) / tot,
  );
  return { obs, exp };
}

/** ⟨s·75/p⟩ of 10⁶ generated K⁺ decay vertices (s the flight from GTK3) and βγcτ at 75 GeV/c */
export function decayLengthSample(): { mean: number; sigma: number; L75: number } {
  const K = pt.get("K+");
  const L75 = decayLength(75, K.mass, K.lifetime * C_LIGHT);
  let n = 0;
  let sum = 0;
  generate("K+ -> mu+ nu", 1_000_000, 12, (b) => {
    for (let i = 0; i < b.size; i++) {
      const g = i * MAX_SLOTS;
      const s = Math.hypot(b.vtxX[i] - b.vx[g], b.vtxY[i] - b.vy[g], b.vtxZ[i] - b.vz[g]);
      sum += (s * 75) / Math.hypot(b.px[g], b.py[g], b.pz[g]);
      n++;
    }
  });
  // exponential: σ(mean) = L/√n
  return { mean: sum / n, sigma: L75 / Math.sqrt(n), L75 };
}

/** generated channel counts of the mix against n·BR/ΣBR */
export function mixSample(n = 2_000_000): { name: string; obs: number; exp: number }[] {
  const fr = mixFractions();
  const total = fr.reduce((a, x) => a + x.br, 0);
  const counts = new Map<number, number>();
  generate("mix", n, 41, (b) => {
    for (let i = 0; i < b.size; i++) counts.set(b.channel[i], (counts.get(b.channel[i]) ?? 0) + 1);
  });
  const rows = fr.map((x) => ({
    name: x.channel.name,
    obs: counts.get(x.channel.id) ?? 0,
    exp: (n * x.br) / total,
  }));
  for (const x of fr) counts.delete(x.channel.id);
  if (counts.size > 0) throw new Error("the mix generated a channel outside the BR table");
  return rows;
}

/** K3π: g, h, k by maximum likelihood (phase-space moments from reference.ts) */
export function refitK3pi(channel: string): Refit[] {
  const par = k3piParams(channel);
  const mEven = pt.mass(channel.includes("pi0") ? "pi0" : "pi+");
  const mOdd = mPiC;
  const mpi2 = mPiC * mPiC;
  const s0 = (mK * mK + 2 * mEven * mEven + mOdd * mOdd) / 3;
  const f = new Float64Array(3 * N_FIT);
  let n = 0;
  generate(channel, N_FIT, 21, (b) => {
    for (let i = 0; i < b.size; i++, n++) {
      const u = (recoil2(b, i, 3) - s0) / mpi2;
      const v = (recoil2(b, i, 1) - recoil2(b, i, 2)) / mpi2;
      f[3 * n] = u;
      f[3 * n + 1] = u * u;
      f[3 * n + 2] = v * v;
    }
  });
  const fit = linearDensityFit(f, 3, k3piMoments(mEven, mOdd), [par.g, par.h, par.k]);
  return (["g", "h", "k"] as const).map((p, a) => ({
    channel,
    parameter: p,
    input: par[p],
    fit: fit.theta[a],
    sigma: Math.sqrt(fit.cov[a][a]),
  }));
}

/** Kℓ3: λ′₊ from Ke3 or λ₀ from Kμ3 (the others fixed) by a fit of the t spectrum */
export function refitKl3(channel: "K+ -> pi0 e+ nu" | "K+ -> pi0 mu+ nu"): Refit {
  const ff = kl3Params("kl3");
  const isE = channel.includes("e+");
  const ml = pt.mass(isE ? "e+" : "mu+");
  const ts = new Float64Array(N_FIT);
  let n = 0;
  generate(channel, N_FIT, 22, (b) => {
    for (let i = 0; i < b.size; i++) ts[n++] = recoil2(b, i, 1);
  });
  const rho = (t: number, th: number) =>
    isE
      ? kl3Rate(t, mPi0, ml, th, ff.lambdaPlus2, ff.lambdaZero)
      : kl3Rate(t, mPi0, ml, ff.lambdaPlus1, ff.lambdaPlus2, th);
  const input = isE ? ff.lambdaPlus1 : ff.lambdaZero;
  const fit = oneParamFit(ts, rho, ml * ml, (mK - mPi0) ** 2, input, 0.002);
  return {
    channel,
    parameter: isE ? "λ′₊ (t spectrum)" : "λ₀ (t spectrum)",
    input,
    fit: fit.theta,
    sigma: fit.sigma,
  };
}

/** K → πℓℓ: b₊ (a₊ fixed) from the z spectrum, and the binned χ² of the spectrum against dΓ/dz */
export function refitPill(channel: "K+ -> pi+ e+ e-" | "K+ -> pi+ mu+ mu-"): {
  refit: Refit;
  obs: Float64Array;
  exp: number[];
} {
  const p = pillParams(channel);
  const ml = pt.mass(channel.includes("mu") ? "mu+" : "e+");
  const rl2 = (ml / mK) ** 2;
  const r2 = (mPiC / mK) ** 2;
  const rate = (z: number, b: number) => {
    const lam = kallen(1, z, r2);
    if (z <= 4 * rl2 || lam <= 0) return 0;
    return (
      lam ** 1.5 *
      Math.sqrt(1 - (4 * rl2) / z) *
      (1 + (2 * rl2) / z) *
      absW2(z, p.aPlus, b, p.alphaPlus, p.betaPlus)
    );
  };
  const zMin = 4 * rl2;
  const zMax = (1 - mPiC / mK) ** 2;
  const zs = new Float64Array(N_FIT);
  let n = 0;
  generate(channel, N_FIT, 23, (b) => {
    for (let i = 0; i < b.size; i++) zs[n++] = recoil2(b, i, 1) / (mK * mK);
  });
  const fit = oneParamFit(zs, rate, zMin, zMax, p.bPlus, 0.02);
  const { obs, exp } = binned(zs, (z) => rate(z, p.bPlus), zMin, zMax, 40);
  return {
    refit: {
      channel,
      parameter: "b₊ (z spectrum, a₊ fixed)",
      input: p.bPlus,
      fit: fit.theta,
      sigma: fit.sigma,
    },
    obs,
    exp,
  };
}

/** π⁺νν̄: m²miss of 10⁶ events against dΓ/dq² ∝ λ^{3/2}(1, q²/m²_K, r²_π)|f₊|² */
export function pinunuSpectrum(): {
  lo: number;
  hi: number;
  qMax: number;
  r2: number;
  shape: (q2: number) => number;
  obs: Float64Array;
  exp: number[];
} {
  const ff = kl3Params("pinunu");
  const qMax = (mK - mPiC) ** 2;
  const r2 = (mPiC / mK) ** 2;
  const shape = (q2: number) => {
    const lam = kallen(1, q2 / (mK * mK), r2);
    if (lam <= 0) return 0;
    const x = q2 / (mPiC * mPiC);
    const fp = 1 + ff.lambdaPlus1 * x + 0.5 * ff.lambdaPlus2 * x * x;
    return lam ** 1.5 * fp * fp;
  };
  const qs = new Float64Array(N_FIT);
  let n = 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  generate("K+ -> pi+ nu nubar", N_FIT, 24, (b) => {
    for (let i = 0; i < b.size; i++) {
      const q2 = recoil2(b, i, 1);
      lo = Math.min(lo, q2);
      hi = Math.max(hi, q2);
      qs[n++] = q2;
    }
  });
  const { obs, exp } = binned(qs, shape, 0, qMax, 50);
  return { lo, hi, qMax, r2, shape, obs, exp };
}

/**
 * Reference formulas of the decay validation (tests and scripts/validation-decays.ts), written
 * independently of the generators in src/decays/me.
 */
import { kallen } from "../../src/core/kinematics.ts";
import { particleTable } from "../../src/core/particles.ts";
import { G_FERMI } from "../../src/core/units.ts";
import { simpson } from "./fit.ts";

const pt = particleTable();
const mK = pt.mass("K+");
const mPiC = pt.mass("pi+");

/**
 * Phase-space moments (⟨u⟩, ⟨u²⟩, ⟨v²⟩) of the K → 3π Dalitz variables u = (s₃ − s₀)/m²_π±,
 * v = (s₁ − s₂)/m²_π± for two even pions of mass mEven and an odd one of mass mOdd: at fixed
 * odd-pion energy E₃, E₁ − E₂ is uniform on [−D, D], D = 2p₃p* / √s₃.
 */
export function k3piMoments(mEven: number, mOdd: number): number[] {
  const mpi2 = mPiC * mPiC;
  const s0 = (mK * mK + 2 * mEven * mEven + mOdd * mOdd) / 3;
  const E3max = (mK * mK + mOdd * mOdd - 4 * mEven * mEven) / (2 * mK);
  const D = (E3: number) => {
    const s3 = mK * mK + mOdd * mOdd - 2 * mK * E3;
    const p3 = Math.sqrt(Math.max(0, E3 * E3 - mOdd * mOdd));
    const p1 = Math.sqrt(Math.max(0, s3 / 4 - mEven * mEven));
    return (2 * p3 * p1) / Math.sqrt(s3);
  };
  const u = (E3: number) => (mK * mK + mOdd * mOdd - 2 * mK * E3 - s0) / mpi2;
  const norm = simpson(D, mOdd, E3max, 200_000);
  return [
    simpson((e) => D(e) * u(e), mOdd, E3max, 200_000) / norm,
    simpson((e) => D(e) * u(e) ** 2, mOdd, E3max, 200_000) / norm,
    simpson((e) => (D(e) * ((2 * mK * D(e)) / mpi2) ** 2) / 3, mOdd, E3max, 200_000) / norm,
  ];
}

/** dΓ/dt of Kℓ3 (standard form): (1 − m²/t)²[(1 + m²/2t) λ^{3/2} f₊² + (3m²/2t)(m²_K − m²_π)² λ^{1/2} f₀²] */
export function kl3Rate(t: number, mPi: number, ml: number, lp1: number, lp2: number, l0: number): number {
  const lam = kallen(mK * mK, mPi * mPi, t);
  if (lam <= 0 || t <= ml * ml) return 0;
  const x = t / (mPiC * mPiC);
  const fp = 1 + lp1 * x + 0.5 * lp2 * x * x;
  const f0 = 1 + l0 * x;
  const r = (ml * ml) / t;
  const dm = mK * mK - mPi * mPi;
  return (1 - r) ** 2 * ((1 + r / 2) * lam ** 1.5 * fp * fp + 1.5 * r * dm * dm * Math.sqrt(lam) * f0 * f0);
}

/** W(z) of D'Ambrosio–Ecker–Isidori–Portolés written out independently of src/decays/me/pill.ts */
export function absW2(z: number, a: number, b: number, alpha: number, beta: number): number {
  const r2 = (mPiC / mK) ** 2;
  const y = z / r2;
  let gRe: number;
  let gIm = 0;
  if (y <= 4) gRe = Math.sqrt(4 / y - 1) * Math.asin(Math.sqrt(y) / 2);
  else {
    const s = Math.sqrt(1 - 4 / y);
    gRe = (s / 2) * Math.log((1 + s) / (1 - s));
    gIm = (s * Math.PI) / 2;
  }
  const chiRe = 4 / 9 - (4 * r2) / (3 * z) - ((1 - (4 * r2) / z) * gRe) / 3;
  const chiIm = (-(1 - (4 * r2) / z) * gIm) / 3;
  const c = (alpha + (beta * (z - (1 / 3 + r2))) / r2) / r2;
  const re = G_FERMI * mK * mK * (a + b * z) + c * chiRe;
  const im = c * chiIm;
  return re * re + im * im;
}

/**
 * The K → ℓνγ inner-bremsstrahlung density integrated over y at fixed x (BEG, kl2gIB), in the
 * collinear variable f₂ = x + y − 1 − r (log-spaced, since IB ∝ 1/f₂); `pass` may restrict (x, y).
 */
export function ibOverY(
  ib: (x: number, y: number, r: number) => number,
  x: number,
  r: number,
  n = 400,
  pass: (x: number, y: number) => boolean = () => true,
): number {
  const f2lo = (r * x) / (1 - x);
  const LL = Math.log(x / f2lo);
  return simpson(
    (u) => {
      const f2 = f2lo * Math.exp(u * LL);
      const y = f2 - x + 1 + r;
      return pass(x, y) ? ib(x, y, r) * f2 * LL : 0;
    },
    0,
    1,
    n,
  );
}

/** ∫ g(x) dx over [x0, x1] with x log-spaced */
export function logIntegral(g: (x: number) => number, x0: number, x1: number, n = 800): number {
  const L = Math.log(x1 / x0);
  return simpson(
    (t) => {
      const x = x0 * Math.exp(t * L);
      return g(x) * x * L;
    },
    0,
    1,
    n,
  );
}

/**
 * Numerical Dirac algebra for tree-level amplitudes with leptons: complex four-spinors in the Dirac
 * representation, u and v spinors of definite spin along z (any complete basis gives the same spin
 * sums), the action of a̸ = a_μγ^μ for real or complex a, the chiral projectors, ū·w, and the vector
 * current ūγ^μv. Spin-summed |M|² is then a sum of |amplitude|² over basis states, which avoids
 * hand-written traces and makes checks (gauge invariance, soft limits) direct.
 *
 * Layout: a spinor is a Float64Array(8) = [re ψ₀, im ψ₀, …, re ψ₃, im ψ₃]; a complex four-vector is
 * a Float64Array(8) = [re a⁰, im a⁰, re a¹, im a¹, …] with upper (contravariant) indices.
 * Conventions: γ⁰ = diag(1, 1, −1, −1), γⁱ = ((0, σⁱ), (−σⁱ, 0)), γ⁵ = ((0, 1), (1, 0)),
 * metric (+, −, −, −). Functions never allocate; `out` may not alias an input unless stated.
 */

export type Spinor = Float64Array;
export type ComplexVector = Float64Array;

export function spinor(): Spinor {
  return new Float64Array(8);
}

/** u(p, s) = √(E+m) (χ_s, σ·p χ_s/(E+m)), χ₀ = (1, 0), χ₁ = (0, 1) */
export function uSpinor(
  out: Spinor,
  px: number,
  py: number,
  pz: number,
  E: number,
  m: number,
  s: number,
): void {
  const n = Math.sqrt(E + m);
  const k = 1 / (E + m);
  out.fill(0);
  if (s === 0) {
    out[0] = n;
    // σ·p (1, 0) = (pz, px + i py)
    out[4] = n * k * pz;
    out[6] = n * k * px;
    out[7] = n * k * py;
  } else {
    out[2] = n;
    // σ·p (0, 1) = (px − i py, −pz)
    out[4] = n * k * px;
    out[5] = -n * k * py;
    out[6] = -n * k * pz;
  }
}

/** v(p, s) = √(E+m) (σ·p η_s/(E+m), η_s), η₀ = (1, 0), η₁ = (0, 1) */
export function vSpinor(
  out: Spinor,
  px: number,
  py: number,
  pz: number,
  E: number,
  m: number,
  s: number,
): void {
  const n = Math.sqrt(E + m);
  const k = 1 / (E + m);
  out.fill(0);
  if (s === 0) {
    out[0] = n * k * pz;
    out[2] = n * k * px;
    out[3] = n * k * py;
    out[4] = n;
  } else {
    out[0] = n * k * px;
    out[1] = -n * k * py;
    out[2] = -n * k * pz;
    out[6] = n;
  }
}

/**
 * out = a̸ ψ for a complex four-vector a: a̸ = a⁰γ⁰ − aⁱγⁱ, so with ψ = (ψ_A, ψ_B):
 * (a̸ψ)_A = a⁰ψ_A − (σ·a)ψ_B, (a̸ψ)_B = (σ·a)ψ_A − a⁰ψ_B.
 */
export function slashC(out: Spinor, a: ComplexVector, psi: Spinor): void {
  const a0r = a[0];
  const a0i = a[1];
  const a1r = a[2];
  const a1i = a[3];
  const a2r = a[4];
  const a2i = a[5];
  const a3r = a[6];
  const a3i = a[7];
  // σ·a = ((a3, a1 − i a2), (a1 + i a2, −a3))
  const mr = a1r + a2i; // a1 − i a2
  const mi = a1i - a2r;
  const pr = a1r - a2i; // a1 + i a2
  const pi = a1i + a2r;
  const A0r = psi[0];
  const A0i = psi[1];
  const A1r = psi[2];
  const A1i = psi[3];
  const B0r = psi[4];
  const B0i = psi[5];
  const B1r = psi[6];
  const B1i = psi[7];
  // σ·a ψ_B
  const sb0r = a3r * B0r - a3i * B0i + mr * B1r - mi * B1i;
  const sb0i = a3r * B0i + a3i * B0r + mr * B1i + mi * B1r;
  const sb1r = pr * B0r - pi * B0i - (a3r * B1r - a3i * B1i);
  const sb1i = pr * B0i + pi * B0r - (a3r * B1i + a3i * B1r);
  // σ·a ψ_A
  const sa0r = a3r * A0r - a3i * A0i + mr * A1r - mi * A1i;
  const sa0i = a3r * A0i + a3i * A0r + mr * A1i + mi * A1r;
  const sa1r = pr * A0r - pi * A0i - (a3r * A1r - a3i * A1i);
  const sa1i = pr * A0i + pi * A0r - (a3r * A1i + a3i * A1r);
  out[0] = a0r * A0r - a0i * A0i - sb0r;
  out[1] = a0r * A0i + a0i * A0r - sb0i;
  out[2] = a0r * A1r - a0i * A1i - sb1r;
  out[3] = a0r * A1i + a0i * A1r - sb1i;
  out[4] = sa0r - (a0r * B0r - a0i * B0i);
  out[5] = sa0i - (a0r * B0i + a0i * B0r);
  out[6] = sa1r - (a0r * B1r - a0i * B1i);
  out[7] = sa1i - (a0r * B1i + a0i * B1r);
}

/** out = a̸ ψ for a real four-vector (a⁰, a¹, a², a³) */
export function slashR(out: Spinor, a0: number, a1: number, a2: number, a3: number, psi: Spinor): void {
  const A0r = psi[0];
  const A0i = psi[1];
  const A1r = psi[2];
  const A1i = psi[3];
  const B0r = psi[4];
  const B0i = psi[5];
  const B1r = psi[6];
  const B1i = psi[7];
  // σ·a ψ_B, σ·a ψ_A with σ·a = ((a3, a1 − i a2), (a1 + i a2, −a3))
  const sb0r = a3 * B0r + a1 * B1r + a2 * B1i;
  const sb0i = a3 * B0i + a1 * B1i - a2 * B1r;
  const sb1r = a1 * B0r - a2 * B0i - a3 * B1r;
  const sb1i = a1 * B0i + a2 * B0r - a3 * B1i;
  const sa0r = a3 * A0r + a1 * A1r + a2 * A1i;
  const sa0i = a3 * A0i + a1 * A1i - a2 * A1r;
  const sa1r = a1 * A0r - a2 * A0i - a3 * A1r;
  const sa1i = a1 * A0i + a2 * A0r - a3 * A1i;
  out[0] = a0 * A0r - sb0r;
  out[1] = a0 * A0i - sb0i;
  out[2] = a0 * A1r - sb1r;
  out[3] = a0 * A1i - sb1i;
  out[4] = sa0r - a0 * B0r;
  out[5] = sa0i - a0 * B0i;
  out[6] = sa1r - a0 * B1r;
  out[7] = sa1i - a0 * B1i;
}

/** out = (1 − γ⁵)ψ = (ψ_A − ψ_B, ψ_B − ψ_A); out may alias psi */
export function leftProject(out: Spinor, psi: Spinor): void {
  for (let k = 0; k < 4; k++) {
    const a = psi[k];
    const b = psi[k + 4];
    out[k] = a - b;
    out[k + 4] = b - a;
  }
}

/** ū w = u†γ⁰w as a complex number written to res[0], res[1] */
export function barDot(u: Spinor, w: Spinor, res: Float64Array): void {
  let re = 0;
  let im = 0;
  for (let k = 0; k < 8; k += 2) {
    const sgn = k < 4 ? 1 : -1;
    // conj(u)·w
    re += sgn * (u[k] * w[k] + u[k + 1] * w[k + 1]);
    im += sgn * (u[k] * w[k + 1] - u[k + 1] * w[k]);
  }
  res[0] = re;
  res[1] = im;
}

/**
 * The current J^μ = ū γ^μ w: J⁰ = u†w, Jⁱ = u_A†σⁱw_B + u_B†σⁱw_A (γ⁰γⁱ = ((0, σⁱ), (σⁱ, 0))).
 */
export function current(out: ComplexVector, u: Spinor, w: Spinor): void {
  // conj(u) components
  const a0r = u[0];
  const a0i = -u[1];
  const a1r = u[2];
  const a1i = -u[3];
  const b0r = u[4];
  const b0i = -u[5];
  const b1r = u[6];
  const b1i = -u[7];
  const A0r = w[0];
  const A0i = w[1];
  const A1r = w[2];
  const A1i = w[3];
  const B0r = w[4];
  const B0i = w[5];
  const B1r = w[6];
  const B1i = w[7];
  // J⁰ = Σ conj(u_k) w_k
  out[0] = a0r * A0r - a0i * A0i + a1r * A1r - a1i * A1i + b0r * B0r - b0i * B0i + b1r * B1r - b1i * B1i;
  out[1] = a0r * A0i + a0i * A0r + a1r * A1i + a1i * A1r + b0r * B0i + b0i * B0r + b1r * B1i + b1i * B1r;
  // x ↦ conj(u_A)·σⁱ w_B + conj(u_B)·σⁱ w_A; σ¹x = (x₁, x₀), σ²x = (−i x₁, i x₀), σ³x = (x₀, −x₁)
  // σ¹
  out[2] = a0r * B1r - a0i * B1i + a1r * B0r - a1i * B0i + (b0r * A1r - b0i * A1i) + (b1r * A0r - b1i * A0i);
  out[3] = a0r * B1i + a0i * B1r + a1r * B0i + a1i * B0r + (b0r * A1i + b0i * A1r) + (b1r * A0i + b1i * A0r);
  // σ²: components (−i x₁, i x₀): −i(xr + i xi) = xi − i xr ; i(xr + i xi) = −xi + i xr
  {
    const y0r = B1i;
    const y0i = -B1r;
    const y1r = -B0i;
    const y1i = B0r;
    const z0r = A1i;
    const z0i = -A1r;
    const z1r = -A0i;
    const z1i = A0r;
    out[4] = a0r * y0r - a0i * y0i + a1r * y1r - a1i * y1i + b0r * z0r - b0i * z0i + b1r * z1r - b1i * z1i;
    out[5] = a0r * y0i + a0i * y0r + a1r * y1i + a1i * y1r + b0r * z0i + b0i * z0r + b1r * z1i + b1i * z1r;
  }
  // σ³
  out[6] =
    a0r * B0r - a0i * B0i - (a1r * B1r - a1i * B1i) + (b0r * A0r - b0i * A0i) - (b1r * A1r - b1i * A1i);
  out[7] =
    a0r * B0i + a0i * B0r - (a1r * B1i + a1i * B1r) + (b0r * A0i + b0i * A0r) - (b1r * A1i + b1i * A1r);
}

/**
 * Lower-index Levi-Civita contraction X_μ = ε_{μναβ} Aᵛ Bᵅ Cᵝ for real B, C and complex A, with
 * ε_{0123} = +1; written as an upper-index complex vector (X^μ = g^{μμ} X_μ).
 */
export function epsilonContract(
  out: ComplexVector,
  A: ComplexVector,
  b0: number,
  b1: number,
  b2: number,
  b3: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
): void {
  // for each μ, X_μ = Σ ε_{μναβ} A^ν B^α C^β: expand with the cofactors of (B, C) in the other indices
  // bc_{αβ} = B^α C^β − B^β C^α
  const bc01 = b0 * c1 - b1 * c0;
  const bc02 = b0 * c2 - b2 * c0;
  const bc03 = b0 * c3 - b3 * c0;
  const bc12 = b1 * c2 - b2 * c1;
  const bc13 = b1 * c3 - b3 * c1;
  const bc23 = b2 * c3 - b3 * c2;
  for (let part = 0; part < 2; part++) {
    const A0 = A[part];
    const A1 = A[2 + part];
    const A2 = A[4 + part];
    const A3 = A[6 + part];
    // X_0 = ε_{0123}(A1 bc23 − A2 bc13 + A3 bc12)
    const X0 = A1 * bc23 - A2 * bc13 + A3 * bc12;
    // X_1 = ε_{1023}… = −(A0 bc23 − A2 bc03 + A3 bc02)
    const X1 = -(A0 * bc23 - A2 * bc03 + A3 * bc02);
    // X_2 = +(A0 bc13 − A1 bc03 + A3 bc01)
    const X2 = A0 * bc13 - A1 * bc03 + A3 * bc01;
    // X_3 = −(A0 bc12 − A1 bc02 + A2 bc01)
    const X3 = -(A0 * bc12 - A1 * bc02 + A2 * bc01);
    // raise the index: X^0 = X_0, X^i = −X_i
    out[part] = X0;
    out[2 + part] = -X1;
    out[4 + part] = -X2;
    out[6 + part] = -X3;
  }
}

/**
 * HistFactory interpolation of systematic variations (K. Cranmer et al., CERN-OPEN-2012-016, §2;
 * pyhf's `interpcode` settings): for a nuisance parameter α with variations at α = ±1,
 *  - normsys (multiplicative factor): code 1 = exponential, f = hi^α (α ≥ 0), lo^−α (α < 0), a
 *    log-normal constraint on the yield; code 4 = the same outside |α| < 1 and, inside, the
 *    6th-order polynomial 1 + Σ aᵢαⁱ that matches f, f′ and f″ of the exponential at α = ±1;
 *  - histosys (additive shift of the yield): code 0 = piecewise linear; code 4p = linear outside
 *    |α| ≤ 1 and inside Δ = α·(S + α·A·(15 − 10α² + 3α⁴)), S = (Δ₊ + Δ₋)/2, A = (Δ₊ − Δ₋)/16,
 *    which joins the linear pieces with continuous first and second derivatives.
 * pyhf's defaults are normsys code 4 and histosys code 4p (pyhf/pdf.py `default_modifier_settings`).
 * Every function returns the value and writes the first and second derivatives into `d`.
 */

/** [f', f''] scratch returned by the evaluators */
export type Derivs = Float64Array;

/** the six coefficients a₁…a₆ of the code-4 polynomial for factors (hi, lo) at α = ±1 */
export function code4Coefficients(hi: number, lo: number): Float64Array {
  const lh = Math.log(hi);
  const ll = Math.log(lo);
  // rows: f(1), f(−1), f'(1), f'(−1), f''(1), f''(−1) of 1 + Σ aᵢ αⁱ
  const m: number[][] = [];
  const rhs = [hi - 1, lo - 1, hi * lh, -lo * ll, hi * lh * lh, lo * ll * ll];
  for (const [x, order] of [
    [1, 0],
    [-1, 0],
    [1, 1],
    [-1, 1],
    [1, 2],
    [-1, 2],
  ] as const) {
    const row: number[] = [];
    for (let i = 1; i <= 6; i++) {
      if (order === 0) row.push(x ** i);
      else if (order === 1) row.push(i * x ** (i - 1));
      else row.push(i >= 2 ? i * (i - 1) * x ** (i - 2) : 0);
    }
    m.push(row);
  }
  return new Float64Array(solveDense(m, rhs));
}

/** Gaussian elimination with partial pivoting (small systems built once) */
export function solveDense(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((r, i) => [...r, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((r, i) => r[n] / r[i]);
}

/** normsys code 1 (exponential) */
export function normsysCode1(alpha: number, hi: number, lo: number, d: Derivs): number {
  return normsysCode1Ln(alpha, Math.log(hi), -Math.log(lo), d);
}

/** normsys code 1 with the logarithms precomputed: lnHi = ln hi, negLnLo = −ln lo */
export function normsysCode1Ln(alpha: number, lnHi: number, negLnLo: number, d: Derivs): number {
  const l = alpha >= 0 ? lnHi : negLnLo;
  const f = Math.exp(alpha * l);
  d[0] = f * l;
  d[1] = f * l * l;
  return f;
}

/** normsys code 4 (polynomial inside |α| < 1, exponential outside); coef from code4Coefficients */
export function normsysCode4(
  alpha: number,
  hi: number,
  lo: number,
  coef: Float64Array,
  offset: number,
  d: Derivs,
): number {
  if (alpha >= 1 || alpha <= -1) return normsysCode1(alpha, hi, lo, d);
  const a1 = coef[offset];
  const a2 = coef[offset + 1];
  const a3 = coef[offset + 2];
  const a4 = coef[offset + 3];
  const a5 = coef[offset + 4];
  const a6 = coef[offset + 5];
  const x = alpha;
  d[0] = a1 + x * (2 * a2 + x * (3 * a3 + x * (4 * a4 + x * (5 * a5 + x * 6 * a6))));
  d[1] = 2 * a2 + x * (6 * a3 + x * (12 * a4 + x * (20 * a5 + x * 30 * a6)));
  return 1 + x * (a1 + x * (a2 + x * (a3 + x * (a4 + x * (a5 + x * a6)))));
}

/** histosys code 0 (piecewise linear): shift of the yield; up = hi − nominal, down = nominal − lo */
export function histosysCode0(alpha: number, up: number, down: number, d: Derivs): number {
  const s = alpha >= 0 ? up : down;
  d[0] = s;
  d[1] = 0;
  return alpha * s;
}

/** histosys code 4p (linear outside |α| ≤ 1, smooth polynomial inside) */
export function histosysCode4p(alpha: number, up: number, down: number, d: Derivs): number {
  if (alpha > 1 || alpha < -1) return histosysCode0(alpha, up, down, d);
  const s = 0.5 * (up + down);
  const a = 0.0625 * (up - down);
  const x2 = alpha * alpha;
  d[0] = s + a * alpha * (30 - 40 * x2 + 18 * x2 * x2);
  d[1] = a * (30 - 120 * x2 + 90 * x2 * x2);
  return alpha * s + a * x2 * (15 - 10 * x2 + 3 * x2 * x2);
}

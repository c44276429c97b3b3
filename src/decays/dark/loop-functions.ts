/**
 * One-loop functions of the decays of a light (pseudo)scalar into two photons, in terms of
 * x = 4m²_loop/M² (M the decaying particle's mass, m_loop the particle in the loop):
 *   f(x) = arcsin(1/√x)                                    for x ≥ 1,
 *   f(x) = π/2 + (i/2)·ln[(1 + √(1−x))/(1 − √(1−x))]        for x < 1,
 * and, with F(x) = f(x)² (the f of [Djouadi2008] for scalars, the f² of [Bauer2017] for ALPs: the same function):
 *   B₁(x)  = 1 − x·F(x)                  pseudoscalar, fermion loop   (→ 1 for x → 0, → 0 for x → ∞)
 *   A½(x)  = 2x·[1 + (1 − x)·F(x)]        scalar, fermion loop         (→ 4/3 for x → ∞, → 0 for x → 0)
 *   A₁(x)  = −[2 + 3x + 3x(2 − x)·F(x)]   scalar, W loop               (→ −7 for x → ∞)
 * For x ≥ 10³ (heavy loops) the closed forms lose digits to cancellation (x·F → 1); their series in
 * u = 1/x are used instead (from arcsin²y = Σ (2y)^{2n}/(2n²C(2n,n)), truncation error below 10⁻⁹):
 *   B₁ = −(u/3 + 8u²/45 + 4u³/35),  A½ = 4/3 + 14u/45 + 8u²/63 + 104u³/1575,
 *   A₁ = −(7 + 22u/15 + 76u²/105 + 232u³/525).
 * Complex numbers as [re, im] pairs.
 */

/** above this x the heavy-loop series are used */
export const HEAVY_LOOP_X = 1e3;

export type Complex = [number, number];

/** F(x) = f(x)² as [re, im] */
export function loopF(x: number): Complex {
  if (!(x > 0)) throw new RangeError(`loop function: expected x = 4m²/M² > 0, got ${x}`);
  if (x >= 1) {
    const a = Math.asin(1 / Math.sqrt(x));
    return [a * a, 0];
  }
  const r = Math.sqrt(1 - x);
  const half = Math.PI / 2;
  const l = 0.5 * Math.log((1 + r) / (1 - r));
  // (π/2 + i l)² = π²/4 − l² + i π l
  return [half * half - l * l, 2 * half * l];
}

export function loopB1(x: number): Complex {
  if (x >= HEAVY_LOOP_X) {
    const u = 1 / x;
    return [-(u / 3 + (8 * u * u) / 45 + (4 * u * u * u) / 35), 0];
  }
  const [fr, fi] = loopF(x);
  return [1 - x * fr, -x * fi];
}

export function loopAHalf(x: number): Complex {
  if (x >= HEAVY_LOOP_X) {
    const u = 1 / x;
    return [4 / 3 + (14 * u) / 45 + (8 * u * u) / 63 + (104 * u * u * u) / 1575, 0];
  }
  const [fr, fi] = loopF(x);
  return [2 * x * (1 + (1 - x) * fr), 2 * x * (1 - x) * fi];
}

export function loopA1(x: number): Complex {
  if (x >= HEAVY_LOOP_X) {
    const u = 1 / x;
    return [-(7 + (22 * u) / 15 + (76 * u * u) / 105 + (232 * u * u * u) / 525), 0];
  }
  const [fr, fi] = loopF(x);
  const c = 3 * x * (2 - x);
  return [-(2 + 3 * x + c * fr), -c * fi];
}

export function abs2(z: Complex): number {
  return z[0] * z[0] + z[1] * z[1];
}

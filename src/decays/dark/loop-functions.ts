/**
 * One-loop functions of the decays of a light (pseudo)scalar into two photons, in terms of
 * x = 4m²_loop/M² (M the decaying particle's mass, m_loop the particle in the loop):
 *   f(x) = arcsin(1/√x)                                    for x ≥ 1,
 *   f(x) = π/2 + (i/2)·ln[(1 + √(1−x))/(1 − √(1−x))]        for x < 1,
 * and, with F(x) = f(x)² (the f of [Djouadi2008] for scalars, the f² of [Bauer2017] for ALPs: the same function):
 *   B₁(x)  = 1 − x·F(x)                  pseudoscalar, fermion loop   (→ 1 for x → 0, → 0 for x → ∞)
 *   A½(x)  = 2x·[1 + (1 − x)·F(x)]        scalar, fermion loop         (→ 4/3 for x → ∞, → 0 for x → 0)
 *   A₁(x)  = −[2 + 3x + 3x(2 − x)·F(x)]   scalar, W loop               (→ −7 for x → ∞)
 * Complex numbers as [re, im] pairs.
 */

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
  const [fr, fi] = loopF(x);
  return [1 - x * fr, -x * fi];
}

export function loopAHalf(x: number): Complex {
  const [fr, fi] = loopF(x);
  return [2 * x * (1 + (1 - x) * fr), 2 * x * (1 - x) * fi];
}

export function loopA1(x: number): Complex {
  const [fr, fi] = loopF(x);
  const c = 3 * x * (2 - x);
  return [-(2 + 3 * x + c * fr), -c * fi];
}

export function abs2(z: Complex): number {
  return z[0] * z[0] + z[1] * z[1];
}

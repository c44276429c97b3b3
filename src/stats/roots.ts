/** One-dimensional root finding for monotone functions (Illinois regula falsi with bisection guard). */

/** root of f on [lo, hi] where f(lo) and f(hi) differ in sign; tolerance relative to |x| (≥ 1e-12) */
export function findRoot(
  f: (x: number) => number,
  lo: number,
  hi: number,
  rtol = 1e-10,
  maxIter = 200,
): number {
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (Math.sign(fa) === Math.sign(fb)) throw new Error(`findRoot: no sign change on [${lo}, ${hi}]`);
  let side = 0;
  for (let i = 0; i < maxIter; i++) {
    let c = (a * fb - b * fa) / (fb - fa);
    if (!(c > Math.min(a, b) && c < Math.max(a, b))) c = 0.5 * (a + b);
    if (i % 8 === 7) c = 0.5 * (a + b); // guarantee progress
    const fc = f(c);
    if (fc === 0 || Math.abs(b - a) < rtol * Math.max(1e-12, Math.abs(c))) return c;
    if (Math.sign(fc) === Math.sign(fb)) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return 0.5 * (a + b);
}

/** expand [lo, hi] upward (hi ×2) until f changes sign; f(lo) must have the sign of "inside" */
export function bracketUp(f: (x: number) => number, lo: number, hi: number, maxDoublings = 60): number {
  const s = Math.sign(f(lo));
  let h = hi;
  for (let i = 0; i < maxDoublings; i++) {
    if (Math.sign(f(h)) !== s) return h;
    h *= 2;
  }
  throw new Error(`bracketUp: no sign change up to ${h}`);
}

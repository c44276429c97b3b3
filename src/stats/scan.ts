/**
 * Robust limit finding on scanned CLs values. Toy-based CLs is noisy and need not decrease
 * monotonically with the POI; instead of failing (pyhf's toy scans do), the values are first made
 * non-increasing by isotonic regression (pool-adjacent-violators, weights = toys per point), then
 * the crossing with 1 − CL is interpolated linearly in ln CLs between the bracketing points.
 */

/** least-squares non-increasing fit to y (pool adjacent violators) */
export function isotonicDecreasing(y: ArrayLike<number>, w?: ArrayLike<number>): number[] {
  const n = y.length;
  const val: number[] = [];
  const wt: number[] = [];
  const len: number[] = [];
  for (let i = 0; i < n; i++) {
    val.push(y[i]);
    wt.push(w ? w[i] : 1);
    len.push(1);
    while (val.length > 1 && val[val.length - 2] < val[val.length - 1]) {
      const v2 = val.pop()!;
      const w2 = wt.pop()!;
      const l2 = len.pop()!;
      const j = val.length - 1;
      const ws = wt[j] + w2;
      val[j] = (val[j] * wt[j] + v2 * w2) / ws;
      wt[j] = ws;
      len[j] += l2;
    }
  }
  const out: number[] = [];
  val.forEach((v, j) => {
    for (let k = 0; k < len[j]; k++) out.push(v);
  });
  return out;
}

export interface Crossing {
  /** the POI where CLs = alpha (NaN when not bracketed) */
  value: number;
  /** "ok", or where the crossing lies when the scan does not bracket it */
  status: "ok" | "below" | "above";
  /** "ok": the bracketing scan points i − 1 and i, and the smoothed CLs there (y0 > alpha ≥ y1) */
  bracket?: { i: number; y0: number; y1: number };
}

/** where the (smoothed) CLs curve crosses alpha; xs ascending */
export function crossing(
  xs: ArrayLike<number>,
  cls: ArrayLike<number>,
  alpha: number,
  w?: ArrayLike<number>,
): Crossing {
  const y = isotonicDecreasing(cls, w);
  const n = y.length;
  if (n === 0) return { value: Number.NaN, status: "above" };
  if (y[0] <= alpha) {
    // the first point may sit exactly on a plateau: walk back is impossible, report below
    return { value: Number.NaN, status: "below" };
  }
  for (let i = 1; i < n; i++) {
    if (y[i] <= alpha) {
      const x0 = xs[i - 1];
      const x1 = xs[i];
      const y0 = y[i - 1];
      const y1 = y[i];
      let t: number;
      if (y1 > 0 && y0 > 0 && y0 !== y1) t = Math.log(y0 / alpha) / Math.log(y0 / y1);
      else if (y0 !== y1) t = (y0 - alpha) / (y0 - y1);
      else t = 0;
      const linear = x0 + t * (x1 - x0);
      // ln CLs is smooth and curved: refine with the parabola through a third neighbouring point
      const j = i + 1 < n && (i - 2 < 0 || xs[i + 1] - x1 <= x0 - xs[i - 2]) ? i + 1 : i - 2;
      if (j >= 0 && j < n && y[j] > 0 && y1 > 0 && y0 !== y1 && y[j] !== y0 && y[j] !== y1) {
        const q = quadraticRoot(
          [x0, x1, xs[j]],
          [Math.log(y0), Math.log(y1), Math.log(y[j])],
          Math.log(alpha),
          x0,
          x1,
        );
        if (Number.isFinite(q)) return { value: q, status: "ok", bracket: { i, y0, y1 } };
      }
      return { value: linear, status: "ok", bracket: { i, y0, y1 } };
    }
  }
  return { value: Number.NaN, status: "above" };
}

/** the root in [a, b] of the parabola through (xs, ys) minus c (NaN if none or not unique) */
function quadraticRoot(xs: number[], ys: number[], c: number, a: number, b: number): number {
  const [x0, x1, x2] = xs;
  const [y0, y1, y2] = ys;
  // Newton form: p(x) = y0 + d1 (x − x0) + d2 (x − x0)(x − x1)
  const d1 = (y1 - y0) / (x1 - x0);
  const d2 = ((y2 - y1) / (x2 - x1) - d1) / (x2 - x0);
  // p(x) − c = A u² + B u + C with u = x − x0
  const A = d2;
  const B = d1 - d2 * (x1 - x0);
  const C = y0 - c;
  const roots: number[] = [];
  if (Math.abs(A) < 1e-14 * Math.abs(B)) roots.push(-C / B);
  else {
    const disc = B * B - 4 * A * C;
    if (disc < 0) return Number.NaN;
    const sq = Math.sqrt(disc);
    const qq = -0.5 * (B + Math.sign(B || 1) * sq);
    roots.push(qq / A, C / qq);
  }
  const inside = roots.map((u) => x0 + u).filter((x) => x >= a && x <= b);
  return inside.length === 1 ? inside[0] : Number.NaN;
}

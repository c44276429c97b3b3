/** Four-momentum checks shared by the decay tests. */

/** the first n particles of a set of four-vector columns (e, px, py, pz) */
interface Columns {
  e: ArrayLike<number>;
  px: ArrayLike<number>;
  py: ArrayLike<number>;
  pz: ArrayLike<number>;
}

/** imbalance of the first n particles of v against a parent of mass M at rest: max(|ΣE − M|, |Σp|) */
export function restFrameImbalance(v: Columns, n: number, M: number): number {
  let e = 0;
  let px = 0;
  let py = 0;
  let pz = 0;
  for (let i = 0; i < n; i++) {
    e += v.e[i];
    px += v.px[i];
    py += v.py[i];
    pz += v.pz[i];
  }
  return Math.max(Math.abs(e - M), Math.hypot(px, py, pz));
}

/**
 * Closest approach of two straight lines x = x₀ + tx·(z − z₀), y = y₀ + ty·(z − z₀): the distance
 * (CDA) and the midpoint of the two closest points (the vertex). Written into a scratch array, no
 * allocation: out[0] = CDA, out[1..3] = vertex x, y, z.
 */
export function closestApproach(
  xa: number,
  ya: number,
  za: number,
  txa: number,
  tya: number,
  xb: number,
  yb: number,
  zb: number,
  txb: number,
  tyb: number,
  out: Float64Array,
): void {
  // directions d = (tx, ty, 1); w = Pa − Pb
  const wx = xa - xb;
  const wy = ya - yb;
  const wz = za - zb;
  const a = txa * txa + tya * tya + 1;
  const b = txa * txb + tya * tyb + 1;
  const c = txb * txb + tyb * tyb + 1;
  const d = txa * wx + tya * wy + wz;
  const e = txb * wx + tyb * wy + wz;
  const D = a * c - b * b;
  let s = 0;
  let t = 0;
  if (D > 1e-18) {
    s = (b * e - c * d) / D;
    t = (a * e - b * d) / D;
  } else {
    t = e / c; // parallel lines
  }
  const x1 = xa + s * txa;
  const y1 = ya + s * tya;
  const z1 = za + s;
  const x2 = xb + t * txb;
  const y2 = yb + t * tyb;
  const z2 = zb + t;
  const dx = x1 - x2;
  const dy = y1 - y2;
  const dz = z1 - z2;
  out[0] = Math.sqrt(dx * dx + dy * dy + dz * dz);
  out[1] = 0.5 * (x1 + x2);
  out[2] = 0.5 * (y1 + y2);
  out[3] = 0.5 * (z1 + z2);
}

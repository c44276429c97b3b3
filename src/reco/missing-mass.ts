/**
 * Squared missing mass m²miss = (P_K − P_track)² for a kaon and a track given by momentum magnitude
 * and slopes (tx = px/pz, ty = py/pz), each with its mass hypothesis. The three NA62 versions differ
 * only in the inputs: GTK kaon and STRAW momentum; GTK kaon and RICH momentum; nominal beam and
 * STRAW momentum ([NA62-PNN-2018]).
 */
export function missingMass2(
  pK: number,
  txK: number,
  tyK: number,
  mK: number,
  p: number,
  tx: number,
  ty: number,
  m: number,
): number {
  const nK = pK / Math.sqrt(1 + txK * txK + tyK * tyK);
  const n = p / Math.sqrt(1 + tx * tx + ty * ty);
  const ex = nK * txK - n * tx;
  const ey = nK * tyK - n * ty;
  const ez = nK - n;
  const E = Math.sqrt(pK * pK + mK * mK) - Math.sqrt(p * p + m * m);
  return E * E - ex * ex - ey * ey - ez * ez;
}

/** angle between two directions given by slopes (rad) */
export function angleBetween(txa: number, tya: number, txb: number, tyb: number): number {
  const ca = 1 / Math.sqrt(1 + txa * txa + tya * tya);
  const cb = 1 / Math.sqrt(1 + txb * txb + tyb * tyb);
  const dot = ca * cb * (txa * txb + tya * tyb + 1);
  // cross product magnitude for precision at small angles
  const cx = tya - tyb;
  const cy = txb - txa;
  const cz = txa * tyb - tya * txb;
  const cr = ca * cb * Math.sqrt(cx * cx + cy * cy + cz * cz);
  return Math.atan2(cr, dot);
}

/**
 * The four dipoles of the K12 beam achromat (conditions/detector/geometry.json `achromat`): uniform
 * vertical-bend field regions. B5 and B6, between GTK2 and GTK3 ([S] KaonDecaySelection.cc: B5
 * 93.36–95.86 m, B6 96.96–99.46 m, B = 1.6678 T), deflect a positive particle towards +y and −y;
 * B3 and B4, between GTK1 and GTK2 (UNCONFIRMED positions: the mirror image of B5/B6 about GTK2),
 * towards −y and +y, so that the beam is 60 mm below the axis and parallel at GTK2. A 75 GeV/c kaon displaced by −60 mm at GTK2 is
 * brought back onto the axis (the achromat's closure); a pion from a kaon decay upstream of (or
 * inside) them is swept by 1.25 GeV/c / p instead of 1.25 / 75 GeV/c: this is how NA62's upstream
 * pions reach the decay volume far from the beam axis ("snakes" and "mambas").
 *
 * Propagation: a uniform field of length ℓ traversed gives the transverse kick Δp_y = q·0.29979·B·ℓ
 * (GeV/c, T, m); in the paraxial limit a thin-lens kick at the centre of the traversed part gives
 * the exact exit position and slope (the arc's sagitta is ℓ·Δθ/2). Particles outside the dipole gap
 * (|x| > halfX or |y| > halfY at a field-region boundary) are absorbed.
 */
import type { Geometry } from "./geometry.ts";

/** p_T kick (GeV/c) of a field B (T) over a length L (mm) */
export function fieldKick(bTesla: number, lengthMm: number): number {
  return 0.299792458 * bTesla * lengthMm * 1e-3;
}

export class Achromat {
  readonly zStart: Float64Array;
  readonly zEnd: Float64Array;
  /** signed full kick (GeV/c along +y for charge +1) of each region */
  readonly kick: Float64Array;
  readonly halfX: number;
  readonly halfY: number;
  /** downstream end of the last field region */
  readonly zExit: number;

  constructor(g: Geometry) {
    const a = g.achromat;
    const n2 = a.zStart.length;
    if (a.zEnd.length !== n2 || a.polarity.length !== n2)
      throw new Error("geometry.json: achromat zStart, zEnd and polarity need the same length");
    const n1 = a.firstPairZStart.length;
    if (a.firstPairZEnd.length !== n1 || a.firstPairPolarity.length !== n1)
      throw new Error(
        "geometry.json: achromat firstPairZStart, firstPairZEnd and firstPairPolarity need the same length",
      );
    // every field region, upstream first: B3, B4 (between GTK1 and GTK2), then B5, B6
    const zs = [...a.firstPairZStart, ...a.zStart];
    const ze = [...a.firstPairZEnd, ...a.zEnd];
    const pol = [...a.firstPairPolarity, ...a.polarity];
    const n = zs.length;
    this.zStart = Float64Array.from(zs);
    this.zEnd = Float64Array.from(ze);
    this.kick = Float64Array.from(zs.map((z, i) => pol[i] * fieldKick(a.field, ze[i] - z)));
    for (let i = 0; i < n; i++)
      if (!(this.zEnd[i] > this.zStart[i]) || (i > 0 && this.zStart[i] < this.zEnd[i - 1]))
        throw new Error("geometry.json: achromat regions must be ordered and non-empty");
    this.halfX = a.halfX;
    this.halfY = a.halfY;
    this.zExit = this.zEnd[n - 1];
  }

  /** start of the first field region that begins at or downstream of z (zExit if none) */
  firstStartAfter(z: number): number {
    for (let i = 0; i < this.zStart.length; i++) if (this.zStart[i] >= z) return this.zStart[i];
    return this.zExit;
  }

  private inGap(x: number, y: number): boolean {
    return Math.abs(x) < this.halfX && Math.abs(y) < this.halfY;
  }

  /**
   * Propagate s = [x, y, z, px, py, pz] (mm, GeV/c) of a particle of charge q downstream to zOut
   * (≥ s[2]) through the field regions, in place. Returns false if it leaves the dipole gap.
   */
  propagate(s: Float64Array, q: number, zOut: number): boolean {
    let x = s[0];
    let y = s[1];
    let z = s[2];
    const px = s[3];
    let py = s[4];
    let pz = s[5];
    const p2 = px * px + py * py + pz * pz;
    for (let i = 0; i < this.zStart.length; i++) {
      const zs = this.zStart[i];
      const ze = this.zEnd[i];
      if (ze <= z || zs >= zOut) continue;
      const a = Math.max(zs, z);
      const e = Math.min(ze, zOut);
      // to the entrance of the traversed part
      x += (px / pz) * (a - z);
      y += (py / pz) * (a - z);
      z = a;
      if (a === zs && !this.inGap(x, y)) return false;
      // drift to the centre, kick, drift to the exit
      const zm = 0.5 * (a + e);
      x += (px / pz) * (zm - z);
      y += (py / pz) * (zm - z);
      if (q !== 0) {
        py += (q * this.kick[i] * (e - a)) / (ze - zs);
        pz = Math.sqrt(Math.max(p2 - px * px - py * py, 1e-12));
      }
      x += (px / pz) * (e - zm);
      y += (py / pz) * (e - zm);
      z = e;
      if (!this.inGap(x, y)) return false;
    }
    x += (px / pz) * (zOut - z);
    y += (py / pz) * (zOut - z);
    s[0] = x;
    s[1] = y;
    s[2] = zOut;
    s[4] = py;
    s[5] = pz;
    return true;
  }

  /**
   * The line of a particle of charge q known downstream of the field regions (position x0, y0 at
   * z0 ≥ zExit and momentum px, py, pz there), traced back to z ≤ z0: s = [x, y, z, px, py, pz] at z.
   */
  backtrack(s: Float64Array, q: number, z: number): void {
    let x = s[0];
    let y = s[1];
    let zc = s[2];
    const px = s[3];
    let py = s[4];
    let pz = s[5];
    const p2 = px * px + py * py + pz * pz;
    for (let i = this.zStart.length - 1; i >= 0; i--) {
      const zs = this.zStart[i];
      const ze = this.zEnd[i];
      if (zs >= zc || ze <= z) continue;
      const a = Math.max(zs, z);
      const e = Math.min(ze, zc);
      const zm = 0.5 * (a + e);
      x += (px / pz) * (zm - zc);
      y += (py / pz) * (zm - zc);
      zc = zm;
      if (q !== 0) {
        py -= (q * this.kick[i] * (e - a)) / (ze - zs);
        pz = Math.sqrt(Math.max(p2 - px * px - py * py, 1e-12));
      }
    }
    x += (px / pz) * (z - zc);
    y += (py / pz) * (z - zc);
    s[0] = x;
    s[1] = y;
    s[2] = z;
    s[4] = py;
    s[5] = pz;
  }
}

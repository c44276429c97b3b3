/**
 * Histograms from an analysis's dense tallies: shards sum plain Float64Arrays (bins without under-
 * and overflow, row-major for 2D), the merge turns them into ROOT-layout histograms (src/io) scaled
 * to expected events, adding the squares of the scaled contents as errors.
 */
import type { Hist1D, Hist2D } from "../../io/histogram.ts";

/** add a dense 1D tally (nx bins) into h, scaled */
export function addDense1(h: Hist1D, src: ArrayLike<number>, scale: number): void {
  const nx = h.x.n;
  if (src.length !== nx) throw new RangeError(`histogram ${h.name}: ${src.length} bins for ${nx}`);
  for (let i = 0; i < nx; i++) {
    const v = src[i] * scale;
    h.sumw[i + 1] += v;
    h.sumw2[i + 1] += v * v;
  }
}

/** add a dense 2D tally ([ix·ny + iy], no under/overflow) into h, scaled */
export function addDense2(h: Hist2D, src: ArrayLike<number>, scale: number): void {
  const nx = h.x.n;
  const ny = h.y.n;
  if (src.length !== nx * ny) throw new RangeError(`histogram ${h.name}: ${src.length} bins for ${nx}×${ny}`);
  const stride = nx + 2;
  for (let ix = 0; ix < nx; ix++) {
    for (let iy = 0; iy < ny; iy++) {
      const v = src[ix * ny + iy] * scale;
      if (v === 0) continue;
      const g = ix + 1 + stride * (iy + 1);
      h.sumw[g] += v;
      h.sumw2[g] += v * v;
    }
  }
}

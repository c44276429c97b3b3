/**
 * Histograms as ROOT JSON (TBufferJSON): JSROOT's TH1D/TH2D objects serialised with its toJSON, which
 * JSROOT draws and ROOT reads with TBufferJSON::FromJSON<TH1D>. Statistics (fTsumw, fTsumwx, ...) are
 * computed from bin centres over the visible bins, as ROOT's ResetStats does.
 */
import { createHistogram, toJSON } from "jsroot/core";
import { type Axis, binEdge, type Hist } from "./histogram.ts";

// biome-ignore lint/suspicious/noExplicitAny: JSROOT objects are dynamic ROOT class mirrors
function setAxis(ra: any, a: Axis): void {
  ra.fNbins = a.n;
  ra.fXmin = a.lo;
  ra.fXmax = a.hi;
  ra.fXbins = a.edges ? [...a.edges] : [];
  ra.fTitle = a.label;
}

function centre(a: Axis, i: number): number {
  return 0.5 * (binEdge(a, i) + binEdge(a, i + 1));
}

/** the JSROOT object of a histogram (TH1D or TH2D) */
// biome-ignore lint/suspicious/noExplicitAny: JSROOT objects are dynamic ROOT class mirrors
export function toRootObject(h: Hist): Record<string, any> {
  const r = h.kind === "h1" ? createHistogram("TH1D", h.x.n) : createHistogram("TH2D", h.x.n, h.y.n);
  r.fName = h.name;
  r.fTitle = h.title;
  setAxis(r.fXaxis, h.x);
  if (h.kind === "h2") {
    setAxis(r.fYaxis, h.y);
    r.fZaxis.fTitle = h.zLabel;
  } else {
    r.fYaxis.fTitle = h.yLabel;
  }
  r.fArray = Array.from(h.sumw);
  r.fSumw2 = Array.from(h.sumw2);
  r.fEntries = h.entries;
  let sw = 0;
  let sw2 = 0;
  let swx = 0;
  let swx2 = 0;
  let swy = 0;
  let swy2 = 0;
  let swxy = 0;
  if (h.kind === "h1") {
    for (let i = 1; i <= h.x.n; i++) {
      const w = h.sumw[i];
      const x = centre(h.x, i);
      sw += w;
      sw2 += h.sumw2[i];
      swx += w * x;
      swx2 += w * x * x;
    }
  } else {
    const nx = h.x.n + 2;
    for (let iy = 1; iy <= h.y.n; iy++) {
      const y = centre(h.y, iy);
      for (let ix = 1; ix <= h.x.n; ix++) {
        const w = h.sumw[ix + nx * iy];
        const x = centre(h.x, ix);
        sw += w;
        sw2 += h.sumw2[ix + nx * iy];
        swx += w * x;
        swx2 += w * x * x;
        swy += w * y;
        swy2 += w * y * y;
        swxy += w * x * y;
      }
    }
    r.fTsumwy = swy;
    r.fTsumwy2 = swy2;
    r.fTsumwxy = swxy;
  }
  r.fTsumw = sw;
  r.fTsumw2 = sw2;
  r.fTsumwx = swx;
  r.fTsumwx2 = swx2;
  return r;
}

/** ROOT JSON text of a histogram */
export function histToRootJson(h: Hist): string {
  return toJSON(toRootObject(h), 1);
}

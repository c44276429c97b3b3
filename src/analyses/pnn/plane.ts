/**
 * The regions of NA62's (p_π, m²miss) plane as plot outlines (src/io/plot.ts), from a period's
 * selection parameters (conditions/analyses/pnn/selection.json "regions" and "track"): the signal
 * regions R1 and R2 (solid red), the background regions — K⁺→μ⁺ν below its band edge
 * m²(Kμ2, π hypothesis)(p) + 3σ, K⁺→π⁺π⁰, K⁺→π⁺π⁺π⁻ — (dashed dark grey) and the control regions
 * CR1 and CR2 between them (dotted orange). The m²miss bands of the same regions serve 1D plots.
 */
import type { Band, Region } from "../../io/plot.ts";
import type { SelectionParams } from "./conditions.ts";
import { RegionClassifier } from "./regions.ts";

const SIGNAL = "#e00000";
const BACKGROUND = "#222222";
const CONTROL = "#e66100";
const DOTTED = "2,3";

/**
 * Region outlines in the (p [GeV/c], m²miss [GeV²/c⁴]) plane, drawn in this order (control, then
 * background, then signal regions on top: they share edges). The μ⁺ν region is drawn as its upper
 * edge (the Kμ2 band edge), the π⁺π⁺π⁻ region as its lower edge; `m2Top` is the upper end of the
 * plot's m²miss axis (labels stay below it).
 */
export function planeRegions(params: SelectionParams, m2Top: number): Region[] {
  const r = params.regions;
  const t = params.track;
  const p0 = t.pMin;
  const p1 = Math.max(t.pMaxR1, t.pMaxR2);
  const mid = (y0: number, y1: number) => (y0 + y1) / 2;
  // the Kμ2 band edge, sampled every 0.5 GeV/c
  const cls = new RegionClassifier(params);
  const edge: [number, number][] = [];
  for (let p = p0; p <= p1 + 1e-9; p += 0.5) edge.push([p, cls.kmu2M2(p) + 3 * r.kmu2Sigma]);
  return [
    {
      label: "CR1",
      x: [p0, p1],
      y: [r.r1High, r.pipiLow],
      color: CONTROL,
      dashed: DOTTED,
      labelAt: [p1 + 0.4, mid(r.r1High, r.pipiLow)],
    },
    {
      label: "CR2",
      x: [p0, p1],
      y: [r.pipiHigh, r.r2Low],
      color: CONTROL,
      dashed: DOTTED,
      labelAt: [p1 + 0.4, mid(r.pipiHigh, r.r2Low)],
    },
    {
      label: "μ⁺ν",
      polygon: edge,
      open: true,
      color: BACKGROUND,
      dashed: true,
      labelAt: [p1 - 0.5, cls.kmu2M2(p1) + 3 * r.kmu2Sigma - 0.016],
      labelAnchor: "end",
    },
    {
      label: "π⁺π⁺π⁻",
      polygon: [
        [p0, r.k3piLow],
        [p1, r.k3piLow],
      ],
      open: true,
      color: BACKGROUND,
      dashed: true,
      labelAt: [p1 - 0.5, Math.min(r.k3piLow + 0.009, m2Top)],
      labelAnchor: "end",
    },
    {
      label: "π⁺π⁰",
      x: [p0, p1],
      y: [r.pipiLow, r.pipiHigh],
      color: BACKGROUND,
      dashed: true,
      labelAt: [p0 - 0.4, mid(r.pipiLow, r.pipiHigh)],
      labelAnchor: "end",
    },
    { label: "R1", x: [p0, t.pMaxR1], y: [r.r1Low, r.r1High], color: SIGNAL },
    { label: "R2", x: [p0, t.pMaxR2], y: [r.r2Low, r.r2High], color: SIGNAL },
  ];
}

/** the m²miss ranges of R1, π⁺π⁰ and R2 as bands of a 1D m²miss plot */
export function m2Bands(params: SelectionParams): Band[] {
  const r = params.regions;
  return [
    { label: "R1", x: [r.r1Low, r.r1High], color: SIGNAL },
    { label: "π⁺π⁰", x: [r.pipiLow, r.pipiHigh], color: "#555" },
    { label: "R2", x: [r.r2Low, r.r2High], color: SIGNAL },
  ];
}

/**
 * The two-track selection of the beam-dump A′→μ⁺μ⁻ search ([NA62-EQCD2024-talk], [NA62-DUMP-2023]):
 * exactly two STRAW tracks of opposite charge with on-time CHOD signals (the dump H2 trigger mask),
 * both identified as muons (LKr + MUV1/2 calorimetric ID × an associated MUV3 hit; RICH unused),
 * a good two-track vertex (reco/vertex-fit.ts) in the fiducial volume, then the pair's total
 * momentum extrapolated back to the beam line: Z_TAX (z of the closest approach) and CDA_TAX,
 * which place the event in the signal, validation or control region. Weights are the products of
 * the detector's probabilities (track quality, PID, trigger).
 */
import type { RecoBatch } from "../../core/reco-batch.ts";
import { darkParams } from "../../decays/dark/index.ts";
import { V, VertexFit } from "../../reco/vertex-fit.ts";
import type { CutFlow } from "../layer/cut-flow.ts";
import { dumpConditions, type Region } from "./conditions.ts";

export const CUTS = [
  "generated",
  "two tracks",
  "opposite charge, CHOD times",
  "muon identification",
  "H2 trigger",
  "vertex in the FV",
  "control region",
  "signal region",
] as const;

/** the (Z_TAX, CDA_TAX) regions, nested: SR ⊂ VR-box ⊂ CR-box; "outside" is beyond the CR */
export const REGION = { SR: 0, VR: 1, CR: 2, OUT: 3, count: 4 } as const;
export const REGION_NAMES = ["SR", "VR", "CR", "outside"] as const;

function inside(r: Region, z: number, cda: number): boolean {
  return cda < r.cdaMax && z > r.zTax[0] && z < r.zTax[1];
}

/** the region of (Z_TAX, CDA_TAX) in mm */
export function regionOf(zTax: number, cdaTax: number): number {
  const s = dumpConditions().selection;
  if (inside(s.signalRegion, zTax, cdaTax)) return REGION.SR;
  if (inside(s.validationRegion, zTax, cdaTax)) return REGION.VR;
  if (inside(s.controlRegion, zTax, cdaTax)) return REGION.CR;
  return REGION.OUT;
}

export class DumpSelection {
  readonly fit: VertexFit;
  /** the last selected event: two-track mass (GeV), Z_TAX, CDA_TAX (mm), region */
  readonly out = { mass: 0, zTax: 0, cdaTax: 0, vz: 0, region: 0 };
  private readonly idx = new Int32Array(2);
  private readonly masses: Float64Array;
  private readonly zFv: [number, number];
  private readonly chi2Max: number;
  private readonly window: number;

  constructor(zStraw1: number) {
    const c = dumpConditions();
    this.fit = new VertexFit(zStraw1);
    const mMu = darkParams().mMu;
    this.masses = new Float64Array([mMu, mMu]);
    this.zFv = c.geometry.zFiducial.value;
    this.chi2Max = c.selection.vertexChi2Max.value;
    this.window = c.background.timeWindow.value;
  }

  /** the selected weight of event i (0 if it fails), filling flow; the event's figures in out */
  select(r: RecoBatch, i: number, flow: CutFlow | null): number {
    flow?.pass(0, 1);
    const tl = r.tracks;
    if (tl.count[i] !== 2) return 0;
    const k0 = tl.offset(i);
    const k1 = k0 + 1;
    let w = tl.eff[k0] * tl.eff[k1];
    flow?.pass(1, w);
    if (tl.q[k0] * tl.q[k1] >= 0) return 0;
    const t0 = tl.t[k0];
    const t1 = tl.t[k1];
    if (!(Math.abs(t0 - t1) < this.window)) return 0;
    flow?.pass(2, w);
    w *= tl.caloMu[k0] * tl.muv3[k0] * tl.caloMu[k1] * tl.muv3[k1];
    if (!(w > 0)) return 0;
    flow?.pass(3, w);
    w *= r.trigH2[i];
    if (!(w > 0)) return 0;
    flow?.pass(4, w);
    const idx = this.idx;
    idx[0] = k0;
    idx[1] = k1;
    const f = this.fit;
    if (!f.fit(tl, idx, 2)) return 0;
    const vz = f.out[V.z];
    if (!(vz > this.zFv[0] && vz < this.zFv[1] && f.out[V.chi2] < this.chi2Max)) return 0;
    flow?.pass(5, w);
    f.kinematics(tl, idx, 2, this.masses);
    f.extrapolate(0, 0, 0, 0, 0, 0);
    const o = this.out;
    o.mass = f.out[V.mass];
    o.zTax = f.out[V.zCda];
    o.cdaTax = f.out[V.cda];
    o.vz = vz;
    o.region = regionOf(o.zTax, o.cdaTax);
    if (o.region !== REGION.OUT) flow?.pass(6, w);
    if (o.region === REGION.SR) flow?.pass(7, w);
    return w;
  }
}

/**
 * The acceptance map of one dark-photon mass: A′ produced at the TAX (production.ts), decayed
 * uniformly in z over [zDecayStart, zDecayEnd], A′ → μ⁺μ⁻ isotropic in its rest frame, the muons
 * through the detector chain of the dump period card (transport, detector, trigger, reconstruction:
 * src/chain stages, no beam particle), then the two-track selection (selection.ts). Each selected
 * event is tallied by u = (z − z_TAX)·m/p in log bins with its v = m/p, so that for any proper decay
 * length cτ the expected signal is one sum over the bins:
 *   Σ_i sel_i · L/λ_i · exp(−(z_i − z_TAX)/λ_i),  λ_i = (p_i/m)·cτ,  L = zDecayEnd − zDecayStart
 *   = (L/cτ) Σ_bins V_b · exp(−ū_b/cτ),  V_b = Σ sel·v, ū_b = Σ sel·v·u / V_b
 * (the lifetime reweighting of limits.ts: one simulation per mass serves every ε).
 */

import { DetectorStage } from "../../chain/detector-stage.ts";
import type { PipelineStage } from "../../chain/pipeline.ts";
import { ReconstructionStage } from "../../chain/reconstruction-stage.ts";
import { chainStreams } from "../../chain/streams.ts";
import { TransportStage } from "../../chain/transport-stage.ts";
import { TriggerStage } from "../../chain/trigger-stage.ts";
import { EventBatch, Status } from "../../core/batch.ts";
import { particleTable } from "../../core/particles.ts";
import { RecoBatch } from "../../core/reco-batch.ts";
import { isotropic } from "../../core/rng/samplers.ts";
import { stream } from "../../core/rng/streams.ts";
import { darkParams } from "../../decays/dark/index.ts";
import { biasing } from "../../detector/biasing.ts";
import { loadPeriod, type PeriodCard } from "../../detector/card.ts";
import { geometry } from "../../detector/geometry.ts";
import { TransportBatch } from "../../detector/transport-batch.ts";
import { fill2, type Hist2D } from "../../io/histogram.ts";
import type { ColumnSpec } from "../../io/table.ts";
import type { CutFlow } from "../layer/cut-flow.ts";
import type { CandidateNtuple } from "../layer/ntuple.ts";
import { dumpConditions } from "./conditions.ts";
import type { DumpSource } from "./production.ts";
import { DumpSelection, REGION, REGION_NAMES } from "./selection.ts";

/** log10-u bins of the acceptance map, u in mm from 1 mm to 10⁶ mm */
export const U_BINS = 1200;
export const U_LOG_MIN = 0;
export const U_LOG_MAX = 6;
/** per-mass fields of the `mass` array: Σsel, Σsel·Δm, Σsel·Δm², generated */
export const MSTAT = 4;
/** the dark photon's PDG code in conditions/particles.json (A′) */
export const PDG_DARK_PHOTON = 9000003;
const BATCH = 256;

/**
 * the candidate ntuple's own columns: the grid mass and the reconstructed μ⁺μ⁻ mass (GeV), the pair's
 * closest approach to the beam line (Z_TAX from the TAX, CDA_TAX; mm), the vertex z and the true
 * decay z (mm), and v = m/p, u = (z − z_TAX)·m/p of the particle: the variables the lifetime
 * reweighting of the acceptance maps uses (accV, accVU). The weight is the selection weight of a
 * decay drawn uniformly in z over the decay volume.
 */
export const DUMP_CANDIDATE_COLUMNS: readonly ColumnSpec[] = [
  { name: "mass_grid", type: "DOUBLE" },
  { name: "mass", type: "DOUBLE" },
  { name: "z_tax", type: "DOUBLE" },
  { name: "cda_tax", type: "DOUBLE" },
  { name: "vtx_z", type: "DOUBLE" },
  { name: "decay_z", type: "DOUBLE" },
  { name: "u", type: "DOUBLE" },
  { name: "v", type: "DOUBLE" },
];

/** the regions whose pairs the candidate ntuple holds (the signal, validation and control regions) */
const NTUPLE_REGIONS = new Set<number>([REGION.SR, REGION.VR, REGION.CR]);

export interface MassTally {
  /** [mass][bin] Σ sel·v and Σ sel·v·u */
  accV: Float64Array;
  accVU: Float64Array;
  /** [mass][MSTAT] */
  mass: Float64Array;
  /** [mass][region] Σ sel (uniform decays) */
  regions: Float64Array;
}

/** event i of b starts at (x, y, z), t = 0, with weight 1 and channel 0 (before its particles are added) */
export function startEvent(b: EventBatch, i: number, x: number, y: number, z: number): void {
  b.vtxX[i] = x;
  b.vtxY[i] = y;
  b.vtxZ[i] = z;
  b.vtxT[i] = 0;
  b.weight[i] = 1;
  b.channel[i] = 0;
}

export function newTally(masses: number): MassTally {
  return {
    accV: new Float64Array(masses * U_BINS),
    accVU: new Float64Array(masses * U_BINS),
    mass: new Float64Array(masses * MSTAT),
    regions: new Float64Array(masses * REGION.count),
  };
}

/** the detector chain of the dump card after generation (no beam particle, no kaon) */
export class DumpChain {
  readonly card: PeriodCard;
  readonly stages: PipelineStage[];
  readonly b = new EventBatch(BATCH);
  readonly tb = new TransportBatch(BATCH);
  readonly r = new RecoBatch(BATCH);
  readonly selection: DumpSelection;
  /** the candidate ntuple the SR, VR and CR pairs go to (labels set by the caller); null: none */
  candidates: CandidateNtuple | null = null;
  private readonly row = new Float64Array(DUMP_CANDIDATE_COLUMNS.length);

  constructor(period: string, overrides: string[]) {
    this.card = loadPeriod(period, overrides);
    if (this.card.mode !== "dump")
      throw new RangeError(
        `period: ${period} is a kaon-mode card; the dump analysis needs a dump card (dump-2021)`,
      );
    const geo = geometry();
    const bias = biasing({});
    this.stages = [
      new TransportStage(geo, this.card, particleTable(), bias),
      new DetectorStage(this.card, geo, bias),
      new TriggerStage(this.card),
      new ReconstructionStage(this.card, geo, "weighted"),
    ];
    this.selection = new DumpSelection(geo.straw.z[0]);
  }

  /**
   * Simulate n particles of one mass (index k of the tally) from the random family `family`:
   * production by `source` (its lab four-momenta), decay position, isotropic decay to μ⁺μ⁻, chain,
   * selection, tallies. `pdg` is the particle's code in conditions/particles.json (A′ by default).
   */
  simulateMass(
    seed: number,
    family: number,
    k: number,
    mass: number,
    n: number,
    tally: MassTally,
    flow: CutFlow,
    zCda: Hist2D | null,
    source: DumpSource,
    pdg = PDG_DARK_PHOTON,
  ): void {
    const c = dumpConditions();
    const prod = source;
    const rng = stream(seed, family, "dump-production");
    const s = chainStreams(seed, family);
    const zT = c.geometry.zTax.value;
    const z0 = c.geometry.zDecayStart.value;
    const z1 = c.geometry.zDecayEnd.value;
    const mMu = darkParams().mMu;
    const a = new Float64Array(4);
    const dir = new Float64Array(3);
    const { b, tb, r } = this;
    const pMu = Math.sqrt(0.25 * mass * mass - mMu * mMu);
    const sel = this.selection;
    const vArr = new Float64Array(BATCH);
    const uArr = new Float64Array(BATCH);
    const zArr = new Float64Array(BATCH);
    const nt = this.candidates;
    const row = this.row;
    tally.mass[k * MSTAT + 3] += n;
    for (let done = 0; done < n; ) {
      const m = Math.min(BATCH, n - done);
      b.clear();
      for (let i = 0; i < m; i++) {
        prod.sample(rng, a);
        const z = z0 + (z1 - z0) * rng.uniform();
        const tx = a[0] / a[2];
        const ty = a[1] / a[2];
        const x = tx * (z - zT);
        const y = ty * (z - zT);
        const p = Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
        vArr[i] = mass / p;
        uArr[i] = ((z - zT) * mass) / p;
        zArr[i] = z;
        startEvent(b, i, x, y, z);
        const g0 = b.addParticle(i, pdg, mass, Status.INITIAL, -1, x, y, z, 0);
        b.px[g0] = a[0];
        b.py[g0] = a[1];
        b.pz[g0] = a[2];
        b.e[g0] = a[3];
        // A′ → μ⁺μ⁻, isotropic in the rest frame, boosted along the A′
        isotropic(rng, dir);
        const qx = pMu * dir[0];
        const qy = pMu * dir[1];
        const qz = pMu * dir[2];
        const qe = 0.5 * mass;
        for (const sign of [1, -1]) {
          const g = b.addParticle(i, sign > 0 ? -13 : 13, mMu, Status.FINAL, 0, x, y, z, 0);
          const px = sign * qx;
          const py = sign * qy;
          const pz = sign * qz;
          const pq = a[0] * px + a[1] * py + a[2] * pz;
          const f = (qe + pq / (a[3] + mass)) / mass;
          b.e[g] = (a[3] * qe + pq) / mass;
          b.px[g] = px + f * a[0];
          b.py[g] = py + f * a[1];
          b.pz[g] = pz + f * a[2];
        }
      }
      b.size = m;
      r.reset(m);
      const io = { b, tb, r };
      for (const st of this.stages) st.process(io, 0, m, s);
      for (let i = 0; i < m; i++) {
        const w = sel.select(r, i, flow);
        if (w <= 0) continue;
        const out = sel.out;
        if (zCda) fill2(zCda, out.zTax / 1000, out.cdaTax, w);
        tally.regions[k * REGION.count + out.region] += w;
        if (nt && NTUPLE_REGIONS.has(out.region)) {
          row[0] = mass;
          row[1] = out.mass;
          row[2] = out.zTax;
          row[3] = out.cdaTax;
          row[4] = out.vz;
          row[5] = zArr[i];
          row[6] = uArr[i];
          row[7] = vArr[i];
          nt.add(REGION_NAMES[out.region], done + i, w, row);
        }
        if (out.region !== REGION.SR) continue;
        const dm = out.mass - mass;
        tally.mass[k * MSTAT] += w;
        tally.mass[k * MSTAT + 1] += w * dm;
        tally.mass[k * MSTAT + 2] += w * dm * dm;
        const lu = Math.log10(Math.max(uArr[i], 1e-300));
        const bin = Math.min(
          U_BINS - 1,
          Math.max(0, Math.floor(((lu - U_LOG_MIN) / (U_LOG_MAX - U_LOG_MIN)) * U_BINS)),
        );
        tally.accV[k * U_BINS + bin] += w * vArr[i];
        tally.accVU[k * U_BINS + bin] += w * vArr[i] * uArr[i];
      }
      done += m;
    }
  }
}

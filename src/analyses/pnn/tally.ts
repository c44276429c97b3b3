/**
 * Weighted sums of the K⁺→π⁺νν̄ analysis: what a shard produces and what shards merge into.
 * Per sample: generated weight, weight with the true vertex in the fiducial volume, sums per
 * (region, momentum bin) of the selected weight with and without the trigger and random-veto
 * probabilities (and squared weights for the MC statistical uncertainty), the normalisation
 * (K⁺→π⁺π⁰, control trigger) per bin, a cut flow, and histograms for plots. Merging is an
 * element-wise sum, done in shard order, so results are identical whatever the number of workers.
 */
import { CutFlow } from "../layer/cut-flow.ts";
import { MAX_BINS, N_REGIONS } from "./regions.ts";

/** quantities summed per (region, bin): a = product of the selection probabilities except trigger and RV */
export const Q = {
  /** Σ w·a */
  A: 0,
  /** Σ (w·a)² */
  A2: 1,
  /** Σ w·a·trig */
  AT: 2,
  /** Σ w·a·rv */
  AR: 3,
  /** Σ w·a·trig·rv (the expected-event weight) */
  F: 4,
  /** Σ (w·a·trig·rv)² */
  F2: 5,
  /** number of simulated events with w·a > 0 */
  N: 6,
} as const;
export const NQ = 7;

/** normalisation sums per bin: Σ w·a·trig_control, its square, the event count */
export const NQN = 3;

/** the cut flow of the signal selection (Σ w·probabilities after each step) */
export const CUTS = [
  "generated",
  "true vertex in FV",
  "one positive track",
  "kaon: KTAG, GTK match, CHANTI",
  "vertex: FV, CDA, GTK3, no extra vertex",
  "upstream cut",
  "momentum",
  "π⁺ identification",
  "photon and multiplicity rejection",
  "signal region",
  "PNN trigger",
  "random veto",
] as const;
export const CUT = {
  GENERATED: 0,
  TRUE_FV: 1,
  TRACK: 2,
  KAON: 3,
  VERTEX: 4,
  UPSTREAM: 5,
  MOMENTUM: 6,
  PID: 7,
  PHOTON: 8,
  REGION: 9,
  TRIGGER: 10,
  RV: 11,
} as const;

/** histogram axes: the (p_π, m²miss) plane and the m²miss projection */
export const HIST = { pMin: 10, pMax: 50, nP: 40, m2Min: -0.1, m2Max: 0.15, nM2: 125 } as const;

export interface SampleTallyJson {
  key: string;
  nGen: number;
  wGen: number;
  wFv: number;
  sel: number[];
  norm: number[];
  flow: number[];
  /** Σ (w·probabilities)² per cut (absent in tallies written before it existed) */
  flow2?: number[];
  /** the largest single-event expected-event weight per (region, bin) (absent in older tallies) */
  fMax?: number[];
  hKin: number[];
  hM2: number[];
}

export class SampleTally {
  readonly key: string;
  nGen = 0;
  wGen = 0;
  wFv = 0;
  /** [(region·MAX_BINS + bin)·NQ + q] */
  readonly sel = new Float64Array(N_REGIONS * MAX_BINS * NQ);
  /** [bin·NQN + q] */
  readonly norm = new Float64Array(MAX_BINS * NQN);
  /**
   * [region·MAX_BINS + bin]: the largest w·a·trig·rv of one simulated event (its resampling passes
   * added); merged by maximum, so independent of the number of workers
   */
  readonly fMax = new Float64Array(N_REGIONS * MAX_BINS);
  /** the cut flow of the signal selection (the analysis layer's CutFlow: Σ w and Σ w² per step) */
  readonly cutFlow = new CutFlow(CUTS);
  /** kinematic selection (before PID and photon rejection), w·a, [iP·nM2 + iM2] */
  readonly hKin = new Float64Array(HIST.nP * HIST.nM2);
  /** m²miss after the full selection in the binned momentum range, expected-event weights */
  readonly hM2 = new Float64Array(HIST.nM2);

  constructor(key: string) {
    this.key = key;
  }

  /** Σ w per cut (the cut flow's weights) */
  get flow(): Float64Array {
    return this.cutFlow.sumw;
  }

  get(region: number, bin: number, q: number): number {
    return this.sel[(region * MAX_BINS + bin) * NQ + q];
  }

  /** Σ over bins of quantity q in region r */
  regionSum(region: number, q: number): number {
    let s = 0;
    for (let b = 0; b < MAX_BINS; b++) s += this.sel[(region * MAX_BINS + b) * NQ + q];
    return s;
  }

  add(o: SampleTally): void {
    if (o.key !== this.key) throw new Error(`merge: sample ${o.key} into ${this.key}`);
    this.nGen += o.nGen;
    this.wGen += o.wGen;
    this.wFv += o.wFv;
    addInto(this.sel, o.sel);
    addInto(this.norm, o.norm);
    for (let i = 0; i < this.fMax.length; i++) if (o.fMax[i] > this.fMax[i]) this.fMax[i] = o.fMax[i];
    this.cutFlow.add(o.cutFlow);
    addInto(this.hKin, o.hKin);
    addInto(this.hM2, o.hM2);
  }

  toJSON(): SampleTallyJson {
    return {
      key: this.key,
      nGen: this.nGen,
      wGen: this.wGen,
      wFv: this.wFv,
      sel: Array.from(this.sel),
      norm: Array.from(this.norm),
      flow: Array.from(this.flow),
      flow2: Array.from(this.cutFlow.sumw2),
      fMax: Array.from(this.fMax),
      hKin: Array.from(this.hKin),
      hM2: Array.from(this.hM2),
    };
  }

  static fromJSON(j: SampleTallyJson): SampleTally {
    const t = new SampleTally(j.key);
    t.nGen = j.nGen;
    t.wGen = j.wGen;
    t.wFv = j.wFv;
    copyInto(t.sel, j.sel, `${j.key}.sel`);
    copyInto(t.norm, j.norm, `${j.key}.norm`);
    copyInto(t.flow, j.flow, `${j.key}.flow`);
    if (j.flow2) copyInto(t.cutFlow.sumw2, j.flow2, `${j.key}.flow2`);
    if (j.fMax) copyInto(t.fMax, j.fMax, `${j.key}.fMax`);
    copyInto(t.hKin, j.hKin, `${j.key}.hKin`);
    copyInto(t.hM2, j.hM2, `${j.key}.hM2`);
    return t;
  }
}

function addInto(a: Float64Array, b: Float64Array): void {
  for (let i = 0; i < a.length; i++) a[i] += b[i];
}

function copyInto(a: Float64Array, b: number[], what: string): void {
  if (!Array.isArray(b) || b.length !== a.length) {
    throw new RangeError(
      `tally ${what}: expected ${a.length} numbers, got ${Array.isArray(b) ? b.length : typeof b}`,
    );
  }
  a.set(b);
}

/** the tallies of one period: one SampleTally per sample, in the sample plan's order */
export interface PeriodTallyJson {
  period: string;
  samples: SampleTallyJson[];
}

export class PeriodTally {
  readonly period: string;
  readonly samples: SampleTally[];

  constructor(period: string, keys: readonly string[]) {
    this.period = period;
    this.samples = keys.map((k) => new SampleTally(k));
  }

  sample(key: string): SampleTally {
    const s = this.samples.find((x) => x.key === key);
    if (!s) throw new Error(`no sample "${key}" in the tally of ${this.period}`);
    return s;
  }

  add(o: PeriodTally): void {
    if (o.period !== this.period || o.samples.length !== this.samples.length) {
      throw new Error(`merge: tally of ${o.period} into ${this.period}`);
    }
    for (let i = 0; i < this.samples.length; i++) this.samples[i].add(o.samples[i]);
  }

  toJSON(): PeriodTallyJson {
    return { period: this.period, samples: this.samples.map((s) => s.toJSON()) };
  }

  static fromJSON(j: PeriodTallyJson): PeriodTally {
    const t = new PeriodTally(
      j.period,
      j.samples.map((s) => s.key),
    );
    for (let i = 0; i < j.samples.length; i++) t.samples[i] = SampleTally.fromJSON(j.samples[i]);
    return t;
  }
}

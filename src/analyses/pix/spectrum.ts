/**
 * The m²miss spectrum of the selected events in the signal regions R1 and R2, per sample, on a fine
 * grid: what the K⁺→π⁺X peak search needs from the K⁺→π⁺νν̄ selection. It is filled through the
 * πνν̄ selection's candidate hook (PnnSelection.candidates), so the selection itself is the pnn one,
 * untouched: every R1/R2 row of the selection adds its expected-event weight (w·a·trig·rv, in the
 * sample's own normalisation) to the bin of its m²miss. When the run writes ntuples, every such row is
 * also passed on to the shard's candidate ntuple (the pnn columns), so pix writes the same Parquet
 * rows as pnn: its πνν̄ samples and, with source "signal", its K⁺→π⁺X samples.
 */
import { CandidateNtuple } from "../layer/ntuple.ts";
import { PNN_CANDIDATE_COLUMNS } from "../pnn/candidates.ts";

/** the fine m²miss grid (GeV²/c⁴): covers R1 (0–0.01) and R2 (0.026–0.068) with margins */
export const GRID = { min: -0.005, max: 0.075, n: 800 } as const;
export const GRID_WIDTH = (GRID.max - GRID.min) / GRID.n;

/** the m²miss column's position in the pnn candidate row (candidates.ts) */
const M2_COLUMN = PNN_CANDIDATE_COLUMNS.findIndex((c) => c.name === "m2miss");

const nullSink = { append() {} };

/** a candidate sink that keeps, per sample key, the R1+R2 m²miss spectrum (Σ weight per fine bin) */
export class SpectrumSink extends CandidateNtuple {
  readonly spectra = new Map<string, Float64Array>();
  private current: Float64Array | null = null;
  private readonly out: CandidateNtuple | null;

  /** rows: the shard's candidate ntuple to pass the R1/R2 rows on to (null: spectra only) */
  constructor(rows: CandidateNtuple | null = null) {
    super(nullSink, PNN_CANDIDATE_COLUMNS, 1);
    this.out = rows;
  }

  override setLabels(period: string, sample: string, source: string): void {
    this.out?.setLabels(period, sample, source);
    let h = this.spectra.get(sample);
    if (!h) {
      h = new Float64Array(GRID.n);
      this.spectra.set(sample, h);
    }
    this.current = h;
  }

  override add(category: string, event: number, weight: number, values: ArrayLike<number>): void {
    if (category !== "R1" && category !== "R2") return;
    const h = this.current;
    if (!h) throw new Error("SpectrumSink: add() before setLabels()");
    const k = Math.floor((values[M2_COLUMN] - GRID.min) / GRID_WIDTH);
    if (k >= 0 && k < GRID.n) h[k] += weight;
    this.out?.add(category, event, weight, values);
  }

  override flush(): void {
    this.out?.flush();
  }
}

/** Σ of a fine spectrum over [lo, hi] (GeV²), bins cut at the edges in proportion */
export function integrate(h: ArrayLike<number>, lo: number, hi: number): number {
  if (!(hi > lo)) return 0;
  let s = 0;
  const k0 = Math.max(0, Math.floor((lo - GRID.min) / GRID_WIDTH));
  const k1 = Math.min(GRID.n - 1, Math.floor((hi - GRID.min) / GRID_WIDTH));
  for (let k = k0; k <= k1; k++) {
    const a = GRID.min + k * GRID_WIDTH;
    const b = a + GRID_WIDTH;
    const f = (Math.min(b, hi) - Math.max(a, lo)) / GRID_WIDTH;
    if (f > 0) s += h[k] * f;
  }
  return s;
}

/** the weighted quantile q of a fine spectrum (linear within a bin); NaN when it is empty */
export function quantile(h: ArrayLike<number>, q: number): number {
  let tot = 0;
  for (let k = 0; k < GRID.n; k++) tot += h[k];
  if (!(tot > 0)) return Number.NaN;
  const target = q * tot;
  let c = 0;
  for (let k = 0; k < GRID.n; k++) {
    if (c + h[k] >= target && h[k] > 0) return GRID.min + (k + (target - c) / h[k]) * GRID_WIDTH;
    c += h[k];
  }
  return GRID.max;
}

/**
 * Pile-up resampling: an event whose rare part is the beam pile-up (upstream background: no kaon in
 * the GTK, only a pile-up track can be associated) is re-used K times with fresh pile-up GTK tracks
 * and a fresh association, each pass with weight w/K. The estimate stays unbiased and its variance
 * drops; the MC uncertainty is computed per event — the K passes of one event are added before
 * squaring — so that it is not underestimated by counting the passes as independent events.
 */
import { MAX_BINS, N_REGIONS } from "./regions.ts";
import { NQ, Q, type SampleTally } from "./tally.ts";

export class ResampleRecorder {
  readonly passes: number;
  private cat: Int32Array;
  private f: Float64Array;
  private count: Int32Array;
  private readonly acc = new Float64Array(N_REGIONS * MAX_BINS);

  constructor(passes: number, capacity: number) {
    if (!Number.isInteger(passes) || passes < 1)
      throw new RangeError(`pile-up resamples: expected an integer ≥ 1, got ${passes}`);
    this.passes = passes;
    this.cat = new Int32Array(capacity * passes);
    this.f = new Float64Array(capacity * passes);
    this.count = new Int32Array(capacity);
  }

  /** start a batch of n events */
  reset(n: number): void {
    if (this.count.length < n) {
      this.cat = new Int32Array(n * this.passes);
      this.f = new Float64Array(n * this.passes);
      this.count = new Int32Array(n);
    }
    this.count.fill(0, 0, n);
  }

  /** event i of the current pass lands in category (region·MAX_BINS + bin) with weight f */
  record(i: number, category: number, f: number): void {
    const k = this.count[i];
    if (k >= this.passes) throw new Error(`resample: event ${i} recorded more than ${this.passes} times`);
    this.cat[i * this.passes + k] = category;
    this.f[i * this.passes + k] = f;
    this.count[i] = k + 1;
  }

  /** add Σ over events of (Σ over the event's passes of f)² per category to the tally's F2 (and its largest term to fMax) */
  flush(n: number, t: SampleTally): void {
    const acc = this.acc;
    for (let i = 0; i < n; i++) {
      const m = this.count[i];
      if (m === 0) continue;
      const o = i * this.passes;
      for (let k = 0; k < m; k++) acc[this.cat[o + k]] += this.f[o + k];
      for (let k = 0; k < m; k++) {
        const c = this.cat[o + k];
        const v = acc[c];
        if (v !== 0) {
          t.sel[c * NQ + Q.F2] += v * v;
          if (v > t.fMax[c]) t.fMax[c] = v;
          acc[c] = 0;
        }
      }
    }
  }
}

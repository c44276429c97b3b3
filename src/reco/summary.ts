/**
 * Summary of a simulation run for the command line: weighted yields of the single-track sample
 * (one track in the STRAW, 15 < p < 35 GeV/c, decay vertex in the fiducial volume) and the mean
 * survival probabilities there. All sums are weighted by the generator weight.
 */
import type { EventBatch } from "../core/batch.ts";
import type { RecoBatch } from "../core/reco-batch.ts";
import type { PeriodCard } from "../detector/card.ts";

export interface SummaryResult {
  events: number;
  weightSum: number;
  singleTrack: number;
  means: Record<string, number>;
  table: { name: string; value: string }[];
}

/** the running sums of a summary (plain numbers: they cross worker threads) */
export interface SummaryState {
  events: number;
  w: number;
  wSel: number;
  sums: number[];
}

const KEYS = ["effTrack", "trigPnn", "trigControl", "pidPi", "pidMu", "pv", "mult", "rv"] as const;

export class SimulationSummary {
  private events = 0;
  private w = 0;
  private wSel = 0;
  private readonly sums = new Float64Array(KEYS.length);
  private readonly zMin: number;
  private readonly zMax: number;

  constructor(card: PeriodCard) {
    this.zMin = card.fiducial.zMin;
    this.zMax = card.fiducial.zMax;
  }

  add(b: EventBatch, r: RecoBatch): void {
    for (let i = 0; i < b.size; i++) {
      const w = b.weight[i];
      this.events++;
      this.w += w;
      const p = r.pTrack[i];
      const z = r.zVtx[i];
      if (r.nTracks[i] !== 1 || !(p > 15 && p < 35) || !(z > this.zMin && z < this.zMax)) continue;
      this.wSel += w;
      for (let k = 0; k < KEYS.length; k++) this.sums[k] += w * (r[KEYS[k]] as Float64Array)[i];
    }
  }

  /** the running sums (to add the summary of another part of the run with addState) */
  state(): SummaryState {
    return { events: this.events, w: this.w, wSel: this.wSel, sums: Array.from(this.sums) };
  }

  /** add the sums of another part of the run (parts added in a fixed order give fixed sums) */
  addState(s: SummaryState): void {
    this.events += s.events;
    this.w += s.w;
    this.wSel += s.wSel;
    for (let k = 0; k < KEYS.length; k++) this.sums[k] += s.sums[k];
  }

  result(): SummaryResult {
    const means: Record<string, number> = {};
    const names: Record<string, string> = {
      effTrack: "eff_track",
      trigPnn: "trig_pnn",
      trigControl: "trig_control",
      pidPi: "pid_pi",
      pidMu: "pid_mu",
      pv: "pv_survival",
      mult: "mult_survival",
      rv: "rv_survival",
    };
    for (let k = 0; k < KEYS.length; k++)
      means[names[KEYS[k]]] = this.wSel > 0 ? this.sums[k] / this.wSel : 0;
    const frac = this.w > 0 ? this.wSel / this.w : 0;
    return {
      events: this.events,
      weightSum: this.w,
      singleTrack: frac,
      means,
      table: [
        { name: "events", value: String(this.events) },
        { name: "Σ weight", value: this.w.toPrecision(6) },
        { name: "single track, 15–35 GeV/c, FV (fraction of Σw)", value: frac.toPrecision(4) },
        ...Object.entries(means).map(([k, v]) => ({
          name: `⟨${k}⟩ in that sample`,
          value: v.toPrecision(4),
        })),
      ],
    };
  }
}

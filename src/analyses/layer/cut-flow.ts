/**
 * A cut flow: named steps in order, each with the sum of the weights (and of their squares, for
 * the MC error) of the events that pass it. Shards add their flows element by element, so a merged
 * flow is the exact sum whatever the number of workers. Relative figures are per a reference step
 * (e.g. the weight with the true vertex in the fiducial volume).
 */

export interface CutFlowStep {
  cut: string;
  /** Σ w of the events passing the step */
  weight: number;
  /** MC error: √Σ w² */
  error: number;
  /** weight / weight of the reference step (null without a reference weight) */
  fraction: number | null;
}

export class CutFlow {
  readonly cuts: readonly string[];
  /** Σ w per step */
  readonly sumw: Float64Array;
  /** Σ w² per step */
  readonly sumw2: Float64Array;

  constructor(cuts: readonly string[], sumw?: ArrayLike<number>, sumw2?: ArrayLike<number>) {
    if (new Set(cuts).size !== cuts.length) throw new RangeError("cut flow: cut names must be unique");
    this.cuts = cuts;
    this.sumw = new Float64Array(cuts.length);
    this.sumw2 = new Float64Array(cuts.length);
    if (sumw) copy(this.sumw, sumw, "sumw");
    if (sumw2) copy(this.sumw2, sumw2, "sumw2");
  }

  /** step index of a cut name */
  index(cut: string): number {
    const i = this.cuts.indexOf(cut);
    if (i < 0) throw new RangeError(`cut flow: no cut "${cut}" (cuts: ${this.cuts.join(", ")})`);
    return i;
  }

  /** an event of weight w passes step i */
  pass(i: number, w: number): void {
    this.sumw[i] += w;
    this.sumw2[i] += w * w;
  }

  add(o: CutFlow): void {
    if (o.cuts.length !== this.cuts.length || o.cuts.some((c, i) => c !== this.cuts[i]))
      throw new Error("cut flow: adding a flow with other cuts");
    for (let i = 0; i < this.cuts.length; i++) {
      this.sumw[i] += o.sumw[i];
      this.sumw2[i] += o.sumw2[i];
    }
  }

  /** the steps with weights, errors and fractions of the reference step's weight */
  steps(reference: string | number | null = null): CutFlowStep[] {
    const ref =
      reference === null
        ? null
        : this.sumw[typeof reference === "number" ? reference : this.index(reference)];
    return this.cuts.map((cut, i) => ({
      cut,
      weight: this.sumw[i],
      error: Math.sqrt(this.sumw2[i]),
      fraction: ref !== null && ref > 0 ? this.sumw[i] / ref : null,
    }));
  }
}

function copy(dst: Float64Array, src: ArrayLike<number>, what: string): void {
  if (src.length !== dst.length)
    throw new RangeError(`cut flow ${what}: expected ${dst.length} numbers, got ${src.length}`);
  dst.set(src);
}

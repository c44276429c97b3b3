import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_BINS, Region } from "../../../src/analyses/pnn/regions.ts";
import { ResampleRecorder } from "../../../src/analyses/pnn/resample.ts";
import { DEFAULT_SAMPLES } from "../../../src/analyses/pnn/samples.ts";
import { runPeriodShard } from "../../../src/analyses/pnn/shard.ts";
import { CUT, NQ, Q, SampleTally } from "../../../src/analyses/pnn/tally.ts";
import { assertPull } from "../../helpers/stat.ts";

const cat = (region: number, bin: number) => region * MAX_BINS + bin;
const f2 = (t: SampleTally, c: number) => t.sel[c * NQ + Q.F2];

describe("pile-up resampling", () => {
  it("adds the passes of an event before squaring, per category", () => {
    const rec = new ResampleRecorder(3, 4);
    const t = new SampleTally("x");
    rec.reset(2);
    rec.record(0, cat(Region.R1, 0), 1);
    rec.record(0, cat(Region.R1, 0), 1);
    rec.record(0, cat(Region.R2, 1), 0.5);
    rec.record(1, cat(Region.R1, 0), 2);
    rec.flush(2, t);
    assert.equal(f2(t, cat(Region.R1, 0)), (1 + 1) ** 2 + 2 ** 2);
    assert.equal(f2(t, cat(Region.R2, 1)), 0.25);
    // a new batch starts from zero
    rec.reset(2);
    rec.flush(2, t);
    assert.equal(f2(t, cat(Region.R1, 0)), 8);
  });

  it("refuses more passes than declared and a bad pass count", () => {
    const rec = new ResampleRecorder(1, 1);
    rec.reset(1);
    rec.record(0, 0, 1);
    assert.throws(() => rec.record(0, 0, 1), /more than 1 times/);
    assert.throws(() => new ResampleRecorder(0, 1), /got 0/);
  });
});

describe("detector re-measurement (shard.ts, SampleSpec.remeasure)", () => {
  // K⁺→π⁺π⁺π⁻ with and without 8 re-measurements per one-track event: the weighted cut flow (which
  // depends on the detector's random draws: GTK efficiency and association, CDA, PID, tails) keeps
  // its expectation, and the re-measured estimate is not noisier
  const spec = DEFAULT_SAMPLES.find((s) => s.key === "pipipi")!;
  const flowOf = (remeasure: number, seed: number) => {
    const samples = [
      ...DEFAULT_SAMPLES.filter((s) => s.signal || s.normalisation).map((s) => ({ ...s, share: 0.001 })),
      // no biasing: equal weights, so the fractions have binomial errors
      { ...spec, biasing: undefined, remeasure, share: 1 },
    ];
    const t = runPeriodShard("2018-S2", seed, 0, 120000, { samples, zRange: [102500, 180000] });
    const f = t.sample("pipipi").flow;
    return { kaon: f[CUT.KAON], pid: f[CUT.PID], track: f[CUT.TRACK], gen: f[CUT.GENERATED] };
  };

  it("keeps the expectation of the cut flow (K⁺→π⁺π⁺π⁻, 2018-S2)", () => {
    const a = flowOf(1, 21);
    const b = flowOf(8, 22);
    // equal per-event weights: binomial errors (an upper bound for the re-measured average)
    for (const k of ["kaon", "pid"] as const) {
      const fa = a[k] / a.gen;
      const fb = b[k] / b.gen;
      const n = 120000;
      const sigma = Math.sqrt((fa * (1 - fa)) / n + (fb * (1 - fb)) / n);
      assertPull(fb, fa, sigma, 4, `fraction after the ${k} step, 8 re-measurements vs none`);
    }
    // the track step is decided by the transport, which is not repeated: identical in expectation
    // and, for the same events, identical
    assert.ok(a.track > 0 && b.track > 0);
  });

  it("refuses to combine pile-up resampling and re-measurement", () => {
    const samples = [
      ...DEFAULT_SAMPLES.filter((s) => s.signal || s.normalisation).map((s) => ({ ...s, share: 0.5 })),
      { ...spec, remeasure: 4, resamples: 4, share: 1 },
    ];
    assert.throws(
      () => runPeriodShard("2018-S2", 1, 0, 1000, { samples, zRange: [102500, 180000] }),
      /cannot be combined/,
    );
  });
});

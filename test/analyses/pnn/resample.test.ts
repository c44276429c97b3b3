import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_BINS, Region } from "../../../src/analyses/pnn/regions.ts";
import { ResampleRecorder } from "../../../src/analyses/pnn/resample.ts";
import { NQ, Q, SampleTally } from "../../../src/analyses/pnn/tally.ts";

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

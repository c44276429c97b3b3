import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ShardResult } from "../../src/analyses/job.ts";
import { fill1, h1 } from "../../src/io/histogram.ts";
import { ShardCombiner } from "../../src/run/combine.ts";
import { decodeExact, encodeExact } from "../../src/run/shard-file.ts";

function shard(k: number): ShardResult {
  const h = h1("x", "", { n: 4, lo: 0, hi: 4 });
  fill1(h, k % 4, 0.1 * (k + 1));
  const hists: ShardResult["hists"] = { x: h };
  if (k === 2) hists.only2 = h1("only2", "", { n: 2, lo: 0, hi: 1 });
  return {
    events: 10 + k,
    counters: { pass: 0.1 * k, ...(k === 1 ? { rare: 1 } : {}) },
    hists,
    arrays: { counts: Float64Array.of(k, 1), n: Int32Array.of(1) },
    extra: { k },
  };
}

describe("ordered shard combination", () => {
  it("adds events, counters, arrays and histograms in shard order; keeps extras", () => {
    const c = new ShardCombiner();
    for (let k = 0; k < 4; k++) c.add(shard(k));
    const { total, extras } = c.result();
    assert.equal(total.events, 46);
    assert.equal(total.counters.pass, 0 + 0.1 + 0.2 + 0.30000000000000004);
    assert.equal(total.counters.rare, 1);
    assert.deepEqual([...(total.arrays!.counts as Float64Array)], [6, 4]);
    assert.deepEqual([...(total.arrays!.n as Int32Array)], [4]);
    assert.equal(total.hists.x.entries, 4);
    assert.ok(total.hists.only2);
    assert.deepEqual(extras, [{ k: 0 }, { k: 1 }, { k: 2 }, { k: 3 }]);
  });

  it("does not modify the shard results it is given", () => {
    const s0 = shard(0);
    const before = encodeExact(s0);
    const c = new ShardCombiner();
    c.add(s0);
    c.add(shard(1));
    assert.equal(encodeExact(s0), before);
  });

  it("shard files keep typed arrays, NaN and infinities bit for bit", () => {
    const v = {
      a: Float64Array.of(0.1, -0, Number.NaN, 1e-310),
      b: [Number.POSITIVE_INFINITY, 1 / 3],
      i: Int32Array.of(-1, 2 ** 31 - 1),
    };
    const back = decodeExact<typeof v>(encodeExact(v));
    assert.ok(back.a instanceof Float64Array && back.i instanceof Int32Array);
    assert.ok(Object.is(back.a[1], -0) && Number.isNaN(back.a[2]) && back.a[3] === 1e-310);
    assert.deepEqual(back.b, v.b);
    assert.deepEqual([...back.i], [...v.i]);
  });
});

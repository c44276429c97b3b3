/**
 * The native reference of `kaonlab bench` (bench/native/k2pi.c) must do kaonlab's K⁺→π⁺π⁰ (π⁰→γγ)
 * generation exactly: the same columns, bit for bit, apart from the rare draws that take a logarithm
 * in the tail of a ziggurat (the C library's log and V8's may differ in the last bit). Skipped when
 * no C compiler is installed.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nativeReference } from "../../src/bench/native.ts";

describe("native benchmark reference", () => {
  const ref = nativeReference();
  it("writes the same batches as kaonlab", { skip: ref ? false : "no C compiler" }, () => {
    try {
      // 3 batches and a partial one; two seeds
      for (const [seed, shard] of [
        [1, 2],
        [9, 0],
      ]) {
        const c = ref!.compare(3 * 4096 + 17, seed, shard);
        assert.equal(c.events, 3 * 4096 + 17);
        // a differing event needs a tail draw with a last-bit log difference: < 1 in 10⁴ events
        assert.ok(c.identicalEvents >= c.events - 2, `${c.identicalEvents} of ${c.events} identical`);
        assert.ok(c.maxRelDiff < 1e-12, `max relative difference ${c.maxRelDiff}`);
      }
      assert.ok(ref!.run(20_000) > 0);
    } finally {
      ref!.dispose();
    }
  });
});

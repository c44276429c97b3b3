import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BENCH_SECTIONS } from "../../src/bench/registry.ts";
import { cli } from "./helpers.ts";

describe("scale benchmark section", () => {
  it("is registered, opt-in (not in the default bench set), and measures the chain it names", async () => {
    const s = BENCH_SECTIONS.find((x) => x.name === "scale");
    assert.ok(s?.optIn);
    const prev = process.env.KAONLAB_SCALE_EVENTS;
    process.env.KAONLAB_SCALE_EVENTS = "20000,40000";
    try {
      const r = await cli(["bench", "--only", "scale", "--json"]);
      assert.equal(r.code, 0, r.err);
      const out = JSON.parse(r.out).scale;
      assert.match(out.chain, /^generate/);
      assert.deepEqual(
        out.points.map((p: { events: number }) => p.events),
        [20000, 40000],
      );
      for (const p of out.points) assert.ok(p.peakRssMB > 0 && p.wallSeconds > 0 && p.cpuSeconds > 0);
    } finally {
      if (prev === undefined) delete process.env.KAONLAB_SCALE_EVENTS;
      else process.env.KAONLAB_SCALE_EVENTS = prev;
    }
  });
});

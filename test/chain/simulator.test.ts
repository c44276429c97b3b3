import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chainStreams, SIM_BATCH, Simulator } from "../../src/chain/simulator.ts";
import { EventBatch } from "../../src/core/batch.ts";
import { RecoBatch } from "../../src/core/reco-batch.ts";
import { TransportBatch } from "../../src/detector/transport-batch.ts";

type Columns = Record<string, ArrayLike<number>>;

/** every typed-array column of an object, copied */
function columns(o: object, n: number, per = 1): Columns {
  const out: Columns = {};
  for (const [k, v] of Object.entries(o)) {
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      out[k] = Array.from(v as unknown as ArrayLike<number> as Float64Array).slice(0, n * per);
    }
  }
  return out;
}

/** the chain run by hand, stage by stage on the library objects, in the documented order */
function byHand(sim: Simulator, seed: number, shard: number, events: number): Columns[] {
  const s = chainStreams(seed, shard);
  const b = new EventBatch(SIM_BATCH);
  const tb = new TransportBatch(SIM_BATCH);
  const r = new RecoBatch(SIM_BATCH);
  const out: Columns[] = [];
  for (let done = 0; done < events; done += SIM_BATCH) {
    const n = Math.min(SIM_BATCH, events - done);
    b.clear();
    sim.generator.fill(b, n, s.generator, sim.zSkip);
    r.reset(n);
    sim.upstream?.apply(b, r, 0, n, s.upstream);
    sim.transport.process(b, tb, 0, n, s.transport);
    const { card, geo } = sim;
    sim.detector.process(
      { b, tb, r, card, geo, rng: s.detector, gauss: s.gauss, cluster: s.cluster, tracks: s.tracks },
      0,
      n,
    );
    sim.trigger.process(b, tb, r, 0, n);
    sim.reconstruction.process(b, tb, r, 0, n, s.reco);
    out.push(columns(r, n));
  }
  return out;
}

describe("the chain as stages", () => {
  it("runs generation, then source, transport, detector, trigger, reconstruction", () => {
    const sim = new Simulator({ channel: "mix", period: "2018-S2" });
    assert.equal(sim.generation.name, "generation");
    assert.deepEqual(
      sim.stages.map((s) => s.name),
      ["source", "transport", "detector", "trigger", "reconstruction"],
    );
  });

  for (const [channel, source] of [
    ["K+ -> pi+ pi0", "kaon"],
    ["K+ -> pi+ pi+ pi-", "upstream"],
  ] as const) {
    it(`the composed stages give the columns of the chain run by hand (${channel}, ${source})`, () => {
      const events = 3 * SIM_BATCH + 17;
      const sim = new Simulator({ channel, period: "2018-S2", source });
      const got: Columns[] = [];
      sim.run(11, 2, events, (_b, r) => got.push(columns(r, r.size)));
      const want = byHand(new Simulator({ channel, period: "2018-S2", source }), 11, 2, events);
      assert.equal(got.length, want.length);
      for (let k = 0; k < got.length; k++) {
        assert.ok(Object.keys(got[k]).length > 20, "RecoBatch columns found");
        for (const c of Object.keys(want[k]))
          assert.deepEqual(got[k][c], want[k][c], `batch ${k}, column ${c}`);
      }
    });
  }
});

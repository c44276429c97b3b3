/**
 * The chain hook: `mix` with chain [generate, simulate] runs the detector stage of src/reco on every
 * batch. The detector has its own random streams, so decay-level results (channel counts, decay
 * vertex) are the same with and without it, for the same batch size.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cleanup, cli, tempDir } from "./helpers.ts";

const tmp = tempDir("chain");
after(() => cleanup(tmp));

function run(name: string, chain: string[], extra = "") {
  const card = join(tmp, `${name}.yaml`);
  writeFileSync(
    card,
    `job: mix\nevents: 20000\nseed: 9\nshards: 2\nperiod: 2018-S2\nconfig:\n  ntuple: false\n  chain: [${chain.join(", ")}]\n${extra}`,
  );
  return cli(["run", "--card", card, "--workers", "2", "--quiet", "--out", join(tmp, name)]);
}

describe("simulation chain stages", () => {
  it("runs the detector stage; decays are unchanged by it", async () => {
    const sim = await run("sim", ["generate", "simulate"]);
    assert.equal(sim.code, 0, sim.err);
    const res = JSON.parse(readFileSync(join(tmp, "sim/results.json"), "utf8"));
    assert.deepEqual(res.chain, ["generate", "simulate"]);
    assert.equal(res.period, "2018-S2");
    // generation only, with the simulate chain's batch size (256): identical decays
    const { simulateStage } = await import("../../src/chain/stages.ts");
    const gen = await run("gen", ["generate"], `  batchSize: ${simulateStage.batchSize}\n`);
    assert.equal(gen.code, 0, gen.err);
    const resGen = JSON.parse(readFileSync(join(tmp, "gen/results.json"), "utf8"));
    assert.deepEqual(
      resGen.channels.map((c: { events: number }) => c.events),
      res.channels.map((c: { events: number }) => c.events),
    );
    const z = (d: string) => JSON.parse(readFileSync(join(tmp, d, "histograms/decay_z.json"), "utf8")).sumw;
    assert.deepEqual(z("gen"), z("sim"));
    assert.deepEqual(
      JSON.parse(readFileSync(join(tmp, "gen/histograms/p_kaon.json"), "utf8")).sumw,
      JSON.parse(readFileSync(join(tmp, "sim/histograms/p_kaon.json"), "utf8")).sumw,
    );
  });

  it("rejects an unknown stage and an unknown period, naming them", async () => {
    const bad = await run("bad", ["generate", "reconstruct"]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /config\.chain: expected "generate" first, then stages among: generate, simulate/);
    const r = await cli(["run", "mix", "--events", "100", "--period", "2031", "--out", join(tmp, "p")]);
    assert.equal(r.code, 2);
    assert.match(r.err, /period: unknown period "2031" \(known: [^)]*2018-S2/);
  });
});

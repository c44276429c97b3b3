/**
 * Help texts say what runs: the defaults a help text states are the ones the code applies (shards,
 * workers, simulate's options, the run card's defaults), and every command's help prints.
 */
import assert from "node:assert/strict";
import { availableParallelism } from "node:os";
import { describe, it } from "node:test";
import { simulateCardSchema } from "../../src/cli/commands/simulate.ts";
import { execOptions, SHARDS_HELP, WORKERS_HELP } from "../../src/run/cli-support.ts";
import { defaultShards, makePlan, runCardSchema } from "../../src/run/plan.ts";
import { cli } from "../run/helpers.ts";

const COMMANDS = ["channels", "generate", "simulate", "bench", "run", "submit", "shard", "merge", "resume"];

async function help(cmd: string[]): Promise<string> {
  const r = await cli([...cmd, "--help"]);
  assert.equal(r.code, 0, r.err);
  return r.out.replace(/\s+/g, " ");
}

describe("help texts match what runs", () => {
  it("every command prints its help", async () => {
    for (const c of COMMANDS) assert.match(await help([c]), new RegExp(`Usage: kaonlab ${c}`));
  });

  it("--shards and --workers defaults (run, submit, resume) are the ones applied", async () => {
    for (const n of [1, 5, 8, 100, 1_000_000, 17_000_000, 1e8, 1e12]) {
      const formula = Math.min(Math.max(8, Math.ceil(n / 2e6)), n, 100_000);
      assert.equal(defaultShards(n), formula, `events ${n}`);
    }
    const plan = makePlan(runCardSchema.parse({ job: "mix", events: 17_000_000 }));
    assert.equal(plan.shards.length, 9);
    for (const shards of [1, 3, 1000]) {
      const o = execOptions({ out: () => {}, err: () => {}, tty: false }, { quiet: true }, shards);
      assert.equal(o.workers, Math.min(availableParallelism(), shards));
    }
    const flat = (s: string) => s.replace(/\s+/g, " ");
    for (const c of ["run", "submit"]) assert.ok((await help([c])).includes(flat(SHARDS_HELP)), c);
    for (const c of ["run", "submit", "resume"]) assert.ok((await help([c])).includes(flat(WORKERS_HELP)), c);
    assert.match(await help(["run"]), /random seed \(default 1\)/);
    assert.match(await help(["submit"]), /random seed \(default 1\)/);
    assert.equal(runCardSchema.parse({ job: "mix" }).seed, 1);
  });

  it("simulate: the defaults in its help are the card schema's", async () => {
    const h = await help(["simulate"]);
    const d = simulateCardSchema.parse({ channel: "mix" });
    assert.match(h, /--events <N> number of kaon decays \(default 100000\)/);
    assert.equal(d.events, 100000);
    assert.match(h, /random seed \(non-negative integer, default 1\)/);
    assert.equal(d.seed, 1);
    assert.match(h, /default 2018-S2\)/);
    assert.equal(d.period, "2018-S2");
    assert.match(h, /weighted \(rare probabilities as weights, default\)/);
    assert.equal(d.mode, "weighted");
    assert.match(h, /natural \(default\)/);
    assert.equal(d.pi0, "natural");
    assert.match(h, /kaon \(decays in the beam, default\)/);
    assert.equal(d.source, "kaon");
  });

  it("resume and merge say what they guarantee", async () => {
    assert.match(await help(["resume"]), /refused while another kaonlab process writes the folder/);
    assert.match(await help(["merge"]), /checksums, formats, plan hash/);
  });
});

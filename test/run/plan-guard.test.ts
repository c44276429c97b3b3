/**
 * What is checked before and after a run folder is written: an edited plan.json is refused at merge,
 * resume and shard time naming the changed field; a configuration that validates but cannot run is
 * refused before anything is written; a Slurm submission that cannot happen leaves no folder behind.
 */
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cleanup, cli, listFiles, slurmAnswers, tempDir } from "./helpers.ts";

const tmp = tempDir("guard");
after(() => cleanup(tmp));

interface PlanJson {
  events: number;
  config: { chain?: string[] };
  integrity?: unknown;
}

function editPlan(dir: string, edit: (p: PlanJson) => void): void {
  const p = join(dir, "plan.json");
  const plan = JSON.parse(readFileSync(p, "utf8")) as PlanJson;
  edit(plan);
  writeFileSync(p, JSON.stringify(plan, null, 2));
}

describe("plan.json is sealed", () => {
  it("an edited events count or chain is refused by merge, resume and shard, naming the field", async () => {
    const dir = join(tmp, "sealed");
    const r = await cli([
      "run",
      "mix",
      "--events",
      "300",
      "--shards",
      "3",
      "--out",
      dir,
      "--quiet",
      "--workers",
      "1",
    ]);
    assert.equal(r.code, 0, r.err);
    const original = readFileSync(join(dir, "plan.json"), "utf8");
    editPlan(dir, (p) => {
      p.events = 3000;
    });
    for (const args of [
      ["merge", dir],
      ["resume", dir, "--quiet"],
      ["shard", dir, "--index", "0"],
    ]) {
      const m = await cli(args);
      assert.equal(m.code, 2, `${args[0]}: ${m.err}`);
      assert.match(m.err, /plan\.json" was changed after the run was planned \(changed: events\)/);
    }
    writeFileSync(join(dir, "plan.json"), original);
    editPlan(dir, (p) => {
      p.config.chain = ["generate", "simulate"];
    });
    const m = await cli(["resume", dir]);
    assert.equal(m.code, 2);
    assert.match(m.err, /changed: config\.chain\)/);
    editPlan(dir, (p) => {
      delete p.integrity;
    });
    assert.match((await cli(["merge", dir])).err, /has no plan hash/);
    writeFileSync(join(dir, "plan.json"), original);
    assert.equal((await cli(["merge", dir, "--quiet"])).code, 0);
  });
});

describe("a plan that validates but cannot run", () => {
  it("chain: [generate, generate] is refused before anything is written (exit 2, one line)", async () => {
    const card = join(tmp, "gg.json");
    const out = join(tmp, "gg");
    writeFileSync(
      card,
      JSON.stringify({ job: "mix", events: 100, config: { chain: ["generate", "generate"] } }),
    );
    for (const engine of ["local", "htcondor"]) {
      const r = await cli(["submit", card, "--engine", engine, "--out", out, "--quiet"]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /^kaonlab: config: job mix cannot run with this card .*unknown stage "generate"/);
      assert.equal(r.err.trim().split("\n").length, 1);
      assert.ok(!existsSync(out), "nothing written");
    }
  });
});

describe("a Slurm submission that cannot happen leaves nothing behind", () => {
  const bin = join(tmp, "fakebin");
  mkdirSync(bin, { recursive: true });
  const fake = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  const card = join(tmp, "sl.json");
  writeFileSync(card, JSON.stringify({ job: "mix", events: 60, shards: 2 }));
  const withPath = async (fn: () => Promise<void>) => {
    const old = process.env.PATH;
    process.env.PATH = `${bin}:${old}`;
    try {
      await fn();
    } finally {
      process.env.PATH = old;
    }
  };

  it("no controller: exit 2 before writing; sbatch failing: exit 1 and the folder removed; then the same command works", async () => {
    const out = join(tmp, "sl");
    fake("sinfo", "echo 'sinfo: error: Unable to contact slurm controller' >&2; exit 1");
    await withPath(async () => {
      const r = await cli(["submit", card, "--engine", "slurm", "--out", out, "--quiet"]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /--engine slurm: no Slurm controller answers .*nothing was written/);
      assert.ok(!existsSync(out));
    });
    fake("sinfo", "echo debug; exit 0");
    fake("sbatch", "echo 'sbatch: error: Batch job submission failed: Invalid partition' >&2; exit 1");
    await withPath(async () => {
      const r = await cli(["submit", card, "--engine", "slurm", "--out", out, "--quiet"]);
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, /submission failed, nothing was submitted and the run folder was removed/);
      assert.ok(!existsSync(out), `left: ${listFiles(out)}`);
      // an empty folder given by the user stays, emptied
      mkdirSync(out);
      const r2 = await cli(["submit", card, "--engine", "slurm", "--out", out, "--quiet"]);
      assert.equal(r2.code, 1, r2.err);
      assert.deepEqual(listFiles(out), []);
    });
    if (slurmAnswers()) {
      const r = await cli(["submit", card, "--engine", "slurm", "--out", out, "--quiet"]);
      assert.equal(r.code, 0, r.err);
    }
  });
});

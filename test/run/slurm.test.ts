/**
 * A real Slurm cluster (.ci/slurm-ci.sh brings one up on loopback): a job array of shards plus a
 * dependent merge through `kaonlab submit`, one shard failing on purpose, `kaonlab resume` repairing
 * both failure modes of the merge (CANCELLED by kill_invalid_depend, PENDING with
 * DependencyNeverSatisfied), and outputs bit-identical to a local run. In CI (env CI set) these tests
 * fail when no cluster answers; elsewhere they are skipped. Batch tasks run the built CLI (dist/).
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { cleanup, cli, differingFiles, shardPayloads, slurmAnswers, tempDir } from "./helpers.ts";

const available = slurmAnswers();
const inCi = Boolean(process.env.CI);
const skip = !available && !inCi ? "no Slurm cluster (run .ci/slurm-ci.sh up); required in CI" : false;

const tmp = tempDir("slurm");
after(() => cleanup(tmp));

function card(name: string, killOnInvalidDep: boolean): string {
  const p = join(tmp, name);
  writeFileSync(
    p,
    [
      "job: mix",
      "events: 60000",
      "seed: 5",
      "shards: 6",
      "slurm:",
      `  killOnInvalidDep: ${killOnInvalidDep}`,
      "config:",
      "  zRange: [105000, 165000]",
      "",
    ].join("\n"),
  );
  return p;
}

async function submitWithFault(cardPath: string, out: string, fault: string, extra: string[] = []) {
  process.env.KAONLAB_FAULT_SHARDS = fault;
  try {
    return await cli([
      "submit",
      cardPath,
      "--engine",
      "slurm",
      "--out",
      out,
      "--wait",
      "--timeout",
      "600",
      "--json",
      ...extra,
    ]);
  } finally {
    delete process.env.KAONLAB_FAULT_SHARDS;
  }
}

describe("slurm engine on a real cluster", { skip }, () => {
  const local = join(tmp, "local");
  before(async () => {
    assert.ok(available, "CI is set but no Slurm controller answers: .ci/run must bring the cluster up");
    const r = await cli([
      "run",
      "--card",
      card("local.yaml", true),
      "--out",
      local,
      "--workers",
      "2",
      "--quiet",
    ]);
    assert.equal(r.code, 0, r.err);
  });

  it("array + dependent merge; a failed shard CANCELS the merge (kill_invalid_depend); resume resubmits it and a new merge", async () => {
    const dir = join(tmp, "cancelled");
    const r = await submitWithFault(card("c.yaml", true), dir, "2", ["--partition", "debug"]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /merge job \d+: CANCELLED.*shards to re-run: 2; `kaonlab resume/);
    const m = await cli(["merge", dir]);
    assert.equal(m.code, 2);
    assert.match(m.err, /5 of 6 shards complete; shards to re-run: 2/);
    const res = await cli(["resume", dir, "--wait", "--timeout", "600", "--json"]);
    assert.equal(res.code, 0, res.err);
    const j = JSON.parse(res.out);
    assert.deepEqual(j.shards, [2]);
    assert.equal(j.slurm.mergeAction, "replaced");
    assert.equal(j.slurm.mergeState, "COMPLETED");
    assert.ok(existsSync(join(dir, "manifest.json")));
    assert.deepEqual(differingFiles(dir, local), []);
    assert.deepEqual(shardPayloads(dir), shardPayloads(local));
    const jobs = JSON.parse(readFileSync(join(dir, "slurm/jobs.json"), "utf8"));
    assert.equal(jobs.length, 2);
    assert.equal(JSON.parse(readFileSync(join(dir, "plan.json"), "utf8")).card.partition, "debug");
    assert.deepEqual(jobs[0].arrays[0].indices, [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(jobs[1].arrays[0].indices, [2]);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    assert.deepEqual(
      manifest.shards.map((s: { engine: string }) => s.engine),
      Array(6).fill("slurm"),
    );
  });

  it("a --wait that times out leaves the jobs running; resume resubmits nothing that is queued or running", async () => {
    const dir = join(tmp, "timeout");
    const r = await cli([
      "submit",
      card("t.yaml", true),
      "--engine",
      "slurm",
      "--out",
      dir,
      "--wait",
      "--timeout",
      "1",
      "--json",
    ]);
    assert.equal(r.code, 1, r.err);
    assert.match(
      r.err,
      /stopped waiting after 1 s: slurm merge job \d+ is (PENDING|RUNNING).*the jobs go on/,
    );
    const res = await cli(["resume", dir, "--wait", "--timeout", "600", "--json"]);
    assert.equal(res.code, 0, res.err);
    assert.deepEqual(JSON.parse(res.out).shards, [], "no shard resubmitted");
    assert.deepEqual(differingFiles(dir, local), []);
    const jobs = JSON.parse(readFileSync(join(dir, "slurm/jobs.json"), "utf8"));
    for (const j of jobs.filter((x: { kind: string }) => x.kind === "resume")) assert.deepEqual(j.arrays, []);
  });

  it("a failed shard leaves the merge PENDING (DependencyNeverSatisfied); resume re-points it", async () => {
    const dir = join(tmp, "pending");
    const r = await submitWithFault(card("p.yaml", false), dir, "1,4");
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /merge job (\d+): PENDING \(DependencyNeverSatisfied\).*shards to re-run: 1,4/);
    const mergeId = /merge job (\d+)/.exec(r.err)![1];
    const res = await cli(["resume", dir, "--wait", "--timeout", "600", "--json"]);
    assert.equal(res.code, 0, res.err);
    const j = JSON.parse(res.out);
    assert.deepEqual(j.shards, [1, 4]);
    assert.equal(j.slurm.mergeAction, "repointed");
    assert.equal(j.slurm.merge, mergeId);
    assert.deepEqual(differingFiles(dir, local), []);
  });

  it("resume with a relative run folder: scripts get absolute paths, the resubmitted shard and merge run", async () => {
    const cwd = process.cwd();
    process.chdir(tmp);
    try {
      const r = await submitWithFault(card("rel.yaml", true), "rel", "3");
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, /shards to re-run: 3/);
      const res = await cli(["resume", "rel", "--wait", "--timeout", "600", "--json"]);
      assert.equal(res.code, 0, res.err);
      assert.equal(JSON.parse(res.out).slurm.mergeState, "COMPLETED");
      const script = readFileSync(join(tmp, "rel/slurm/shard.sbatch"), "utf8");
      assert.ok(script.includes(` shard ${join(tmp, "rel")} `), script);
      assert.ok(existsSync(join(tmp, "rel/manifest.json")));
      assert.deepEqual(differingFiles(join(tmp, "rel"), local), []);
    } finally {
      process.chdir(cwd);
    }
  });
});

/**
 * An interrupted local run (SIGINT, SIGKILL) keeps its complete shards; `kaonlab resume` finishes it
 * and the merged outputs equal those of an uninterrupted run bit for bit. Runs the built CLI (dist/)
 * in a child process: `npm test` builds first.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { cleanup, cli, differingFiles, shardPayloads, spawnCli, tempDir, waitFor } from "./helpers.ts";

const tmp = tempDir("interrupt");
after(() => cleanup(tmp));

const SHARDS = 8;
const args = ["run", "mix", "--events", "800000", "--seed", "21", "--shards", String(SHARDS)];

function completeShards(dir: string): number {
  const d = join(dir, "shards");
  return existsSync(d) ? readdirSync(d).filter((f) => /^shard-\d+\.json$/.test(f)).length : 0;
}

describe("interrupted local runs", () => {
  const clean = join(tmp, "clean");
  before(async () => {
    const r = await cli([...args, "--workers", "2", "--quiet", "--out", clean]);
    assert.equal(r.code, 0, r.err);
  });

  for (const signal of ["SIGINT", "SIGKILL"] as const) {
    it(`${signal}: complete shards survive, resume finishes, result equals the uninterrupted run`, async () => {
      const dir = join(tmp, signal);
      const { child, done } = spawnCli([...args, "--workers", "1", "--out", dir]);
      await waitFor(() => completeShards(dir) >= 2, 120_000, "two complete shards");
      child.kill(signal);
      const r = await done;
      const kept = completeShards(dir);
      assert.ok(kept >= 2 && kept < SHARDS, `kept ${kept} shards`);
      assert.equal(existsSync(join(dir, "manifest.json")), false);
      if (signal === "SIGINT") {
        assert.equal(r.code, 130, r.err);
        assert.match(r.err, new RegExp(`interrupted: ${kept} of ${SHARDS} shards complete.*kaonlab resume`));
      } else {
        assert.equal(r.code, 137);
      }
      const merge = await cli(["merge", dir]);
      assert.equal(merge.code, 2);
      assert.match(merge.err, /shards to re-run/);
      const res = await cli(["resume", dir, "--workers", "2", "--quiet", "--json"]);
      assert.equal(res.code, 0, res.err);
      assert.equal(JSON.parse(res.out).shards.length, SHARDS - kept);
      assert.deepEqual(differingFiles(dir, clean), []);
      assert.deepEqual(shardPayloads(dir), shardPayloads(clean));
      assert.deepEqual(
        readdirSync(join(dir, "shards")).filter((f) => f.endsWith(".tmp")),
        [],
        "temporary files removed",
      );
    });
  }
});

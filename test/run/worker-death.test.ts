/**
 * A worker thread that dies (process.exit in a task, out of memory) is replaced, its task is run once
 * more, and if it dies again the task fails with the reason; the other tasks go on and nothing hangs.
 * The local engine turns that into a failed run naming the shard, with a non-zero exit.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { WorkerDiedError, WorkerPool } from "../../src/core/worker-pool.ts";
import { cleanup, cli, tempDir } from "./helpers.ts";

const TASKS = new URL("./fixtures/dying-task.ts", import.meta.url).href;
const tmp = tempDir("death");
after(() => cleanup(tmp));

describe("dead worker threads", { timeout: 120_000 }, () => {
  it("a task whose thread exits is retried once, then rejected; the pool keeps serving", async () => {
    const pool = new WorkerPool(2);
    try {
      const dead = pool.run(TASKS, "exitThread", 3);
      const others = [1, 2, 3, 4, 5].map((x) => pool.run<number>(TASKS, "square", x));
      await assert.rejects(dead, (e: unknown) => {
        assert.ok(e instanceof WorkerDiedError);
        assert.match((e as Error).message, /worker thread died \(exit code 3\), also on the retry/);
        return true;
      });
      assert.deepEqual(await Promise.all(others), [1, 4, 9, 16, 25]);
      assert.equal(await pool.run(TASKS, "square", 7), 49, "still two live threads");
    } finally {
      await pool.close();
    }
  });

  it("a thread that dies once is replaced and the retry succeeds", async () => {
    const pool = new WorkerPool(1);
    try {
      assert.equal(await pool.run(TASKS, "dieOnce", join(tmp, "marker")), "ok");
    } finally {
      await pool.close();
    }
  });

  it("out of memory (heap limit) fails the task with the reason instead of hanging", async () => {
    const pool = new WorkerPool(1, { resourceLimits: { maxOldGenerationSizeMb: 16 } });
    try {
      await assert.rejects(pool.run(TASKS, "eatMemory", null), /worker thread died \(.*memory limit/);
    } finally {
      await pool.close();
    }
  });

  it("kaonlab run: a shard whose thread dies fails the run (exit 1) naming it; the others complete", async () => {
    const dir = join(tmp, "run");
    process.env.KAONLAB_FAULT_SHARDS = "1:exit";
    let r: Awaited<ReturnType<typeof cli>>;
    try {
      r = await cli([
        "run",
        "mix",
        "--events",
        "400",
        "--shards",
        "4",
        "--workers",
        "2",
        "--out",
        dir,
        "--quiet",
      ]);
    } finally {
      delete process.env.KAONLAB_FAULT_SHARDS;
    }
    assert.equal(r.code, 1, r.err);
    assert.match(
      r.err,
      /1 shard\(s\) failed \(1\): worker thread died \(exit code 70\), also on the retry; 3 of 4 complete/,
    );
    for (const i of [0, 2, 3]) assert.ok(existsSync(join(dir, "shards", `shard-00000${i}.json`)));
    const res = await cli(["resume", dir, "--quiet"]);
    assert.equal(res.code, 0, res.err);
  });
});

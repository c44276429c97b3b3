import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runTasks, siblingModule } from "../../src/core/worker-pool.ts";

const mod = siblingModule(import.meta.url, "worker-task.fixture");

describe("worker pool", () => {
  it("returns results in task order, identical for 1 and 2 workers", async () => {
    const tasks = Array.from({ length: 6 }, (_, i) => ({
      module: mod,
      fn: "sumStream",
      arg: { seed: 3, shard: i, n: 20000 },
    }));
    const one = await runTasks<number>(tasks, 1);
    const two = await runTasks<number>(tasks, 2);
    assert.deepEqual(two, one);
    assert.equal(new Set(one).size, 6);
  });
  it("propagates errors from a task with their type", async () => {
    await assert.rejects(runTasks([{ module: mod, fn: "fail", arg: null }], 2), RangeError);
    await assert.rejects(runTasks([{ module: mod, fn: "nope", arg: null }], 2), /no export nope/);
  });
});

/**
 * One live writer per run folder: resume refuses while the run is going and takes over the lock of a
 * killed run; temporaries are written through an open handle and only dead writers' are removed;
 * merge checks the ntuple's format, not only its checksum. Uses the built CLI (dist/) for the live run.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { AtomicFile, tempPathFor } from "../../src/io/atomic.ts";
import { removeTemporaries } from "../../src/run/engines/local.ts";
import { acquireRunLock, LOCK_FILE } from "../../src/run/lock.ts";
import { fileSha256 } from "../../src/run/shard-task.ts";
import { cleanup, cli, spawnCli, tempDir, waitFor } from "./helpers.ts";

const tmp = tempDir("lock");
after(() => cleanup(tmp));

describe("run folder lock", () => {
  it("resume refuses while the run is live (exit 2, naming the holder); after kill -9 it takes the stale lock over", async () => {
    const dir = join(tmp, "live");
    const { child, done } = spawnCli([
      "run",
      "mix",
      // live for seconds (40 shards one after the other) while resume and merge are refused; the
      // events are few enough that the resume after kill -9 finishes in about a second
      "--events",
      "1000000",
      "--shards",
      "40",
      "--workers",
      "1",
      "--out",
      dir,
      "--quiet",
    ]);
    try {
      await waitFor(() => existsSync(join(dir, LOCK_FILE)), 30_000, "the run's lock");
      const lock = JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"));
      assert.equal(lock.pid, child.pid);
      assert.equal(lock.host, hostname());
      const r = await cli(["resume", dir, "--quiet"]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, new RegExp(`is in use by \`kaonlab run\` \\(pid ${child.pid} on `));
      const m = await cli(["merge", dir]);
      assert.equal(m.code, 2);
      assert.match(m.err, /is in use by `kaonlab run`/);
    } finally {
      child.kill("SIGKILL");
      await done;
    }
    assert.ok(existsSync(join(dir, LOCK_FILE)), "a killed run leaves its lock");
    const r = await cli(["resume", dir, "--quiet", "--workers", "2", "--json"]);
    assert.equal(r.code, 0, r.err);
    assert.ok(!existsSync(join(dir, LOCK_FILE)), "released");
    assert.ok(existsSync(join(dir, "manifest.json")));
  });

  it("a lock held by this process is re-entrant and released; a lock of another host is never taken over", () => {
    const d = tempDir("lock2");
    try {
      const r1 = acquireRunLock(d, "run");
      const r2 = acquireRunLock(d, "merge");
      r2();
      assert.ok(existsSync(join(d, LOCK_FILE)));
      r1();
      assert.ok(!existsSync(join(d, LOCK_FILE)));
      writeFileSync(
        join(d, LOCK_FILE),
        JSON.stringify({
          pid: 1,
          host: `${hostname()}-other`,
          procStart: null,
          startedAt: "t",
          command: "run",
        }),
      );
      assert.throws(() => acquireRunLock(d, "resume"), /in use by `kaonlab run` \(pid 1 on .*-other.*remove/);
    } finally {
      cleanup(d);
    }
  });
});

describe("temporaries and formats", () => {
  it("a streamed file whose temporary is removed mid-write fails to commit instead of losing its start", () => {
    const f = new AtomicFile(join(tmp, "stream.bin"));
    f.write(new Uint8Array([1, 2, 3]));
    rmSync(f.tmp);
    f.write(new Uint8Array([4, 5, 6]));
    assert.throws(() => f.commit(), /was removed or replaced while being written/);
    assert.ok(!existsSync(join(tmp, "stream.bin")));
  });

  it("resume's clean-up removes temporaries of dead writers only", async () => {
    const d = tempDir("tmps");
    try {
      await cli([
        "run",
        "mix",
        "--events",
        "20",
        "--shards",
        "2",
        "--out",
        join(d, "r"),
        "--quiet",
        "--workers",
        "1",
      ]);
      const sh = join(d, "r", "shards");
      const live = tempPathFor(join(sh, "shard-000000.json")); // this process: alive
      writeFileSync(live, "x");
      const dead = spawn(process.execPath, ["-e", ""]);
      await new Promise((r) => dead.on("exit", r));
      const deadName = live.replace(`-${process.pid}.`, `-${dead.pid}.`);
      writeFileSync(deadName, "x");
      const foreign = join(sh, ".shard-000001.json.00000000-1.1.tmp");
      writeFileSync(foreign, "x");
      assert.equal(removeTemporaries(join(d, "r")), 1);
      assert.ok(existsSync(live) && existsSync(foreign) && !existsSync(deadName));
    } finally {
      cleanup(d);
    }
  });

  it("merge refuses an ntuple that is not Parquet even when its checksum matches", async () => {
    const dir = join(tmp, "fmt");
    const r = await cli([
      "run",
      "mix",
      "--events",
      "200",
      "--shards",
      "2",
      "--out",
      dir,
      "--quiet",
      "--workers",
      "1",
    ]);
    assert.equal(r.code, 0, r.err);
    const nt = join(dir, "ntuples", "shard-000001.parquet");
    const bytes = readFileSync(nt);
    writeFileSync(nt, bytes.subarray(100)); // the start lost, as a re-created temporary would be
    const sp = join(dir, "shards", "shard-000001.json");
    const [head, payload] = readFileSync(sp, "utf8").split("\n");
    const h = JSON.parse(head);
    h.ntuple.sha256 = fileSha256(nt); // the damaged file's own checksum recorded
    writeFileSync(sp, `${JSON.stringify(h)}\n${payload}\n`);
    rmSync(join(dir, "manifest.json"));
    const m = await cli(["merge", dir]);
    assert.equal(m.code, 2, m.err);
    assert.match(
      m.err,
      /shard 1: ntuple ntuples\/shard-000001\.parquet is not a Parquet file \(does not start with PAR1\)/,
    );
    assert.ok(readdirSync(dir).includes("results.json"), "the earlier merge's outputs stay");
  });
});

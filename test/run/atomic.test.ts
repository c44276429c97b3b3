/**
 * Atomic outputs: a file appears whole or not at all, and a merge that fails half-way leaves no
 * manifest (the mark of a complete run folder) and no temporary files.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { writeFileAtomic } from "../../src/io/atomic.ts";
import { cleanup, cli, listFiles, tempDir } from "./helpers.ts";

const tmp = tempDir("atomic");
after(() => cleanup(tmp));

const temporaries = (dir: string) => listFiles(dir).filter((f) => f.endsWith(".tmp"));

describe("atomic outputs", () => {
  it("writeFileAtomic replaces a file whole, and a failed write leaves the old file and no temporary", () => {
    const f = join(tmp, "a.txt");
    writeFileSync(f, "old");
    writeFileAtomic(f, "new");
    assert.equal(readFileSync(f, "utf8"), "new");
    // the rename onto a non-empty directory fails after the data was written
    const d = join(tmp, "busy");
    mkdirSync(join(d, "x"), { recursive: true });
    assert.throws(() => writeFileAtomic(d, "data"));
    assert.ok(existsSync(join(d, "x")));
    assert.deepEqual(temporaries(tmp), []);
  });

  it("a merge that fails half-way writes no manifest and leaves no temporary files; merging again completes", async () => {
    const dir = join(tmp, "run");
    const r = await cli(["run", "mix", "--events", "3000", "--shards", "2", "--quiet", "--out", dir]);
    assert.equal(r.code, 0, r.err);
    const manifest = readFileSync(join(dir, "manifest.json"), "utf8");
    rmSync(join(dir, "manifest.json"));
    rmSync(join(dir, "plots"), { recursive: true });
    // a directory where a plot must go: the merge fails after writing the histograms
    mkdirSync(join(dir, "plots/m2miss_by_channel.png/x"), { recursive: true });
    const m = await cli(["merge", dir, "--quiet"]);
    assert.notEqual(m.code, 0);
    assert.ok(
      existsSync(join(dir, "histograms/p_m2miss.json")),
      "histograms were written before the failure",
    );
    assert.equal(existsSync(join(dir, "manifest.json")), false);
    assert.deepEqual(temporaries(dir), []);
    rmSync(join(dir, "plots"), { recursive: true });
    const again = await cli(["merge", dir, "--quiet"]);
    assert.equal(again.code, 0, again.err);
    const m2 = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    assert.deepEqual(m2.outputs, JSON.parse(manifest).outputs);
  });
});

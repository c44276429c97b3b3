import assert from "node:assert/strict";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, describe, it } from "node:test";
import { indexList } from "../../src/run/merge.ts";
import { createProgress, progressMode } from "../../src/run/progress.ts";
import { cleanup, cli, tempDir } from "./helpers.ts";

const tmp = tempDir("progress");
after(() => cleanup(tmp));

describe("progress and messages", () => {
  it("plain lines on a pipe with shards, events, rate and ETA; nothing when quiet", () => {
    const lines: string[] = [];
    const p = createProgress("mix", 1000, 4, "lines", (l) => lines.push(l), 3600);
    p.update(0, 0);
    p.update(100, 0); // same shard count, within the interval: no line
    p.update(500, 2);
    p.update(1000, 4);
    assert.equal(lines.length, 3);
    assert.match(
      lines[1],
      /^mix: 2\/4 shards, 500\/1000 events \(50\.0%\), [\d.]+ (k |M )?events\/s, ETA \d+ s$/,
    );
    const q: string[] = [];
    const pq = createProgress("mix", 1000, 4, "quiet", (l) => q.push(l));
    pq.update(1000, 4);
    pq.log("x");
    assert.deepEqual(q, []);
    assert.equal(progressMode({ quiet: true, tty: true }), "quiet");
    assert.equal(progressMode({ tty: true }), "tty");
    assert.equal(progressMode({ tty: false }), "lines");
  });

  it("a progress bar with rate, ETA and shards on a terminal", () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true, columns: 160 });
    let text = "";
    tty.on("data", (d) => {
      text += d;
    });
    const p = createProgress("mix", 1000, 4, "tty", () => {}, 10, tty);
    p.update(500, 2);
    p.stop();
    assert.match(
      text,
      /mix \|.*\| 50% \| 500\/1000 events \| [\d.]+ (k |M )?events\/s \| ETA \d+ s \| shards 2\/4/,
    );
    assert.ok(text.includes("\u001b["), "terminal control sequences");
  });

  it("the run command prints progress lines on a pipe, none with --quiet", async () => {
    const args = ["run", "mix", "--events", "2000", "--shards", "2"];
    const a = await cli([...args, "--workers", "1", "--out", join(tmp, "a")]);
    assert.equal(a.code, 0, a.err);
    assert.match(a.err, /mix: 2\/2 shards, 2000\/2000 events \(100\.0%\)/);
    const b = await cli([...args, "--quiet", "--out", join(tmp, "b")]);
    assert.equal(b.err, "");
  });

  it("index lists in Slurm's array syntax", () => {
    assert.equal(indexList([5, 0, 1, 2, 7, 9, 10]), "0-2,5,7,9-10");
    assert.equal(indexList([]), "");
  });
});

import assert from "node:assert/strict";
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { sha256 } from "../../src/run/card.ts";
import { VERSION } from "../../src/version.ts";
import { cleanup, cli, differingFiles, listFiles, shardPayloads, tempDir } from "./helpers.ts";

const tmp = tempDir("local");
after(() => cleanup(tmp));

const EVENTS = 30000;
const base = ["run", "mix", "--events", String(EVENTS), "--seed", "11", "--shards", "5", "--quiet"];

describe("local runs", () => {
  const w1 = join(tmp, "w1");
  const w3 = join(tmp, "w3");
  before(async () => {
    const a = await cli([...base, "--workers", "1", "--out", w1]);
    assert.equal(a.code, 0, a.err);
    const b = await cli([...base, "--workers", "3", "--out", w3, "--json"]);
    assert.equal(b.code, 0, b.err);
    assert.equal(JSON.parse(b.out).events, EVENTS);
  });

  it("gives bit-identical outputs with 1 and 3 worker threads", () => {
    assert.deepEqual(differingFiles(w1, w3), []);
    assert.deepEqual(shardPayloads(w1), shardPayloads(w3));
    const files = listFiles(w1);
    for (const f of [
      "results.json",
      "report.md",
      "histograms/p_m2miss.json",
      "histograms/p_m2miss.root.json",
      "plots/p_m2miss.svg",
      "plots/p_m2miss.png",
      "plots/m2miss_by_channel.svg",
      "plots/single_track_vs_p.svg",
      "ntuples/shard-000004.parquet",
    ])
      assert.ok(files.includes(f), `missing ${f}`);
  });

  it("writes a manifest with version, card, hash, seed, shard checksums and timings", () => {
    const m = JSON.parse(readFileSync(join(w1, "manifest.json"), "utf8"));
    assert.equal(m.kaonlab, VERSION);
    assert.equal(m.seed, 11);
    assert.equal(m.card.job, "mix");
    assert.match(m.cardHash, /^[0-9a-f]{64}$/);
    assert.ok(m.gitCommit === null || /^[0-9a-f]{40}$/.test(m.gitCommit));
    assert.equal(m.shards.length, 5);
    assert.equal(
      m.shards.reduce((a: number, s: { events: number }) => a + s.events, 0),
      EVENTS,
    );
    for (const s of m.shards) {
      assert.equal(sha256(readFileSync(join(w1, s.file))), s.sha256);
      assert.equal(sha256(readFileSync(join(w1, s.ntuple.file))), s.ntuple.sha256);
      assert.ok(s.seconds > 0);
    }
    for (const o of m.outputs) assert.equal(sha256(readFileSync(join(w1, o.file))), o.sha256, o.file);
    assert.ok(m.timings.wallSeconds > 0 && m.timings.maxShardRssBytes > 0);
    assert.ok(m.timings.mergeProcessCpuSeconds > 0);
    const plan = JSON.parse(readFileSync(join(w1, "plan.json"), "utf8"));
    assert.equal(plan.cardHash, m.cardHash);
  });

  it("results agree with the ntuples and the histograms", async () => {
    const results = JSON.parse(readFileSync(join(w1, "results.json"), "utf8"));
    let rows = 0;
    let sumw = 0;
    const perChannel = new Map<number, number>();
    for (let i = 0; i < 5; i++) {
      const file = await asyncBufferFromFile(join(w1, `ntuples/shard-00000${i}.parquet`));
      const data = (await parquetReadObjects({ file })) as {
        event: bigint;
        channel: number;
        weight: number;
      }[];
      if (data.length > 0) assert.equal(Number(data[0].event), 0, "event numbers restart per shard");
      rows += data.length;
      for (const r of data) {
        sumw += r.weight;
        perChannel.set(r.channel, (perChannel.get(r.channel) ?? 0) + 1);
      }
    }
    assert.equal(rows, EVENTS);
    assert.ok(Math.abs(sumw - results.sumWeights) < 1e-9 * sumw);
    const hz = JSON.parse(readFileSync(join(w1, "histograms/decay_z.json"), "utf8"));
    assert.equal(hz.entries, EVENTS);
    assert.equal(hz.sumw.length, 102);
    const counted = results.channels.reduce((a: number, c: { events: number }) => a + c.events, 0);
    assert.equal(counted, EVENTS);
    assert.equal(
      Math.max(...perChannel.values()),
      Math.max(...results.channels.map((c: { events: number }) => c.events)),
    );
  });

  it("merge refuses an incomplete or foreign run, naming the shards, and writes nothing", async () => {
    const d = join(tmp, "broken");
    assert.equal((await cli([...base, "--workers", "2", "--out", d])).code, 0);
    rmSync(join(d, "manifest.json"));
    rmSync(join(d, "results.json"));
    // shard 1 missing, shard 3 corrupted, shard 2's ntuple altered, shard 0 from another run
    renameSync(join(d, "shards/shard-000001.json"), join(tmp, "s1.json"));
    const s3 = readFileSync(join(d, "shards/shard-000003.json"), "utf8");
    writeFileSync(join(d, "shards/shard-000003.json"), s3.replace('"sumw"', '"sumW"'));
    const nt = readFileSync(join(d, "ntuples/shard-000002.parquet"));
    nt[100] ^= 1;
    writeFileSync(join(d, "ntuples/shard-000002.parquet"), nt);
    const other = join(tmp, "other");
    assert.equal(
      (
        await cli([
          "run",
          "mix",
          "--events",
          String(EVENTS),
          "--seed",
          "12",
          "--shards",
          "5",
          "--quiet",
          "--out",
          other,
        ])
      ).code,
      0,
    );
    writeFileSync(join(d, "shards/shard-000000.json"), readFileSync(join(other, "shards/shard-000000.json")));
    const r = await cli(["merge", d]);
    assert.equal(r.code, 2);
    assert.match(r.err, /1 of 5 shards complete; shards to re-run: 0-3/);
    assert.match(r.err, /shard 0: from another run/);
    assert.match(r.err, /shard 1: missing/);
    assert.match(r.err, /shard 2: ntuple ntuples\/shard-000002\.parquet checksum mismatch/);
    assert.match(r.err, /shard 3: checksum mismatch/);
    assert.equal(existsSync(join(d, "manifest.json")), false);
    assert.equal(existsSync(join(d, "results.json")), false);
    // resume re-runs exactly those shards and the result equals the clean run
    const res = await cli(["resume", d, "--workers", "2", "--quiet", "--json"]);
    assert.equal(res.code, 0, res.err);
    assert.deepEqual(JSON.parse(res.out).shards, [0, 1, 2, 3]);
    assert.deepEqual(differingFiles(d, w1), []);
    const again = await cli(["resume", d, "--quiet"]);
    assert.equal(again.code, 0);
    assert.match(again.out, /nothing to do/);
  });

  it("refuses to start a run in a folder that holds one", async () => {
    const r = await cli([...base, "--out", w1]);
    assert.equal(r.code, 2);
    assert.match(r.err, /already holds a run; use kaonlab resume/);
  });
});

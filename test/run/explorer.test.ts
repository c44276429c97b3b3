/**
 * The data behind `kaonlab serve`: a run folder's state and progress from its files, the event
 * display's simulated batches (checked requests, hits and tracks present, reproducible by seed), and
 * the HTTP API (status codes, messages naming the field).
 */
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { displayBatch, displayRequest } from "../../src/run/explorer-events.ts";
import { runSummary } from "../../src/run/explorer-runs.ts";
import { startExplorer } from "../../src/run/explorer-server.ts";
import { cli, tempDir } from "./helpers.ts";

/** a run folder of 3 shards with `done` shard files, a lock if `running`, a manifest if `merged` */
function fakeRun(dir: string, done: number, opts: { running?: boolean; merged?: boolean } = {}): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "shards"), { recursive: true });
  const shards = [0, 1, 2].map((index) => ({ index, firstEvent: index * 100, events: 100 }));
  writeFileSync(
    join(dir, "plan.json"),
    JSON.stringify({ job: "mix", period: null, seed: 3, events: 300, shards }),
  );
  for (let i = 0; i < done; i++) writeFileSync(join(dir, "shards", `shard-00000${i}.json`), "{}");
  if (opts.running) writeFileSync(join(dir, ".kaonlab.lock"), "{}");
  if (opts.merged) writeFileSync(join(dir, "manifest.json"), "{}");
}

describe("explorer: run folders", () => {
  const root = tempDir("explorer");
  after(() => rmSync(root, { recursive: true, force: true }));

  it("reads state and progress from the folder's files", () => {
    const dir = join(root, "a");
    fakeRun(dir, 0);
    assert.equal(runSummary(dir).state, "planned");
    fakeRun(dir, 1, { running: true });
    const s = runSummary(dir);
    assert.equal(s.state, "running");
    assert.deepEqual(s.progress, { shardsDone: 1, shards: 3, eventsDone: 100, events: 300 });
    fakeRun(dir, 2);
    assert.equal(runSummary(dir).state, "stopped");
    fakeRun(dir, 3, { merged: true });
    assert.equal(runSummary(dir).state, "done");
    assert.equal(runSummary(dir).progress.eventsDone, 300);
  });

  it("refuses a folder that is not a run folder, naming it", () => {
    assert.throws(() => runSummary(root), /RUN_DIR: ".*explorer.*" holds no plan.json/);
  });
});

describe("explorer: event display batches", () => {
  it("simulates the requested events with tracks, hits and clusters, the same for the same seed", () => {
    const req = displayRequest({
      channel: "K+->pi+ pi0",
      period: "2018-S2",
      events: "4",
      selection: "track",
    });
    assert.equal(req.channel, "K+ -> pi+ pi0");
    const a = displayBatch(req);
    assert.equal(a.events.length, 4);
    for (const e of a.events) {
      assert.ok(e.tracks.length >= 1);
      const pion = e.particles.find((p) => p.pdg === 211);
      assert.ok(pion && pion.path.length >= 6);
      assert.ok(e.vertex[2] >= 105_000 && e.vertex[2] <= 170_000, `vertex z ${e.vertex[2]}`);
    }
    assert.ok(a.events.some((e) => e.particles.some((p) => p.hits.some((h) => h.detector === "STRAW1"))));
    assert.ok(a.events.some((e) => e.clusters.length > 0));
    for (const name of ["GTK1", "STRAW1", "MNP33", "RICH", "LAV1", "LAV12", "LKr", "MUV3"])
      assert.ok(
        a.elements.some((x) => x.name === name),
        name,
      );
    assert.deepEqual(displayBatch(req), a);
    assert.notDeepEqual(displayBatch({ ...req, seed: 2 }).events, a.events);
  });

  it("draws the period card's detector: the fourth GTK station only where the card has it", () => {
    const run2 = displayBatch(displayRequest({ period: "2021-22", events: "1" }));
    const run1 = displayBatch(displayRequest({ period: "2016", events: "1" }));
    assert.equal(run2.elements.filter((e) => e.group === "GTK").length, 4);
    assert.equal(run1.elements.filter((e) => e.group === "GTK").length, 3);
  });

  it("names the field and the value of a bad request", () => {
    assert.throws(() => displayRequest({ events: "0" }), /events: expected an integer 1–200, got "0"/);
    assert.throws(
      () => displayRequest({ selection: "some" }),
      /selection: expected all or track, got "some"/,
    );
    assert.throws(() => displayRequest({ channel: "K+ -> nothing" }), /channel: .*nothing/);
    assert.throws(() => displayBatch(displayRequest({ period: "2018-s9" })), /period: .*2018-s9/);
  });
});

describe("explorer: HTTP API", () => {
  const root = tempDir("explorer-api");
  after(() => rmSync(root, { recursive: true, force: true }));

  it("serves the runs, regions, events and the app, with clear errors", async () => {
    fakeRun(join(root, "r1"), 1, { running: true });
    const { server, url } = await startExplorer([root], { host: "127.0.0.1", port: 0 });
    try {
      const runs = (await (await fetch(`${url}api/runs`)).json()) as { id: string; state: string }[];
      assert.deepEqual(
        runs.map((r) => [r.id, r.state]),
        [["r1", "running"]],
      );
      assert.equal((await fetch(`${url}api/runs/nope`)).status, 404);
      const bad = await fetch(`${url}api/events?events=1000`);
      assert.equal(bad.status, 400);
      assert.match(((await bad.json()) as { error: string }).error, /^events: /);
      const regions = (await (await fetch(`${url}api/regions?period=2018-S2`)).json()) as { label: string }[];
      assert.deepEqual(
        ["R1", "R2", "CR1", "CR2"].filter((l) => regions.some((r) => r.label === l)),
        ["R1", "R2", "CR1", "CR2"],
      );
      const page = await fetch(url);
      assert.match(page.headers.get("content-type") ?? "", /text\/html/);
      assert.match(await page.text(), /kaonlab explorer/);
      assert.equal((await fetch(`${url}api/runs/r1/plots/..%2F..%2Fplan.json`)).status, 404);
    } finally {
      server.close();
    }
  });

  it("the CLI refuses a missing folder and a bad port with exit code 2", async () => {
    const a = await cli(["serve", join(root, "missing")]);
    assert.equal(a.code, 2);
    assert.match(a.err, /RUN_DIR: ".*missing" does not exist/);
    const b = await cli(["serve", root, "--port", "70000"]);
    assert.equal(b.code, 2);
    assert.match(b.err, /--port: expected an integer 0–65535, got "70000"/);
  });
});

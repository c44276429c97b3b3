import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { z } from "zod";
import { JOB_FLAGS } from "../../src/cli/commands/run.ts";
import { simulateCardSchema } from "../../src/cli/commands/simulate.ts";
import { buildProgram } from "../../src/cli/main.ts";
import { canonicalJson, positiveInt, readCard, resolveCardOptions } from "../../src/run/card.ts";
import { makePlan, runCardSchema, splitEvents } from "../../src/run/plan.ts";
import { cleanup, cli, tempDir } from "./helpers.ts";

const dir = tempDir("card");
after(() => cleanup(dir));

function card(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe("run cards", () => {
  it("rejects a bad value naming the path and the value, exit 2, nothing written", async () => {
    const out = join(dir, "never");
    const p = card("bad.yaml", "job: mix\nevents: -5\n");
    const r = await cli(["run", "--card", p, "--out", out, "--quiet"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /events: expected a positive integer, got -5/);
    assert.equal(existsSync(out), false);
  });

  it("names nested config paths, unknown keys and command-line options", async () => {
    const out = join(dir, "never2");
    let r = await cli([
      "run",
      "--card",
      card("z.json", '{"job":"mix","events":10,"config":{"zRange":[5,1]}}'),
      "--out",
      out,
    ]);
    assert.equal(r.code, 2);
    assert.match(r.err, /config\.zRange: expected zMin < zMax, got \[5,1\]/);
    r = await cli(["run", "--card", card("k.yaml", "job: mix\nevnets: 10\nevents: 10\n"), "--out", out]);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown key "evnets"/);
    r = await cli(["run", "mix", "--events", "abc", "--out", out]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--events: expected a positive integer, got "abc"/);
    r = await cli(["run", "nope", "--events", "10", "--out", out]);
    assert.equal(r.code, 2);
    assert.match(r.err, /job: unknown job "nope" \(known: mix/);
    r = await cli(["run", "mix", "--events", "4", "--shards", "5", "--out", out]);
    assert.equal(r.code, 2);
    assert.match(r.err, /shards: expected at most one shard per event/);
    r = await cli(["run", "--card", card("x.txt", "job: mix"), "--out", out]);
    assert.equal(r.code, 2);
    assert.match(r.err, /--card: .*must end in \.json, \.yaml or \.yml/);
    assert.equal(existsSync(out), false);
  });

  it("command line overrides the card, the card overrides defaults", () => {
    const schema = z
      .object({ events: positiveInt(), seed: positiveInt().default(1), x: z.string().optional() })
      .strict();
    const r = resolveCardOptions(schema, {
      card: { events: 5, seed: 9, x: "card" },
      cli: { events: "1_000" },
    });
    assert.deepEqual(r.options, { events: 1000, seed: 9, x: "card" });
    const r2 = resolveCardOptions(schema, { card: { events: 5 }, cli: {} });
    assert.equal(r2.options.seed, 1);
  });

  it("YAML and JSON cards give the same plan and hash; execution options do not enter the hash", () => {
    const y = runCardSchema.parse(
      readCard(
        card(
          "a.yaml",
          "job: mix\nevents: 1000\nseed: 4\nshards: 3\nworkers: 1\nconfig:\n  zRange: [105000, 165000]\n",
        ),
      ),
    );
    const j = runCardSchema.parse(
      readCard(
        card(
          "b.json",
          '{"config":{"zRange":[105000,165000]},"shards":3,"seed":4,"events":1000,"job":"mix","workers":2,"out":"x"}',
        ),
      ),
    );
    const a = makePlan(y);
    const b = makePlan(j);
    assert.equal(a.cardHash, b.cardHash);
    const c = makePlan(
      runCardSchema.parse({
        job: "mix",
        events: 1000,
        seed: 5,
        shards: 3,
        config: { zRange: [105000, 165000] },
      }),
    );
    assert.notEqual(a.cardHash, c.cardHash);
    assert.equal(canonicalJson({ b: 1, a: [2, { d: 1, c: 2 }] }), '{"a":[2,{"c":2,"d":1}],"b":1}');
  });

  it("every command-line option of run, submit and simulate is a key of its card schema", () => {
    const program = buildProgram({ out() {}, err() {}, tty: false });
    const options = (name: string) =>
      program.commands.find((c) => c.name() === name)!.options.map((o) => o.attributeName());
    const runKeys = Object.keys(runCardSchema.shape);
    const simKeys = Object.keys(simulateCardSchema.shape);
    // a job's own flags (e.g. pix's --mass-step) go into the card's config block instead
    for (const cmd of ["run", "submit"])
      for (const k of options(cmd).filter((k) => k !== "card" && !(k in JOB_FLAGS)))
        assert.ok(runKeys.includes(k), `${cmd} --${k}`);
    assert.ok(runKeys.includes("job"), "the job argument");
    const sim = options("simulate").filter((k) => k !== "runCard");
    assert.ok(sim.length >= 11, `simulate options: ${sim}`);
    for (const k of sim) assert.ok(simKeys.includes(k), `simulate --${k}`);
    assert.ok(simKeys.includes("channel"), "the channel argument");
  });

  it("simulate takes every option from a YAML or JSON run card; the command line overrides it", async () => {
    const flags = [
      "K+ -> pi+ pi0",
      "--events",
      "1200",
      "--seed",
      "7",
      "--period",
      "2018-S1",
      "--z-range",
      "105m:165m",
      "--mode",
      "sample",
      "--card",
      "beam.intensity=1.3",
      "--pi0",
      "gg",
      "--source",
      "kaon",
      "--json",
    ];
    const a = await cli(["simulate", ...flags, "--out", join(dir, "sim-cli.parquet")]);
    assert.equal(a.code, 0, a.err);
    const y = card(
      "sim.yaml",
      [
        'channel: "K+ -> pi+ pi0"',
        "events: 1200",
        "seed: 7",
        "period: 2018-S1",
        "zRange: [105000, 165000]",
        "mode: sample",
        "card: { beam.intensity: 1.3 }",
        "set: []",
        "pi0: gg",
        "source: kaon",
        "json: true",
        `out: ${join(dir, "sim-yaml.parquet")}`,
        "",
      ].join("\n"),
    );
    const b = await cli(["simulate", "--run-card", y]);
    assert.equal(b.code, 0, b.err);
    assert.deepEqual({ ...JSON.parse(b.out), out: null }, { ...JSON.parse(a.out), out: null });
    assert.ok(readFileSync(join(dir, "sim-yaml.parquet")).equals(readFileSync(join(dir, "sim-cli.parquet"))));
    const j = card(
      "sim.json",
      JSON.stringify({ channel: "mix", events: 300, seed: 2, card: ["beam.intensity=1.3"], json: true }),
    );
    const c = await cli(["simulate", "--run-card", j, "--seed", "3", "--events", "200"]);
    assert.equal(c.code, 0, c.err);
    const jc = JSON.parse(c.out);
    assert.equal(jc.seed, 3);
    assert.equal(jc.events, 200);
    assert.equal(jc.channel, "mix");
  });

  it("simulate: a bad run card names the path and the value, exit 2, nothing written", async () => {
    const out = join(dir, "never.parquet");
    const cases: [string, RegExp][] = [
      [`channel: mix\nevents: -5\nout: ${out}\n`, /events: expected a positive integer, got -5/],
      [`channel: mix\nmode: fast\nout: ${out}\n`, /mode: expected weighted or sample, got "fast"/],
      [`channel: mix\nzRange: [5, 1]\nout: ${out}\n`, /zRange: expected A < B, got \[5,1\]/],
      [`channel: mix\nevnets: 5\nout: ${out}\n`, /unknown key "evnets"/],
      [`events: 5\nout: ${out}\n`, /channel: expected a channel name/],
    ];
    for (const [text, msg] of cases) {
      const r = await cli(["simulate", "--run-card", card("bad-sim.yaml", text)]);
      assert.equal(r.code, 2, text);
      assert.match(r.err, msg);
    }
    assert.equal(existsSync(out), false);
  });

  it("splits events over shards deterministically and completely", () => {
    for (const [n, k] of [
      [10, 3],
      [1000003, 8],
      [7, 7],
    ]) {
      const s = splitEvents(n, k);
      assert.equal(s.length, k);
      assert.equal(
        s.reduce((a, x) => a + x.events, 0),
        n,
      );
      for (let i = 1; i < k; i++) assert.equal(s[i].firstEvent, s[i - 1].firstEvent + s[i - 1].events);
      assert.ok(Math.max(...s.map((x) => x.events)) - Math.min(...s.map((x) => x.events)) <= 1);
    }
  });
});

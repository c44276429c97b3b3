import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { BACKGROUND_SOURCES } from "../../../src/analyses/pnn/samples.ts";
import { cli, tempDir } from "../../run/helpers.ts";

const tmp = tempDir("pnn-job");
after(() => rmSync(tmp, { recursive: true, force: true }));

/** a small run of the pnn job; returns the printed JSON (results + run summary) */
async function run(name: string, args: string[]) {
  const out = join(tmp, name);
  const r = await cli(["run", "pnn", "--quiet", "--json", "--out", out, ...args]);
  assert.equal(r.code, 0, r.err);
  return { json: JSON.parse(r.out), out };
}

const isFraction = (x: unknown) => typeof x === "number" && x > 0 && x < 1;

describe("pnn job", () => {
  it("prints and writes the issue's JSON: plain numbers, acceptances as fractions", async () => {
    const { json, out } = await run("shape", [
      "--period",
      "2018-S2",
      "--events",
      "30000",
      "--seed",
      "5",
      "--shards",
      "2",
      "--workers",
      "1",
    ]);
    assert.equal(json.analysis, "pnn");
    assert.equal(json.period, "2018-S2");
    assert.ok(isFraction(json.acceptance.pipi) && isFraction(json.acceptance.pinunu));
    assert.ok(isFraction(json.efficiency.trigger) && isFraction(json.efficiency.randomVeto));
    for (const k of ["nPiPi", "ses"]) assert.equal(typeof json[k], "number");
    assert.equal(typeof json.expected.signal, "number");
    for (const s of [...BACKGROUND_SOURCES, "total"]) {
      assert.equal(typeof json.expected.background[s], "number", s);
      assert.equal(typeof json.uncertainty.expected.background[s], "number", s);
    }
    const sum = BACKGROUND_SOURCES.reduce((a, s) => a + json.expected.background[s], 0);
    assert.ok(Math.abs(sum - json.expected.background.total) <= 1e-12 * Math.max(sum, 1e-30));
    // SES by the formula of [NA62-EQCD2024-talk] and N_sig = BR/SES
    assert.ok(Math.abs(json.expected.signal * json.ses - json.brSM) < 1e-12 * json.brSM);
    assert.equal(json.categories.length, 10);
    assert.ok(
      json.comparison.some((c: { figure: string; ratio: number }) => c.figure === "ses" && c.ratio > 0),
    );
    // the upstream background by mechanism: every upstream sample, flows that never grow, and
    // the mechanisms add up to the upstream background of the period
    const ub = json.upstreamBreakdown[0];
    assert.equal(ub.period, "2018-S2");
    assert.deepEqual(
      ub.mechanisms.map((m: { sample: string }) => m.sample),
      ["up-pipipi", "up-pipi0", "up-munu", "up-int", "up-beamline", "up-far-pipipi", "up-far-pipi0"],
    );
    let up = 0;
    for (const m of ub.mechanisms as { flow: number[]; signalRegions: number }[]) {
      for (let k = 1; k < m.flow.length; k++) assert.ok(m.flow[k] <= m.flow[k - 1] * (1 + 1e-12), `${k}`);
      up += m.signalRegions;
    }
    const upJ = json.expected.background.upstream;
    assert.ok(Math.abs(up - upJ) <= 1e-9 * Math.max(upJ, 1e-30), `${up} vs ${upJ}`);
    // the run folder holds the same results
    const saved = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    for (const k of ["acceptance", "efficiency", "expected", "uncertainty", "categories"])
      assert.deepEqual(saved[k], json[k]);
    for (const f of [
      "manifest.json",
      "report.md",
      "histograms/m2miss_pipi0.json",
      ...["plane_background", "plane_signal", "m2miss_by_source", "acceptance_vs_p"].flatMap((p) => [
        `plots/${p}.svg`,
        `plots/${p}.png`,
      ]),
    ]) {
      assert.ok(existsSync(join(out, f)), f);
    }
    // the (p_π, m²miss) plane shows the signal, background and control regions
    const plane = readFileSync(join(out, "plots/plane_background.svg"), "utf8");
    for (const label of ["R1", "R2", "CR1", "CR2", "π⁺π⁰", "μ⁺ν", "π⁺π⁺π⁻"])
      assert.ok(plane.includes(`>${label}<`), label);
    // acceptance vs momentum: the bins add up to the acceptances of the results
    for (const [name, total] of [
      ["acceptance_pinunu_2018-S2", json.acceptance.pinunu],
      ["acceptance_pipi_2018-S2", json.acceptance.pipi],
    ]) {
      const h = JSON.parse(readFileSync(join(out, `histograms/${name}.json`), "utf8"));
      const sum = h.sumw.reduce((a: number, b: number) => a + b, 0);
      assert.ok(Math.abs(sum - total) < 1e-12 * total, `${name}: ${sum} vs ${total}`);
      assert.ok(h.sumw.filter((v: number) => v > 0).length >= 4, name);
    }
    const report = readFileSync(join(out, "report.md"), "utf8");
    assert.match(report, /!\[Acceptance per π⁺ momentum bin \(2018-S2\)\]\(plots\/acceptance_vs_p\.svg\)/);
  });

  it("gives identical results with 1 and 2 workers, and the signal scales with BR_SM", async () => {
    const base = ["--period", "2018-S2", "--events", "20000", "--seed", "9", "--shards", "3"];
    const a = await run("w1", [...base, "--workers", "1"]);
    const b = await run("w2", [...base, "--workers", "2"]);
    delete a.json.run;
    delete b.json.run;
    assert.deepEqual(a.json, b.json);
    const card = join(tmp, "br.json");
    writeFileSync(card, JSON.stringify({ config: { brSM: 16.8e-11 } }));
    const c = await run("br", [...base, "--workers", "2", "--card", card]);
    assert.ok(Math.abs(c.json.expected.signal / a.json.expected.signal - 2) < 1e-12);
    assert.deepEqual(c.json.expected.background, a.json.expected.background);
  });

  // biome-ignore lint/suspicious/noExplicitAny: parsed results JSON, reused by the 2016-22 test
  let run1: any = null;
  it("combines Run 1 from its four periods (1/SES adds)", async () => {
    const { json } = await run("run1", [
      "--period",
      "run1",
      "--events",
      "8000",
      "--seed",
      "2",
      "--shards",
      "2",
      "--workers",
      "2",
    ]);
    assert.deepEqual(
      json.periods.map((p: { period: string }) => p.period),
      ["2016", "2017", "2018-S1", "2018-S2"],
    );
    const inv = json.periods.reduce((s: number, p: { ses: number }) => s + 1 / p.ses, 0);
    assert.ok(Math.abs(json.ses * inv - 1) < 1e-12);
    const sig = json.periods.reduce(
      (s: number, p: { expected: { signal: number } }) => s + p.expected.signal,
      0,
    );
    assert.ok(Math.abs(sig - json.expected.signal) < 1e-9 * sig);
    assert.equal(
      json.inference.observed.reduce((a: number, b: number) => a + b, 0),
      20,
    );
    run1 = json;
  });

  it("2016-22: Run 1 and 2021-22 with NA62's 51 candidates; run1 inside it equals a run1 run; BR and significance rows", async () => {
    // the settings of the run1 test above, whose results it compares with
    const args = ["--events", "8000", "--seed", "2", "--shards", "2", "--workers", "2"];
    const { json } = await run("2016-22", ["--period", "2016-22", ...args]);
    const r1 = run1 ?? (await run("run1-again", ["--period", "run1", ...args])).json;
    assert.deepEqual(
      json.periods.map((p: { period: string }) => p.period),
      ["2016", "2017", "2018-S1", "2018-S2", "2021-22"],
    );
    const inv = json.periods.reduce((s: number, p: { ses: number }) => s + 1 / p.ses, 0);
    assert.ok(Math.abs(json.ses * inv - 1) < 1e-12);
    assert.deepEqual(json.inference.observed, [1, 2, 4, 13, 31]);
    // the Run 1 periods are the same runs as in a run1 job, so the run1 combination inside agrees
    const inner = json.combinations.find((c: { period: string }) => c.period === "run1");
    for (const k of ["ses", "kaonDecays"]) assert.equal(inner[k], r1[k], k);
    assert.deepEqual(inner.expected, r1.expected);
    const row = (j: { comparison: { figure: string }[] }, f: string) =>
      j.comparison.find((c) => c.figure === f) as unknown as Record<string, unknown>;
    const br = row(json, "inference.br");
    assert.equal(br.published, 13.0e-11);
    assert.equal(br.ours, json.inference.brBestFit);
    assert.ok(["reproduced", "not reproduced"].includes(br.status as string));
    const z = row(json, "inference.significance");
    assert.equal(z.ours, json.inference.significance);
    assert.equal(z.status, json.inference.significance >= 5 ? "reproduced" : "not reproduced");
    assert.equal(json.inference.published.significanceLowerBound, 5);
    assert.equal(row(r1, "inference.significance").published, 3.4);
  });

  it("refuses bad input with exit 2, naming the field and the value, writing nothing", async () => {
    const cases: [string[], RegExp][] = [
      [["--period", "2019"], /period: unknown period "2019"/],
      [["--period", "2018-S2", "--events", "-5"], /events/],
    ];
    const card = join(tmp, "bad.json");
    writeFileSync(card, JSON.stringify({ config: { brSM: -1 } }));
    cases.push([
      ["--period", "2018-S2", "--card", card],
      /config\.brSM: expected a positive branching ratio/,
    ]);
    const card2 = join(tmp, "bad2.json");
    writeFileSync(card2, JSON.stringify({ config: { selection: { "kaon.cdaMaxx": 3 } } }));
    cases.push([["--period", "2018-S2", "--events", "1000", "--card", card2], /kaon\.cdaMaxx/]);
    for (const [args, msg] of cases) {
      const out = join(tmp, `bad-${args.join("")}`.replace(/[^a-zA-Z0-9-]/g, ""));
      const r = await cli(["run", "pnn", "--quiet", "--out", out, ...args]);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
      assert.match(r.err, msg);
      assert.equal(existsSync(join(out, "results.json")), false);
    }
  });
});

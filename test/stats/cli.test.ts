import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseWorkspace } from "../../src/stats/pyhf/workspace.ts";
import { cli } from "../helpers/cli.ts";
import { HELLO } from "./pyhf-reference.ts";

const dir = mkdtempSync(join(tmpdir(), "kaonlab-stats-"));
const conditions = new URL("../../conditions/stats/", import.meta.url).pathname;

describe("kaonlab stats (CLI)", () => {
  it("limit --json: upperLimit, brUpperLimit, expected bands, method", async () => {
    const r = await cli([
      "stats",
      "limit",
      "--obs",
      "1",
      "--bkg",
      "0.152",
      "--ses",
      "3.15e-10",
      "--cl",
      "0.95",
      "--json",
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.method, "exact");
    assert.equal(j.approximate, false);
    assert.ok(Math.abs(j.upperLimit - 4.6046) < 1e-3);
    assert.ok(Math.abs(j.brUpperLimit / (j.upperLimit * 3.15e-10) - 1) < 1e-12);
    assert.deepEqual(Object.keys(j.expected).sort(), ["+1", "+2", "-1", "-2", "0"]);
  });
  it("limit --method asymptotic is labelled approximate (JSON and text)", async () => {
    const j = JSON.parse(
      (await cli(["stats", "limit", "--obs", "0", "--bkg", "0.26", "--method", "asymptotic", "--json"])).out,
    );
    assert.equal(j.approximate, true);
    assert.ok(j.upperLimit < -Math.log(0.1) * 0.8, `n = 0 asymptotic limit ${j.upperLimit} undercovers`);
    const t = await cli(["stats", "limit", "--obs", "0", "--bkg", "0.26", "--method", "asymptotic"]);
    assert.match(t.out, /APPROXIMATE/);
  });
  it("limit with a background uncertainty runs toys and returns the scan points", async () => {
    const r = await cli([
      "stats",
      "limit",
      "--obs",
      "2",
      "--bkg",
      "1",
      "--bkg-unc",
      "0.3,0.2",
      "--toys",
      "500",
      "--workers",
      "1",
      "--json",
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.method, "toys");
    assert.equal(j.toyMode, "hybrid");
    assert.ok(Array.isArray(j.scan) && j.scan.length >= 10);
    assert.ok(
      j.scan.every((p: { poi: number; cls: number }) => Number.isFinite(p.poi) && p.cls >= 0 && p.cls <= 1),
    );
  });
  it("significance --json: pValue and significance", async () => {
    const j = JSON.parse(
      (await cli(["stats", "significance", "--obs", "20", "--bkg", "7.03", "--json"])).out,
    );
    assert.equal(j.pValue.toExponential(2), "4.70e-5");
    assert.equal(j.significance.toFixed(1), "3.9");
  });
  it("measure FILE --json: bestFit, interval, pValue, significance; --export-pyhf writes a workspace", async () => {
    const out = join(dir, "run1.pyhf.json");
    const r = await cli([
      "stats",
      "measure",
      `${conditions}pnn-run1.json`,
      "--method",
      "asymptotic",
      "--json",
      "--export-pyhf",
      out,
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    for (const k of ["bestFit", "interval", "pValue", "significance"]) assert.ok(k in j, k);
    assert.equal(j.interval.length, 2);
    assert.ok(j.interval[0] < j.bestFit && j.bestFit < j.interval[1]);
    assert.equal(parseWorkspace(JSON.parse(readFileSync(out, "utf8"))).channels.length, 3);
  });
  it("pyhf WORKSPACE --json: cls at the POI, upperLimit, expected", async () => {
    const ws = join(dir, "hello.json");
    writeFileSync(ws, JSON.stringify(HELLO.ws));
    const r = await cli(["stats", "pyhf", ws, "--poi", "1", "--json"]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.ok(Math.abs(j.cls / HELLO.cls - 1) < 1e-4);
    assert.ok(Math.abs(j.upperLimit / HELLO.toms748.obs - 1) < 0.01);
    assert.equal(j.approximate, true);
    assert.deepEqual(Object.keys(j.expected).sort(), ["+1", "+2", "-1", "-2", "0"]);
  });
  it("bad input: exit 2 with the field and the value, nothing written", async () => {
    const cases: [string[], RegExp][] = [
      [["stats", "limit", "--obs", "1.5", "--bkg", "1"], /--obs: .*"1\.5"/],
      [["stats", "limit", "--obs", "1", "--bkg", "-3"], /--bkg: .*-3/],
      [["stats", "limit", "--obs", "1", "--bkg", "1", "--cl", "90"], /--cl: .*90/],
      [["stats", "limit", "--obs", "1", "--bkg", "1", "--method", "bayes"], /--method: .*"bayes"/],
      [
        ["stats", "limit", "--obs", "1", "--bkg", "1", "--bkg-unc", "0.1", "--method", "exact"],
        /--method: exact needs/,
      ],
      [["stats", "limit", "--obs", "1", "--bkg", "1", "--bkg-unc", "x"], /--bkg-unc: .*"x"/],
      [
        ["stats", "limit", "--obs", "1", "--bkg", "1", "--bkg-unc", "0.1", "--bkg-constraint", "cauchy"],
        /--bkg-constraint: .*"cauchy"/,
      ],
      [["stats", "limit", "--obs", "1", "--bkg", "1", "--ses-unc", "0.1"], /--ses-unc: needs --ses/],
      [["stats", "significance", "--obs", "3"], /--bkg: .*null/],
      [
        ["stats", "significance", "--obs", "3", "--bkg", "1", "--bkg-unc", "0.2", "--toys", "0"],
        /--toys: .*"0"/,
      ],
      [["stats", "measure", join(dir, "missing.json")], /FILE: cannot read/],
      [["stats", "limit", "--obs", "1", "--bkg", "1", "--toy-mode", "bayes"], /--toy-mode: .*"bayes"/],
      [["stats", "pyhf", join(dir, "missing.json")], /WORKSPACE: cannot read/],
      [
        ["stats", "limit", "--obs", "1", "--bkg", "0.5", "--bkg-unc", "0.3,0.6"],
        /--bkg-unc: a log-normal down uncertainty must stay below the background \(0\.5\), got 0\.6/,
      ],
      [
        ["stats", "limit", "--obs", "1", "--bkg", "1", "--ses", "1e-10", "--ses-unc", "2e-10,1e-11"],
        /--ses-unc: a log-normal up uncertainty must stay below the SES \(1e-10\), got 2e-10/,
      ],
      [
        ["stats", "significance", "--obs", "1", "--bkg", "0", "--bkg-unc", "0.1"],
        /--bkg-unc: an uncertainty needs a background > 0, got 0\.1 on 0/,
      ],
    ];
    for (const [args, re] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
      assert.match(r.err, re, args.join(" "));
    }
  });
  it("bad model files name the JSON path and value; no export is written", async () => {
    const f = join(dir, "bad.json");
    writeFileSync(
      f,
      JSON.stringify({
        categories: [
          { name: "a", nObs: 2, background: 1, ses: 1e-10 },
          { name: "b", nObs: 1, background: -1, ses: 1e-10 },
        ],
      }),
    );
    const out = join(dir, "never.json");
    const r = await cli(["stats", "measure", f, "--export-pyhf", out]);
    assert.equal(r.code, 2);
    assert.match(r.err, /categories\[1\]\.background: .*got -1/);
    assert.equal(existsSync(out), false);
    writeFileSync(f, "{not json");
    assert.match((await cli(["stats", "measure", f])).err, /is not JSON/);
    writeFileSync(
      f,
      JSON.stringify({ categories: [{ name: "a", nObs: 2, background: 1, ses: 1e-10, sesUnc: [0.1] }] }),
    );
    assert.match((await cli(["stats", "measure", f])).err, /categories\[0\]\.sesUnc/);
    writeFileSync(
      f,
      JSON.stringify({
        categories: [{ name: "a", nObs: 2, background: [{ value: 0.5, unc: [0.1, 0.7] }], ses: 1e-10 }],
      }),
    );
    const c = await cli(["stats", "measure", f, "--export-pyhf", out]);
    assert.equal(c.code, 2);
    assert.match(c.err, /categories\[0\]\.background\[0\]\.unc: .*got 0\.7/);
    assert.equal(existsSync(out), false);
    const ws = join(dir, "badws.json");
    writeFileSync(ws, JSON.stringify({ ...HELLO.ws, version: "0.9" }));
    const p = await cli(["stats", "pyhf", ws]);
    assert.equal(p.code, 2);
    assert.match(p.err, /workspace\.version: .*"0\.9"/);
  });
});

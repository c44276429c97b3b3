/**
 * `kaonlab run pi4e` on a small sample: the results are the same for any number of workers, the
 * JSON has the common shape with the UL and the background table, the figures hang together
 * (UL = N_up/(N_K·A), totals = Σ rows, N_K reproduces the calibration figure), and a bad period is
 * refused with exit 2 and nothing written.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { resultsShapeProblems } from "../../../src/analyses/layer/results.ts";
import { exactUpperLimit } from "../../../src/stats/exact.ts";
import { cli, tempDir } from "../../run/helpers.ts";

const tmp = tempDir("pi4e-job");
after(() => rmSync(tmp, { recursive: true, force: true }));

async function run(name: string, workers: string) {
  const out = join(tmp, name);
  const r = await cli([
    "run",
    "pi4e",
    "--events",
    "30000",
    "--seed",
    "4",
    "--shards",
    "3",
    "--workers",
    workers,
    "--quiet",
    "--json",
    "--out",
    out,
  ]);
  assert.equal(r.code, 0, r.err);
  return { text: readFileSync(join(out, "results.json"), "utf8"), stdout: r.out };
}

describe("pi4e job", () => {
  it("is deterministic for any number of workers, with a consistent results JSON", async () => {
    const a = await run("w1", "1");
    const b = await run("w2", "2");
    assert.equal(a.text, b.text, "results.json differs between 1 and 2 workers");
    const j = JSON.parse(a.text);
    assert.deepEqual(resultsShapeProblems(j), []);
    assert.equal(j.analysis, "pi4e");
    // the --json output holds the results at the top level
    assert.equal(JSON.parse(a.stdout).analysis, "pi4e");
    for (const c of j.comparison)
      for (const k of ["figure", "ours", "published", "ratio", "status"]) assert.ok(k in c, k);
    const ul = j.comparison.find((c: { figure: string }) => c.figure === "brUpperLimit");
    assert.equal(ul.published, 1.4e-8);
    // UL = N_up(0 observed, b) / (N_K · A_signal)
    assert.ok(j.acceptance.signal > 0 && j.acceptance.signal < 1);
    const nUp = exactUpperLimit(0, j.totals.SR.value, 0.9);
    assert.ok(Math.abs(j.brUpperLimit - nUp / (j.kaonDecays * j.acceptance.signal)) < 1e-9 * j.brUpperLimit);
    // the totals are the sums of the rows
    for (const r of ["CR", "LCR", "SR"]) {
      const s = j.backgrounds.reduce((x: number, b: Record<string, { value: number }>) => x + b[r].value, 0);
      assert.ok(Math.abs(s - j.totals[r].value) <= 1e-12 * Math.max(1, s), r);
    }
    // N_K is fixed on K⁺→π⁺π⁰_Dπ⁰_D in the loose control region: that figure is NA62's, calibrated
    const cal = j.comparison.find((c: { figure: string }) => c.figure === "bkg.pipiDpiD.LCR");
    assert.equal(cal.status, "calibrated");
    assert.ok(Math.abs(cal.ours - 2.47) < 1e-9);
    // the cut flow of the signal never increases; the acceptance is its last step
    const f = j.cutFlow.map((s: { weight: number }) => s.weight);
    for (let i = 1; i < f.length; i++) assert.ok(f[i] <= f[i - 1] + 1e-15, `cut flow step ${i}`);
    assert.ok(Math.abs(j.cutFlow.at(-1).fraction - j.acceptance.signal) < 1e-12);
    // the dark-chain ULs: one per mass point, finite where the acceptance is positive
    assert.equal(j.dark.aa.length, 7);
    for (const d of [...j.dark.aa, ...j.dark.S.points])
      assert.equal(d.brUpperLimit === null, !(d.acceptance > 0), `m = ${d.mass}`);
    // the window breakdown: a dark candidate is a signal-region event, so A = A_SR · (D and window)
    let bestAcc = 0;
    for (const d of [...j.dark.aa, ...j.dark.S.points]) {
      assert.ok(d.acceptance <= d.signalRegionAcceptance + 1e-15, `m = ${d.mass}`);
      if (d.signalRegionAcceptance > 0) {
        assert.ok(d.windowEfficiency >= 0 && d.windowEfficiency <= 1, `m = ${d.mass}`);
        assert.ok(Math.abs(d.windowEfficiency * d.signalRegionAcceptance - d.acceptance) <= 1e-12);
      } else assert.equal(d.windowEfficiency, null);
      bestAcc = Math.max(bestAcc, d.acceptance);
    }
    assert.ok(Math.abs(j.dark.bestAcceptanceOverSignal - bestAcc / j.acceptance.signal) <= 1e-12);
  });

  it("refuses a period it has no conditions for, with exit 2, writing nothing", async () => {
    const out = join(tmp, "bad");
    const r = await cli(["run", "pi4e", "--period", "2017", "--events", "1000", "--quiet", "--out", out]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /2017/);
    assert.equal(existsSync(join(out, "results.json")), false);
  });
});

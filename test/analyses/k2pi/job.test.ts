import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cli, tempDir } from "../../run/helpers.ts";

const tmp = tempDir("k2pi-job");
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("k2pi job", () => {
  it("N_K = D·N_ππ/(A_ππ·BR) from the simulated acceptance; the bins add up; 2018-S1 is a prediction", async () => {
    const out = join(tmp, "s1");
    const r = await cli([
      "run",
      "k2pi",
      "--period",
      "2018-S1",
      "--events",
      "40000",
      "--seed",
      "3",
      "--quiet",
      "--json",
      "--out",
      out,
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    assert.equal(j.analysis, "k2pi");
    assert.ok(j.acceptance > 0 && j.acceptance < 1);
    const nK = (j.downscale * j.nPiPi) / (j.acceptance * j.brPiPi);
    assert.ok(Math.abs(j.kaonDecays - nK) <= 1e-12 * nK);
    const sum = j.bins.reduce((s: number, b: { acceptance: number }) => s + b.acceptance, 0);
    assert.ok(Math.abs(sum - j.acceptance) <= 1e-12 * j.acceptance);
    // the cut flow ends at the normalisation selection's steps, per decay in the FV
    assert.equal(j.cutFlow.find((s: { cut: string }) => s.cut === "true vertex in FV").fraction, 1);
    for (const c of j.comparison) assert.notEqual(c.status, "calibrated", c.figure);
  });

  it("refuses a period without a published normalisation count, with exit 2, writing nothing", async () => {
    const out = join(tmp, "bad");
    const r = await cli(["run", "k2pi", "--period", "2017", "--events", "1000", "--quiet", "--out", out]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /2017/);
    assert.equal(existsSync(join(out, "results.json")), false);
  });
});

import assert from "node:assert/strict";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { pi0invFigures } from "../../../src/analyses/pi0inv/job.ts";
import { exactUpperLimit } from "../../../src/stats/exact.ts";
import { cli, tempDir } from "../../run/helpers.ts";

const tmp = tempDir("pi0inv-job");
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("pi0inv", () => {
  it("figures: background = N_tag·P(both γ missed), UL = CLs events / (N_tag·ε)", () => {
    // wFv, tagged, selected, selected², n
    const f = pi0invFigures([10, 2, 2e-8, 1e-17, 5], [10, 0, 6, 0, 0], 4e9, 12);
    assert.ok(Math.abs(f.tagAcceptance - 0.2) < 1e-15);
    assert.ok(Math.abs(f.signalEfficiency - 3) < 1e-12);
    assert.ok(Math.abs(f.background - 4e9 * 1e-8) < 1e-9);
    assert.ok(Math.abs(f.brUpperLimit - exactUpperLimit(12, 40) / (4e9 * 3)) < 1e-20);
  });

  it("runs on 2017 with the contract's fields, a tagged sample and a photon-veto background", async () => {
    const out = join(tmp, "r");
    const r = await cli([
      "run",
      "pi0inv",
      "--events",
      "60000",
      "--seed",
      "4",
      "--quiet",
      "--json",
      "--out",
      out,
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.analysis, "pi0inv");
    for (const k of ["taggedPi0", "background", "observed", "brUpperLimit"])
      assert.equal(typeof j[k], "number", k);
    // tagging: a few % of the K⁺→π⁺π⁰ decays in the FV; the signal passes the PNN trigger and RV at ~0.4–0.9
    assert.ok(j.tagAcceptance > 0.01 && j.tagAcceptance < 0.2, String(j.tagAcceptance));
    assert.ok(j.signalEfficiency > 0.3 && j.signalEfficiency < 1, String(j.signalEfficiency));
    // both photons missed: far below the single-photon inefficiency (~10⁻⁴)
    assert.ok(j.backgroundProbability > 0 && j.backgroundProbability < 1e-5, String(j.backgroundProbability));
    assert.ok(j.expectedUpperLimit["-1"] <= j.expectedUpperLimit["+1"]);
  });

  it("refuses a π⁰ acceptance radius outside the LKr with exit 2, naming the field", async () => {
    const card = join(tmp, "bad-rmin.yaml");
    writeFileSync(card, "job: pi0inv\nconfig:\n  pi0LkrRMin: -5\n");
    const out = join(tmp, "bad-rmin");
    const r = await cli(["run", "--card", card, "--events", "100", "--quiet", "--out", out]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /pi0LkrRMin/);
    assert.equal(existsSync(join(out, "results.json")), false);
  });

  it("refuses an unknown period with exit 2, writing nothing", async () => {
    const out = join(tmp, "bad");
    const r = await cli(["run", "pi0inv", "--period", "1999", "--events", "100", "--quiet", "--out", out]);
    assert.equal(r.code, 2, r.err);
    assert.equal(existsSync(join(out, "results.json")), false);
  });
});

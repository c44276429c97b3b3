import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { publishedLimit } from "../../../src/analyses/pix/conditions.ts";
import { PERIOD_2016_22, periodsOf, pixPeriods } from "../../../src/analyses/pix/job.ts";
import { cli, tempDir } from "../../run/helpers.ts";

const tmp = tempDir("pix-job");
after(() => rmSync(tmp, { recursive: true, force: true }));

// the window count (exact CLs: n = 0 gives ln 10 events); the shape fit is tested in shape-limit.test.ts
const CARD = {
  nodes: [0, 60, 110, 154, 210, 260],
  lifetimes: ["stable", 0.5],
  massStep: 10,
  method: "window",
};

async function run(name: string, workers: number, config: object = CARD) {
  const card = join(tmp, `${name}.json`);
  writeFileSync(card, JSON.stringify({ job: "pix", config }));
  const out = join(tmp, name);
  const r = await cli([
    "run",
    "--card",
    card,
    "--period",
    "2018-S2",
    "--events",
    "60000",
    "--shards",
    "2",
    "--workers",
    String(workers),
    "--seed",
    "5",
    "--quiet",
    "--json",
    "--out",
    out,
  ]);
  return { r, out };
}

describe("pix job", () => {
  it("prints the limits contract; limits are ordered and the short lifetime is vetoed; same result for 1 and 2 workers", async () => {
    const a = await run("w1", 1);
    assert.equal(a.r.code, 0, a.r.err);
    const j = JSON.parse(a.r.out);
    assert.equal(j.analysis, "pix");
    const masses = new Set(j.limits.map((l: { mass: number }) => l.mass));
    // 0–110 and 154–260 in steps of 10 MeV, the upper ends included
    assert.equal(masses.size, 12 + 12);
    for (const l of j.limits) {
      for (const k of ["mass", "ses", "background", "observed", "brUpperLimit"])
        assert.equal(typeof l[k], "number", k);
      assert.ok(l.ctau === null || l.ctau > 0);
      assert.deepEqual(Object.keys(l.expectedUpperLimit).sort(), ["+1", "+2", "-1", "-2", "0"]);
      assert.ok(
        l.expectedUpperLimit["-2"] <= l.expectedUpperLimit["0"] &&
          l.expectedUpperLimit["0"] <= l.expectedUpperLimit["+2"],
      );
      assert.ok(
        Math.abs(l.brUpperLimit / l.ses - Math.LN10) < 1e-9 || l.observed > 0,
        "n = 0: UL = ln 10 events",
      );
    }
    // an X of τ = 0.5 ns at 204 MeV decays in the detector (γcτ ≈ 30 m) and is vetoed: the acceptance drops
    const at = (m: number, ctau: number | null) =>
      j.limits.find((l: { mass: number; ctau: number | null }) => l.mass === m && l.ctau === ctau);
    const stable = at(204, null);
    const short = at(204, 0.5 * 299.792458);
    assert.ok(short.ses > 2 * stable.ses, `${short.ses} vs ${stable.ses}`);
    // the X acceptance in R2 is of the order of the K⁺→π⁺νν̄ acceptance of 2018-S2 (6.4%)
    assert.ok(stable.acceptance > 0.02 && stable.acceptance < 0.15, String(stable.acceptance));
    const b = await run("w2", 2);
    assert.equal(b.r.code, 0, b.r.err);
    const strip = (s: string) => {
      const o = JSON.parse(s);
      delete o.run;
      return JSON.stringify(o);
    };
    assert.equal(strip(b.r.out), strip(a.r.out));
  });

  it("refuses bad nodes with exit 2, writing nothing", async () => {
    const { r, out } = await run("bad", 1, { nodes: [100, 50] });
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /nodes/);
    assert.equal(existsSync(join(out, "results.json")), false);
  });

  it("--mass-step and --lifetimes set the job's config; a bad lifetime is refused with exit 2", async () => {
    const out = join(tmp, "flags");
    const args = ["run", "pix", "--period", "2018-S2", "--events", "4000", "--quiet", "--json"];
    const r = await cli([...args, "--mass-step", "50", "--lifetimes", "stable,2", "--out", out]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    // 0, 50, 100, 110 and 154, 204, 254, 260; two lifetimes
    assert.equal(j.limits.length, 16);
    assert.deepEqual([...new Set(j.limits.map((l: { lifetime: number | null }) => l.lifetime))], [null, 2]);
    const bad = await cli([...args, "--lifetimes", "stable,abc", "--out", join(tmp, "flags-bad")]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /config\.lifetimes/);
    assert.equal(existsSync(join(tmp, "flags-bad")), false);
  });

  it("has NA62's limits per data set: 2017 with a stable column, 2016-22 (five periods) up to 10 ns", () => {
    const c = JSON.parse(
      readFileSync(new URL("../../../conditions/analyses/pix/published.json", import.meta.url), "utf8"),
    );
    assert.ok(c.references["2017"].points.length >= 10);
    assert.ok(c.references["2017"].lifetimes.includes(null));
    assert.deepEqual(c.references["2016-22"].lifetimes, [0.1, 0.2, 0.5, 1, 2, 5, 10]);
    for (const p of c.references["2016-22"].points) assert.equal(p.ul.length, 7);
    assert.ok(pixPeriods().includes(PERIOD_2016_22));
    assert.deepEqual(periodsOf(PERIOD_2016_22), ["2016", "2017", "2018-S1", "2018-S2", "2021-22"]);
    assert.deepEqual(periodsOf(null), periodsOf(PERIOD_2016_22), "2016-22 is the default");
    assert.equal(publishedLimit("2017", 0.21, null), 4.5e-11);
    assert.equal(publishedLimit("run1", 0.21, null), null, "no digitised Run 1 curve");
    assert.equal(publishedLimit("2016-22", 0.21, null), null, "no stable column for 2016-22");
  });
});

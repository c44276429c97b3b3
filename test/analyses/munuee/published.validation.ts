/**
 * K⁺→μ⁻νe⁺e⁺ against NA62's published figures ([NA62-MUNUEE-2023] via [NA62-EQCD2024-talk]) on a
 * sample 4× the default: the UL within its factor-2 target, the signal acceptance stable against the
 * default run's MC error, and every background cell that the sample resolves reported with its
 * ratio. The K⁺→π⁺π⁺π⁻ upper region is the figure the LKr pion E/p width is calibrated on (on the
 * default run, seed 1): here, at another seed and 4× the sample, it is checked within a factor 3. Cells
 * the model cannot reproduce (docs/analyses/munuee.md §6: the unresolved signal-region cells) are
 * `todo`: they run and print, but do not fail the suite.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { munueePublished } from "../../../src/analyses/munuee/conditions.ts";
import { cli, tempDir } from "../../run/helpers.ts";

const tmp = tempDir("munuee-published");
after(() => rmSync(tmp, { recursive: true, force: true }));
const pub = munueePublished();

// biome-ignore lint/suspicious/noExplicitAny: the results JSON
let res: any;
before(async () => {
  const r = await cli([
    "run",
    "munuee",
    "--events",
    "12000000",
    "--seed",
    "4",
    "--workers",
    "2",
    "--quiet",
    "--json",
    "--out",
    join(tmp, "run"),
  ]);
  assert.equal(r.code, 0, r.err);
  res = JSON.parse(r.out);
});

const row = (figure: string) => res.comparison.find((c: { figure: string }) => c.figure === figure);

describe("munuee against NA62 (12M decays)", () => {
  it("the 90% CL UL within a factor 2 of 8.1e-11", () => {
    const ul = res.brUpperLimit;
    assert.ok(ul > pub.brUpperLimit.limit / 2 && ul < pub.brUpperLimit.limit * 2, String(ul));
  });
  it("K⁺→π⁺π⁻e⁺ν, upper region, within a factor 3", () => {
    const r = row("background.pipienu.upper");
    assert.ok(r.ratio > 1 / 3 && r.ratio < 3, `${r.ours} vs ${r.published}`);
  });
  it("K⁺→π⁺π⁺π⁻, upper region (the calibration figure, other seed), within a factor 3", () => {
    const r = row("background.pipipi.upper");
    assert.ok(r.ratio > 1 / 3 && r.ratio < 3, `${r.ours} vs ${r.published}`);
  });
  it("total background in the signal region within a factor 3 of 0.26", {
    todo: "not resolved by the sample (munuee.md §6)",
  }, () => {
    const r = row("background.total.signal");
    assert.equal(r.status, "reproduced", r.reason);
  });
});

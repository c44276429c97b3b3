/** The munuee candidate ntuple: read back, columns, weight × scale per m²miss region against the results. */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { REGIONS } from "../../../src/analyses/munuee/conditions.ts";
import { MUNUEE_CANDIDATE_COLUMNS } from "../../../src/analyses/munuee/selection.ts";
import { tempDir } from "../../run/helpers.ts";
import { assertClose, expectedOf, readNtuples, runJob } from "../ntuple-check.ts";

const tmp = tempDir("munuee-ntuple");
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("candidate ntuple: munuee", () => {
  it("background rows add up to the expected background of each region; signal rows to 1/SES", async () => {
    const dir = join(tmp, "run");
    const results = await runJob(dir, "munuee", ["--events", "30000", "--seed", "7", "--shards", "2"]);
    const rows = await readNtuples(dir, 2, MUNUEE_CANDIDATE_COLUMNS);
    assert.ok(rows.length > 0);
    for (const r of rows)
      assert.ok((REGIONS as readonly string[]).includes(String(r.category)), String(r.category));
    const bkg = (r: Record<string, unknown>) => r.sample !== "signal" && r.sample !== "piee";
    for (const rg of REGIONS)
      assertClose(
        expectedOf(results, rows, (r) => r.category === rg && bkg(r)),
        results.totalBackground[rg].expected,
        `background, ${rg} region`,
      );
    assertClose(
      expectedOf(results, rows, (r) => r.category === "signal" && r.sample === "signal"),
      1 / results.ses,
      "signal per unit BR",
    );
  });
});

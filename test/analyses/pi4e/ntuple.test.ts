/** The pi4e candidate ntuple: read back, columns, weight × scale per background row and region. */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { PI4E_CANDIDATE_COLUMNS } from "../../../src/analyses/pi4e/shard.ts";
import { tempDir } from "../../run/helpers.ts";
import { assertClose, expectedOf, readNtuples, runJob } from "../ntuple-check.ts";

const tmp = tempDir("pi4e-ntuple");
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("candidate ntuple: pi4e", () => {
  it("each background row's rows add up to its expected events per region; signal rows to 1/SES", async () => {
    const dir = join(tmp, "run");
    const results = await runJob(dir, "pi4e", ["--events", "30000", "--seed", "8", "--shards", "2"]);
    const rows = await readNtuples(dir, 2, PI4E_CANDIDATE_COLUMNS);
    assert.ok(rows.length > 0);
    for (const r of rows) assert.ok(["SR", "CR", "LCR"].includes(String(r.category)), String(r.category));
    assert.ok(Number.isFinite(results.kaonDecays), "N_K fixed by the calibration row");
    let filled = 0;
    for (const b of results.backgrounds) {
      for (const rg of ["SR", "CR", "LCR"]) {
        const got = expectedOf(results, rows, (r) => r.source === b.key && r.category === rg);
        assertClose(got, b[rg].value, `${b.key}, ${rg}`);
        if (got > 0) filled++;
      }
    }
    assert.ok(filled > 0, "some background cell filled");
    assertClose(
      expectedOf(results, rows, (r) => r.source === "signal" && r.category === "SR"),
      1 / results.singleEventSensitivity,
      "signal per unit BR",
    );
  });
});

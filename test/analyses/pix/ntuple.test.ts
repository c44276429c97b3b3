/**
 * The pix candidate ntuple: the R1/R2 rows of the πνν̄ samples and of the K⁺→π⁺X samples (source
 * "signal"), read back; every row's sample has a scale; the rows are the same for 1 and 2 workers;
 * and weight × scale of the SM K⁺→π⁺νν̄ rows adds up to what the job's spectra give.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { PNN_CANDIDATE_COLUMNS } from "../../../src/analyses/pnn/candidates.ts";
import { tempDir } from "../../run/helpers.ts";
import { expectedOf, readNtuples, runJob } from "../ntuple-check.ts";

const tmp = tempDir("pix-ntuple");
after(() => rmSync(tmp, { recursive: true, force: true }));

const ARGS = [
  "--period",
  "2018-S2",
  "--events",
  "60000",
  "--seed",
  "5",
  "--shards",
  "2",
  "--lifetimes",
  "stable",
];

describe("candidate ntuple: pix", () => {
  it("R1/R2 rows of every sample, with scales, identical for 1 and 2 workers", async () => {
    const results = await runJob(join(tmp, "w1"), "pix", ARGS, 1);
    const rows = await readNtuples(join(tmp, "w1"), 2, PNN_CANDIDATE_COLUMNS);
    assert.ok(rows.length > 0, "rows");
    for (const r of rows) assert.ok(r.category === "R1" || r.category === "R2", String(r.category));
    const scaled = new Set(results.ntupleScales.map((s: { sample: string }) => s.sample));
    for (const r of rows) assert.ok(scaled.has(r.sample), `a scale for sample ${r.sample}`);
    assert.ok(
      rows.some((r) => r.source === "signal" && String(r.sample).startsWith("X")),
      "K⁺→π⁺X rows",
    );
    // the SM K⁺→π⁺νν̄ rows in R1+R2 are expected events: a handful for 2018-S2 (NA62: 6.0)
    const sm = expectedOf(results, rows, (r) => r.sample === "pinunu");
    assert.ok(sm > 2 && sm < 12, `SM K⁺→π⁺νν̄ in R1+R2: ${sm}`);
    await runJob(join(tmp, "w2"), "pix", ARGS, 2);
    const rows2 = await readNtuples(join(tmp, "w2"), 2, PNN_CANDIDATE_COLUMNS);
    assert.deepEqual(rows2, rows);
  });
});

/** The pi0inv candidate ntuple (the π⁺π⁰-region events of the πνν̄ selection): read back, columns, weight × scale. */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { PNN_CANDIDATE_COLUMNS } from "../../../src/analyses/pnn/candidates.ts";
import { tempDir } from "../../run/helpers.ts";
import { assertClose, expectedOf, readNtuples, runJob } from "../ntuple-check.ts";

const tmp = tempDir("pi0inv-ntuple");
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("candidate ntuple: pi0inv", () => {
  it("pi0inv: π⁺π⁰-region events add up to the background", async () => {
    const results = await runJob(join(tmp, "p"), "pi0inv", [
      "--events",
      "30000",
      "--seed",
      "3",
      "--shards",
      "2",
    ]);
    const rows = await readNtuples(join(tmp, "p"), 2, PNN_CANDIDATE_COLUMNS);
    for (const r of rows) assert.equal(r.category, "pipi");
    assert.deepEqual(
      results.ntupleScales.map((s: { sample: string }) => s.sample),
      ["pipi0", "signal"],
    );
    assert.ok(
      rows.some((r) => r.sample === "signal"),
      "signal rows",
    );
    assertClose(
      expectedOf(results, rows, (r) => r.sample === "pipi0"),
      results.background,
      "background",
    );
  });
});

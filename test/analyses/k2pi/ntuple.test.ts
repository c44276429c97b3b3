/**
 * The k2pi candidate ntuple (the pnn selection's normalisation events): read back, columns,
 * weight × scale against the results, the same rows for 1 and 2 workers.
 */
import assert from "node:assert/strict";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { NORM_CANDIDATE_COLUMNS } from "../../../src/analyses/pnn/candidates.ts";
import { tempDir } from "../../run/helpers.ts";
import { assertClose, expectedOf, readNtuples, runJob } from "../ntuple-check.ts";

const tmp = tempDir("k2pi-ntuple");
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("candidate ntuple: k2pi", () => {
  it("k2pi: normalisation events add up to N_ππ; the same rows for 1 and 2 workers", async () => {
    const args = ["--events", "20000", "--seed", "4", "--shards", "2"];
    const results = await runJob(join(tmp, "k1"), "k2pi", args, 1);
    const rows = await readNtuples(join(tmp, "k1"), 2, NORM_CANDIDATE_COLUMNS);
    assert.ok(rows.length > 0);
    for (const r of rows) {
      assert.equal(r.category, "pipi");
      assert.equal(r.source, "pipi0");
      assert.equal(r.period, results.period);
    }
    assertClose(
      expectedOf(results, rows, () => true),
      results.nPiPi,
      "N_ππ",
    );
    await runJob(join(tmp, "k2"), "k2pi", args, 2);
    assert.deepEqual(await readNtuples(join(tmp, "k2"), 2, NORM_CANDIDATE_COLUMNS), rows);
    const off = join(tmp, "off.json");
    writeFileSync(off, JSON.stringify({ config: { ntuple: false } }));
    const r0 = await runJob(join(tmp, "k0"), "k2pi", ["--events", "2000", "--card", off]);
    assert.equal(existsSync(join(tmp, "k0", "ntuples")), false);
    assert.equal(r0.ntupleScales, undefined);
  });
});

/** The lnv candidate ntuple: read back, columns, per-mode weight × scale against the results. */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { LNV_CANDIDATE_COLUMNS, MODES } from "../../../src/analyses/lnv/job.ts";
import { tempDir } from "../../run/helpers.ts";
import { assertClose, expectedOf, type Row, readNtuples, runJob } from "../ntuple-check.ts";

const tmp = tempDir("lnv-ntuple");
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("candidate ntuple: lnv", () => {
  it("per mode: background rows add up to the expected background, signal rows to 1/SES", async () => {
    const dir = join(tmp, "run");
    const results = await runJob(dir, "lnv", ["--events", "40000", "--seed", "6", "--shards", "2"]);
    const rows = await readNtuples(dir, 2, LNV_CANDIDATE_COLUMNS);
    const modes = MODES.map((m) => m.mode);
    for (const r of rows) {
      const c = String(r.category);
      assert.ok(modes.includes(c.replace(/ sideband$/, "")), c);
    }
    let withSignal = 0;
    for (const l of results.limits) {
      const isSignal = (r: Row) => r.sample === l.mode;
      assertClose(
        expectedOf(results, rows, (r) => r.category === l.mode && !isSignal(r)),
        l.backgroundOurs,
        `${l.mode}: background`,
      );
      const sig = expectedOf(results, rows, (r) => r.category === l.mode && isSignal(r));
      if (Number.isFinite(l.ses)) {
        assertClose(sig, 1 / l.ses, `${l.mode}: signal per unit BR`);
        withSignal++;
      }
    }
    assert.ok(withSignal > 0, "some mode has selected signal");
  });
});

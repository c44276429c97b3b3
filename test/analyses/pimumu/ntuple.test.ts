/** The pimumu candidate ntuple: read back, columns, weight × scale against the expected background. */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { PIMUMU_CANDIDATE_COLUMNS } from "../../../src/analyses/pimumu/selection.ts";
import { tempDir } from "../../run/helpers.ts";
import { assertClose, expectedOf, readNtuples, runJob } from "../ntuple-check.ts";

const tmp = tempDir("pimumu-ntuple");
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("candidate ntuple: pimumu", () => {
  it("signal-window rows of the backgrounds add up to the expected background", async () => {
    const dir = join(tmp, "run");
    const results = await runJob(dir, "pimumu", ["--events", "30000", "--seed", "5", "--shards", "2"]);
    const rows = await readNtuples(dir, 2, PIMUMU_CANDIDATE_COLUMNS);
    assert.deepEqual(
      results.ntupleScales.map((s: { sample: string }) => s.sample),
      ["signal", "k3pi", "ke4mu"],
    );
    for (const r of rows) {
      assert.ok(r.category === "signal" || r.category === "control", String(r.category));
      assert.equal(r.source, r.sample);
    }
    assert.ok(
      rows.some((r) => r.sample === "signal" && r.category === "signal"),
      "signal candidates",
    );
    assertClose(
      expectedOf(results, rows, (r) => r.category === "signal" && r.sample !== "signal"),
      results.background,
      "background",
    );
    const control = results.backgrounds.reduce(
      (s: number, b: { controlRegion: number }) => s + b.controlRegion,
      0,
    );
    assertClose(
      expectedOf(results, rows, (r) => r.category === "control" && r.sample !== "signal"),
      control,
      "control region",
    );
  });
});

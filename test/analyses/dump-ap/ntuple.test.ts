/** The dump-ap and dump-alp candidate ntuples: read back, columns, weights against the region sums. */
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { DUMP_CANDIDATE_COLUMNS } from "../../../src/analyses/dump-ap/acceptance.ts";
import { tempDir } from "../../run/helpers.ts";
import { assertClose, expectedOf, readNtuples, runJob } from "../ntuple-check.ts";

const tmp = tempDir("dump-ntuple");
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("candidate ntuples: dump-ap, dump-alp", () => {
  for (const job of ["dump-ap", "dump-alp"]) {
    it(`${job}: SR/VR/CR pairs add up to the region sums; scales are 1/(particles per mass)`, async () => {
      const dir = join(tmp, job);
      const events = 12000;
      // a small grid and halo library: the ntuple does not depend on them
      const card = join(tmp, `${job}.json`);
      writeFileSync(card, JSON.stringify({ config: { grid: "12x12", haloMuons: 200 } }));
      const results = await runJob(dir, job, [
        "--events",
        String(events),
        "--seed",
        "3",
        "--shards",
        "2",
        "--card",
        card,
      ]);
      const rows = await readNtuples(dir, 2, DUMP_CANDIDATE_COLUMNS);
      assert.ok(rows.length > 0);
      for (const r of rows) {
        assert.ok(["SR", "VR", "CR"].includes(String(r.category)), String(r.category));
        assert.equal(r.source, job);
        assert.ok((r.cda_tax as number) >= 0);
      }
      for (const rg of ["SR", "VR", "CR"]) {
        const w = rows.filter((r) => r.category === rg).reduce((s, r) => s + (r.weight as number), 0);
        assertClose(w, results.regions[rg], `${rg} weight`);
      }
      // every simulated particle is counted once in the scales: Σ 1/scale = the events
      const n = results.ntupleScales.reduce((s: number, x: { scale: number }) => s + 1 / x.scale, 0);
      assert.ok(Math.abs(n - events) < 1e-6 * events, `Σ 1/scale = ${n}`);
      const sr = expectedOf(results, rows, (r) => r.category === "SR");
      assert.ok(sr > 0 && sr <= results.ntupleScales.length, `Σ SR acceptance over the masses ${sr}`);
    });
  }
});

/**
 * `kaonlab simulate --out x.parquet` as a reader sees it: large row groups, Snappy, the key–value
 * metadata (units, channel map, period card, seed, version), event as INT32 and flags as BOOLEAN;
 * the same bytes with 1 or 2 worker threads (blocks of SIMULATE_BLOCK events written in order).
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parquetMetadata, parquetSchema } from "hyparquet";
import { SIMULATE_BLOCK } from "../../src/cli/commands/simulate-block.ts";
import { findChannel } from "../../src/decays/catalogue.ts";
import { ROW_GROUP_ROWS } from "../../src/io/table.ts";
import { VERSION } from "../../src/version.ts";
import { cli } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "kaonlab-simout-"));
const K2PI = "K+ -> pi+ pi0";

function ab(f: string): ArrayBuffer {
  const b = readFileSync(f);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

describe("kaonlab simulate: the Parquet ntuple", () => {
  const n = SIMULATE_BLOCK + 3000;

  it("same bytes with 1 and 2 workers; row groups of ROW_GROUP_ROWS; Snappy", async () => {
    const files = [1, 2].map((w) => join(dir, `w${w}.parquet`));
    for (const [k, f] of files.entries()) {
      const r = await cli(["simulate", K2PI, "-n", String(n), "-s", "3", "-w", String(k + 1), "--out", f]);
      assert.equal(r.code, 0, r.err);
    }
    assert.deepEqual(readFileSync(files[0]), readFileSync(files[1]));
    const meta = parquetMetadata(ab(files[0]));
    assert.equal(Number(meta.num_rows), n);
    assert.deepEqual(
      meta.row_groups.map((g) => Number(g.num_rows)),
      [ROW_GROUP_ROWS, n - ROW_GROUP_ROWS],
    );
    assert.equal(meta.row_groups[0].columns[0].meta_data?.codec, "SNAPPY");
  });

  it("key–value metadata: units, channel map, period card, seed, version; event INT32, acc_* BOOLEAN", async () => {
    const f = join(dir, "meta.parquet");
    const r = await cli(["simulate", K2PI, "-n", "500", "-s", "9", "--card", "beam.intensity=2", "--out", f]);
    assert.equal(r.code, 0, r.err);
    const meta = parquetMetadata(ab(f));
    const kv = new Map((meta.key_value_metadata ?? []).map((k) => [k.key, k.value ?? ""]));
    assert.equal(kv.get("kaonlab.version"), VERSION);
    assert.equal(kv.get("kaonlab.seed"), "9");
    assert.equal(kv.get("kaonlab.period"), "2018-S2");
    const units = JSON.parse(kv.get("kaonlab.units") ?? "{}");
    assert.equal(units.m2miss, "GeV^2/c^4");
    assert.equal(units.p_track, "GeV/c");
    assert.equal(units.z_vtx, "mm");
    const channels = JSON.parse(kv.get("kaonlab.channels") ?? "{}");
    assert.equal(channels[String(findChannel(K2PI).id)], K2PI);
    const card = JSON.parse(kv.get("kaonlab.period_card") ?? "{}");
    assert.equal(card.name, "2018-S2");
    assert.equal(card.beam.intensity, 2, "the card with its overrides");
    const types = new Map(parquetSchema(meta).children.map((c) => [c.element.name, c.element.type]));
    assert.equal(types.get("event"), "INT32");
    assert.equal(types.get("acc_straw"), "BOOLEAN");
    assert.equal(types.get("m2miss"), "DOUBLE");
  });
});

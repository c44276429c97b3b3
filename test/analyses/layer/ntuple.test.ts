import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CANDIDATE_COLUMNS, CandidateNtuple, candidateColumns } from "../../../src/analyses/layer/ntuple.ts";
import type { ColumnData } from "../../../src/io/table.ts";

/** a sink that copies what it is handed (the buffers are reused after each append) */
function sink() {
  const rows: Record<string, unknown>[] = [];
  const calls: number[] = [];
  return {
    rows,
    calls,
    append(cols: Record<string, ColumnData>, n: number) {
      calls.push(n);
      for (let i = 0; i < n; i++) {
        const r: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(cols)) r[k] = (v as ArrayLike<unknown>)[i];
        rows.push(r);
      }
    },
  };
}

describe("candidate ntuple", () => {
  const extra = [
    { name: "p", type: "DOUBLE" as const },
    { name: "bin", type: "INT32" as const },
  ];

  it("declares the common columns first, then the analysis's own; refuses clashes and non-numbers", () => {
    assert.deepEqual(
      candidateColumns(extra).map((c) => c.name),
      [...CANDIDATE_COLUMNS.map((c) => c.name), "p", "bin"],
    );
    assert.throws(() => candidateColumns([{ name: "weight", type: "DOUBLE" }]), /"weight" declared twice/);
    assert.throws(
      () => candidateColumns([{ name: "tag", type: "STRING" }]),
      /"tag" must be numeric, got STRING/,
    );
  });

  it("hands rows to the sink in blocks of its capacity, with the labels in force when each was added", () => {
    const s = sink();
    const nt = new CandidateNtuple(s, extra, 4);
    nt.setLabels("2018-S2", "pipi0", "pipi0");
    for (let i = 0; i < 6; i++) nt.add(i % 2 ? "R1" : "R2", i, 0.5 * i, [10 + i, i]);
    nt.setLabels("2018-S2", "pinunu", "signal");
    nt.add("R2", 99, 2, [30, 3]);
    nt.flush();
    nt.flush();
    assert.deepEqual(s.calls, [4, 3]);
    assert.equal(nt.rows, 7);
    assert.equal(s.rows.length, 7);
    assert.deepEqual(s.rows[5], {
      period: "2018-S2",
      sample: "pipi0",
      source: "pipi0",
      category: "R1",
      event: 5,
      weight: 2.5,
      p: 15,
      bin: 5,
    });
    assert.equal(s.rows[6].sample, "pinunu");
    assert.equal(s.rows[6].source, "signal");
    assert.throws(() => nt.add("R1", 0, 1, [1]), /1 values for 2 columns/);
  });
});

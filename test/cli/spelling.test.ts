/**
 * "Did you mean": unknown channel names, periods, run-card keys and selection keys get the right
 * candidates, comparing without case and spacing; exit code 2 on the command line.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { selectionFor } from "../../src/analyses/pnn/conditions.ts";
import { findChannel } from "../../src/decays/catalogue.ts";
import { loadPeriod } from "../../src/detector/card.ts";
import { closest, editDistance } from "../../src/io/spelling.ts";
import { cli } from "../helpers/cli.ts";

/** the message of the error `f` throws */
function message(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail("no error");
}

/** the names in `did you mean "a", "b"?` in order */
function suggestions(msg: string): string[] {
  const m = /did you mean (.*?)\?/.exec(msg);
  return m ? [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]) : [];
}

describe("did you mean", () => {
  it("edit distance and normalisation", () => {
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.deepEqual(closest("Z_RANGE", ["zRange", "events", "seed"]), ["zRange"]);
    assert.deepEqual(closest("qqqqqq", ["zRange", "events"]), []);
  });

  it("channel names: spacing and case ignored, the right channel first", () => {
    assert.deepEqual(suggestions(message(() => findChannel("K+->pi+pi0"))), ["K+ -> pi+ pi0"]);
    assert.equal(suggestions(message(() => findChannel("pi+ nu nu")))[0], "K+ -> pi+ nu nubar");
    assert.deepEqual(suggestions(message(() => findChannel("k+ -> MU+ NU"))), ["K+ -> mu+ nu"]);
  });

  it("periods (the detector's and the πνν analysis's)", () => {
    assert.deepEqual(suggestions(message(() => loadPeriod("2018-s2"))), ["2018-S2"]);
    assert.deepEqual(suggestions(message(() => selectionFor("2018-s2"))), ["2018-S2"]);
  });

  it("selection keys", () => {
    assert.equal(suggestions(message(() => selectionFor("2018-S2", { "kaon.cdamax": 3 })))[0], "kaon.cdaMax");
  });

  it("run-card keys, on the command line: exit 2, each unknown key with its candidate", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kaonlab-spell-"));
    const card = join(dir, "card.yaml");
    writeFileSync(card, 'channel: "K+ -> pi+ pi0"\nzrange: "1:2"\nevnts: 5\n');
    const r = await cli(["simulate", "--run-card", card]);
    assert.equal(r.code, 2);
    assert.match(r.err, /"zrange" \(did you mean "zRange"\?\)/);
    assert.match(r.err, /"evnts" \(did you mean "events"\?\)/);
    const c = await cli(["simulate", "K+->pi+pi0", "-n", "5"]);
    assert.equal(c.code, 2);
    assert.match(c.err, /did you mean "K\+ -> pi\+ pi0"/);
  });
});

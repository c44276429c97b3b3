/** The package's library entry (package.json "main"/"exports": dist/index.js) exposes each stage. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import * as kaonlab from "../src/index.ts";

describe("library entry", () => {
  it("exports the pipeline stages and a working generator", () => {
    for (const name of [
      "DecayGenerator",
      "Simulator",
      "stats",
      "runCli",
      "catalogue",
      "particleTable",
      "stream",
      "executeRun",
    ]) {
      assert.ok(name in kaonlab, `missing export ${name}`);
    }
    const gen = new kaonlab.DecayGenerator({ channel: "K+ -> pi+ pi0" });
    const b = new kaonlab.EventBatch(10);
    gen.fill(b, 10, kaonlab.shardStreams(1, 0));
    assert.equal(b.size, 10);
  });
  it("VERSION matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    assert.equal(kaonlab.VERSION, pkg.version);
  });
});

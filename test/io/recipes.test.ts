/**
 * The "read it in JavaScript / Python / ROOT" recipes of docs/outputs.md work on real outputs: the
 * JavaScript one always, the pandas one where pandas and pyarrow import, the plain-JSON histogram
 * one where python3 exists; the ROOT JSON histograms parse with JSROOT with their entries set.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { parse } from "jsroot/core";
import { cli } from "../helpers/cli.ts";

const root = new URL("../../", import.meta.url).pathname;
const doc = readFileSync(join(root, "docs/outputs.md"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "kaonlab-recipes-"));
symlinkSync(join(root, "node_modules"), join(dir, "node_modules"));

/** the fenced code block after `<!-- recipe:NAME -->` */
function recipe(name: string): string {
  const m = new RegExp(`<!-- recipe:${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(doc);
  assert.ok(m, `docs/outputs.md has no recipe ${name}`);
  return m[1];
}

function python(mods: string[]): boolean {
  const r = spawnSync("python3", ["-c", mods.map((m) => `import ${m}`).join("; ")], { encoding: "utf8" });
  return r.status === 0;
}

describe("docs/outputs.md recipes", () => {
  before(async () => {
    const r = await cli([
      "simulate",
      "K+ -> pi+ pi0",
      "-n",
      "3000",
      "-s",
      "2",
      "--out",
      join(dir, "x.parquet"),
    ]);
    assert.equal(r.code, 0, r.err);
    const m = await cli([
      "run",
      "mix",
      "-n",
      "4000",
      "--shards",
      "1",
      "--workers",
      "1",
      "--quiet",
      "-o",
      join(dir, "run"),
    ]);
    assert.equal(m.code, 0, m.err);
  });

  it("JavaScript (hyparquet): reads the columns and the metadata", () => {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", recipe("js-ntuple")], {
      cwd: dir,
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^3000 rows; m2miss in GeV\^2\/c\^4 ; seed 2$/m);
  });

  it("Python (pandas + pyarrow), where installed", (t) => {
    if (!python(["pandas", "pyarrow"])) {
      t.skip("pandas or pyarrow not installed");
      return;
    }
    const r = spawnSync("python3", ["-c", recipe("python-ntuple")], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^3000 events;/);
  });

  it("Python: the plain JSON histogram", (t) => {
    if (!python(["json"])) {
      t.skip("no python3");
      return;
    }
    const r = spawnSync("python3", ["-c", recipe("python-hist")], {
      cwd: join(dir, "run"),
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^decay_z 4000 entries,/);
  });

  it("ROOT JSON: JSROOT parses a TH1D with fEntries and statistics set", () => {
    const h = parse(readFileSync(join(dir, "run/histograms/decay_z.root.json"), "utf8"));
    assert.equal(h._typename, "TH1D");
    assert.equal(h.fEntries, 4000);
    assert.ok(h.fTsumw > 0);
    assert.ok(recipe("root-hist").includes("TBufferJSON::FromJSON<TH1D>"));
  });
});

/**
 * `kaonlab export hepdata RUN_DIR`: a merged run folder's report tables as a HEPData submission
 * whose structure is checked here (submission.yaml documents with name, description, data_file; each
 * data file with independent and dependent variables of equal length, values numbers or text, errors
 * well formed); the run folder also has the tables as CSV and LaTeX and report.md its card overrides.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { parse, parseAllDocuments } from "yaml";
import { cli } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "kaonlab-hepdata-"));
const run = join(dir, "run");

function checkValue(v: Record<string, unknown>, where: string): void {
  assert.ok(typeof v.value === "number" || typeof v.value === "string", `${where}: value`);
  for (const e of (v.errors ?? []) as Record<string, unknown>[]) {
    if ("symerror" in e) assert.equal(typeof e.symerror, "number", `${where}: symerror`);
    else {
      const a = e.asymerror as { plus: number; minus: number };
      assert.ok(typeof a.plus === "number" && typeof a.minus === "number", `${where}: asymerror`);
    }
  }
}

describe("kaonlab export hepdata", () => {
  before(async () => {
    const card = join(dir, "card.yaml");
    writeFileSync(card, "job: mix\nconfig:\n  pi0: gg\n");
    const r = await cli([
      "run",
      "--card",
      card,
      "-n",
      "4000",
      "--shards",
      "1",
      "--workers",
      "1",
      "--quiet",
      "-o",
      run,
    ]);
    assert.equal(r.code, 0, r.err);
  });

  it("tables as CSV and LaTeX; report.md lists the card overrides", () => {
    const report = readFileSync(join(run, "report.md"), "utf8");
    assert.match(report, /## Run card[\s\S]*- `pi0` = `"gg"`/);
    const manifest = JSON.parse(readFileSync(join(run, "manifest.json"), "utf8"));
    const tables = manifest.outputs
      .map((o: { file: string }) => o.file)
      .filter((f: string) => f.startsWith("tables/"));
    assert.ok(tables.some((f: string) => f.endsWith(".csv")));
    assert.ok(tables.some((f: string) => f.endsWith(".tex")));
    for (const f of tables) assert.ok(existsSync(join(run, f)), f);
  });

  it("histograms named by channel, with their entries in the ROOT JSON", () => {
    const manifest = JSON.parse(readFileSync(join(run, "manifest.json"), "utf8"));
    const names = manifest.outputs.map((o: { file: string }) => o.file);
    assert.ok(names.includes("histograms/m2miss_pip_pi0.json"), "m2miss_pip_pi0");
    assert.ok(!names.some((f: string) => /m2miss_ch\d/.test(f)), "no m2miss_ch<id>");
    const root = JSON.parse(readFileSync(join(run, "histograms/m2miss_pip_pi0.root.json"), "utf8"));
    assert.ok(root.fEntries > 0);
  });

  it("writes a structurally valid submission", async () => {
    const r = await cli(["export", "hepdata", run, "--json"]);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    const docs = parseAllDocuments(readFileSync(join(run, "hepdata", "submission.yaml"), "utf8")).map((d) =>
      d.toJS(),
    );
    assert.ok(typeof docs[0].comment === "string" && docs[0].comment.includes("mix"));
    const tables = docs.slice(1);
    assert.ok(tables.length >= 1);
    assert.equal(out.files.length, tables.length + 1);
    for (const t of tables) {
      assert.ok(t.name && t.description, "name and description");
      assert.match(t.data_file, /^[a-z0-9-]+\.yaml$/);
      const data = parse(readFileSync(join(run, "hepdata", t.data_file), "utf8"));
      assert.equal(data.independent_variables.length, 1);
      const n = data.independent_variables[0].values.length;
      assert.ok(n > 0);
      assert.ok(data.dependent_variables.length >= 1);
      for (const d of data.dependent_variables) {
        assert.equal(typeof d.header.name, "string");
        assert.equal(d.values.length, n, `${t.data_file}: ${d.header.name}`);
        for (const [i, v] of (d.values as Record<string, unknown>[]).entries())
          checkValue(v, `${t.data_file} ${i}`);
      }
    }
  });

  it("bad input: exit 2 naming the folder, nothing written", async () => {
    const r = await cli(["export", "hepdata", join(dir, "nope")]);
    assert.equal(r.code, 2);
    assert.match(r.err, /RUN_DIR: .*nope.* has no manifest\.json/);
    assert.equal(existsSync(join(dir, "nope")), false);
  });
});

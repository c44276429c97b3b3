/**
 * Every source the repository cites is reachable inside it: each `[KEY]` citation used in src/, web/,
 * conditions/, docs/, scripts/, test/, bench/ and README.md is defined in docs/sources.md, and no
 * reference points at a document outside the repository (a sibling folder, a tracker issue, a talk
 * file by name).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";

const root = new URL("../..", import.meta.url).pathname;
const SCANNED = ["src", "conditions", "docs", "scripts", "test", "bench", "web", "README.md"];
const TEXT = /\.(ts|mjs|js|json|md|c|h|sh)$/;

function walk(p: string): string[] {
  if (!statSync(p).isDirectory()) return TEXT.test(p) ? [p] : [];
  return readdirSync(p)
    .sort()
    .flatMap((n) => walk(join(p, n)));
}
const files = SCANNED.flatMap((d) => walk(join(root, d))).filter(
  (f) => !f.endsWith("test/docs/sources.test.ts"),
);

/**
 * a citation key: hyphenated words starting with a 2+ character word, with a capital or a digit
 * somewhere ([NA62-PNN-2018], [pyhf-2021]), or NAME + year ([PDG2024], [Blumlein2014], [BallZwicky2005])
 */
const CITATION =
  /\[((?=[^\]]*[A-Z0-9])[A-Za-z][A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|[A-Z]{2,}[0-9]{4}|[A-Z][a-z][A-Za-z]*[0-9]{4})\]/g;

function definedKeys(): Set<string> {
  const text = readFileSync(join(root, "docs/sources.md"), "utf8");
  const keys = new Set<string>();
  for (const m of text.matchAll(/^\| ([A-Za-z][A-Za-z0-9.-]*) \|/gm))
    if (m[1] !== "key" && m[1] !== "tag") keys.add(m[1]);
  return keys;
}

describe("docs/sources.md", () => {
  const keys = definedKeys();

  it("defines each key once, with a reference beside it", () => {
    const text = readFileSync(join(root, "docs/sources.md"), "utf8");
    const rows = [...text.matchAll(/^\| ([A-Za-z][A-Za-z0-9.-]*) \| (.*) \|$/gm)].filter(
      (m) => m[1] !== "key" && m[1] !== "tag",
    );
    const seen = new Set<string>();
    for (const [, k, ref] of rows) {
      assert.ok(!seen.has(k), `key ${k} defined twice`);
      seen.add(k);
      assert.ok(ref.length > 20, `key ${k}: no reference`);
    }
    assert.ok(keys.size > 20, `only ${keys.size} keys found`);
  });

  it("every [KEY] cited in the repository is defined there", () => {
    const missing: string[] = [];
    let cited = 0;
    for (const f of files) {
      for (const m of readFileSync(f, "utf8").matchAll(CITATION)) {
        cited++;
        if (!keys.has(m[1])) missing.push(`${relative(root, f)}: [${m[1]}]`);
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(cited > 100, `only ${cited} citations found: is the pattern still right?`);
  });

  it("no reference points outside the repository", () => {
    // built from pieces so that this file does not match itself
    const forbidden = [
      new RegExp(`\\.\\./${"shared"}`),
      new RegExp(`${"shared"}/(reference|seeds|design)`),
      new RegExp(`${"issue"}[ -][0-9]+`, "i"),
      new RegExp(`${"seed"}[ -]talk`, "i"),
      new RegExp(`${"seed"} 00[0-9]`),
      new RegExp(`\\b${"physics"}\\.md`),
      new RegExp(`${"published-analyses"}\\.md`),
      new RegExp(`\\b${"peers"}\\.md`),
      // the source numbers (S1…S30) of the project's former reference sheet
      // (S1 and S2 are also the 2018 subsets: only S3 and above, or after a [P] tag)
      /\((?:NA62 web )?S(?:[3-9]|[12][0-9]|30)[,):]|\[P\] S[0-9]{1,2}\b/,
    ];
    const hits: string[] = [];
    for (const f of files) {
      readFileSync(f, "utf8")
        .split("\n")
        .forEach((line, i) => {
          for (const re of forbidden)
            if (re.test(line)) hits.push(`${relative(root, f)}:${i + 1}: ${re.source}`);
        });
    }
    assert.deepEqual(hits, []);
  });
});

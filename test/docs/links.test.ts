/**
 * Every relative link of the documentation resolves: in docs/**\/*.md and README.md, each
 * `[text](target)` or `![alt](target)` that is not a URL points at a file or folder of the
 * repository, and its `#anchor`, if any, at a heading of the target page (GitHub's slugs).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, it } from "node:test";

const root = new URL("../..", import.meta.url).pathname;

function markdownFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? markdownFiles(p) : n.endsWith(".md") ? [p] : [];
    });
}

/** GitHub's heading anchor: lower case, punctuation dropped (letters of any script kept), spaces → "-" */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const m = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = slug(m[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** the link targets of a page, outside code spans and fenced blocks */
function links(text: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of text.split("\n")) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced || /^ {4}/.test(line)) continue;
    const prose = line.replace(/`[^`]*`/g, "");
    for (const m of prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push(m[1]);
  }
  return out;
}

describe("documentation links", () => {
  const pages = [...markdownFiles(join(root, "docs")), join(root, "README.md")];

  it("every relative link points at an existing file and heading", () => {
    const broken: string[] = [];
    let checked = 0;
    let withAnchor = 0;
    for (const page of pages) {
      for (const target of links(readFileSync(page, "utf8"))) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
        checked++;
        const [path, anchor] = target.split("#", 2);
        const file = path === "" ? page : resolve(dirname(page), decodeURIComponent(path));
        const where = `${relative(root, page)}: (${target})`;
        if (!existsSync(file)) {
          broken.push(`${where}: no such file`);
          continue;
        }
        if (!anchor || !file.endsWith(".md")) continue;
        withAnchor++;
        if (!anchors(file).has(anchor)) broken.push(`${where}: no such heading`);
      }
    }
    assert.deepEqual(broken, []);
    assert.ok(checked > 30, `only ${checked} relative links found: is the pattern still right?`);
    assert.ok(withAnchor > 0, "no link with an #anchor was checked");
  });

  it("every repository file the pages name exists", () => {
    // paths written out in the prose (`src/detector/lkr.ts`, scripts/pnn-doc-table.mjs), not links;
    // patterns with a placeholder (NAME, <job>, *) are skipped
    const path =
      /(?<![\w/.-])((?:src|scripts|conditions|test|docs|bench|web)\/[\w./-]+?\.(?:ts|mjs|json|md|c|yaml))/g;
    const missing: string[] = [];
    let named = 0;
    for (const page of pages) {
      for (const m of readFileSync(page, "utf8").matchAll(path)) {
        if (/NAME/.test(m[1])) continue;
        named++;
        if (!existsSync(join(root, m[1]))) missing.push(`${relative(root, page)}: ${m[1]}`);
      }
    }
    assert.deepEqual([...new Set(missing)], []);
    assert.ok(named > 100, `only ${named} paths found: is the pattern still right?`);
  });

  it("slugs follow GitHub's rule", () => {
    assert.equal(
      slug("5. What is reproduced, what is not, and why"),
      "5-what-is-reproduced-what-is-not-and-why",
    );
    // symbols (⁺, →) go, letters of any script and their marks stay
    assert.equal(slug("K⁺→π⁺νν̄: from simulated kaons"), "kπνν̄-from-simulated-kaons");
    assert.equal(slug("Explorer: `kaonlab serve`"), "explorer-kaonlab-serve");
  });
});

#!/usr/bin/env node
// Lists the exported symbols of src/** that no other file of src/, test/, scripts/, bench/ or web/ names
// (src/index.ts re-exports count as uses: they are the public API). A symbol named only in its own
// file is listed as "internal" (the `export` can go); one named nowhere else at all as "dead".
// Usage: node scripts/dead-exports.mjs [path-filter...]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const walk = (d) =>
  readdirSync(d)
    .sort()
    .flatMap((n) => {
      const p = join(d, n);
      if (statSync(p).isDirectory()) return n === "node_modules" || n === "dist" ? [] : walk(p);
      return /\.(ts|mjs|js|c)$/.test(n) ? [p] : [];
    });
// web/ is the explorer app: it imports src/ directly (web/src/plot.ts uses src/io/plot-svg.ts)
const all = ["src", "test", "scripts", "bench", "web"].flatMap((d) => walk(join(root, d)));
const text = new Map(all.map((f) => [f, readFileSync(f, "utf8")]));
const filters = process.argv.slice(2);

const DECL =
  /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum|abstract\s+class)\s+([A-Za-z_$][\w$]*)/gm;
const LIST = /^export\s+(?:type\s+)?\{([^}]*)\}\s*(?:from\s+["'][^"']+["'])?/gm;
const rows = [];
for (const f of all) {
  const rel = relative(root, f);
  if (!rel.startsWith("src/") || rel === "src/index.ts") continue;
  if (filters.length && !filters.some((s) => rel.includes(s))) continue;
  const src = text.get(f);
  const names = new Set();
  for (const m of src.matchAll(DECL)) names.add(m[1]);
  for (const m of src.matchAll(LIST)) {
    if (/\bfrom\b/.test(m[0])) continue; // re-exports of another module: judged there
    for (const part of m[1].split(",")) {
      const n = part
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)
        .pop();
      if (n) names.add(n);
    }
  }
  for (const n of names) {
    const word = new RegExp(`\\b${n.replace(/\$/g, "\\$")}\\b`);
    let elsewhere = false;
    for (const [g, t] of text) if (g !== f && word.test(t)) elsewhere = true;
    if (elsewhere) continue;
    const own = src.match(new RegExp(`\\b${n}\\b`, "g")).length;
    rows.push(`${own > 1 ? "internal" : "dead    "} ${rel} ${n}`);
  }
}
console.log(rows.join("\n"));

#!/usr/bin/env node
// Runs the test files with node:test under tsx. Node 20's --test does not expand globs itself, so
// the files are listed here.
//   node scripts/run-tests.mjs                 the fast suite: every test/**/*.test.ts (`npm test`)
//   node scripts/run-tests.mjs --validation    the long physics validations: test/**/*.validation.ts
//                                              (`npm run test:validation`; minutes of Monte Carlo each)
// Extra arguments are file filters:
//   node scripts/run-tests.mjs core decays   -> only files whose path contains "core" or "decays"
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const validation = args.includes("--validation");
const suffix = validation ? ".validation.ts" : ".test.ts";
function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith(suffix)) out.push(relative(root, p));
  }
  return out;
}
const filters = args.filter((a) => a !== "--validation");
const files = walk(join(root, "test")).filter(
  (f) => filters.length === 0 || filters.some((s) => f.includes(s)),
);
if (files.length === 0) {
  console.error(`run-tests: no ${suffix} files matched`, filters);
  process.exit(1);
}
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], {
  cwd: root,
  stdio: "inherit",
});
process.exit(r.status ?? 1);

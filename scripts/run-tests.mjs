#!/usr/bin/env node
// Runs the test files with node:test under tsx. Node 20's --test does not expand globs itself, so
// the files are listed here.
//   node scripts/run-tests.mjs                 the fast suite: every test/**/*.test.ts (`npm test`)
//   node scripts/run-tests.mjs --validation    the long physics validations: test/**/*.validation.ts
//                                              (`npm run test:validation`; minutes of Monte Carlo each)
// Extra arguments are file filters:
//   node scripts/run-tests.mjs core decays   -> only files whose path contains "core" or "decays"
// Options:
//   --concurrency=N  test processes at once (default 2). Node 20's own default is
//                    availableParallelism() − 1, i.e. one at a time on a 2-core machine.
//   --isolate        one process per test file, as node --test does by default (slower: each process
//                    loads tsx and the source graph again, ~0.5 s of CPU per file)
//   --junit=FILE     also write a JUnit report (per-suite times) to FILE
//
// How the fast suite runs: the files of one folder (test/decays, test/analyses/pnn, ...) run in
// one process, one file after the other, in the order of their names; a process per folder saves
// the start-up (tsx and the imports) of every file but the first. The files of test/run and
// test/cli run in a process each: they drive the CLI, child processes, signals, PATH and the
// environment. Processes run side by side (--concurrency), so a test file must be safe beside any
// other: temp folders from mkdtemp, port 0, no machine-wide state it changes. Within a folder
// process the files share the module cache: a test must not leave a module's state changed.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);
const validation = args.includes("--validation");
const isolate = args.includes("--isolate") || validation;
const suffix = validation ? ".validation.ts" : ".test.ts";
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

const concurrency = Number(option("concurrency") ?? 2);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`run-tests: --concurrency: expected a positive integer, got "${option("concurrency")}"`);
  process.exit(2);
}
const junit = option("junit");
const unknown = args.filter(
  (a) =>
    a.startsWith("--") && !["--validation", "--isolate"].includes(a) && !/^--(concurrency|junit)=/.test(a),
);
if (unknown.length > 0) {
  console.error(`run-tests: unknown option ${unknown[0]}`);
  process.exit(2);
}

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (name.endsWith(suffix)) out.push(relative(root, p));
  }
  return out;
}
const filters = args.filter((a) => !a.startsWith("--"));
const files = walk(join(root, "test")).filter(
  (f) => filters.length === 0 || filters.some((s) => f.includes(s)),
);
if (files.length === 0) {
  console.error(`run-tests: no ${suffix} files matched`, filters);
  process.exit(1);
}

/** files that run in a process of their own (see the header) */
const alone = (f) => isolate || /^test\/(run|cli)\//.test(f);

// one entry file per folder group: static imports, so every file of the group is loaded and its
// top level evaluated (in order) before the first test starts, as in a process of its own
let groupDir = null;
const units = [];
const groups = new Map();
for (const f of files) {
  if (alone(f)) units.push(f);
  else {
    const key = dirname(f);
    if (!groups.has(key)) {
      groups.set(key, []);
      units.push(key);
    }
    groups.get(key).push(f);
  }
}
const entries = units.map((u) => {
  const members = groups.get(u);
  if (!members) return u;
  if (members.length === 1) return members[0];
  if (groupDir === null) {
    mkdirSync(join(root, "test-artefacts"), { recursive: true });
    groupDir = mkdtempSync(join(root, "test-artefacts", "run-tests-"));
  }
  // the entry's name says which folder it stands for: test-artefacts/run-tests-*/analyses.pnn.test.mjs
  const entry = join(groupDir, `${relative("test", u).replaceAll("/", ".") || "test"}.test.mjs`);
  const body = members.map((m) => `import ${JSON.stringify(pathToFileURL(join(root, m)).href)};`);
  writeFileSync(
    entry,
    `// ${u}: ${members.length} test files in one process (scripts/run-tests.mjs)\n${body.join("\n")}\n`,
  );
  return relative(root, entry);
});

// --test-concurrency exists from Node 20.10 (engines: >= 20.19); ask this node rather than trust
// its version number: an unknown option makes node exit 9
const hasConcurrency =
  spawnSync(process.execPath, ["--test-concurrency=1", "-e", ""], { stdio: "ignore" }).status === 0;
const reporters = ["--test-reporter=spec", "--test-reporter-destination=stdout"];
if (junit) reporters.push("--test-reporter=junit", `--test-reporter-destination=${junit}`);
let status = 1;
try {
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--test",
      ...(hasConcurrency ? [`--test-concurrency=${concurrency}`] : []),
      ...reporters,
      ...entries,
    ],
    { cwd: root, stdio: "inherit" },
  );
  status = r.status ?? 1;
} finally {
  if (groupDir !== null) rmSync(groupDir, { recursive: true, force: true });
}
process.exit(status);

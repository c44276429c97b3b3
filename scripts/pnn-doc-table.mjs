#!/usr/bin/env node
// Writes the predicted-vs-published tables of docs/analyses/pnn.md from the code: runs
// `kaonlab run pnn --period P --json` for 2016-22 (every NA62 period and run1 inside it) and
// HIKE-phase1 (the built CLI, dist/), and replaces the text
// between the markers <!-- pnn-table:begin --> and <!-- pnn-table:end -->. Never edit that part by
// hand: re-run `npm run build && node scripts/pnn-doc-table.mjs [--events N] [--seed S]`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// the same formatting as the terminal table (built code: run `npm run build` first)
import { comparisonTextOf } from "../dist/analyses/pnn/compare.js";
import { option, spliceFile } from "./lib/doc-markers.mjs";

const root = new URL("..", import.meta.url).pathname;
const doc = join(root, "docs/analyses/pnn.md");
const args = process.argv.slice(2);
const opt = (name, dflt) => option(args, name, dflt);
const events = opt("--events", "6000000");
const seed = opt("--seed", "1");
// 2016-22 holds 2016, 2017, 2018-S1, 2018-S2 and 2021-22, each exactly as a run of that period alone
// (same streams, same shards), and the run1 combination of the first four (results.combinations):
// one 2016-22 run and the HIKE projection cover every table
const RUNS = ["2016-22", "HIKE-phase1"];
const ORDER = ["2018-S2", "2018-S1", "2017", "2016", "run1", "2021-22", "2016-22", "HIKE-phase1"];
/** the periods of the predicted/published matrix (NA62 published them) */
const MATRIX = ["2016", "2017", "2018-S1", "2018-S2", "run1", "2021-22", "2016-22"];

function run(period) {
  const out = mkdtempSync(join(tmpdir(), "pnn-doc-"));
  rmSync(out, { recursive: true });
  const r = spawnSync(
    process.execPath,
    [
      join(root, "bin/kaonlab.js"),
      "run",
      "pnn",
      "--period",
      period,
      "--events",
      events,
      "--seed",
      seed,
      "--json",
      "--quiet",
      "--out",
      out,
    ],
    { encoding: "utf8", maxBuffer: 1 << 28 },
  );
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`kaonlab run pnn --period ${period} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

const fmtRow = (cells) => `| ${cells.join(" | ")} |`;

function table(res) {
  const lines = [
    `**${res.period}** (N_K = ${res.kaonDecays.toExponential(3)}; ${res.events} simulated kaon decays per period, seed ${res.seed})`,
    "",
  ];
  const t = comparisonTextOf(res.comparison);
  lines.push(fmtRow(t.header), fmtRow(t.header.map(() => "---")));
  for (const c of t.rows) lines.push(fmtRow(c));
  return lines.join("\n");
}

const results = new Map();
for (const p of RUNS) {
  process.stderr.write(`pnn-doc-table: ${p} …\n`);
  const res = run(p);
  results.set(p, res);
  for (const c of [...(res.periods ?? []), ...(res.combinations ?? [])]) results.set(c.period, c);
}
for (const p of ORDER) if (!results.has(p)) throw new Error(`pnn-doc-table: no results for ${p}`);

/** predicted/published by source and total, one column per period: "ours / NA62 (ratio)" */
function matrix() {
  const figures = results
    .get("2018-S2")
    .comparison.filter(
      (c) =>
        c.figure === "ses" || c.figure === "expected.signal" || c.figure.startsWith("expected.background."),
    );
  const num = (x) =>
    x === null || x === undefined
      ? "—"
      : Math.abs(x) >= 100 || (Math.abs(x) < 0.01 && x !== 0)
        ? x.toExponential(1)
        : x.toPrecision(2);
  const cell = (row) => {
    if (!row) return "—";
    const scale = row.figure === "ses" ? 1e11 : 1;
    const ours = num(row.ours * scale);
    if (row.published !== null)
      return `${ours} / ${num(row.published * scale)} (**${row.ratio.toFixed(2)}**)`;
    if (row.publishedLimit !== null) return `${ours} / < ${num(row.publishedLimit * scale)}`;
    return `${ours} / —`;
  };
  const lines = [
    "**Predicted / published, by source and period** (kaonlab / NA62 (**ratio**); SES × 10¹¹; " +
      "2018-S2 is where the calibrated figures sit; every other column is a prediction; the tag and status of each NA62 number are in the per-period tables below)",
    "",
    fmtRow(["figure", ...MATRIX]),
    fmtRow(["---", ...MATRIX.map(() => "---")]),
  ];
  for (const f of figures) {
    const label = f.figure === "ses" ? "SES × 10¹¹" : f.label;
    lines.push(
      fmtRow([
        label,
        ...MATRIX.map((p) => cell(results.get(p).comparison.find((c) => c.figure === f.figure))),
      ]),
    );
  }
  return lines.join("\n");
}

function inferenceLine(p) {
  const res = results.get(p);
  const inf = res.inference;
  if (!inf) return null;
  const e = (x) => (x * 1e11).toFixed(1);
  const rows = res.comparison.filter((c) => c.figure.startsWith("inference."));
  const br = rows.find((c) => c.figure === "inference.br");
  const z = rows.find((c) => c.figure === "inference.significance");
  const pubZ =
    inf.published.significanceLowerBound !== null
      ? `> ${inf.published.significanceLowerBound}σ`
      : `${inf.published.significance}σ`;
  const pubBr = br?.published ?? null;
  return (
    `**${p}: NA62's candidates with kaonlab's SES and backgrounds** (${inf.periods.map((q, i) => `${q}: ${inf.observed[i]}`).join(", ")}; ${inf.method}): ` +
    `BR = ${e(inf.brBestFit)} +${e(inf.brInterval[1] - inf.brBestFit)} −${e(inf.brBestFit - inf.brInterval[0])} × 10⁻¹¹ ` +
    `(NA62: ${pubBr === null ? "—" : `${e(pubBr)} +${e(br.publishedErrorUp)} −${e(br.publishedErrorDown)}`}; ${br?.status}: ${br?.reason}), ` +
    `significance ${inf.significance.toFixed(1)}σ (NA62: ${pubZ}; ${z?.status}: ${z?.reason}).` +
    (res.inference.warning ? ` ${res.inference.warning}.` : "")
  );
}

const blocks = [matrix(), ...ORDER.map((p) => table(results.get(p)))];
for (const p of ["run1", "2016-22"]) {
  const l = inferenceLine(p);
  if (l) blocks.push(l);
}
const generated = `<!-- generated by scripts/pnn-doc-table.mjs --events ${events} --seed ${seed}; do not edit -->\n\n${blocks.join("\n\n")}\n`;
spliceFile(doc, "pnn-table", generated);
process.stderr.write(`pnn-doc-table: wrote ${doc}\n`);

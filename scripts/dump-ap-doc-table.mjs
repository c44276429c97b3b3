#!/usr/bin/env node
// Writes the generated part of docs/analyses/dump-ap.md from the code: runs
// `kaonlab run dump-ap` and `kaonlab run dump-alp` (--period dump-2021 --json, the built CLI, dist/),
// replaces the text between the dump-ap-table and dump-alp-table markers, and copies the runs' plots to
// docs/analyses/dump-ap/. Never edit that part by hand: re-run
// `npm run build && node scripts/dump-ap-doc-table.mjs [--events N] [--alp-events N] [--seed S]`.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { option, replaceBetween, writeAtomic } from "./lib/doc-markers.mjs";

const root = new URL("..", import.meta.url).pathname;
const doc = join(root, "docs/analyses/dump-ap.md");
const figs = join(root, "docs/analyses/dump-ap");
const args = process.argv.slice(2);
const opt = (name, dflt) => option(args, name, dflt);
const events = opt("--events", "240000");
const seed = opt("--seed", "1");

mkdirSync(figs, { recursive: true });
/** runs a job and copies its plots (with a file prefix) into docs/analyses/dump-ap/ */
function run(job, ev, prefix, config = null, plots = ["exclusion.png", "ztax-cdatax.png"]) {
  const dir = mkdtempSync(join(tmpdir(), "dump-ap-doc-"));
  const out = join(dir, "run");
  const card = join(dir, "card.json");
  if (config) writeFileSync(card, JSON.stringify({ job, config }));
  const r = spawnSync(
    process.execPath,
    [
      join(root, "bin/kaonlab.js"),
      "run",
      job,
      "--period",
      "dump-2021",
      "--events",
      ev,
      "--seed",
      seed,
      "--json",
      "--quiet",
      "--out",
      out,
      ...(config ? ["--card", card] : []),
    ],
    { encoding: "utf8", maxBuffer: 1 << 28 },
  );
  if (r.status !== 0) throw new Error(`kaonlab run ${job} failed:\n${r.stderr}`);
  for (const f of plots) copyFileSync(join(out, "plots", f), join(figs, `${prefix}${f}`));
  rmSync(join(out, ".."), { recursive: true, force: true });
  return JSON.parse(r.stdout);
}
const res = run("dump-ap", events, "", null, ["exclusion.png", "ztax-cdatax.png", "halo-mass.png"]);
const vmd = run("dump-ap", events, "vmd-", { bremsFormFactor: "vmd" }, ["exclusion.png"]);
const alpEvents = opt("--alp-events", "900000");
const alp = run("dump-alp", alpEvents, "alp-");

const row = (cells) => `| ${cells.join(" | ")} |`;
const g = (x) =>
  x === null || x === undefined
    ? "—"
    : Math.abs(x) >= 1e-2 && Math.abs(x) < 1e5
      ? x.toPrecision(3)
      : x.toExponential(2);
const lines = [];
lines.push(
  `From \`kaonlab run dump-ap --period dump-2021 --events ${events} --seed ${seed}\` (N_POT = ${g(res.pot)}, grid ${res.grid.masses} masses × ${res.grid.couplings} couplings).`,
  "",
  row(["figure", "NA62", "kaonlab", "ratio", "status", "tag", "why"]),
  row(["---", "---:", "---:", "---:", "---", "---", "---"]),
);
for (const c of res.comparison)
  lines.push(
    row([
      c.label.replace(/\|/g, "\\|"),
      g(c.published),
      g(c.ours),
      c.ratio === null ? "—" : c.ratio.toFixed(2),
      c.status,
      c.tag ?? "",
      c.reason.replace(/\|/g, "\\|"),
    ]),
  );
const o = res.observed;
const b = res.expected;
lines.push(
  "",
  `Expected background in the SR: ${g(b.background)} (combinatorial ${g(b.combinatorial)} from ${g(b.randomPairs)} random μ⁺μ⁻ pairs in the time window, prompt ${g(b.prompt)}).`,
  `The observed event at ${o.mass} MeV/c²: mass window ±${o.massWindowMeV.toFixed(1)} MeV/c², local background ${g(o.localBackground)}, ` +
    `local p = ${g(o.pLocal)} (${o.zLocal.toFixed(2)}σ); global p(n ≥ 1 in the SR) = ${g(o.pGlobal)}, ${o.zGlobalOneSided.toFixed(2)}σ one-sided, ${o.zGlobalTwoSided.toFixed(2)}σ two-sided (NA62: 1.59%, 2.4σ).`,
  "",
  row([
    "m [MeV/c²]",
    "ε low",
    "ε high",
    "expected −1σ low/high",
    "expected +1σ low/high",
    "10¹⁸ POT low",
    "10¹⁸ POT high",
    "acceptance (SR, uniform decays)",
    "σ_m [MeV/c²]",
  ]),
  row(["---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---:"]),
);
const step = Math.max(1, Math.floor(res.exclusion.length / 12));
res.exclusion.forEach((e, i) => {
  if (i % step !== 0) return;
  const m1 = res.expectedBand["-1"][i];
  const p1 = res.expectedBand["+1"][i];
  const pr = res.projection.exclusion[i];
  const a = res.acceptance[i];
  lines.push(
    row([
      e.mass.toFixed(1),
      g(e.epsilonLow),
      g(e.epsilonHigh),
      `${g(m1.epsilonLow)} / ${g(m1.epsilonHigh)}`,
      `${g(p1.epsilonLow)} / ${g(p1.epsilonHigh)}`,
      g(pr.epsilonLow),
      g(pr.epsilonHigh),
      g(a.acceptance),
      a.sigmaMass.toFixed(2),
    ]),
  );
});
const cs = b.controlSamples;
const hs = b.halo;
const pe = b.promptEstimate;
lines.push(
  "",
  `**Backgrounds.** Halo sample: ${hs.muons} reconstructed halo muons (${hs.generated} lines generated), ${g(hs.pairsOS)} opposite-sign and ${g(hs.pairsSS)} same-sign pairs through the selection; selected OS pairs SR/VR/CR ${hs.selectedPairsOS.SR}/${hs.selectedPairsOS.VR}/${hs.selectedPairsOS.CR}, SS ${hs.selectedPairsSS.SR}/${hs.selectedPairsSS.VR}/${hs.selectedPairsSS.CR}. ` +
    `Uncalibrated (the card's halo rate, haloPairScale = 1) the SR combinatorial background is ${g(b.combinatorialUncalibrated)}, ${g(b.combinatorialUncalibrated / 0.016)} × NA62's 0.016; calibrated: ${g(b.combinatorial)}. ` +
    `Prompt pairs in the FV residual gas: ${g(pe.total)} (${g(pe.muons)} halo muons × ${g(pe.probability)} trident probability × ${g(pe.pointing)} pointing into the SR, ⟨E_μ⟩ = ${g(pe.meanEnergy)} GeV).`,
  "",
  row([
    "region",
    "combinatorial OS (±5 ns)",
    "same-sign control (±5 ns)",
    "time-sideband control (10–50 ns)",
  ]),
  row(["---", "---:", "---:", "---:"]),
  ...["SR", "VR", "CR"].map((r) =>
    row([r, g(b.combinatorialByRegion[r]), g(cs.sameSign[r]), g(cs.timeSideband[r])]),
  ),
  "",
  `**Expected bands.** The smallest P(n = 0 | b_window) over the grid is ${g(res.expectedBandNote.pZeroMin)} ≥ Φ(+2) = ${g(res.expectedBandNote.quantilePlus2)}: every quantile of the background-only count is n = 0, so the −2σ…+2σ expected contours coincide with the median (drawn, overlapping, in the exclusion plot).`,
  "",
);
const vr = Object.fromEntries(vmd.comparison.map((c) => [c.figure, c.ours]));
lines.push(
  `**With the VMD proton form factor** (\`config.bremsFormFactor = "vmd"\`, same seed): excluded ${g(vr.massLow * 1000)}–${g(vr.massHigh * 1000)} MeV/c² (grid top ${g(vmd.exclusion[vmd.exclusion.length - 1].mass)}), ε edges at 300 MeV ${g(vr.epsLow300)} / ${g(vr.epsHigh300)}.`,
  "",
  "![exclusion](dump-ap/exclusion.png)",
  "",
  "![exclusion, VMD form factor](dump-ap/vmd-exclusion.png)",
  "",
  "![combinatorial mass](dump-ap/halo-mass.png)",
  "",
  "![Z_TAX vs CDA_TAX](dump-ap/ztax-cdatax.png)",
);
const alpLines = [
  `From \`kaonlab run dump-alp --period dump-2021 --events ${alpEvents} --seed ${seed}\` (grid ${alp.grid.masses} masses × ${alp.grid.couplings} couplings).`,
  "",
  row([
    "m [MeV/c²]",
    "g_Y low",
    "g_Y high",
    "10¹⁸ POT low",
    "10¹⁸ POT high",
    "a per POT at g_Y = 1",
    "acceptance (SR, uniform decays)",
  ]),
  row(["---:", "---:", "---:", "---:", "---:", "---:", "---:"]),
];
const astep = Math.max(1, Math.floor(alp.exclusion.length / 10));
alp.exclusion.forEach((e, i) => {
  if (i % astep !== 0) return;
  const pr = alp.projection.exclusion[i];
  const a = alp.acceptance[i];
  alpLines.push(
    row([
      e.mass.toFixed(1),
      g(e.gYLow),
      g(e.gYHigh),
      g(pr.gYLow),
      g(pr.gYHigh),
      g(a.yieldPerPot),
      g(a.acceptance),
    ]),
  );
});
alpLines.push("", "![ALP exclusion](dump-ap/alp-exclusion.png)");

function replaceBlock(text, name, body, cmd) {
  return replaceBetween(text, name, `<!-- generated by ${cmd}; do not edit -->\n\n${body.join("\n")}\n`, doc);
}
const cmd = `scripts/dump-ap-doc-table.mjs --events ${events} --alp-events ${alpEvents} --seed ${seed}`;
let text = readFileSync(doc, "utf8");
text = replaceBlock(text, "dump-ap-table", lines, cmd);
text = replaceBlock(text, "dump-alp-table", alpLines, cmd);
writeAtomic(doc, text);
process.stderr.write(`dump-ap-doc-table: wrote ${doc}\n`);

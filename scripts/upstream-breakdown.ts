/**
 * The upstream background of K⁺→π⁺νν̄ by mechanism, per period: for each upstream sample of the pnn
 * plan (the mechanisms of src/detector/upstream.ts) the expected events after every step of the
 * signal selection (the cut flow, in expected events at the period's exposure), the R1+R2
 * background, the true-vertex z range of the survivors, and the survivors' distributions in
 * (z_vtx, R_STRAW1) and at the TRIM5 plane (the box-cut variables), read through the pnn candidate
 * hook. It runs the upstream samples and the signal sample (for P(decay in FV) per kaon at GTK3)
 * exactly as `kaonlab run pnn` does for one shard.
 *
 * Run: node --import tsx scripts/upstream-breakdown.ts [--periods 2018-S2,2018-S1,…] [--events N]
 *      [--seed S] [--json out.json] [--doc docs/analyses/pnn.md] [--plots dir]
 * --doc rewrites the section between the `pnn-upstream:begin/end` markers of the page.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { CandidateNtuple } from "../src/analyses/layer/ntuple.ts";
import { PNN_CANDIDATE_COLUMNS } from "../src/analyses/pnn/candidates.ts";
import { kaonFlux, type PnnPeriod, selectionFor } from "../src/analyses/pnn/conditions.ts";
import { Region } from "../src/analyses/pnn/regions.ts";
import { DEFAULT_SAMPLES } from "../src/analyses/pnn/samples.ts";
import { runPeriodShard } from "../src/analyses/pnn/shard.ts";
import { CUT, CUTS, Q } from "../src/analyses/pnn/tally.ts";
import { findChannel } from "../src/decays/catalogue.ts";
import { fill2, type Hist2D, h2 } from "../src/io/histogram.ts";
import { renderSvg } from "../src/io/plot-svg.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const periods = opt("--periods", "2018-S2,2018-S1,2017,2016,2021-22").split(",") as PnnPeriod[];
const events = Number(opt("--events", "4000000"));
const seed = Number(opt("--seed", "1"));
const jsonOut = opt("--json", "");
const docOut = opt("--doc", "");
/** periods also run without any upstream cut (what the cut removes, and where those events are) */
const nocutPeriods = opt("--nocut-periods", "").split(",").filter(Boolean) as PnnPeriod[];
/** folder for the survivors' plots (SVG), or none */
const plotDir = opt("--plots", "");
/** selection overrides, e.g. --selection upstream.cut=none (the survivors without the upstream cut) */
const selection: Record<string, string> = {};
for (const kv of opt("--selection", "").split(",").filter(Boolean)) {
  const [k, v] = kv.split("=");
  selection[k] = v;
}

const col = (n: string) => PNN_CANDIDATE_COLUMNS.findIndex((c) => c.name === n);
const C = { z: col("z_vtx"), r: col("r_straw1"), x: col("x_trim5"), y: col("y_trim5"), p: col("p") };
const nullSink = { append() {} };

/** 2D histogram bins of the survivors */
const H = {
  z: { min: 105000, max: 165000, n: 12 },
  r: { min: 0, max: 1200, n: 12 },
  x: { min: -600, max: 600, n: 12 },
  y: { min: -600, max: 600, n: 12 },
};
const bin = (v: number, a: { min: number; max: number; n: number }) => {
  const k = Math.floor(((v - a.min) / (a.max - a.min)) * a.n);
  return k < 0 ? 0 : k >= a.n ? a.n - 1 : k;
};

const zrHist = () =>
  h2(
    "zr",
    "",
    { n: 30, lo: 105, hi: 165, label: "z_vtx [m]" },
    { n: 30, lo: 0, hi: 1200, label: "R_STRAW1 [mm]" },
    "expected events",
  );
const xyHist = () =>
  h2(
    "xy",
    "",
    { n: 30, lo: -600, hi: 600, label: "x at TRIM5 [mm]" },
    { n: 30, lo: -600, hi: 600, label: "y at TRIM5 [mm]" },
    "expected events",
  );

/** keeps, per sample, the R1/R2 rows' weights in (z, R_STRAW1) and (x, y) at TRIM5 */
class SurvivorSink extends CandidateNtuple {
  /** per sample, fine bins, for the plots */
  readonly fine = new Map<string, { zr: Hist2D; xy: Hist2D }>();
  readonly zr = new Map<string, Float64Array>();
  readonly xy = new Map<string, Float64Array>();
  readonly outsideBox = new Map<string, number>();
  private cur = "";
  constructor() {
    super(nullSink, PNN_CANDIDATE_COLUMNS, 1);
  }
  override setLabels(_period: string, sample: string, _source: string): void {
    this.cur = sample;
    if (!this.zr.has(sample)) {
      this.zr.set(sample, new Float64Array(H.z.n * H.r.n));
      this.xy.set(sample, new Float64Array(H.x.n * H.y.n));
      this.outsideBox.set(sample, 0);
    }
  }
  override add(category: string, _event: number, w: number, v: ArrayLike<number>): void {
    if (category !== "R1" && category !== "R2") return;
    this.zr.get(this.cur)![bin(v[C.z], H.z) * H.r.n + bin(v[C.r], H.r)] += w;
    this.xy.get(this.cur)![bin(v[C.x], H.x) * H.y.n + bin(v[C.y], H.y)] += w;
    let f = this.fine.get(this.cur);
    if (!f) {
      f = { zr: zrHist(), xy: xyHist() };
      this.fine.set(this.cur, f);
    }
    fill2(f.zr, v[C.z] / 1000, v[C.r], w);
    fill2(f.xy, v[C.x], v[C.y], w);
    if (!(Math.abs(v[C.x]) < 100 && Math.abs(v[C.y]) < 500))
      this.outsideBox.set(this.cur, this.outsideBox.get(this.cur)! + w);
  }
  override flush(): void {}
}

interface SampleRow {
  sample: string;
  mechanism: string;
  zRegion: string;
  /** expected events after each cut (CUTS order), at the period's exposure */
  flow: number[];
  r1r2: number;
  r1r2Err: number;
  outsideBoxShare: number;
  zr: number[];
  xy: number[];
}

const MECHANISM: Record<string, [string, string]> = {
  "up-pipipi": ["K⁺→π⁺π⁺π⁻ decay, GTK2–GTK3", "92.8–102.4 m"],
  "up-pipi0": ["K⁺→π⁺π⁰ decay, GTK2–GTK3", "92.8–102.4 m"],
  "up-munu": ["K⁺→μ⁺ν decay, GTK2–GTK3", "92.8–102.4 m"],
  "up-int": ["beam interaction in GTK3", "102.4 m"],
  "up-far-pipipi": ["K⁺→π⁺π⁺π⁻ decay, GTK1–GTK2", "79.6–92.8 m"],
  "up-far-pipi0": ["K⁺→π⁺π⁰ decay, GTK1–GTK2", "79.6–92.8 m"],
  "up-beamline": ["beam interaction in GTK1/GTK2 (GTK0 in Run 2)", "69.3, 79.6, 92.8 m"],
};

const results: Record<string, { rows: SampleRow[]; total: number; totalErr: number; events: number }> = {};
const upSamples = DEFAULT_SAMPLES.filter((s) => s.kind !== "kaon");
const sig = DEFAULT_SAMPLES.find((s) => s.signal)!;
const shareSum = DEFAULT_SAMPLES.reduce((a, s) => a + s.share, 0);
const runs: [PnnPeriod, Record<string, string>, string][] = [
  ...periods.map((p): [PnnPeriod, Record<string, string>, string] => [p, selection, p]),
  ...nocutPeriods.map((p): [PnnPeriod, Record<string, string>, string] => [
    p,
    { ...selection, "upstream.cut": "none" },
    `${p}, no upstream cut`,
  ]),
];
for (const [period, sel, label] of runs) {
  const t0 = Date.now();
  const samples = [sig, ...upSamples];
  // the same number of events per sample as in a pnn run of `events` decays
  const n = Math.round((events * samples.reduce((a, s) => a + s.share, 0)) / shareSum);
  const sink = new SurvivorSink();
  const t = runPeriodShard(period, seed, 0, n, {
    samples,
    zRange: [102500, 180000],
    candidates: sink,
    selection: sel,
  });
  const ts = t.samples[0];
  const pFv = ts.wFv / (ts.nGen * (findChannel(sig.channel).br ?? 1));
  const kaonsAtGtk3 = kaonFlux(period).value / pFv;
  const rows: SampleRow[] = [];
  let total = 0;
  let var2 = 0;
  upSamples.forEach((spec, k) => {
    const st = t.samples[k + 1];
    const sc = st.nGen > 0 ? kaonsAtGtk3 / st.nGen : 0;
    let f = 0;
    let f2 = 0;
    for (const reg of [Region.R1, Region.R2]) {
      f += st.regionSum(reg, Q.F);
      // Σ f² with the resampling passes of an event added before squaring
      f2 += st.regionSum(reg, Q.F2);
    }
    const flowW = Array.from(st.flow, (x) => x * sc);
    const r1r2 = f * sc;
    total += r1r2;
    var2 += f2 * sc * sc;
    const [mech, zr] = MECHANISM[spec.key] ?? [spec.key, "?"];
    rows.push({
      sample: spec.key,
      mechanism: mech,
      zRegion: zr,
      flow: flowW,
      r1r2,
      r1r2Err: Math.sqrt(f2) * sc,
      outsideBoxShare: f > 0 ? (sink.outsideBox.get(spec.key) ?? 0) / f : 0,
      zr: Array.from(sink.zr.get(spec.key) ?? [], (x) => x * sc),
      xy: Array.from(sink.xy.get(spec.key) ?? [], (x) => x * sc),
    });
  });
  results[label] = { rows, total, totalErr: Math.sqrt(var2), events: n };
  if (plotDir) {
    const zr = zrHist();
    const xy = xyHist();
    upSamples.forEach((spec, k) => {
      const f = sink.fine.get(spec.key);
      const st = t.samples[k + 1];
      if (!f || !(st.nGen > 0)) return;
      const sc = kaonsAtGtk3 / st.nGen;
      f.zr.sumw.forEach((v, i) => {
        zr.sumw[i] += v * sc;
      });
      f.xy.sumw.forEach((v, i) => {
        xy.sumw[i] += v * sc;
      });
    });
    const cutNote = Object.keys(selection).length
      ? ` (${Object.entries(selection)
          .map(([k, v]) => `${k}=${v}`)
          .join(", ")})`
      : "";
    const stem = `upstream-${period}${sel["upstream.cut"] === "none" ? "-nocut" : ""}`;
    mkdirSync(plotDir, { recursive: true });
    const up = selectionFor(period).params.upstream;
    const uq = up.rStraw1Q;
    const uk = up.rStraw1K;
    const plots = [
      {
        kind: "hist2d" as const,
        name: `${stem}-zr`,
        title: `${period}: upstream background in R1+R2${cutNote}, (z_vtx, R_STRAW1)`,
        hist: { ...zr, name: `${stem}-zr` },
        regions: [
          {
            label: "R_STRAW1 cut (rejected below)",
            polygon: [
              [105, uq + uk * 105000],
              [165, uq + uk * 165000],
            ] as [number, number][],
            open: true,
            dashed: true,
          },
        ],
      },
      {
        kind: "hist2d" as const,
        name: `${stem}-trim5`,
        title: `${period}: upstream background in R1+R2${cutNote}, track at the TRIM5 plane`,
        hist: { ...xy, name: `${stem}-trim5` },
        regions: [
          {
            label: "box cut (rejected inside)",
            x: [-100, 100] as [number, number],
            y: [-500, 500] as [number, number],
            dashed: true,
          },
        ],
      },
    ];
    for (const pl of plots) {
      const f = `${plotDir}/${pl.name}.svg`;
      writeFileSync(`${f}.tmp`, renderSvg(pl));
      renameSync(`${f}.tmp`, f);
    }
  }
  const fmt = (x: number) => (x === 0 ? "0" : Math.abs(x) >= 0.01 ? x.toFixed(3) : x.toExponential(1));
  console.log(
    `${label}: upstream R1+R2 = ${fmt(total)} ± ${fmt(Math.sqrt(var2))} (${n} events, ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
  );
  for (const r of rows)
    console.log(
      `  ${r.sample.padEnd(12)} ${fmt(r.r1r2)} ± ${fmt(r.r1r2Err)}  flow: ${[CUT.TRACK, CUT.KAON, CUT.VERTEX, CUT.UPSTREAM, CUT.MOMENTUM, CUT.PID, CUT.PHOTON, CUT.RV].map((c) => fmt(r.flow[c])).join(" → ")}`,
    );
}

if (jsonOut) {
  writeFileSync(`${jsonOut}.tmp`, JSON.stringify({ seed, events, cuts: CUTS, hist: H, results }, null, 1));
  renameSync(`${jsonOut}.tmp`, jsonOut);
}

if (docOut) {
  const fmt = (x: number) =>
    x === 0 ? "0" : Math.abs(x) >= 0.01 ? x.toFixed(3) : Math.abs(x) < 1e-6 ? "< 10⁻⁶" : x.toExponential(1);
  const lines: string[] = [];
  lines.push(
    `<!-- generated by node --import tsx scripts/upstream-breakdown.ts --periods ${periods.join(",")} --events ${events} --seed ${seed}${nocutPeriods.length ? ` --nocut-periods ${nocutPeriods.join(",")}` : ""} --doc ${docOut}${plotDir ? ` --plots ${plotDir}` : ""}; do not edit -->`,
  );
  lines.push("");
  const steps = [CUT.TRACK, CUT.KAON, CUT.VERTEX, CUT.UPSTREAM, CUT.PID, CUT.PHOTON, CUT.RV];
  for (const [period, sel, label] of runs) {
    const res = results[label];
    lines.push(
      `**${label}** (${res.events} events of the signal and upstream samples, seed ${seed}): upstream R1+R2 = ${fmt(res.total)} ± ${fmt(res.totalErr)}`,
    );
    lines.push("");
    lines.push(
      `| mechanism | z of the source | ${steps.map((c) => CUTS[c]).join(" | ")} | R1+R2 | outside the TRIM5 box |`,
    );
    lines.push(`| --- | --- | ${steps.map(() => "---").join(" | ")} | --- | --- |`);
    for (const r of res.rows)
      lines.push(
        `| ${r.mechanism} | ${r.zRegion} | ${steps.map((c) => fmt(r.flow[c])).join(" | ")} | ${fmt(r.r1r2)} ± ${fmt(r.r1r2Err)} | ${r.r1r2 > 0 ? `${(100 * r.outsideBoxShare).toFixed(0)}%` : "—"} |`,
      );
    // the survivors in (z_vtx, R_STRAW1): marginals
    const zr = new Float64Array(H.z.n * H.r.n);
    const xy = new Float64Array(H.x.n * H.y.n);
    for (const r of res.rows) {
      r.zr.forEach((v, i) => {
        zr[i] += v;
      });
      r.xy.forEach((v, i) => {
        xy[i] += v;
      });
    }
    const mz = Array.from({ length: H.z.n }, (_, i) =>
      zr.slice(i * H.r.n, (i + 1) * H.r.n).reduce((a, b) => a + b, 0),
    );
    const mr = Array.from({ length: H.r.n }, (_, j) => mz.reduce((a, _v, i) => a + zr[i * H.r.n + j], 0));
    const mx = Array.from({ length: H.x.n }, (_, i) =>
      xy.slice(i * H.y.n, (i + 1) * H.y.n).reduce((a, b) => a + b, 0),
    );
    const my = Array.from({ length: H.y.n }, (_, j) => mx.reduce((a, _v, i) => a + xy[i * H.y.n + j], 0));
    const edges = (a: { min: number; max: number; n: number }, scale: number) =>
      Array.from({ length: a.n }, (_, i) => `${((a.min + (i * (a.max - a.min)) / a.n) / scale).toFixed(0)}`);
    lines.push("");
    lines.push("Survivors (R1+R2, expected events) per bin, lower edges:");
    lines.push("");
    lines.push(`| z_vtx (m) | ${edges(H.z, 1000).join(" | ")} |`);
    lines.push(`| --- | ${mz.map(() => "---").join(" | ")} |`);
    lines.push(`| events | ${mz.map(fmt).join(" | ")} |`);
    lines.push("");
    lines.push(`| R_STRAW1 (mm) | ${edges(H.r, 1).join(" | ")} |`);
    lines.push(`| --- | ${mr.map(() => "---").join(" | ")} |`);
    lines.push(`| events | ${mr.map(fmt).join(" | ")} |`);
    lines.push("");
    lines.push(`| x at TRIM5 (mm) | ${edges(H.x, 1).join(" | ")} |`);
    lines.push(`| --- | ${mx.map(() => "---").join(" | ")} |`);
    lines.push(`| events | ${mx.map(fmt).join(" | ")} |`);
    lines.push("");
    lines.push(`| y at TRIM5 (mm) | ${edges(H.y, 1).join(" | ")} |`);
    lines.push(`| --- | ${my.map(() => "---").join(" | ")} |`);
    lines.push(`| events | ${my.map(fmt).join(" | ")} |`);
    lines.push("");
    if (plotDir) {
      const rel = relative(dirname(docOut), plotDir);
      const stem = `upstream-${period}${sel["upstream.cut"] === "none" ? "-nocut" : ""}`;
      lines.push(`![${label}: survivors in (z_vtx, R_STRAW1)](${rel}/${stem}-zr.svg)`);
      lines.push(`![${label}: survivors at the TRIM5 plane](${rel}/${stem}-trim5.svg)`);
      lines.push("");
    }
  }
  const page = readFileSync(docOut, "utf8");
  const a = page.indexOf("<!-- pnn-upstream:begin -->");
  const b = page.indexOf("<!-- pnn-upstream:end -->");
  if (a < 0 || b < a) throw new Error(`${docOut}: no pnn-upstream:begin/end markers`);
  const out = `${page.slice(0, a + "<!-- pnn-upstream:begin -->".length)}\n${lines.join("\n")}\n${page.slice(b)}`;
  writeFileSync(`${docOut}.tmp`, out);
  renameSync(`${docOut}.tmp`, docOut);
}

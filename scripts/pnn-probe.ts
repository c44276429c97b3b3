/**
 * Probe the K⁺→π⁺νν̄ analysis on chosen samples of one period, with per-sample event counts and
 * selection or card overrides: prints the acceptances, efficiencies, backgrounds by source (with MC
 * errors) and the expected events per region. A development tool for studying one background.
 *
 *   node --import tsx scripts/pnn-probe.ts --period 2018-S2 --seed 1 \
 *     --samples pinunu=200000,pipi0=400000,pipienu=1000000 [--selection kaon.cdaMax=3] [--card lkr.x=1]
 *     [--no-biasing]   (draw the samples' rare detector processes naturally: src/detector/biasing.ts)
 */
import { parseArgs } from "node:util";
import type { PnnPeriod } from "../src/analyses/pnn/conditions.ts";
import { DEFAULT_SAMPLES, type SampleSpec } from "../src/analyses/pnn/samples.ts";
import { sampleYields } from "./pnn-sample-yields.ts";

const { values } = parseArgs({
  options: {
    period: { type: "string", default: "2018-S2" },
    seed: { type: "string", default: "1" },
    samples: { type: "string", default: "pinunu=200000,pipi0=400000" },
    selection: { type: "string", multiple: true, default: [] },
    card: { type: "string", multiple: true, default: [] },
    "no-biasing": { type: "boolean", default: false },
  },
});
const period = values.period as PnnPeriod;
const counts = new Map<string, number>();
for (const kv of values.samples!.split(",")) {
  const [k, v] = kv.split("=");
  counts.set(k, Number(v));
}
for (const need of ["pinunu", "pipi0"]) if (!counts.has(need)) counts.set(need, 20000);
const samples: SampleSpec[] = DEFAULT_SAMPLES.filter((s) => counts.has(s.key)).map((s) => ({
  ...s,
  share: counts.get(s.key)! / (s.oversample ?? 1),
  ...(values["no-biasing"] ? { biasing: undefined } : {}),
}));
const total = samples.reduce((a, s) => a + s.share, 0);
const selection: Record<string, number | string | number[]> = {};
for (const kv of values.selection as string[]) {
  const [k, v] = kv.split("=");
  selection[k] = v.includes(",") ? v.split(",").map(Number) : Number.isNaN(Number(v)) ? v : Number(v);
}
const card = values.card as string[];
const t0 = Date.now();
const y = sampleYields(period, Number(values.seed), Math.round(total), samples, selection, card);
const f = (x: number) => Number(x.toPrecision(4));
const out = {
  period,
  seconds: (Date.now() - t0) / 1000,
  acceptance: {
    pipi: f(y.acceptance.pipi),
    pinunu: f(y.acceptance.pinunu),
    ratio: f(y.acceptance.pinunu / y.acceptance.pipi),
  },
  efficiency: { trigger: f(y.efficiency.trigger), randomVeto: f(y.efficiency.randomVeto) },
  ses: f(y.ses),
  signal: f(y.expected.signal),
  background: Object.fromEntries(
    Object.entries(y.expected.background).map(([k, v]) => [
      k,
      `${f(v)} ± ${f((y.uncertainty.expected.background as Record<string, number>)[k])}`,
    ]),
  ),
  regions: y.regions.map((r) => ({
    region: r.region,
    signal: f(r.signal),
    ...Object.fromEntries(
      Object.entries(r.background)
        .filter(([, v]) => v > 0)
        .map(([k, v]) => [k, f(v)]),
    ),
  })),
  categories: y.categories.map(
    (c) =>
      `${c.region} ${c.pMin}-${c.pMax}: sig ${f(c.signal)} bkg ${Object.entries(c.background)
        .filter(([, v]) => v > 1e-4)
        .map(([k, v]) => `${k}=${f(v)}`)
        .join(" ")}`,
  ),
};
console.log(JSON.stringify(out, null, 1));

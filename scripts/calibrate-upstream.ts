/**
 * The one calibrated number of the upstream background source, recomputed from its target figure:
 *   upstream.scale (conditions/periods/2018-S2.json)   N_upstream(2018-S2) = 2.76 ([NA62-EQCD2024-talk])
 * It runs the signal, normalisation and upstream samples of a period with the scale set to 1 and
 * prints the expected upstream background per unit scale, the scale that gives NA62's figure and,
 * for any period, the background with the current card (a prediction outside 2018-S2). With --write
 * (2018-S2 only) it updates the card.
 * Run: node --import tsx scripts/calibrate-upstream.ts [--period P] [--events N] [--seed S] [--write]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { kaonFlux, type PnnPeriod, publishedFigures, selectionFor } from "../src/analyses/pnn/conditions.ts";
import { RegionClassifier } from "../src/analyses/pnn/regions.ts";
import { DEFAULT_SAMPLES, NORMALISATION_CHANNEL, SIGNAL_CHANNEL } from "../src/analyses/pnn/samples.ts";
import { runPeriodShard } from "../src/analyses/pnn/shard.ts";
import { CUT } from "../src/analyses/pnn/tally.ts";
import { computeYields } from "../src/analyses/pnn/yields.ts";
import { conditionsFile } from "../src/core/conditions.ts";
import { loadPeriod } from "../src/detector/card.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const events = Number(opt("--events", "3000000"));
const seed = Number(opt("--seed", "13"));
const period = opt("--period", "2018-S2") as PnnPeriod;
const samples = DEFAULT_SAMPLES.filter(
  (s) =>
    (s.kind === "kaon" && (s.channel === SIGNAL_CHANNEL || s.channel === NORMALISATION_CHANNEL)) ||
    s.kind !== "kaon",
);
const current = loadPeriod(period).upstream.scale;
const tally = runPeriodShard(period, seed, 0, events, {
  samples,
  zRange: [102500, 180000],
  card: ["upstream.scale=1", ...args.flatMap((a, i) => (args[i - 1] === "--card" ? [a] : []))],
});
const y = computeYields({
  period,
  tally,
  samples,
  classifier: new RegionClassifier(selectionFor(period).params),
  kaonDecays: kaonFlux(period).value,
  downscale: 400,
  brSM: 8.4e-11,
});
const perUnit = y.expected.background.upstream;
const mc = y.uncertainty.expected.background.upstream;
const pub = publishedFigures(period)["expected.background.upstream"];
const target = typeof pub?.value === "number" ? pub.value : Number.NaN;
const value = Number((target / perUnit).toPrecision(3));
// cut flow of the upstream samples: the fraction of upstream events surviving the upstream cut
const flow: Record<string, Record<string, number>> = {};
for (const s of samples.filter((x) => x.kind !== "kaon")) {
  const f = tally.sample(s.key).flow;
  flow[s.key] = {
    vertex: f[CUT.VERTEX],
    upstreamCut: f[CUT.UPSTREAM],
    survivingUpstreamCut: f[CUT.VERTEX] > 0 ? f[CUT.UPSTREAM] / f[CUT.VERTEX] : Number.NaN,
    regions: f[CUT.REGION],
  };
  if (args.includes("--flow")) flow[s.key].all = Array.from(f) as unknown as number;
}
console.log(
  JSON.stringify(
    {
      period,
      "upstream per unit scale": perUnit,
      mcStat: mc,
      "with the card's scale": perUnit * current,
      "scale for NA62's figure": value,
      target: { figure: `N_upstream(${period})`, value: target },
      currentScale: current,
      flow,
      events,
      seed,
    },
    null,
    2,
  ),
);
if (args.includes("--write")) {
  if (period !== "2018-S2") throw new Error("--write: the scale is calibrated on 2018-S2 only");
  const file = conditionsFile("periods/2018-S2.json");
  const text = readFileSync(file, "utf8");
  const re = /("scale": \{"value": )([0-9.eE+-]+)(, "source": "normalisation of the whole upstream)/;
  if (!re.test(text)) throw new Error(`${file}: upstream.scale not found`);
  writeFileSync(file, text.replace(re, `$1${value}$3`));
  console.error(`calibrate-upstream: wrote upstream.scale = ${value} into ${file}`);
}

/**
 * The calibrated number of the K⁺→π⁺νν̄ analysis, recomputed from its target figure (2018-S2 only):
 *   calibration.efficiency   A_ππ(2018-S2) = 0.1177 (seed talk 003, 2018 SES table)
 * It runs the 2018-S2 normalisation selection with the efficiency set to 1 and prints the value
 * A_ππ(published) / A_ππ(kaonlab); with --write it updates conditions/analyses/pnn/selection.json.
 * Run: node --import tsx scripts/calibrate-pnn.ts [--events N] [--seed S] [--write]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { kaonFlux, publishedFigures, selectionFor } from "../src/analyses/pnn/conditions.ts";
import { RegionClassifier } from "../src/analyses/pnn/regions.ts";
import { DEFAULT_SAMPLES, NORMALISATION_CHANNEL, SIGNAL_CHANNEL } from "../src/analyses/pnn/samples.ts";
import { runPeriodShard } from "../src/analyses/pnn/shard.ts";
import { computeYields } from "../src/analyses/pnn/yields.ts";
import { conditionsFile } from "../src/core/conditions.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const events = Number(opt("--events", "2000000"));
const seed = Number(opt("--seed", "11"));
const period = "2018-S2";
// the acceptances need only the signal and normalisation samples
const samples = DEFAULT_SAMPLES.filter(
  (s) => s.channel === SIGNAL_CHANNEL || s.channel === NORMALISATION_CHANNEL,
).filter((s) => s.kind === "kaon");
const selection = { "calibration.efficiency": 1 };
const tally = runPeriodShard(period, seed, 0, events, { samples, zRange: [102500, 180000], selection });
const y = computeYields({
  period,
  tally,
  samples,
  classifier: new RegionClassifier(selectionFor(period, selection).params),
  kaonDecays: kaonFlux(period).value,
  downscale: 400,
  brSM: 8.4e-11,
});
const target = publishedFigures(period)["acceptance.pipi"].value as number;
const value = Number((target / y.acceptance.pipi).toPrecision(4));
const current = selectionFor(period).params.calibration.efficiency;
console.log(
  JSON.stringify(
    {
      "calibration.efficiency": value,
      target: { figure: "A_ππ(2018-S2)", value: target },
      uncalibrated: {
        pipi: y.acceptance.pipi,
        pinunu: y.acceptance.pinunu,
        mcStat: y.uncertainty.acceptance.pipi,
      },
      current,
      events,
      seed,
    },
    null,
    2,
  ),
);
if (args.includes("--write")) {
  const file = conditionsFile("analyses/pnn/selection.json");
  const text = readFileSync(file, "utf8");
  const re = /("efficiency": \{ "value": )([0-9.eE+-]+)/;
  if (!re.test(text)) throw new Error(`${file}: calibration.efficiency not found`);
  writeFileSync(file, text.replace(re, `$1${value}`));
  console.error(`calibrate-pnn: wrote calibration.efficiency = ${value} into ${file}`);
}

/**
 * The calibrated numbers of the K⁺→π⁺νν̄ analysis, recomputed in order from their 2018-S2 target
 * figures ([NA62-EQCD2024-talk]; nothing else is tuned, every other period and figure is a prediction):
 *   1. calibration.efficiency (selection.json)                   A_ππ(2018-S2) = 0.1177
 *   2. multiplicity.chargedIneffScale (periods/2018-S2.json)     N(π⁺π⁻e⁺ν, 2018-S2) = 0.41
 *   3. photonVeto.ineffScale (periods/2018-S2.json)              N(π⁺π⁰, 2018-S2) = 0.52
 * Step 1 runs the signal and normalisation samples with the efficiency set to 1; steps 2 and 3 the
 * K⁺→π⁺π⁻e⁺ν (K⁺→π⁺π⁰) sample at a few values of the scale (the same seed each time, so the
 * background is a smooth function of the scale) and solve for NA62's figure by secant steps in
 * log–log.
 * The upstream normalisation comes after these (it depends on both): scripts/calibrate-upstream.ts.
 * Run: node --import tsx scripts/calibrate-pnn.ts [--events N] [--seed S] [--only efficiency|multiplicity] [--write]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { kaonFlux, publishedFigures, selectionFor } from "../src/analyses/pnn/conditions.ts";
import { RegionClassifier } from "../src/analyses/pnn/regions.ts";
import {
  DEFAULT_SAMPLES,
  NORMALISATION_CHANNEL,
  type SampleSpec,
  SIGNAL_CHANNEL,
} from "../src/analyses/pnn/samples.ts";
import { runPeriodShard } from "../src/analyses/pnn/shard.ts";
import { computeYields, type PeriodYields } from "../src/analyses/pnn/yields.ts";
import { conditionsFile } from "../src/core/conditions.ts";
import { loadPeriod } from "../src/detector/card.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const events = Number(opt("--events", "2000000"));
const seed = Number(opt("--seed", "11"));
const only = opt("--only", "efficiency,multiplicity,photon").split(",");
const write = args.includes("--write");
const period = "2018-S2";
const pub = publishedFigures(period);

function run(
  samples: readonly SampleSpec[],
  n: number,
  selection: Record<string, number> = {},
  card: string[] = [],
): PeriodYields {
  const tally = runPeriodShard(period, seed, 0, n, { samples, zRange: [102500, 180000], selection, card });
  return computeYields({
    period,
    tally,
    samples,
    classifier: new RegionClassifier(selectionFor(period, selection).params),
    kaonDecays: kaonFlux(period).value,
    downscale: loadPeriod(period, card).trigger.downscale.control,
    brSM: 8.4e-11,
  });
}

/** replace the value of the leaf matched by `re` (group 1: text before the number) in a conditions file */
function writeValue(rel: string, re: RegExp, value: number, what: string): void {
  const file = conditionsFile(rel);
  const text = readFileSync(file, "utf8");
  if (!re.test(text)) throw new Error(`${file}: ${what} not found`);
  writeFileSync(file, text.replace(re, `$1${value}`));
  console.error(`calibrate-pnn: wrote ${what} = ${value} into ${file}`);
}

const kaonSample = (ch: string) => DEFAULT_SAMPLES.filter((s) => s.kind === "kaon" && s.channel === ch);
const accSamples = [...kaonSample(SIGNAL_CHANNEL), ...kaonSample(NORMALISATION_CHANNEL)];

if (only.includes("efficiency")) {
  const y = run(accSamples, events, { "calibration.efficiency": 1 });
  const target = pub["acceptance.pipi"].value as number;
  const value = Number((target / y.acceptance.pipi).toPrecision(4));
  console.log(
    JSON.stringify({
      "calibration.efficiency": value,
      target: { figure: "A_ππ(2018-S2)", value: target },
      uncalibrated: {
        pipi: y.acceptance.pipi,
        pinunu: y.acceptance.pinunu,
        mcStat: y.uncertainty.acceptance.pipi,
      },
      current: selectionFor(period).params.calibration.efficiency,
      events,
      seed,
    }),
  );
  if (write)
    writeValue(
      "analyses/pnn/selection.json",
      /("efficiency": \{ "value": )([0-9.eE+-]+)/,
      value,
      "calibration.efficiency",
    );
}

/**
 * Solve background(card value) = target by secant steps in log–log from the card's current value,
 * the same seed every time; returns the rounded value and the steps.
 */
function solveScale(
  sampleKey: string,
  source: "pipienu" | "pipi0",
  field: string,
  current: number,
  events: number,
) {
  // a small signal/normalisation share (needed for the normalisation), the rest the background
  const samples = [
    ...accSamples.filter((s) => s.key !== sampleKey).map((s) => ({ ...s, share: 0.02 })),
    ...DEFAULT_SAMPLES.filter((s) => s.key === sampleKey).map((s) => ({ ...s, share: 0.96 })),
  ];
  const target = pub[`expected.background.${source}`].value as number;
  const at = (x: number) => {
    const y = run(samples, events, {}, [`${field}=${x}`]);
    const p = {
      value: x,
      background: y.expected.background[source],
      mcStat: y.uncertainty.expected.background[source],
    };
    console.error(JSON.stringify({ [field]: p.value, [source]: p.background, mcStat: p.mcStat }));
    return p;
  };
  const pts = [at(current), at(current * 1.15)];
  for (let k = 0; k < 6; k++) {
    const [a, b] = pts.slice(-2);
    if (Math.abs(b.background / target - 1) < 0.005) break;
    const slope = Math.log(b.background / a.background) / Math.log(b.value / a.value);
    pts.push(at(b.value * Math.exp(Math.log(target / b.background) / slope)));
  }
  const value = Number(pts[pts.length - 1].value.toPrecision(3));
  console.log(
    JSON.stringify({
      [field]: value,
      target: { figure: `N(${source}, 2018-S2)`, value: target },
      steps: pts,
      current,
      events,
      seed,
    }),
  );
  return value;
}

if (only.includes("multiplicity")) {
  const value = solveScale(
    "pipienu",
    "pipienu",
    "multiplicity.chargedIneffScale",
    loadPeriod(period).multiplicity.chargedIneffScale,
    events,
  );
  if (write)
    writeValue(
      "periods/2018-S2.json",
      /("chargedIneffScale": \{"value": )([0-9.eE+-]+)/,
      value,
      "multiplicity.chargedIneffScale",
    );
}

if (only.includes("photon")) {
  const value = solveScale(
    "pipi0",
    "pipi0",
    "photonVeto.ineffScale",
    loadPeriod(period).photonVeto.ineffScale,
    events,
  );
  if (write)
    writeValue(
      "periods/2018-S2.json",
      /("ineffScale": \{"value": )([0-9.eE+-]+)/,
      value,
      "photonVeto.ineffScale",
    );
}

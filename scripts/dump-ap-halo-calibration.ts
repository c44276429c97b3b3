// Derives background.haloPairScale of conditions/analyses/dump-ap/published.json: the scale on the
// random-pair rate of the simulated halo that makes the combinatorial background in the signal region
// equal NA62's b = 0.016 (the one calibration of the dump background model). Prints the value and
// the control-sample predictions; edit the conditions by hand with the printed value.
//   node --import tsx scripts/dump-ap-halo-calibration.ts [--seed S] [--muons N]
import { DumpChain } from "../src/analyses/dump-ap/acceptance.ts";
import { haloMuonsPerPot, pairRates } from "../src/analyses/dump-ap/background.ts";
import { dumpConditions } from "../src/analyses/dump-ap/conditions.ts";
import { haloConditions, pairHalo, simulateHalo } from "../src/analyses/dump-ap/halo.ts";
import { geometry } from "../src/detector/geometry.ts";

const arg = (k: string, d: number) => {
  const i = process.argv.indexOf(k);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const seed = arg("--seed", 1);
const muons = arg("--muons", haloConditions().simulation.muons.value);
const c = dumpConditions();
const chain = new DumpChain("dump-2021", []);
const k = haloMuonsPerPot(chain.card);
const t0 = Date.now();
const lib = simulateHalo(chain, seed, muons);
const z1 = geometry().straw.z[0];
const chod = chain.card.trigger.l0.chodEfficiency;
const os = pairHalo(lib, chain.selection, z1, chod, false);
const ss = pairHalo(lib, chain.selection, z1, chod, true);
const rates = pairRates(c.exposure.pot.value, k);
const raw = (rates.os * os.regions[0]) / os.norm;
const target = c.expectedBackground.total.value;
console.log(`halo muons ${lib.n} (generated ${lib.generated}), ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`OS pairs ${os.pairs}: selected SR/VR/CR ${Array.from(os.counts.slice(0, 3)).join("/")}`);
console.log(`SS pairs ${ss.pairs}: selected SR/VR/CR ${Array.from(ss.counts.slice(0, 3)).join("/")}`);
console.log(
  `P_OS(SR) = ${(os.regions[0] / os.norm).toExponential(3)}; random OS pairs in ±δ: ${rates.os.toExponential(3)}`,
);
console.log(`uncalibrated combinatorial SR background ${raw.toExponential(3)} (NA62 ${target})`);
console.log(`haloPairScale = ${(target / raw).toPrecision(3)}`);

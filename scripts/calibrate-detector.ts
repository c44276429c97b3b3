/**
 * The calibrated numbers of the detector model, recomputed from their target figures (2018 only):
 *   accidentals.scale  ⟨ε_RV⟩ = 0.66 at the 2018 intensity ([NA62-EQCD2024-talk], 2018 SES table).
 * Prints the value to write into conditions/periods/2018-S2.json (marked `calibrated` there).
 * Run: node --import tsx scripts/calibrate-detector.ts
 */
import { meanRandomVetoEfficiency } from "../src/detector/accidentals.ts";
import { loadPeriod } from "../src/detector/card.ts";

const card = loadPeriod("2018-S2");
const target = 0.66;
let lo = 0.01;
let hi = 100;
for (let i = 0; i < 100; i++) {
  const mid = Math.sqrt(lo * hi);
  if (meanRandomVetoEfficiency(card, mid) > target) lo = mid;
  else hi = mid;
}
const scale = 0.5 * (lo + hi);
console.log(
  JSON.stringify(
    {
      "accidentals.scale": Number(scale.toPrecision(4)),
      target: { figure: "ε_RV(2018)", value: target },
      check: meanRandomVetoEfficiency(card, Number(scale.toPrecision(4))),
      current: { scale: card.accidentals.scale, epsRV: meanRandomVetoEfficiency(card) },
    },
    null,
    2,
  ),
);

/**
 * Issue 4 §4: the 2018-S2 figures against NA62's published ones (seed talk 003). A_ππ is the
 * calibrated figure (calibration.efficiency); every other row is a prediction. Rows the current
 * detector model cannot reproduce are marked `todo` with the measured reason (they run and print,
 * but do not fail the suite): see docs/analyses/pnn.md, "What is not reproduced".
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { publishedFigures } from "../../../src/analyses/pnn/conditions.ts";
import { BACKGROUND_SOURCES } from "../../../src/analyses/pnn/samples.ts";
import { cli, tempDir } from "../../run/helpers.ts";

const tmp = tempDir("pnn-published");
after(() => rmSync(tmp, { recursive: true, force: true }));
const pub = publishedFigures("2018-S2");

// biome-ignore lint/suspicious/noExplicitAny: the results JSON
let res: any;
before(async () => {
  const r = await cli([
    "run",
    "pnn",
    "--period",
    "2018-S2",
    "--events",
    "3000000",
    "--seed",
    "4",
    "--workers",
    "2",
    "--quiet",
    "--json",
    "--out",
    join(tmp, "s2"),
  ]);
  assert.equal(r.code, 0, r.err);
  res = JSON.parse(r.out);
});

const get = (o: unknown, path: string): number =>
  path.split(".").reduce((v: unknown, k) => (v as Record<string, unknown>)[k], o) as number;

/** figures the detector model does not reproduce yet, with the reason measured at the time */
const DETECTOR_LIMITED: Record<string, string> = {
  "acceptance.pinunu":
    "A_πνν/A_ππ = 0.48 against NA62's 0.541: the 2018-S2 (z_vtx, R_STRAW1) upstream cut (830 − 0.00436·z mm [S]) keeps 51% of the signal after the vertex cuts against 56% of the π⁺π⁰ and removes 81% / 99% of the R2 signal at 35–40 / 40–45 GeV/c (without it the ratio is 0.586; with the S1 box cut, S1 gives 0.543 vs NA62's 0.518) — the cut's 2018 parameters or shape are unconfirmed",
  ses: "ε_trig(PNN) = 0.874 and ε_RV = 0.66 agree with NA62; SES is ~16% high through A_πνν (see acceptance.pinunu)",
  "expected.signal": "as SES: A_πνν 12% low",
  "expected.background.munu":
    "K⁺→μ⁺ν now reaches R1 (STRAW single-scattering tail × a RICH mis-identification through the calibrated 2% non-Gaussian ring component; 0.37 ± 0.04 from 10M μν decays, seed 1), but R2 gets rare heavy events (μ⁺→e⁺νν̄ in flight before the STRAW, calo π-probability 10⁻³): at the 0.66M μν decays of this test the figure has a ~50% MC uncertainty (seed 4: 1.27 ± 0.68)",
  "expected.background.pipienu":
    "0.059 ± 0.020 with NA62's coincidence-based multiplicity rejection (was 0.003): the π⁻ of R2 Ke4 events carries 10–45 GeV/c and is bent by MNP33 into STRAW3/4, the CHOD, NewCHOD and LKr; its survival rests on the UNCONFIRMED 0.99 single-detector efficiencies and the 0.98 STRAW-segment veto",
  "expected.background.pipipi":
    "K⁺→π⁺π⁺π⁻: 55 events in the K3π region after every cut and f_kin(R2) ≈ 3 × 10⁻⁵ give 0.002 (1.5M decays, seed 2); the loss of the two other pions and the m²miss resolution tail below 0.068 are not modelled (docs/analyses/pnn.md §5)",
};

function within(path: string, tol: number) {
  it(`${path}: within ${tol * 100}% of NA62 (${pub[path].value})`, { todo: DETECTOR_LIMITED[path] }, () => {
    const ours = get(res, path);
    const p = pub[path].value as number;
    assert.ok(Math.abs(ours / p - 1) <= tol, `kaonlab ${ours} vs NA62 ${p} (ratio ${(ours / p).toFixed(3)})`);
  });
}

describe("pnn 2018-S2 against NA62 (seed talk 003)", () => {
  within("acceptance.pipi", 0.1);
  within("acceptance.pinunu", 0.1);
  within("ses", 0.1);
  within("expected.signal", 0.1);
  for (const s of BACKGROUND_SOURCES) {
    const path = `expected.background.${s}`;
    const f = pub[path];
    it(`${path}: within a factor 1.5 of NA62 (${f.value ?? `< ${f.limit}`})`, {
      todo: DETECTOR_LIMITED[path],
    }, () => {
      const ours = get(res, path);
      if (f.limit !== undefined) {
        // a published upper bound: ours must not exceed it by more than the factor
        assert.ok(ours <= 1.5 * f.limit, `kaonlab ${ours} vs NA62 < ${f.limit}`);
        return;
      }
      const r = ours / (f.value as number);
      assert.ok(r >= 1 / 1.5 && r <= 1.5, `kaonlab ${ours} vs NA62 ${f.value} (ratio ${r.toFixed(3)})`);
    });
  }
  within("expected.background.total", 0.25);

  it("expected.background.upstream: MC uncertainty ≤ 30% at 3M events (oversampled upstream decays)", () => {
    // the estimate rests on a few K⁺→π⁺π⁰ / π⁺π⁺π⁻ decays inside B5 whose pion misses the CHANTI
    // (scripts/dump-upstream.ts); without the oversampling and the vertex window it was 60–100%
    const v = get(res, "expected.background.upstream");
    const u = get(res, "uncertainty.expected.background.upstream");
    assert.ok(v > 0 && u / v <= 0.3, `upstream ${v} ± ${u}`);
  });
});

/**
 * The 2018-S2 figures against NA62's published ones ([NA62-EQCD2024-talk]). Calibrated on
 * 2018-S2 (docs/analyses/pnn.md §4): A_ππ (calibration.efficiency), A_πνν (the choice between the
 * two parameter sets of the R_STRAW1 cut), π⁺π⁻e⁺ν (multiplicity.chargedIneffScale), π⁺π⁰
 * (photonVeto.ineffScale), upstream (upstream.scale), μ⁺ν (rich.tailFraction); predictions: SES,
 * N_πνν, ε_trig, ε_RV's intensity dependence, π⁺γγ, π⁰ℓ⁺ν, π⁺π⁺π⁻ and the total. A calibrated row
 * still tests the whole chain at another seed and sample size than its calibration. Rows the model
 * cannot reproduce are marked `todo` with the measured reason (they run and print, but do not fail
 * the suite): see docs/analyses/pnn.md, "What is not reproduced".
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
// 12M decays: the upstream and π⁺π⁰ estimates rest on rare configurations (heavy-tailed: at 3M
// events the upstream background of one seed ranges over 1.9–2.9); at 12M their MC errors are ~12%
// and ~8%, so the 25% test of the total measures the model, not the seed
before(async () => {
  const r = await cli([
    "run",
    "pnn",
    "--period",
    "2018-S2",
    "--events",
    "12000000",
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

/** figures the model does not reproduce, with the reason measured at the time */
const DETECTOR_LIMITED: Record<string, string> = {
  "expected.background.pipipi":
    "K⁺→π⁺π⁺π⁻ reaches R2 (below its 0.078 threshold) only through large scatterings (f_kin(R2) ≈ 10⁻⁶–10⁻⁵, importance-sampled) and needs both extra pions missed by four or more detectors each (mult ~10⁻⁹): ~0.001 against NA62's 0.17 ± 0.08. An event-wide multiplicity failure large enough for 0.17 (3 × 10⁻⁵) would give 6 π⁺π⁻e⁺ν events instead of 0.41, and a STRAW momentum tail large enough would raise π⁺π⁰ by ~0.8: docs/analyses/pnn.md §5",
};

function within(path: string, tol: number) {
  it(`${path}: within ${tol * 100}% of NA62 (${pub[path].value})`, { todo: DETECTOR_LIMITED[path] }, () => {
    const ours = get(res, path);
    const p = pub[path].value as number;
    assert.ok(Math.abs(ours / p - 1) <= tol, `kaonlab ${ours} vs NA62 ${p} (ratio ${(ours / p).toFixed(3)})`);
  });
}

describe("pnn 2018-S2 against NA62 ([NA62-EQCD2024-talk])", () => {
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

  it("expected.background.upstream: MC uncertainty ≤ 30% (oversampled upstream decays)", () => {
    // the estimate rests on a few K⁺→π⁺π⁰ / π⁺π⁺π⁻ decays inside B5 whose pion misses the CHANTI
    // (scripts/dump-upstream.ts); without the oversampling and the vertex window it was 60–100%
    const v = get(res, "expected.background.upstream");
    const u = get(res, "uncertainty.expected.background.upstream");
    assert.ok(v > 0 && u / v <= 0.3, `upstream ${v} ± ${u}`);
  });
});

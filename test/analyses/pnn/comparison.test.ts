import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  compareFigures,
  compareInference,
  comparisonConditions,
  FIGURES,
  INFERENCE_FIGURES,
} from "../../../src/analyses/pnn/compare.ts";
import { PERIOD_CHOICES } from "../../../src/analyses/pnn/conditions.ts";
import type { PnnFigures } from "../../../src/analyses/pnn/yields.ts";

describe("pnn comparison conditions", () => {
  const cond = comparisonConditions();
  const paths = new Set([...FIGURES, ...INFERENCE_FIGURES].map((f) => f.path));

  it("names only figures the output has, and periods that exist", () => {
    for (const k of Object.keys(cond.tolerance.figures ?? {})) assert.ok(paths.has(k), k);
    for (const [period, figs] of Object.entries(cond.calibrated ?? {})) {
      assert.ok(PERIOD_CHOICES.includes(period), period);
      for (const k of Object.keys(figs)) assert.ok(paths.has(k), `${period}: ${k}`);
    }
  });

  it("marks the tuned 2018-S2 figures calibrated and judges the others (the same figures elsewhere are predictions)", () => {
    // NA62's own 2018-S2 figures as ours: every published central value is reproduced (ratio 1)
    const ours: PnnFigures = {
      acceptance: { pipi: 0.1177, pinunu: 0.0637 },
      efficiency: { trigger: 0.89, randomVeto: 0.66 },
      nPiPi: 1.16e8,
      ses: 0.14e-10,
      expected: {
        signal: 6.02,
        background: {
          pipi0: 0.52,
          munu: 0.45,
          pipienu: 0.41,
          pipipi: 0.17,
          pigg: 0.001,
          pi0lnu: 0.0001,
          upstream: 2.76,
          total: 4.31,
        },
      },
    };
    const zero = JSON.parse(JSON.stringify(ours), (_k, v) => (typeof v === "number" ? 0 : v));
    const rows = compareFigures("2018-S2", ours, zero);
    const calibrated = new Set(Object.keys(cond.calibrated!["2018-S2"]));
    for (const r of rows) {
      assert.equal(
        r.status,
        calibrated.has(r.figure) ? "calibrated" : "reproduced",
        `${r.figure}: ${r.reason}`,
      );
    }
    const s1 = compareFigures("2018-S1", ours, zero);
    assert.ok(s1.every((r) => r.status !== "calibrated"));
    assert.equal(s1.find((r) => r.figure === "acceptance.pipi")!.status, "not reproduced");
  });

  it("judges the BR and significance of NA62's candidates: a central value with its errors, a '> 5σ' bound", () => {
    const inf = (br: number, z: number) => ({
      periods: ["2016-22"],
      observed: [51],
      ses: 4e-12,
      background: 18,
      brBestFit: br,
      brInterval: [br * 0.8, br * 1.2] as [number, number],
      significance: z,
      pValue: 0,
      method: "profile likelihood, asymptotic significance" as const,
      approximate: true as const,
    });
    const [br, z] = compareInference("2016-22", inf(13.0e-11, 5.6));
    assert.equal(br.figure, "inference.br");
    assert.equal(br.published, 13.0e-11);
    assert.equal(br.status, "reproduced");
    assert.equal(z.status, "reproduced");
    assert.match(z.reason, /> 5σ/);
    const [br2, z2] = compareInference("2016-22", inf(30e-11, 4.2));
    assert.equal(br2.status, "not reproduced");
    assert.ok(Math.abs((br2.ratio as number) - 30 / 13) < 1e-12);
    assert.equal(z2.status, "not reproduced");
    assert.match(z2.reason, /below the published bound > 5σ/);
    // the BR's MC error: (SES·σ_B)² + (BR·σ_SES/SES)²
    const [brMc] = compareInference("2016-22", inf(13.0e-11, 5.6), { background: 2, ses: 0.4e-12 });
    assert.ok(Math.abs(brMc.uncertainty - Math.hypot(4e-12 * 2, 13.0e-11 * 0.1)) < 1e-20);
    // Run 1: NA62's 3.4σ is a central value, judged within 25%
    const [, z3] = compareInference("run1", inf(10.6e-11, 3.9));
    assert.equal(z3.published, 3.4);
    assert.equal(z3.status, "reproduced");
  });
});

/**
 * Predictions of the matrix elements (test/decays/predictions.ts) against the measured rates: each
 * must agree within 3σ, σ combining the measurement error, the Monte Carlo error of the integral
 * and, where evaluated, the uncertainty from the model's input parameters. Rows that are derived
 * from a BR, calibrated on it, or whose measured region is in doubt are listed but not tested
 * (docs/validation/decays.md shows all of them).
 */
import { describe, it } from "node:test";
import { assertPull } from "../helpers/stat.ts";
import { predictions } from "./predictions.ts";

describe("matrix elements predict the measured rates", () => {
  const all = predictions(0.3);
  for (const p of all) {
    if (!p.tested) continue;
    it(p.what, () => {
      const sigma = Math.hypot(p.measuredError, p.mcError ?? 0, p.modelError);
      assertPull(p.value, p.measured, sigma, 3, p.what);
    });
  }
});

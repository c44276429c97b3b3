import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  kaonFlux,
  normalisationEvents,
  sampleScale,
  singleEventSensitivity,
} from "../../../src/analyses/layer/normalisation.ts";

const close = (a: number, b: number, rel = 1e-12) =>
  assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${a} vs ${b}`);

describe("normalisation to the kaon flux", () => {
  // NA62 2018-S2 (seed table): N_ππ = 11.6 × 10⁷ with the control trigger downscaled by 400,
  // A_ππ = 0.1177, BR(π⁺π⁰) = 0.2067; A_πνν = 0.0637, ε_trig = 0.89, ε_RV = 0.66
  const norm = { events: 1.16e8, acceptance: 0.1177, br: 0.2067, downscale: 400 };

  it("N_K = D·N_norm / (A·BR·ε) by hand", () => {
    // 400 × 1.16e8 / (0.1177 × 0.2067) = 4.64e10 / 0.02432859 = 1.90722…e12
    close(kaonFlux(norm), 4.64e10 / (0.1177 * 0.2067));
    close(kaonFlux(norm), 1.9072e12, 1e-4);
    // a trigger efficiency of the normalisation raises N_K by 1/ε
    close(kaonFlux({ ...norm, efficiencies: [0.8] }), kaonFlux(norm) / 0.8);
  });

  it("N_norm from N_K inverts N_K from N_norm", () => {
    const nK = kaonFlux(norm);
    close(normalisationEvents(nK, norm), norm.events);
  });

  it("SES = 1/(N_K·A_sig·Πε) and N_exp = N_K·BR·W_sel/W_FV", () => {
    const ses = singleEventSensitivity(norm, { acceptance: 0.0637, efficiencies: [0.66, 0.89] });
    close(ses, 1 / (kaonFlux(norm) * 0.0637 * 0.66 * 0.89), 1e-12);
    // NA62 quotes SES(2018-S2) = 0.14 × 10⁻¹⁰
    assert.ok(Math.abs(ses - 0.14e-10) < 0.01e-10, `${ses}`);
    assert.equal(
      singleEventSensitivity(norm, { acceptance: 0, efficiencies: [1] }),
      Number.POSITIVE_INFINITY,
    );
    close(sampleScale(2e12, 0.2, 4), 1e11);
    assert.equal(sampleScale(2e12, 0.2, 0), 0);
  });
});

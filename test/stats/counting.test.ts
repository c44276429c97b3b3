/**
 * The counting model (src/stats/counting.ts): categories with a shared BR, and each uncertainty with
 * its own constraint (gaussian, lognormal, gamma; symmetric or asymmetric).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  buildCountingSpec,
  type CountingModel,
  combinedSes,
  parseCountingModel,
  singleBinModel,
} from "../../src/stats/counting.ts";
import { Fitter } from "../../src/stats/fit.ts";
import { LikelihoodModel } from "../../src/stats/model.ts";

const EPS = 1e-12;

function compiled(m: CountingModel) {
  const model = new LikelihoodModel(buildCountingSpec(m));
  /** expected count of bin `bin` with the POI at mu and one nuisance parameter at a value */
  const at = (bin: number, mu: number, name?: string, value?: number) => {
    const pars = Array.from(model.init);
    pars[model.poi] = mu;
    if (name !== undefined) {
      const p = model.names.indexOf(name);
      assert.ok(p >= 0, `no parameter ${name} in ${model.names}`);
      pars[p] = value!;
    }
    return model.expected(pars)[bin];
  };
  return { model, at };
}

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= EPS * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

describe("counting model: categories share the BR", () => {
  const m = parseCountingModel({
    categories: [
      { name: "a", nObs: 1, background: 0.2, ses: 1e-10 },
      { name: "b", nObs: 2, background: 0.5, ses: 3e-10 },
    ],
  });
  it("μ is the total signal: category i expects BR/SESᵢ with BR = μ·SES_comb, 1/SES_comb = Σ 1/SESᵢ", () => {
    const ses = combinedSes(m)!;
    close(ses, 1 / (1 / 1e-10 + 1 / 3e-10), "SES_comb");
    const { at } = compiled(m);
    const mu = 4;
    const br = mu * ses;
    close(at(0, mu) - 0.2, br / 1e-10, "signal in a");
    close(at(1, mu) - 0.5, br / 3e-10, "signal in b");
    close(at(0, mu) + at(1, mu) - 0.7, mu, "total signal");
  });
  it("without SES, several categories are refused (the BR would not be shared)", () => {
    assert.throws(
      () =>
        parseCountingModel({
          categories: [
            { name: "a", nObs: 1, background: 0.2 },
            { name: "b", nObs: 1, background: 0.2 },
          ],
        }),
      /categories\[1\]\.ses: .*got nothing/,
    );
  });
});

describe("counting model: constraints per term", () => {
  const v = 2;
  it("gaussian, asymmetric +0.6 −0.4: v + α·up for α ≥ 0, v + α·down below, truncated at yield 0", () => {
    const { model, at } = compiled(
      singleBinModel({ nObs: 2, background: v, backgroundUnc: [0.6, 0.4], backgroundConstraint: "gaussian" }),
    );
    const name = "bin/background:gaussian";
    close(at(0, 0, name, 1), v + 0.6, "α = +1");
    close(at(0, 0, name, -1), v - 0.4, "α = −1");
    close(at(0, 0, name, 0.5), v + 0.3, "α = +0.5");
    close(model.lo[model.names.indexOf(name)], -v / 0.4, "truncation bound");
  });
  it("lognormal, symmetric ±0.5: v·κ^α with κ = 1 + σ/v; asymmetric +0.6 −0.4: κ₊ = 1 + up/v, κ₋ = 1 − down/v", () => {
    const sym = compiled(
      singleBinModel({ nObs: 2, background: v, backgroundUnc: 0.5, backgroundConstraint: "lognormal" }),
    );
    const name = "bin/background:lognormal";
    for (const a of [-1.7, -1, 0.3, 1, 2.2]) close(sym.at(0, 0, name, a), v * 1.25 ** a, `α = ${a}`);
    const asym = compiled(
      singleBinModel({
        nObs: 2,
        background: v,
        backgroundUnc: [0.6, 0.4],
        backgroundConstraint: "lognormal",
      }),
    );
    close(asym.at(0, 0, name, 1), v + 0.6, "α = +1");
    close(asym.at(0, 0, name, -1), v - 0.4, "α = −1");
    close(asym.at(0, 0, name, 2), v * 1.3 ** 2, "α = +2");
    close(asym.at(0, 0, name, -2), v * 0.8 ** 2, "α = −2");
  });
  it("gamma: v·γ with an auxiliary Poisson count of mean τγ, τ = (v/σ)², σ = (up + down)/2 when asymmetric", () => {
    const { model, at } = compiled(
      singleBinModel({ nObs: 2, background: v, backgroundUnc: [0.6, 0.4], backgroundConstraint: "gamma" }),
    );
    const p = model.names.indexOf("bin/background:gamma");
    close(model.consTau[p], (v / 0.5) ** 2, "τ");
    close(model.auxNominal[p], (v / 0.5) ** 2, "observed auxiliary count");
    close(at(0, 0, "bin/background:gamma", 1.3), v * 1.3, "γ = 1.3");
  });
  it("an SES uncertainty moves the signal the other way (signal ∝ 1/SES)", () => {
    const { at } = compiled(
      singleBinModel({ nObs: 2, background: v, ses: 1e-10, sesUnc: [0.2e-10, 0.1e-10] }),
    );
    const name = "bin/signal:lognormal";
    // SES up by 0.2e-10 (α = −1 of the signal yield) lowers the signal, SES down raises it
    assert.ok(at(0, 3, name, -1) < at(0, 3), "upward SES shift lowers the signal");
    close(at(0, 3, name, -1) - v, 3 * (1 - 0.2), "α = −1: −up/SES");
    close(at(0, 3, name, 1) - v, 3 * (1 + 0.1), "α = +1: +down/SES");
  });
  it("terms with the same correlate name share one parameter; gamma terms cannot be correlated", () => {
    const m = parseCountingModel({
      categories: [
        { name: "a", nObs: 1, background: 0.2, backgroundUnc: 0.05, backgroundCorrelate: "k2pi", ses: 1e-10 },
        { name: "b", nObs: 2, background: 0.5, backgroundUnc: 0.1, backgroundCorrelate: "k2pi", ses: 3e-10 },
      ],
    });
    const { model, at } = compiled(m);
    assert.deepEqual(model.names, ["mu", "k2pi"]);
    close(at(0, 0, "k2pi", 1), 0.25, "a at α = 1");
    close(at(1, 0, "k2pi", 1), 0.6, "b at α = 1");
    const g = structuredClone(m);
    g.categories[0].backgroundConstraint = "gamma";
    assert.throws(() => buildCountingSpec(g), /gamma constraints cannot be correlated, got "k2pi"/);
  });
  it("the profile likelihood pulls a nuisance parameter towards the data, the more the wider its constraint", () => {
    const pull = (unc: number) => {
      const { model } = compiled(
        singleBinModel({ nObs: 0, background: 3, backgroundUnc: unc, backgroundConstraint: "lognormal" }),
      );
      const f = new Fitter(model).fitFixed(0, model.observedData());
      return f.pars[1];
    };
    // n = 0 over b = 3: α̂̂(μ = 0) < 0, and larger in size for the wider constraint
    assert.ok(pull(0.3) < 0 && pull(1.5) < pull(0.3), `${pull(0.3)}, ${pull(1.5)}`);
  });
});

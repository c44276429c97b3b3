import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildCountingSpec, singleBinModel } from "../../src/stats/counting.ts";
import { Fitter } from "../../src/stats/fit.ts";
import { GammaBinFit, gammaSingleBin } from "../../src/stats/gamma-bin.ts";
import { LikelihoodModel } from "../../src/stats/model.ts";
import { OneBinFreeFit, OneBinProfile } from "../../src/stats/one-bin.ts";
import { runToys, type ToyTask, toyKeyer } from "../../src/stats/toy-task.ts";

/** the minimiser reaches −ln L to ~1e-11 (src/stats/minimise.ts) */
const NLL_TOL = 1e-9;
/**
 * −ln L is flat to second order at its minimum (curvature in μ ≥ 1/(2n) here): an NLL_TOL on −ln L
 * leaves μ̂ known to √(2·NLL_TOL·2n) only
 */
const muTol = (n: number) => Math.sqrt(4 * NLL_TOL * Math.max(n, 1));

const gammaModel = new LikelihoodModel(
  buildCountingSpec(
    singleBinModel({ nObs: 3, background: 1.612, backgroundUnc: 0.3, backgroundConstraint: "gamma" }),
  ),
);

function counting(unc: "gaussian" | "lognormal" | "gamma", withSes: boolean): LikelihoodModel {
  return new LikelihoodModel(
    buildCountingSpec(
      singleBinModel({
        nObs: 3,
        background: 1.612,
        backgroundUnc: [0.4, 0.25],
        backgroundConstraint: unc,
        ...(withSes ? { ses: 1e-10, sesUnc: 0.1e-10 } : {}),
      }),
    ),
  );
}

function dataset(model: LikelihoodModel, n: number, aux: Record<number, number>) {
  const d = model.observedData();
  d.main[0] = n;
  for (const [p, v] of Object.entries(aux)) d.aux[Number(p)] = v;
  return d;
}

describe("closed-form fits of the one-bin gamma (on/off) model", () => {
  const g = gammaSingleBin(gammaModel);
  it("recognises the model, and only that model", () => {
    assert.ok(g);
    assert.equal(g.gamma, 1);
    assert.equal(gammaSingleBin(counting("lognormal", false)), null);
    assert.equal(gammaSingleBin(counting("gamma", true)), null);
  });
  it("free and conditional minima equal the minimiser's, also on the bounds (n = 0, m = 0, n ≪ b)", () => {
    const fitter = new Fitter(gammaModel);
    const fit = new GammaBinFit(g!);
    const tau = g!.tau;
    let boundary = 0;
    for (const n of [0, 1, 3, 8, 25])
      for (const m of [0, 3, 17.5, tau, 45]) {
        const d = dataset(gammaModel, n, { 1: m });
        fit.setData(n, m);
        const free = fitter.fitFree(d);
        assert.ok(
          Math.abs(fit.nllFree - free.nll) < NLL_TOL,
          `free n=${n} m=${m}: ${fit.nllFree} vs ${free.nll}`,
        );
        assert.ok(
          Math.abs(fit.muHat - free.pars[0]) < muTol(n),
          `μ̂ n=${n} m=${m}: ${fit.muHat} vs ${free.pars[0]}`,
        );
        if (fit.muHat === 0) boundary++;
        for (const mu of [0, 0.5, 2.3, 7, 30]) {
          const c = fitter.fitFixed(mu, d, free.pars);
          const mine = fit.nllFixed(mu);
          assert.ok(Math.abs(mine - c.nll) < NLL_TOL, `μ=${mu} n=${n} m=${m}: ${mine} vs ${c.nll}`);
        }
      }
    assert.ok(boundary >= 5, `only ${boundary} data sets with μ̂ on its bound`);
  });
});

describe("closed-form free fit of one-bin models", () => {
  for (const [kind, ses] of [
    ["gaussian", false],
    ["lognormal", false],
    ["lognormal", true],
    ["gamma", true],
  ] as const)
    it(`${kind} background${ses ? " and SES" : ""} uncertainties: the minimiser's minimum, or NaN with μ̂ on its bound`, () => {
      const model = counting(kind, ses);
      const closed = OneBinFreeFit.of(model);
      assert.ok(closed);
      const fitter = new Fitter(model);
      let used = 0;
      let fallback = 0;
      for (const n of [0, 1, 2, 4, 12])
        for (const shift of [-1.5, -0.3, 0, 0.8, 2.5]) {
          // auxiliary data: α-shifts of the Normal constraints, ±σ-ish counts of the Poisson ones
          const aux: Record<number, number> = {};
          for (let p = 1; p < model.nPar; p++)
            aux[p] = model.consKind[p] === 2 ? Math.max(0, model.consTau[p] * (1 + 0.1 * shift)) : shift;
          const d = dataset(model, n, aux);
          const x = Float64Array.from(model.init);
          const nll = closed.fit(d, x);
          const free = fitter.fitFree(d);
          if (Number.isNaN(nll)) {
            fallback++;
            assert.ok(free.pars[0] < 1e-6, `n=${n} shift=${shift}: no closed form but μ̂ = ${free.pars[0]}`);
          } else {
            used++;
            assert.ok(Math.abs(nll - free.nll) < NLL_TOL, `n=${n} shift=${shift}: ${nll} vs ${free.nll}`);
            assert.ok(
              Math.abs(x[0] - free.pars[0]) < muTol(n),
              `μ̂ n=${n} shift=${shift}: ${x[0]} vs ${free.pars[0]}`,
            );
          }
        }
      assert.ok(used >= 10 && fallback >= 5, `closed form ${used}×, fallback ${fallback}×`);
    });
  it("does not apply to several bins or to unconstrained nuisance parameters", () => {
    const spec = structuredClone(gammaModel.spec);
    spec.params[1].constraint = { kind: "none" };
    assert.equal(OneBinFreeFit.of(new LikelihoodModel(spec)), null);
  });
});

describe("one-dimensional profile fits of one-bin models with one nuisance parameter", () => {
  for (const kind of ["gaussian", "lognormal"] as const)
    it(`${kind}: the minimiser's conditional minima, also with θ on its bound`, () => {
      // a large down uncertainty: the gaussian term's truncation bound α = −v/down = −1.612 is reachable
      const model = new LikelihoodModel(
        buildCountingSpec(
          singleBinModel({ nObs: 3, background: 1.612, backgroundUnc: [0.4, 1], backgroundConstraint: kind }),
        ),
      );
      const prof = OneBinProfile.of(model);
      assert.ok(prof);
      const fitter = new Fitter(model);
      const lo = model.lo[prof.theta];
      let onBound = 0;
      let fallback = 0;
      let total = 0;
      for (const n of [0, 1, 3, 9, 30])
        for (const a of [-4, -1.2, 0, 0.7, 2.5])
          for (const mu of [0, 0.4, 2, 6, 25]) {
            const d = dataset(model, n, { [prof.theta]: a });
            const start = Float64Array.from(model.init);
            const mine = prof.fit(mu, d, start);
            const ref = fitter.fitFixed(mu, d);
            total++;
            if (Number.isNaN(mine)) {
              fallback++; // not convex along the way: left to the minimiser
              continue;
            }
            assert.ok(Math.abs(mine - ref.nll) < NLL_TOL, `n=${n} a=${a} μ=${mu}: ${mine} vs ${ref.nll}`);
            if (prof.thetaHat === lo) onBound++;
          }
      assert.ok(fallback <= 0.1 * total, `${fallback} of ${total} fits left to the minimiser`);
      // the gaussian term is truncated where the yield vanishes: n = 0 pulls α onto that bound
      if (kind === "gaussian") assert.ok(onBound > 0, "no fit on the truncation bound");
    });
  it("applies only with exactly one free nuisance parameter", () => {
    assert.equal(OneBinProfile.of(counting("lognormal", true)), null);
    assert.ok(OneBinProfile.of(gammaModel));
  });
});

describe("toy tasks: memoised and closed-form test statistics", () => {
  const base = { seed: 7, shard: 2, nToys: 600, mus: [0.8, 2.5, 5, 9] };
  const task = (model: LikelihoodModel, mode: "hybrid" | "frequentist", sub: number): ToyTask => ({
    ...base,
    spec: model.spec,
    key: `${JSON.stringify(model.spec)}`,
    genPars: Array.from(model.init),
    sub,
    stat: "qtilde",
    mode,
    auxObs: Array.from(model.auxNominal),
  });
  for (const mode of ["hybrid", "frequentist"] as const) {
    it(`${mode}: repeated data sets reuse their values bit for bit`, () => {
      const model = counting("gamma", true); // two Poisson constraints: the general fit path
      const t = task(model, mode, 1);
      assert.deepEqual(runToys(t), runToys({ ...t, memo: false }));
    });
    it(`${mode}: the closed forms give the minimiser's test statistics`, () => {
      for (const model of [gammaModel, counting("lognormal", false)]) {
        const t = task(model, mode, 0);
        const fast = runToys(t);
        const slow = runToys({ ...t, memo: false, closedForm: false });
        for (let i = 0; i < fast.length; i++)
          assert.ok(Math.abs(fast[i] - slow[i]) < 1e-8, `toy ${i}: ${fast[i]} vs ${slow[i]}`);
      }
    });
  }
  it("keys: equal for equal counts, null for continuous auxiliary data", () => {
    const k = toyKeyer(gammaModel, false)!;
    assert.equal(k(dataset(gammaModel, 3, { 1: 27 })), k(dataset(gammaModel, 3, { 1: 27 })));
    assert.notEqual(k(dataset(gammaModel, 3, { 1: 27 })), k(dataset(gammaModel, 27, { 1: 3 })));
    assert.equal(toyKeyer(counting("lognormal", false), false), null);
    assert.ok(toyKeyer(counting("lognormal", false), true));
  });
});

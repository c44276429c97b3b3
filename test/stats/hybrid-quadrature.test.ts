import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { countingDiscovery, discoveryExactApplies, toyPValueBound } from "../../src/stats/analysis.ts";
import {
  buildCountingSpec,
  type ConstraintKind,
  parseCountingModel,
  singleBinModel,
} from "../../src/stats/counting.ts";
import { exactDiscovery } from "../../src/stats/exact.ts";
import { integrate } from "../../src/stats/hybrid-quadrature.ts";
import { toyLimit } from "../../src/stats/limits.ts";
import { LikelihoodModel } from "../../src/stats/model.ts";
import { significanceOf } from "../../src/stats/special.ts";
import { cli } from "../helpers/cli.ts";
import { assertPull, assertRel } from "../helpers/stat.ts";

const run = { seed: 5, workers: 1, nToys: 40000, mode: "hybrid" as const };

describe("hybrid discovery p-value by quadrature (one bin)", () => {
  it("the Gauss–Legendre integrator reproduces ∫₀^π sin = 2 and a Normal mass", () => {
    assertRel(integrate(Math.sin, 0, Math.PI), 2, 1e-12, "∫ sin");
    const m = integrate((x) => Math.exp(-0.5 * x * x), -40, 40);
    assertRel(m, Math.sqrt(2 * Math.PI), 1e-12, "Normal mass");
  });

  for (const c of ["lognormal", "gamma", "gaussian"] as ConstraintKind[]) {
    it(`${c}: agrees with hybrid toys within 4σ of their binomial error (40000 toys)`, async () => {
      const m = singleBinModel({ nObs: 27, background: 18, backgroundUnc: [3, 2], backgroundConstraint: c });
      assert.ok(discoveryExactApplies(m));
      const q = await countingDiscovery(m, "exact", run);
      assert.equal(q.calculator, "hybrid-quadrature");
      const t = await countingDiscovery(m, "toys", run);
      const err = Math.sqrt((q.pValue * (1 - q.pValue)) / t.nToys!);
      assertPull(t.pValue, q.pValue, err, 4, `${c} p-value`);
    });
  }

  it("tends to the exact Poisson tail as the uncertainty vanishes", async () => {
    const m = singleBinModel({ nObs: 40, background: 18, backgroundUnc: 1e-6 });
    const q = await countingDiscovery(m, "exact", run);
    assertRel(q.pValue, exactDiscovery(40, 18).pValue, 1e-5, "p");
  });

  it("51 over 18 (+3 −2): a finite p-value far beyond what toys reach, larger than without uncertainty", async () => {
    const m = singleBinModel({ nObs: 51, background: 18, backgroundUnc: [3, 2] });
    const q = await countingDiscovery(m, "exact", run);
    assert.ok(q.pValue > exactDiscovery(51, 18).pValue && q.pValue < 1e-5, `p = ${q.pValue}`);
    assert.ok(Number.isFinite(q.significance) && q.significance > 4.3, `Z = ${q.significance}`);
  });

  it("does not apply to two background uncertainties or to frequentist toys", () => {
    const one = singleBinModel({ nObs: 5, background: 2, backgroundUnc: 0.5 });
    assert.equal(discoveryExactApplies(one, "frequentist"), false);
    assert.equal(discoveryExactApplies(one, "hybrid"), true);
    const two = parseCountingModel({
      categories: [
        {
          name: "a",
          nObs: 5,
          background: [
            { value: 1, unc: 0.2 },
            { value: 1, unc: 0.3 },
          ],
        },
      ],
    });
    assert.equal(discoveryExactApplies(two, "hybrid"), false);
  });
});

describe("toys none of which reach the observation report a bound", () => {
  it("p < 1 − 0.05^(1/N) ≈ 3/N and Z above the matching significance", async () => {
    const m = singleBinModel({ nObs: 51, background: 18, backgroundUnc: [3, 2] });
    const t = await countingDiscovery(m, "toys", { ...run, nToys: 2000 });
    assert.equal(t.pValue, 0);
    assertRel(t.pValueUpperBound!, 2.9957 / 2000, 1e-3, "bound");
    assertRel(t.significanceLowerBound!, significanceOf(t.pValueUpperBound!), 1e-12, "Z bound");
    assert.equal(toyPValueBound(1), 0.95);
  });

  it("CLI significance: exact by default (finite JSON numbers); with toys a bound, never null", async () => {
    const base = [
      "stats",
      "significance",
      "--obs",
      "51",
      "--bkg",
      "18",
      "--bkg-unc",
      "3,2",
      "--workers",
      "1",
    ];
    const a = await cli([...base, "--json"]);
    assert.equal(a.code, 0, a.err);
    const j = JSON.parse(a.out);
    assert.equal(j.method, "exact");
    assert.equal(j.calculator, "hybrid-quadrature");
    assert.ok(typeof j.pValue === "number" && j.pValue > 0, a.out);
    assert.ok(typeof j.significance === "number" && j.significance > 4.3, a.out);
    const b = await cli([...base, "--method", "toys", "--toys", "1000", "--json"]);
    assert.equal(b.code, 0, b.err);
    const k = JSON.parse(b.out);
    assert.ok(k.pValue.upperBound > 0 && k.pValue.upperBound < 0.004, b.out);
    assert.ok(k.significance.lowerBound > 2.5, b.out);
    const c = await cli([...base, "--method", "toys", "--toys", "1000"]);
    assert.match(c.out, /significance: Z > \d\.\dσ/);
    assert.doesNotMatch(c.out, /Infinity|NaN|null/);
  });

  it("a toy limit whose crossing the toys cannot resolve is reported as a bound, not a number", async () => {
    const m = new LikelihoodModel(
      buildCountingSpec(singleBinModel({ nObs: 3, background: 1.6, backgroundUnc: 0.3 })),
    );
    const coarse = await toyLimit(m, m.observedData(), 0.9999, {
      nToys: 200,
      seed: 1,
      workers: 1,
      mode: "hybrid",
    });
    assert.equal(coarse.upperLimitBound?.status, "above");
    assert.ok(Number.isNaN(coarse.upperLimit));
    assert.ok(coarse.upperLimitBound!.bound > 5, JSON.stringify(coarse.upperLimitBound));
    const fine = await toyLimit(m, m.observedData(), 0.9, {
      nToys: 2000,
      seed: 1,
      workers: 1,
      mode: "hybrid",
    });
    assert.equal(fine.upperLimitBound, undefined);
    assert.ok(fine.upperLimit > 3 && fine.upperLimit < 8, `${fine.upperLimit}`);
    const base = ["stats", "limit", "--obs", "3", "--bkg", "1.6", "--bkg-unc", "0.3", "--workers", "1"];
    const r = await cli([...base, "--toys", "200", "--cl", "0.9999", "--json"]);
    assert.equal(r.code, 0, r.err);
    assert.ok(JSON.parse(r.out).upperLimit.lowerBound > 5, r.out);
    const t = await cli([...base, "--toys", "200", "--cl", "0.9999"]);
    assert.match(t.out, /upper limit at 99\.99% CL: > [\d.]+ signal events/);
  });

  it("CLI measure: the same bound for its p-value", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kaonlab-hq-"));
    const file = join(dir, "m.json");
    writeFileSync(
      file,
      JSON.stringify({ categories: [{ name: "a", nObs: 51, background: 18, backgroundUnc: [3, 2] }] }),
    );
    const r = await cli([
      "stats",
      "measure",
      file,
      "--method",
      "toys",
      "--toys",
      "1000",
      "--workers",
      "1",
      "--json",
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.ok(j.pValue.upperBound > 0 && j.significance.lowerBound > 2.5, r.out);
    const e = await cli(["stats", "measure", file, "--workers", "1", "--json"]);
    const k = JSON.parse(e.out);
    assert.equal(k.calculator, "hybrid-quadrature");
    assert.ok(k.pValue > 0 && k.significance > 4.3, e.out);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AsymptoticCalculator } from "../../src/stats/asymptotic.ts";
import { buildCountingSpec, parseCountingModel } from "../../src/stats/counting.ts";
import { asymptoticLimit, BAND_KEYS } from "../../src/stats/limits.ts";
import { LikelihoodModel } from "../../src/stats/model.ts";
import { evaluatePyhf } from "../../src/stats/pyhf/evaluate.ts";
import { exportPyhf } from "../../src/stats/pyhf/export.ts";
import { buildPyhfSpec, parseWorkspace } from "../../src/stats/pyhf/workspace.ts";
import { normalQuantile } from "../../src/stats/special.ts";
import { HELLO, NUISPARFILTER, VALIDATION, workspace } from "./pyhf-reference.ts";

/** distance of two p-values in significance units */
const dz = (a: number, b: number) => Math.abs(normalQuantile(a) - normalQuantile(b));

describe("pyhf interoperability: validation models (pyhf tests/test_validation.py, ROOT references)", () => {
  // pyhf's own pins move by up to 3e-5 in Z between pyhf versions (their optimiser's precision):
  // we allow 1e-4 in Z (≈ 1e-4 relative on CLs near 0.5, 6e-4 relative at 1e-9)
  for (const c of VALIDATION) {
    it(`${c.name}: CLs and expected set at μ = ${c.mu} (test stat q, normsys code1)`, () => {
      const ws = parseWorkspace(c.ws);
      const model = new LikelihoodModel(
        buildPyhfSpec(ws, { codes: { normsys: "code1", histosys: "code0" } }),
      );
      const h = new AsymptoticCalculator(model, model.observedData(), "q").hypotest(c.mu);
      assert.ok(dz(h.cls, c.obs) < 1e-4, `obs ${h.cls} vs ${c.obs}`);
      h.expected.forEach((e, i) => {
        assert.ok(dz(e, c.exp[i]) < 1e-4, `exp[${i}] ${e} vs ${c.exp[i]}`);
      });
    });
  }
  it("shapesys with a zero-uncertainty bin (ROOT reference, pyhf default codes, q̃μ) to 1e-6", () => {
    const model = new LikelihoodModel(buildPyhfSpec(parseWorkspace(NUISPARFILTER.ws)));
    const h = new AsymptoticCalculator(model, model.observedData()).hypotest(1);
    assert.ok(Math.abs(h.cls / NUISPARFILTER.obs - 1) < 1e-6, `${h.cls}`);
    h.expected.forEach((e, i) => {
      assert.ok(Math.abs(e / NUISPARFILTER.exp[i] - 1) < 1e-6, `${e}`);
    });
  });
});

describe("pyhf interoperability: staterror", () => {
  it("σ per bin is √Σδ²/Σn over the samples carrying it (pyhf tests/test_pdf.py, test_pdf_integration_staterror)", () => {
    const ws = parseWorkspace(
      workspace(
        [
          {
            name: "firstchannel",
            samples: [
              { name: "mu", data: [10, 10], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
              {
                name: "bkg1",
                data: [50, 70],
                modifiers: [{ name: "stat_firstchannel", type: "staterror", data: [12, 12] }],
              },
              {
                name: "bkg2",
                data: [30, 20],
                modifiers: [{ name: "stat_firstchannel", type: "staterror", data: [5, 5] }],
              },
              { name: "bkg3", data: [20, 15], modifiers: [] },
            ],
          },
        ],
        { firstchannel: [100, 100] },
      ),
    );
    const model = new LikelihoodModel(buildPyhfSpec(ws));
    const sigma = (bin: number) => model.consSigma[model.names.indexOf(`stat_firstchannel[${bin}]`)];
    assert.ok(Math.abs(sigma(0) - Math.sqrt(12 ** 2 + 5 ** 2) / (50 + 30)) < 1e-15, `${sigma(0)}`);
    assert.ok(Math.abs(sigma(1) - Math.sqrt(12 ** 2 + 5 ** 2) / (70 + 20)) < 1e-15, `${sigma(1)}`);
    // γ scales bkg1 and bkg2 but not bkg3 or the signal
    const pars = Array.from(model.init);
    pars[model.names.indexOf("stat_firstchannel[0]")] = 1.1;
    const nu = model.expected(pars);
    assert.ok(Math.abs(nu[0] - (10 + 1.1 * 80 + 20)) < 1e-12 && Math.abs(nu[1] - 115) < 1e-12, `${nu}`);
  });
  it("a staterror of δ/n = 0.1 reproduces the ROOT-pinned 1bin_lumi CLs (lumi σ = 0.1 on the same samples)", () => {
    const lumi = VALIDATION.find((c) => c.name === "1bin_lumi")!;
    const ws = workspace(
      [
        {
          name: "channel1",
          samples: [
            { name: "signal", data: [20], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
            {
              name: "background1",
              data: [100],
              modifiers: [{ name: "stat", type: "staterror", data: [10] }],
            },
            { name: "background2", data: [0], modifiers: [{ name: "stat", type: "staterror", data: [0] }] },
          ],
        },
      ],
      { channel1: [55] },
    );
    const model = new LikelihoodModel(
      buildPyhfSpec(parseWorkspace(ws), { codes: { normsys: "code1", histosys: "code0" } }),
    );
    const h = new AsymptoticCalculator(model, model.observedData(), "q").hypotest(lumi.mu);
    assert.ok(dz(h.cls, lumi.obs) < 1e-4, `obs ${h.cls} vs ${lumi.obs}`);
    h.expected.forEach((e, i) => {
      assert.ok(dz(e, lumi.exp[i]) < 1e-4, `exp[${i}] ${e} vs ${lumi.exp[i]}`);
    });
  });
});

describe("pyhf interoperability: README and upper_limits docstrings (q̃μ)", () => {
  const model = new LikelihoodModel(buildPyhfSpec(parseWorkspace(HELLO.ws)));
  const calc = new AsymptoticCalculator(model, model.observedData());
  it("q̃μ(1) = 3.93824492 and CLs = 0.05251497 with the expected set of `pyhf cls`", () => {
    assert.ok(Math.abs(calc.q(1) - HELLO.qmu) < 1e-7, `${calc.q(1)}`);
    const h = calc.hypotest(1);
    // pyhf's printed values carry its optimiser's precision (~2e-5 in Z): compare in Z
    assert.ok(dz(h.cls, HELLO.cls) < 5e-5, `${h.cls}`);
    h.expected.forEach((e, i) => {
      assert.ok(dz(e, HELLO.clsExp[i]) < 5e-5, `exp[${i}] ${e}`);
    });
  });
  it("linear scan on np.linspace(0, 5, 21) interpolated like np.interp gives pyhf's limits (rtol 5e-5)", () => {
    const xs = Array.from({ length: 21 }, (_, i) => (5 * i) / 20);
    const res = xs.map((x) => calc.hypotest(x));
    const interp = (ys: number[]) => {
      // np.interp(0.05, ys[::-1], xs[::-1]) on a decreasing curve
      for (let i = 1; i < ys.length; i++)
        if (ys[i] <= 0.05)
          return xs[i - 1] + ((ys[i - 1] - 0.05) / (ys[i - 1] - ys[i])) * (xs[i] - xs[i - 1]);
      return Number.NaN;
    };
    const obs = interp(res.map((r) => r.cls));
    assert.ok(Math.abs(obs / HELLO.linearScan.obs - 1) < 5e-5, `obs ${obs}`);
    HELLO.linearScan.exp.forEach((e, j) => {
      const v = interp(res.map((r) => r.expected[j]));
      assert.ok(Math.abs(v / e - 1) < 5e-5, `exp[${j}] ${v} vs ${e}`);
    });
  });
  it("the exact root agrees with pyhf's toms748_scan (rtol = 0.01) within 1%", () => {
    const lim = asymptoticLimit(model, model.observedData(), 0.95);
    assert.equal(lim.approximate, true);
    assert.ok(Math.abs(lim.upperLimit / HELLO.toms748.obs - 1) < 0.01, `${lim.upperLimit}`);
    BAND_KEYS.forEach((k, j) => {
      assert.ok(Math.abs(lim.expected[k] / HELLO.toms748.exp[j] - 1) < 0.01, `${k}: ${lim.expected[k]}`);
    });
  });
  it("evaluatePyhf (the `kaonlab stats pyhf` library call) returns cls, the limit and its band", async () => {
    const r = await evaluatePyhf(HELLO.ws, { poi: 1, cl: 0.95 });
    assert.equal(r.approximate, true);
    assert.ok(dz(r.cls, HELLO.cls) < 5e-5);
    assert.ok(Math.abs(r.upperLimit / HELLO.toms748.obs - 1) < 0.01);
  });
});

describe("pyhf workspaces with toys", () => {
  it("toy CLs at μ = 1 agrees with the asymptotic value for this 50-event model within the toy error", async () => {
    const r = await evaluatePyhf(HELLO.ws, {
      poi: 1,
      method: "toys",
      toys: { nToys: 2000, seed: 3, workers: 1 },
    });
    assert.equal(r.approximate, false);
    // CLs+b ≈ 0.023 from 2000 toys: ±0.0034 (binomial); CLs = CLs+b/CLb with CLb ≈ 0.44
    assert.ok(Math.abs(r.cls - HELLO.cls) < 4 * (Math.sqrt((0.023 * 0.977) / 2000) / 0.44), `${r.cls}`);
    assert.ok(r.scan && r.scan.length >= 10);
  });
});

describe("pyhf workspaces: validation errors name the path and value", () => {
  it("rejects an unknown modifier type, a wrong version, a missing observation and bin mismatches", () => {
    const bad = structuredClone(HELLO.ws) as unknown as {
      channels: { samples: { modifiers: { type: string }[]; data: number[] }[] }[];
      version: string;
      observations: unknown[];
    };
    bad.channels[0].samples[1].modifiers[0].type = "shapesyst";
    assert.throws(() => parseWorkspace(bad), /workspace\.channels\[0\]\.samples\[1\]\.modifiers\[0\].*got/);
    const v = structuredClone(HELLO.ws) as unknown as { version: string };
    v.version = "2.0.0";
    assert.throws(() => parseWorkspace(v), /workspace\.version: expected version "1\.0\.0", got "2\.0\.0"/);
    const o = structuredClone(HELLO.ws) as unknown as { observations: unknown[] };
    o.observations = [{ name: "other", data: [1, 2] }];
    assert.throws(() => parseWorkspace(o), /no observation for channel "singlechannel"/);
    const b = structuredClone(HELLO.ws) as unknown as { channels: { samples: { data: number[] }[] }[] };
    b.channels[0].samples[1].data = [50];
    assert.throws(() => parseWorkspace(b), /samples\[1\]\.data: expected 2 bins.*got 1/);
  });
  it("rejects a POI that does not exist", () => {
    const ws = parseWorkspace({
      ...HELLO.ws,
      measurements: [{ name: "m", config: { poi: "nope", parameters: [] } }],
    });
    assert.throws(() => buildPyhfSpec(ws), /config\.poi: no parameter named "nope"/);
  });
});

describe("export of counting models to pyhf JSON", () => {
  const counting = parseCountingModel({
    categories: [
      {
        name: "2017",
        nObs: 2,
        background: 1.46,
        backgroundUnc: 0.25,
        backgroundConstraint: "gaussian",
        ses: 0.389e-10,
        sesUnc: 0.024e-10,
        sesConstraint: "lognormal",
      },
      {
        name: "2018",
        nObs: 17,
        background: [
          { name: "upstream", value: 3.3, unc: [0.98, 0.73], constraint: "lognormal" },
          { name: "kmu2", value: 0.64, unc: 0.08, constraint: "gamma" },
          { name: "k2pi", value: 1.48, unc: [0.3, 0.2], constraint: "gaussian" },
        ],
        ses: 0.1107e-10,
        sesUnc: 0.01e-10,
        sesConstraint: "gaussian",
      },
    ],
  });
  const native = new LikelihoodModel(buildCountingSpec(counting));
  const ws = exportPyhf(counting);
  it("writes a valid schema-1.0.0 workspace", () => {
    const again = parseWorkspace(JSON.parse(JSON.stringify(ws)));
    assert.equal(again.version, "1.0.0");
    assert.equal(again.channels.length, 2);
  });
  it("read back with interpcodes code1/code0 it is the same likelihood (same −ln L, same CLs)", () => {
    const back = new LikelihoodModel(
      buildPyhfSpec(parseWorkspace(ws), { codes: { normsys: "code1", histosys: "code0" } }),
    );
    assert.equal(back.nPar, native.nPar);
    // pyhf's shapesys is per bin: "name[0]"
    const perm = native.names.map((n) => back.names.findIndex((b) => b === n || b === `${n}[0]`));
    assert.ok(
      perm.every((i) => i >= 0),
      `${back.names} vs ${native.names}`,
    );
    const dn = native.observedData();
    const db = back.observedData();
    for (const x of [
      [3, 0.2, -0.4, 0.3, -0.7, 1.1, 0.5],
      [8, -1, 1, -0.5, 0.4, 0.9, -1.2],
    ]) {
      const y = new Array(x.length);
      for (let j = 0; j < perm.length; j++) y[perm[j]] = x[j];
      assert.ok(Math.abs(native.nll(x, dn) - back.nll(y, db)) < 1e-9);
    }
    const a = new AsymptoticCalculator(native, dn).hypotest(10);
    const b = new AsymptoticCalculator(back, db).hypotest(10);
    assert.ok(Math.abs(a.cls - b.cls) < 1e-9);
  });
  it("with pyhf's default codes (code4/code4p) the CLs moves only slightly", () => {
    const back = new LikelihoodModel(buildPyhfSpec(parseWorkspace(ws)));
    const a = new AsymptoticCalculator(native, native.observedData()).hypotest(10).cls;
    const b = new AsymptoticCalculator(back, back.observedData()).hypotest(10).cls;
    assert.ok(Math.abs(a / b - 1) < 0.02, `${a} vs ${b}`);
  });
});

describe("asymptotics at small counts (what pyhf users complain about)", () => {
  it("reproduces pyhf's 90% CL asymptotic limit at n = 0 (1.549, b = 0.26) against the exact 2.303", async () => {
    const { buildCountingSpec: build, singleBinModel } = await import("../../src/stats/counting.ts");
    const m = new LikelihoodModel(build(singleBinModel({ nObs: 0, background: 0.26 })));
    const a = asymptoticLimit(m, m.observedData(), 0.9);
    assert.ok(Math.abs(a.upperLimit - 1.549) < 5e-4, `${a.upperLimit}`);
    assert.equal(a.approximate, true);
  });
});

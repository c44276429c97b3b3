import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { AsymptoticCalculator, type LimitStat } from "../../src/stats/asymptotic.ts";
import { bestFit } from "../../src/stats/best-fit.ts";
import { Fitter } from "../../src/stats/fit.ts";
import { LikelihoodModel } from "../../src/stats/model.ts";
import { discoverPyhf, evaluatePyhf, fitPyhf } from "../../src/stats/pyhf/evaluate.ts";
import { buildPyhfSpec, type InterpCodes, parseWorkspace } from "../../src/stats/pyhf/workspace.ts";
import { normalQuantile, normalSf } from "../../src/stats/special.ts";
import { cli } from "../helpers/cli.ts";

const dir = new URL("./pyhf-validation/", import.meta.url).pathname;
const read = (f: string): unknown => JSON.parse(readFileSync(dir + f, "utf8"));

interface Case {
  workspace: string;
  codes: InterpCodes;
  testStat: LimitStat | "q0";
  poi: number;
  cls?: number;
  clsExpected?: number[];
  p0?: number;
  p0Expected?: number[];
  tolerance?: number;
  upperLimitExpectedMedian?: number;
  upperLimitRtol1e6?: { obs: number; exp: number[] };
  clsPyhfLocalMinimum?: number;
}
const expected = read("expected.json") as { cases: Case[] };
const dz = (a: number, b: number) => Math.abs(normalQuantile(a) - normalQuantile(b));

function model(c: Case): LikelihoodModel {
  return new LikelihoodModel(buildPyhfSpec(parseWorkspace(read(c.workspace)), { codes: c.codes }));
}

describe("pyhf validation workspaces (test/stats/pyhf-validation, pyhf's pinned numbers)", () => {
  for (const c of expected.cases) {
    if (c.cls === undefined) continue;
    it(`${c.workspace} (${c.testStat}, ${c.codes.normsys}/${c.codes.histosys}): CLs and expected set at μ = ${c.poi}`, () => {
      const m = model(c);
      const h = new AsymptoticCalculator(m, m.observedData(), c.testStat as LimitStat).hypotest(c.poi);
      // pyhf's pins carry its optimiser's precision: compare in Z (1e-4)
      assert.ok(dz(h.cls, c.cls!) < 1e-4, `obs ${h.cls} vs ${c.cls}`);
      c.clsExpected!.forEach((e, i) => {
        assert.ok(dz(h.expected[i], e) < 1e-4, `exp[${i}] ${h.expected[i]} vs ${e}`);
      });
    });
  }

  it("hello_world.json: the upper limit and its band agree with pyhf's root at rtol 1e-6 (to 2e-5)", async () => {
    const c = expected.cases.find((x) => x.upperLimitRtol1e6)!;
    const r = await evaluatePyhf(read(c.workspace), { codes: c.codes });
    const ref = c.upperLimitRtol1e6!;
    assert.ok(Math.abs(r.upperLimit / ref.obs - 1) < 2e-5, `${r.upperLimit}`);
    (["-2", "-1", "0", "+1", "+2"] as const).forEach((k, i) => {
      assert.ok(Math.abs(r.expected[k] / ref.exp[i] - 1) < 2e-5, `${k}: ${r.expected[k]} vs ${ref.exp[i]}`);
    });
  });

  it("1bin_shapesys_q0.json: discovery q0 — p0 and expected p0 set to 1e-4 in Z", async () => {
    const c = expected.cases.find((x) => x.testStat === "q0")!;
    const d = await discoverPyhf(read(c.workspace), { codes: c.codes });
    // pyhf's own results differ from these ROOT pins by up to 3e-4 relative; compare in Z (1e-4)
    assert.ok(dz(d.p0, c.p0!) < 1e-4, `p0 ${d.p0}`);
    assert.equal(d.significance, Math.sqrt(d.q0));
    d.p0Expected!.forEach((e, i) => {
      assert.ok(dz(e, c.p0Expected![i]) < 1e-4, `exp[${i}] ${e}`);
    });
  });

  it("2bin_2channel_coupledhistosys.json under code4p: expected median UL 0.979 (pyhf), the minima reported", async () => {
    const c = expected.cases.find((x) => x.upperLimitExpectedMedian !== undefined)!;
    const r = await evaluatePyhf(read(c.workspace), { codes: c.codes });
    assert.ok(
      Math.abs(r.expected["0"] / c.upperLimitExpectedMedian! - 1) < 1e-3,
      `median UL ${r.expected["0"]}`,
    );
    // the Asimov fit at μ = 1 has a local minimum at α ≈ +0.62 above the global one at α ≈ −0.54
    const asimov = r.minima.find(
      (n) => n.fit === "mu=1" && n.data === "Asimov" && n.keptValue < -0.5 && n.otherValue > 0.6,
    );
    assert.ok(asimov, JSON.stringify(r.minima));
    assert.ok(
      r.minima.some((n) => n.fit === "free"),
      "the free fit's two minima are reported",
    );
  });

  it("coupledhistosys: pyhf's observed CLs 0.2778 is the value at its free fit's local minimum", () => {
    const c = expected.cases.find((x) => x.upperLimitExpectedMedian !== undefined)!;
    const m = model(c);
    const data = m.observedData();
    const calc = new AsymptoticCalculator(m, data);
    // a single fit from pyhf's initial values (μ = 1, α = 0) stops in the basin of α ≈ −0.30
    const local = new Fitter(m, { robust: false }).fitFree(data);
    assert.ok(local.nll > calc.freeData.nll + 0.5, `${local.nll} vs ${calc.freeData.nll}`);
    const q = 2 * (new Fitter(m).fitFixed(1, data).nll - local.nll);
    const sqA = calc.sqrtQA(1);
    const sq = Math.sqrt(q);
    const cls = normalSf(sq) / normalSf(sq - sqA);
    assert.ok(Math.abs(cls - c.clsPyhfLocalMinimum!) < 5e-4, `CLs at the local minimum ${cls}`);
    // with the global minima, the observed CLs is smaller
    assert.ok(calc.hypotest(1).cls < 0.2, `${calc.hypotest(1).cls}`);
  });

  it("a fit does not depend on where it starts (free and conditional fits from 5 starting points)", () => {
    const c = expected.cases.find((x) => x.upperLimitExpectedMedian !== undefined)!;
    const m = model(c);
    const data = m.observedData();
    const f = new Fitter(m);
    const free = new Set<string>();
    const fixed = new Set<string>();
    for (const a of [-2, -0.5, 0, 0.5, 2]) {
      free.add(f.fitFree(data, [1, a]).nll.toFixed(8));
      fixed.add(f.fitFixed(1, data, [1, a]).nll.toFixed(8));
    }
    assert.equal(free.size, 1, [...free].join(" "));
    assert.equal(fixed.size, 1, [...fixed].join(" "));
  });

  it("--fit: best-fit parameters with uncertainties (1bin_shapesys: μ̂ = (n − b)/s; σ from the inverse Hessian)", () => {
    const ws = read("1bin_shapesys.json");
    const r = fitPyhf(ws);
    const mu = r.parameters[r.poi];
    // one bin, shapesys γ free: μ̂ = (55 − 50)/10 at γ̂ = 1
    assert.ok(Math.abs(mu.value - 0.5) < 1e-6, `${mu.value}`);
    // σ(μ̂)² = (n + b²/τ... ) — check against the curvature of the profile: Δ(2 ln L) = 1 at μ̂ ± σ (quadratic)
    const m = new LikelihoodModel(buildPyhfSpec(parseWorkspace(ws)));
    const f = new Fitter(m);
    const d = m.observedData();
    const t = (x: number) => 2 * (f.fitFixed(x, d).nll - r.nll);
    const h = 1e-3;
    const curv = (t(mu.value + h) - 2 * t(mu.value) + t(mu.value - h)) / (h * h);
    assert.ok(
      Math.abs(mu.uncertainty / Math.sqrt(2 / curv) - 1) < 1e-4,
      `${mu.uncertainty} vs ${Math.sqrt(2 / curv)}`,
    );
    assert.equal(bestFit(m, d).parameters.length, m.nPar);
  });
});

describe("pyhf workspaces that must be refused", () => {
  const base = () =>
    read("2bin_2channel.json") as {
      channels: { name: string; samples: { name: string }[] }[];
      observations: { name: string; data: number[] }[];
    };
  it("a duplicated channel name", () => {
    const ws = base();
    ws.channels[1].name = ws.channels[0].name;
    assert.throws(() => parseWorkspace(ws), /channels\[1\]\.name: .*"signal" twice/);
  });
  it("a duplicated sample name in a channel", () => {
    const ws = base();
    ws.channels[0].samples[1].name = ws.channels[0].samples[0].name;
    assert.throws(() => parseWorkspace(ws), /channels\[0\]\.samples\[1\]\.name: .* twice/);
  });
  for (const [file, pattern] of [
    ["model_duplicate_channels.json", /channels\[1\]\.name: .*"singlechannel" twice/],
    ["model_duplicate_samples.json", /channels\[0\]\.samples\[1\]\.name: .*"signal" twice/],
    [
      "model_duplicate_modifiers.json",
      /samples\[0\]\.modifiers\[1\]: .*normfactor modifier named "mu" .* twice/,
    ],
  ] as const)
    it(`pyhf's ${file} (tests/test_schema.py, refused by pyhf as InvalidModel)`, () => {
      const model = read(`invalid/${file}`) as {
        channels: { name: string; samples: { data: number[] }[] }[];
      };
      const ws = {
        ...model,
        observations: model.channels.map((c) => ({ name: c.name, data: c.samples[0].data.map(() => 10) })),
        measurements: [{ name: "m", config: { poi: "mu", parameters: [] } }],
        version: "1.0.0",
      };
      assert.throws(() => parseWorkspace(ws), pattern);
    });
  it("a negative observation", () => {
    const ws = base();
    ws.observations[1].data[1] = -3;
    assert.throws(() => parseWorkspace(ws), /observations\[1\]\.data\[1\]: expected a count ≥ 0, got -3/);
  });
  it("the likelihood vanishing at the starting point names the channel and bin", async () => {
    const ws = {
      channels: [
        {
          name: "sr",
          samples: [
            { name: "sig", data: [5, 0], modifiers: [{ name: "mu", type: "normfactor", data: null }] },
          ],
        },
      ],
      observations: [{ name: "sr", data: [4, 3] }],
      measurements: [{ name: "m", config: { poi: "mu", parameters: [] } }],
      version: "1.0.0",
    };
    await assert.rejects(
      evaluatePyhf(ws),
      /vanishes at the starting point: channel "sr" bin 1 has 3 observed events/,
    );
    const file = join(mkdtempSync(join(tmpdir(), "kaonlab-pyhf-")), "vanish.json");
    writeFileSync(file, JSON.stringify(ws));
    const r = await cli(["stats", "pyhf", file]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /channel "sr" bin 1/);
  });
});

describe("stats pyhf --test-stat q0 / --fit and the help texts", () => {
  it('limits beyond the POI\'s upper bound are bounds ("> 10"), not NaN/null', async () => {
    const ws = read("hello_world.json") as { channels: { samples: { data: number[] }[] }[] };
    ws.channels[0].samples[0].data = [0.5, 0.4];
    const r = await evaluatePyhf(ws);
    assert.ok(Number.isNaN(r.upperLimit));
    assert.deepEqual(r.upperLimitBound, { status: "above", bound: 10 });
    assert.equal(r.expectedBounds?.["0"]?.bound, 10);
    const file = join(mkdtempSync(join(tmpdir(), "kaonlab-pyhf-")), "weak.json");
    writeFileSync(file, JSON.stringify(ws));
    const j = await cli(["stats", "pyhf", file, "--json"]);
    assert.equal(j.code, 0, j.err);
    const out = JSON.parse(j.out);
    assert.deepEqual(out.upperLimit, { lowerBound: 10 });
    assert.deepEqual(out.expected["0"], { lowerBound: 10 });
    const t = await cli(["stats", "pyhf", file]);
    assert.match(t.out, /upper limit on mu at 95% CL: > 10/);
    assert.doesNotMatch(t.out, /NaN|null/);
  });
  it("q0 and --fit on the command line", async () => {
    const r = await cli([
      "stats",
      "pyhf",
      `${dir}1bin_shapesys_q0.json`,
      "--test-stat",
      "q0",
      "--fit",
      "--json",
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.ok(j.p0 > 0 && j.p0 < 0.01 && j.p0Expected.length === 5, r.out);
    assert.equal(j.fit.parameters[0].name, "mu");
    assert.ok(j.fit.parameters[0].uncertainty > 0);
    const t = await cli(["stats", "pyhf", `${dir}1bin_shapesys_q0.json`, "--test-stat", "q0", "--fit"]);
    assert.match(t.out, /p0 = .*Z = /);
    assert.match(t.out, /mu: .* ± /);
  });
  it("every stats subcommand's help names the default method that actually runs", async () => {
    const help = async (cmd: string) => {
      const r = await cli(["stats", cmd, "--help"]);
      return r.out + r.err;
    };
    const pyhf = await help("pyhf");
    assert.match(pyhf, /default: asymptotic/);
    assert.doesNotMatch(pyhf, /exact where it applies/);
    assert.match(await help("significance"), /quadrature/);
    assert.match(await help("limit"), /default: exact[\s\S]*else\s+toys/);
    assert.match(await help("measure"), /--interval/);
  });
});

import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { resultsShapeProblems } from "../../../src/analyses/layer/results.ts";
import { cli, differingFiles, tempDir } from "../../run/helpers.ts";

const tmp = tempDir("pimumu-job");
after(() => rmSync(tmp, { recursive: true, force: true }));

const EVENTS = "48000";
// biome-ignore lint/suspicious/noExplicitAny: the results JSON
let j: any;

async function run(out: string, workers: string) {
  const r = await cli([
    "run",
    "pimumu",
    "--events",
    EVENTS,
    "--seed",
    "4",
    "--workers",
    workers,
    "--quiet",
    "--json",
    "--out",
    out,
  ]);
  assert.equal(r.code, 0, r.err);
  return r;
}

describe("pimumu job", () => {
  before(async () => {
    const r = await run(join(tmp, "w2"), "2");
    j = JSON.parse(r.out);
  });

  it("writes the common results shape with the comparison rows of the published figures", () => {
    assert.equal(j.analysis, "pimumu");
    assert.deepEqual(resultsShapeProblems(j), []);
    const figures = j.comparison.map((c: { figure: string }) => c.figure);
    for (const f of ["br", "aPlus", "bPlus", "background", "candidates"]) assert.ok(figures.includes(f), f);
    for (const c of j.comparison) {
      for (const k of ["figure", "ours", "published", "ratio", "status"])
        assert.ok(k in c, `${c.figure}.${k}`);
      assert.notEqual(c.status, "calibrated", c.figure);
    }
    for (const p of ["m_pimumu", "m_3pi", "dbdz_fit", "acceptance_z"])
      assert.ok(existsSync(join(tmp, "w2", "plots", `${p}.svg`)), p);
  });

  it("B = (N_S − N_B)/(N_K^eff·A), and the per-bin acceptance integrates to the total one", () => {
    assert.ok(j.acceptance > 0.02 && j.acceptance < 0.5, `A ${j.acceptance}`);
    const nS = 27679;
    const nB = 8;
    assert.ok(Math.abs(j.br * j.kaonDecaysEffective * j.acceptance - (nS - nB)) < 1e-9 * nS);
    // Σ A_i·ΔB_i / B over the generated spectrum = A, within the MC error (the per-bin ratios are
    // reconstructed-over-true; resolution moves weight between bins, not out of the window)
    const f = j.fit;
    let num = 0;
    let den = 0;
    const counts = f.counts as number[];
    j.acceptancePerBin.forEach((a: number, i: number) => {
      // expected pseudo-data per bin without fluctuation ∝ A_i·ΔB_i: use the fit's own relation
      if (a > 0) {
        num += counts[i];
        den += counts[i] / a;
      }
    });
    const aFromBins = num / den;
    const tol = 5 * Math.max(j.uncertainty.acceptance, 0.01 * j.acceptance);
    assert.ok(Math.abs(aFromBins - j.acceptance) < tol, `${aFromBins} vs ${j.acceptance}`);
  });

  it("the fit returns NA62's a₊, b₊ within their published errors, with MINOS errors of NA62's size", () => {
    const f = j.fit;
    assert.ok(f.converged);
    assert.ok(Math.abs(f.pseudoCandidates - 27679) < 5 * Math.sqrt(27679));
    assert.ok(Math.abs(f.a - f.generated.a) < 0.013, `a₊ ${f.a}`);
    assert.ok(Math.abs(f.b - f.generated.b) < 0.043, `b₊ ${f.b}`);
    for (const e of [...f.aErr, ...f.bErr]) assert.ok(e > 0);
    assert.ok(f.aErr[1] > 0.005 && f.aErr[1] < 0.02);
    assert.ok(f.rho < -0.8, "a₊ and b₊ are strongly anti-correlated");
    // the model-independent BR of the pseudo-data closes on the generated one
    assert.ok(Math.abs(f.brModelIndependent - f.brGenerated) < 5 * f.brModelIndependentError);
  });

  it("orders the backgrounds: PID suppresses them by > 100, the mass window by far more", () => {
    const sig = j.cutFlow.find((s: { cut: string }) => s.cut === "μ⁻, μ⁺ and π⁺ identified").fraction;
    const out = JSON.parse(readFileSync(join(tmp, "w2", "results.json"), "utf8"));
    assert.deepEqual(out.comparison, j.comparison);
    const [k3pi, ke4] = j.backgrounds;
    assert.equal(k3pi.channel, "K+ -> pi+ pi+ pi-");
    assert.ok(sig > 0.05);
    // the backgrounds fill the low-mass control region, not the signal window
    assert.ok(
      k3pi.controlRegion > 10 * Math.max(k3pi.expected, 1e-12),
      `K3π ${k3pi.controlRegion} vs ${k3pi.expected}`,
    );
    assert.ok(j.background < 0.01 * 27679);
    assert.ok(ke4.expected >= 0 && Number.isFinite(k3pi.upperBound90));
  });

  it("gives the same bytes with one worker", async () => {
    await run(join(tmp, "w1"), "1");
    assert.deepEqual(differingFiles(join(tmp, "w1"), join(tmp, "w2")), []);
  });

  it("refuses a period without the analysis and an unknown config field, with exit 2, writing nothing", async () => {
    const out = join(tmp, "bad");
    const r = await cli(["run", "pimumu", "--period", "2016", "--events", "1000", "--quiet", "--out", out]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /2016/);
    assert.equal(existsSync(join(out, "results.json")), false);
    const card = join(tmp, "card.json");
    writeFileSync(
      card,
      JSON.stringify({ job: "pimumu", events: 1000, config: { zRange: [180000, 100000] } }),
    );
    const out2 = join(tmp, "bad2");
    const r2 = await cli(["run", "--card", card, "--quiet", "--out", out2]);
    assert.equal(r2.code, 2, r2.err);
    assert.match(r2.err, /zRange|zMin/);
    assert.equal(existsSync(join(out2, "results.json")), false);
  });
});

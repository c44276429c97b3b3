import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { munueePublished } from "../../../src/analyses/munuee/conditions.ts";
import { cli, tempDir } from "../../run/helpers.ts";

const tmp = tempDir("munuee-job");
after(() => rmSync(tmp, { recursive: true, force: true }));

async function run(out: string, workers: number) {
  const r = await cli([
    "run",
    "munuee",
    "--events",
    "120000",
    "--seed",
    "5",
    "--workers",
    String(workers),
    "--quiet",
    "--json",
    "--out",
    out,
  ]);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
}

describe("munuee job", () => {
  // biome-ignore lint/suspicious/noExplicitAny: the results JSON
  let j: Record<string, any>;
  it("writes the common JSON shape with the UL, the background table and the comparison", async () => {
    j = await run(join(tmp, "w1"), 1);
    assert.equal(j.analysis, "munuee");
    assert.ok(Array.isArray(j.comparison));
    for (const c of j.comparison)
      for (const k of ["figure", "ours", "published", "ratio", "status"]) assert.ok(k in c, k);
    assert.ok(j.comparison.some((c: { figure: string }) => c.figure === "brUpperLimit"));
    // 6 modes + the total, 3 regions each, and the UL
    assert.equal(j.comparison.length, 1 + 7 * 3);
    assert.ok(j.brUpperLimit > 0);
  });

  it("UL = s_up·SES with s_up = −ln 0.1 for zero observed; SES = 1/(N_K·A)", () => {
    assert.equal(j.observed, 0);
    assert.ok(Math.abs(j.signalUpperEvents + Math.log(0.1)) < 1e-9);
    const ses = 1 / (j.kaonDecays * j.acceptance.signal);
    assert.ok(Math.abs(j.ses - ses) <= 1e-12 * ses);
    assert.ok(Math.abs(j.brUpperLimit - j.signalUpperEvents * ses) <= 1e-12 * j.brUpperLimit);
    // the signal acceptance: a few per cent per decay in the FV, its MC error small
    assert.ok(j.acceptance.signal > 0.005 && j.acceptance.signal < 0.1, String(j.acceptance.signal));
    assert.ok(j.acceptance.signalError < 0.2 * j.acceptance.signal);
  });

  it("background ordering: K⁺→π⁺π⁺π⁻ and K⁺→π⁺π⁻e⁺ν dominate the upper region, as in NA62's table", () => {
    const up = (k: string) => j.background[k].upper.expected;
    const small = ["up-pipipi", "up-pipienu", "pi0denu", "enumumu"].map(up);
    assert.ok(up("pipipi") > 0 && up("pipienu") > 0);
    for (const s of small) assert.ok(Math.min(up("pipipi"), up("pipienu")) > s, `${s}`);
    // the totals are the sums of the modes
    const sum = ["pipipi", "pipienu", "up-pipipi", "up-pipienu", "pi0denu", "enumumu"].reduce(
      (s, k) => s + up(k),
      0,
    );
    assert.ok(Math.abs(j.totalBackground.upper.expected - sum) <= 1e-9 * sum);
  });

  it("the UL is within a factor 2 of NA62's (its stated target; N_K UNCONFIRMED)", () => {
    const ul = munueePublished().brUpperLimit.limit;
    const row = j.comparison.find((c: { figure: string }) => c.figure === "brUpperLimit");
    assert.ok(j.brUpperLimit > ul / 2 && j.brUpperLimit < ul * 2, `${j.brUpperLimit}`);
    assert.equal(row.status, "reproduced");
  });

  it("kinematics: m(π⁺e⁺e⁻) peaks at m_K, the signal's m²miss at 0 inside the signal region", () => {
    const hist = (name: string) =>
      JSON.parse(readFileSync(join(tmp, "w1", "histograms", `${name}.json`), "utf8")) as {
        x: { edges: number[] };
        sumw: number[];
      };
    const median = (h: { x: { edges: number[] }; sumw: number[] }) => {
      const w = h.sumw.slice(1, -1);
      const tot = w.reduce((a, b) => a + b, 0);
      let c = 0;
      for (let i = 0; i < w.length; i++) {
        c += w[i];
        if (c >= tot / 2) return 0.5 * (h.x.edges[i] + h.x.edges[i + 1]);
      }
      return Number.NaN;
    };
    // bins of 2 MeV/c² and 0.002 GeV²/c⁴: the medians within a bin of the truth
    assert.ok(Math.abs(median(hist("mpiee_normalisation")) - 0.493677) < 0.0021);
    const m2 = hist("m2miss_signal");
    assert.ok(Math.abs(median(m2)) < 0.0021);
    // most of the selected signal lies in the signal region (−0.006, 0.004)
    const w = m2.sumw.slice(1, -1);
    const tot = w.reduce((a, b) => a + b, 0);
    const inside = w.reduce(
      (a, v, i) => a + (m2.x.edges[i] >= -0.006 - 1e-9 && m2.x.edges[i + 1] <= 0.004 + 1e-9 ? v : 0),
      0,
    );
    assert.ok(inside / tot > 0.8, `${inside / tot}`);
    // and the cut flow's last step is the signal-region acceptance
    assert.ok(Math.abs(j.cutFlow.at(-1).fraction - j.acceptance.signal) <= 1e-12);
  });

  it("gives the same results with 2 workers", async () => {
    const j2 = await run(join(tmp, "w2"), 2);
    assert.deepEqual(j2.comparison, j.comparison);
    assert.deepEqual(j2.background, j.background);
    // the pile-up coincidences (pairs formed within each shard) as well
    assert.deepEqual(j2.pileup, j.pileup);
    assert.ok(Object.keys(j.pileup.coincidences).length >= 2);
  });

  it("refuses an unknown period with exit 2, writing nothing", async () => {
    const out = join(tmp, "bad");
    const r = await cli([
      "run",
      "munuee",
      "--period",
      "2021-22",
      "--events",
      "1000",
      "--quiet",
      "--out",
      out,
    ]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /2021-22/);
    assert.equal(existsSync(join(out, "results.json")), false);
  });

  it("refuses a negative kaonDecays in the run card, naming the field, with exit 2", async () => {
    const out = join(tmp, "badcard");
    const card = join(tmp, "bad-card.json");
    writeFileSync(card, JSON.stringify({ job: "munuee", events: 1000, config: { kaonDecays: -5 } }));
    const r = await cli(["run", "--card", card, "--quiet", "--out", out]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /kaonDecays/);
    assert.equal(existsSync(join(out, "results.json")), false);
  });
});

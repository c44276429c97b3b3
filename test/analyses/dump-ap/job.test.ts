import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cli, tempDir } from "../../run/helpers.ts";

const tmp = tempDir("dump-ap-job");
after(() => rmSync(tmp, { recursive: true, force: true }));
// a small halo sample keeps the merge fast (the pairing is quadratic in it)
const card = join(tmp, "card.json");
writeFileSync(card, JSON.stringify({ config: { haloMuons: 2000 } }));

const BASE = [
  "run",
  "dump-ap",
  "--period",
  "dump-2021",
  "--grid",
  "12x16",
  "--events",
  "12000",
  "--seed",
  "4",
  "--card",
  card,
  "--quiet",
  "--json",
];

// biome-ignore lint/suspicious/noExplicitAny: parsed results JSON
let first: any = null;

async function run(name: string, extra: string[] = []) {
  const out = join(tmp, name);
  const r = await cli([...BASE, "--out", out, ...extra]);
  assert.equal(r.code, 0, r.err);
  return { out, j: JSON.parse(readFileSync(join(out, "results.json"), "utf8")), stdout: JSON.parse(r.out) };
}

describe("dump-ap job", () => {
  it("the --json contract, the 411 MeV event, background ordering, the projection beyond the 2021 contour", async () => {
    const { j, stdout } = await run("a", ["--shards", "2", "--workers", "1"]);
    first = j;
    assert.equal(stdout.analysis, "dump-ap");
    assert.equal(j.analysis, "dump-ap");
    assert.equal(j.pot, 1.4e17);
    assert.ok(j.expected.background > 0);
    // prompt pairs are negligible beside the combinatorial background ([NA62-EQCD2024-talk])
    assert.ok(j.expected.prompt <= j.expected.combinatorial);
    assert.equal(j.observed.events, 1);
    assert.equal(j.observed.mass, 411);
    assert.ok(j.observed.pLocal < j.observed.pGlobal, "the local p-value is below the global one");
    assert.equal(j.exclusion.length, 12);
    for (const e of j.exclusion) {
      assert.ok(e.mass >= 215 && e.mass <= 900, `mass in MeV: ${e.mass}`);
      if (e.epsilonLow !== null)
        assert.ok(e.epsilonLow < e.epsilonHigh && e.epsilonLow > 1e-8 && e.epsilonHigh < 1e-4);
    }
    assert.deepEqual(Object.keys(j.expectedBand).sort(), ["+1", "+2", "-1", "-2", "0"].sort());
    // 10¹⁸ POT reach lower couplings than 1.4 × 10¹⁷ at every mass excluded by both
    j.projection.exclusion.forEach((p: { epsilonLow: number | null }, i: number) => {
      const e = j.exclusion[i].epsilonLow;
      if (e !== null && p.epsilonLow !== null) assert.ok(p.epsilonLow < e);
    });
    const figures = j.comparison.map((c: { figure: string }) => c.figure);
    for (const f of [
      "background",
      "pValue",
      "massLow",
      "massHigh",
      "epsLow300",
      "epsHigh300",
      "decayLength300",
    ])
      assert.ok(figures.includes(f), f);
    assert.equal(
      j.comparison.find((c: { figure: string }) => c.figure === "background").status,
      "calibrated",
    );
    // the halo: 2000 muons, every OS pair tried; regions nested in count order; control samples
    const e = j.expected;
    assert.equal(e.halo.muons, 2000);
    assert.equal(e.halo.pairsOS, 1000 * 1000);
    assert.ok(e.combinatorialUncalibrated > e.combinatorial, "the calibration scales the card's halo down");
    assert.ok(e.combinatorialByRegion.CR >= e.combinatorialByRegion.SR);
    assert.ok(Math.abs(e.controlSamples.timeSideband.SR / e.combinatorialByRegion.SR - 8) < 1e-9);
    assert.ok(e.prompt >= 0 && e.prompt < 1e-3 * e.combinatorial);
    // b ≪ 0.023 per window: the discrete expected bands coincide with the median
    assert.equal(j.expectedBandNote.coincide, true);
    assert.deepEqual(j.expectedBand["+2"], j.expectedBand["0"]);
  });

  it("the same results for any number of workers", async () => {
    const b = await run("w2", ["--shards", "2", "--workers", "2"]);
    const a = first ?? (await run("w1", ["--shards", "2", "--workers", "1"])).j;
    assert.deepEqual(a.exclusion, b.j.exclusion);
    assert.deepEqual(a.cutFlow, b.j.cutFlow);
  });

  it("--pot scales the exposure: no observed event, more background", async () => {
    const { j } = await run("pot", ["--pot", "1e18"]);
    assert.equal(j.pot, 1e18);
    assert.equal(j.observed.events, 0);
    assert.ok(Math.abs(j.expected.background / j.projection.background - 1) < 1e-12);
  });

  for (const [name, args, field] of [
    ["grid", ["--grid", "60by60"], /grid/],
    ["pot", ["--pot", "-3"], /pot/],
    ["period", ["--period", "2018-S2"], /2018-S2/],
  ] as const) {
    it(`bad ${name}: exit 2 naming it, nothing written`, async () => {
      const out = join(tmp, `bad-${name}`);
      const r = await cli([...BASE, "--out", out, ...args]);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, field);
      assert.equal(existsSync(join(out, "results.json")), false);
    });
  }
});

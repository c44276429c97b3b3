import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { AlpProduction, alpConditions, bToKAlpBR } from "../../../src/analyses/dump-alp/production.ts";
import { stream } from "../../../src/core/rng/streams.ts";
import { cli, tempDir } from "../../run/helpers.ts";

const tmp = tempDir("dump-alp-job");
after(() => rmSync(tmp, { recursive: true, force: true }));

describe("dump-alp", () => {
  it("BR(B → K a) falls with the mass (phase space × f₀) and closes at m_B − m_K", () => {
    const c = alpConditions().production;
    const br0 = bToKAlpBR(0.01);
    assert.ok(br0 > 0);
    assert.ok(bToKAlpBR(2) < br0 * 1.2, "no growth beyond the f₀ pole's rise");
    assert.ok(bToKAlpBR(4.5) < bToKAlpBR(2));
    assert.equal(bToKAlpBR(c.bMass.value - c.kaonMass.value + 1e-6), 0);
  });

  it("sampled ALPs are on their mass shell and below the B energy", () => {
    const prod = new AlpProduction(0.3);
    const rng = stream(3, 0, "test-alp");
    const o = new Float64Array(4);
    for (let i = 0; i < 5000; i++) {
      prod.sample(rng, o);
      const m2 = o[3] * o[3] - o[0] * o[0] - o[1] * o[1] - o[2] * o[2];
      assert.ok(Math.abs(m2 - 0.09) < 1e-6 * o[3] * o[3]);
      assert.ok(o[3] > 0.3 && o[3] < 400);
    }
  });

  it("the run: g_Y edges in the JSON, no published contour, masses above 3m_π⁰ refused (exit 2)", async () => {
    const out = join(tmp, "a");
    const base = [
      "run",
      "dump-alp",
      "--period",
      "dump-2021",
      "--grid",
      "8x12",
      "--events",
      "24000",
      "--quiet",
      "--json",
    ];
    // a small halo sample keeps the merge fast (the pairing is quadratic in it)
    const { writeFileSync } = await import("node:fs");
    const small = join(tmp, "small-halo.json");
    writeFileSync(small, JSON.stringify({ config: { haloMuons: 2000 } }));
    const r = await cli([...base, "--card", small, "--out", out]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(readFileSync(join(out, "results.json"), "utf8"));
    assert.equal(j.analysis, "dump-alp");
    assert.equal(j.exclusion.length, 8);
    for (const e of j.exclusion) {
      assert.ok("gYLow" in e && "gYHigh" in e && !("epsilonLow" in e));
      if (e.gYLow !== null) assert.ok(e.gYLow < e.gYHigh);
    }
    for (const c of j.comparison.filter((x: { figure: string }) => x.figure.startsWith("gY")))
      assert.equal(c.status, "no reference");
    const bad = join(tmp, "bad");
    const card = join(tmp, "card.json");
    writeFileSync(card, JSON.stringify({ job: "dump-alp", config: { massRange: [0.25, 0.5] } }));
    const r2 = await cli(["run", "--card", card, "--events", "100", "--quiet", "--out", bad]);
    assert.equal(r2.code, 2, r2.err);
    assert.match(r2.err, /massRange/);
    assert.equal(existsSync(join(bad, "results.json")), false);
  });
});

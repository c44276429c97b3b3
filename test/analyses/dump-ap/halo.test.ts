import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DumpChain } from "../../../src/analyses/dump-ap/acceptance.ts";
import { pairHalo, simulateHalo } from "../../../src/analyses/dump-ap/halo.ts";
import { gasColumn, promptBackground, tridentCrossSection } from "../../../src/analyses/dump-ap/prompt.ts";
import { REGION } from "../../../src/analyses/dump-ap/selection.ts";
import { geometry } from "../../../src/detector/geometry.ts";

const chain = new DumpChain("dump-2021", []);
const z1 = geometry().straw.z[0];
const lib = simulateHalo(chain, 7, 1200);

describe("dump-ap halo", () => {
  it("the library holds reconstructed muons of both signs with positive weights, the same for the same seed", () => {
    assert.equal(lib.n, 1200);
    assert.deepEqual(lib.bySign, [600, 600]);
    assert.ok(lib.generated > lib.n, "some lines miss the STRAW acceptance or the reconstruction");
    for (let i = 0; i < lib.n; i++) {
      assert.ok(lib.w[i] > 0 && lib.p[i] > 1);
      assert.ok(Math.hypot(lib.x[i], lib.y[i]) <= geometry().straw.rMax + 1);
    }
    const again = simulateHalo(chain, 7, 1200);
    assert.deepEqual(Array.from(again.p), Array.from(lib.p));
  });

  it("pairs: OS tries n₊n₋ with norm W₊W₋, SS tries i<j; the prefilter drops no pair that passes the selection", () => {
    const chod = chain.card.trigger.l0.chodEfficiency;
    const os = pairHalo(lib, chain.selection, z1, chod, false);
    assert.equal(os.pairs, 600 * 600);
    assert.ok(Math.abs(os.norm - lib.sumW[0] * lib.sumW[1]) < 1e-9 * os.norm);
    const ss = pairHalo(lib, chain.selection, z1, chod, true);
    assert.equal(ss.pairs, 2 * ((600 * 599) / 2));
    // without the prefilter every pair is fitted: the same selected pairs in every region
    const full = pairHalo(lib, chain.selection, z1, chod, false, false);
    assert.equal(full.fitted, full.pairs);
    assert.deepEqual(Array.from(full.counts), Array.from(os.counts));
    assert.ok(
      os.counts[REGION.SR] + os.counts[REGION.VR] + os.counts[REGION.CR] > 10,
      "pairs reach the regions",
    );
    assert.ok(os.fitted < os.pairs);
  });

  it("prompt pairs in the residual gas: the leading-log trident cross-section and a negligible count", () => {
    // σ grows as ln³(E/m_μ) and as Z²
    const s1 = tridentCrossSection(10, 7);
    assert.ok(Math.abs(tridentCrossSection(10, 14) / s1 - 4) < 1e-12);
    assert.ok(tridentCrossSection(100, 7) > s1);
    assert.ok(s1 > 1e-33 && s1 < 1e-28, `σ = ${s1} cm²`);
    // 1e-6 mbar of N₂ over 1 m: p/kT·2 atoms ≈ 4.9e9 cm⁻³ · 100 cm
    const col = gasColumn(1000, 1e-6, 293, 2);
    assert.ok(Math.abs(col / ((1e-4 / (1.380649e-23 * 293)) * 1e-6 * 2 * 100) - 1) < 1e-12);
    const p = promptBackground(1.4e17, 1.2e-8, lib, z1);
    assert.ok(p.total >= 0 && p.total < 1e-3, `prompt ${p.total}`);
    assert.ok(p.pointing >= 0 && p.pointing <= 1);
  });
});

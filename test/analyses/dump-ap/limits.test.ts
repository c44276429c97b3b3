import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MSTAT, newTally, U_BINS, U_LOG_MAX, U_LOG_MIN } from "../../../src/analyses/dump-ap/acceptance.ts";
import {
  contourAt,
  exclusionEdges,
  expectedSignal,
  logSpace,
  massMap,
  shapeFraction,
} from "../../../src/analyses/dump-ap/limits.ts";
import { stream } from "../../../src/core/rng/streams.ts";
import { darkPhotonBranchingRatios, darkPhotonCTau } from "../../../src/decays/dark/index.ts";

/** a synthetic map: N events with momenta p_i, decay positions z_i (uniform), selection weights w_i */
function synthetic(mass: number, n: number) {
  const rng = stream(11, 0, "test-limits");
  const zT = 23070;
  const z0 = 100000;
  const L = 82000;
  const ev = [] as { p: number; z: number; w: number }[];
  const t = newTally(1);
  for (let i = 0; i < n; i++) {
    const p = 10 + 190 * rng.uniform();
    const z = z0 + L * rng.uniform();
    const w = rng.uniform();
    ev.push({ p, z, w });
    const v = mass / p;
    const u = (z - zT) * v;
    const bin = Math.floor(((Math.log10(u) - U_LOG_MIN) / (U_LOG_MAX - U_LOG_MIN)) * U_BINS);
    t.accV[bin] += w * v;
    t.accVU[bin] += w * v * u;
    t.mass[0] += w;
  }
  t.mass[3] = n;
  const decay = { brMuMu: darkPhotonBranchingRatios(mass).mumu, ctau1: darkPhotonCTau(mass, 1) };
  return { ev, map: massMap(mass, 0, 1e-2, decay, L, t.accV, t.accVU, t.mass), zT, L, t };
}

describe("dump-ap lifetime reweighting and exclusion", () => {
  it("the binned map reproduces the per-event sum Σ w·L/λ·exp(−(z − z_TAX)/λ): 0.5% where the signal counts, 5% deep in the exponential tail", () => {
    const mass = 0.4;
    const { ev, map, zT, L } = synthetic(mass, 4000);
    for (const [eps, tol] of [
      [3e-7, 5e-3],
      [1e-6, 5e-3],
      [3e-6, 5e-3],
      [6e-6, 0.05],
    ]) {
      const ctau = darkPhotonCTau(mass, eps);
      let direct = 0;
      for (const e of ev) {
        const lambda = (e.p / mass) * ctau;
        direct += (e.w * L * Math.exp(-(e.z - zT) / lambda)) / lambda;
      }
      const pot = 1e17;
      const expect = (pot * eps * eps * map.yieldPerPot * map.brMuMu * direct) / ev.length;
      const ours = expectedSignal(map, eps, pot);
      assert.ok(Math.abs(ours / expect - 1) < tol, `ε = ${eps}: ${ours} vs ${expect}`);
    }
    assert.equal(map.generated, 4000);
    assert.ok(MSTAT === 4);
  });

  it("the exclusion edges sit where the signal equals the limit, and grow apart with more POT", () => {
    const { map } = synthetic(0.3, 2000);
    const eps = logSpace(1e-8, 1e-4, 60);
    const e1 = exclusionEdges(map, 2.3, 1e17, eps);
    assert.ok(e1.epsilonLow !== null && e1.epsilonHigh !== null);
    const lo = e1.epsilonLow as number;
    const hi = e1.epsilonHigh as number;
    assert.ok(Math.abs(expectedSignal(map, lo, 1e17) / 2.3 - 1) < 1e-6);
    assert.ok(Math.abs(expectedSignal(map, hi, 1e17) / 2.3 - 1) < 1e-6);
    assert.ok(expectedSignal(map, Math.sqrt(lo * hi), 1e17) > 2.3);
    const e2 = exclusionEdges(map, 2.3, 1e18, eps);
    assert.ok((e2.epsilonLow as number) < lo && (e2.epsilonHigh as number) > hi);
    const none = exclusionEdges(map, 2.3, 1, eps);
    assert.equal(none.epsilonLow, null);
  });

  it("contour interpolation is log-linear between digitised points and null outside", () => {
    const edge: [number, number][] = [
      [0.2, 1e-6],
      [0.4, 1e-4],
    ];
    assert.ok(Math.abs((contourAt(edge, 0.3) as number) / 1e-5 - 1) < 1e-12);
    assert.equal(contourAt(edge, 0.5), null);
  });
});

describe("dump-ap combinatorial mass shape", () => {
  it("the window fraction of a binned spectrum: linear inside bins, whole spectrum = 1, empty = null", () => {
    const shape = { lo: 0, hi: 1, bins: Float64Array.from([1, 3, 0, 4]) };
    assert.equal(shapeFraction(shape, -1, 2), 1);
    assert.ok(Math.abs((shapeFraction(shape, 0.25, 0.5) as number) - 3 / 8) < 1e-12);
    // half of bin 0 and half of bin 1
    assert.ok(Math.abs((shapeFraction(shape, 0.125, 0.375) as number) - 2 / 8) < 1e-12);
    assert.equal(shapeFraction({ lo: 0, hi: 1, bins: new Float64Array(3) }, 0, 1), null);
  });
});

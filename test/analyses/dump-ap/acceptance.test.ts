import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DumpChain, MSTAT, newTally } from "../../../src/analyses/dump-ap/acceptance.ts";
import { dumpConditions } from "../../../src/analyses/dump-ap/conditions.ts";
import { DumpProduction } from "../../../src/analyses/dump-ap/production.ts";
import { CUTS } from "../../../src/analyses/dump-ap/selection.ts";
import { CutFlow } from "../../../src/analyses/layer/cut-flow.ts";
import { stream } from "../../../src/core/rng/streams.ts";
import { darkParams } from "../../../src/decays/dark/index.ts";
import { geometry, inStraw } from "../../../src/detector/geometry.ts";

/**
 * independent estimate: both muons, as straight lines from the decay vertex, inside the four STRAW
 * chambers, with the MNP33 p_T kick (±x by charge) applied at the magnet centre; plain kinematics here
 */
function straightLineAcceptance(mass: number, n: number): number {
  const c = dumpConditions();
  const g = geometry();
  const prod = new DumpProduction(mass);
  const rng = stream(5, 0, "test-independent");
  const a = new Float64Array(4);
  const zT = c.geometry.zTax.value;
  const z0 = c.geometry.zDecayStart.value;
  const z1 = c.geometry.zDecayEnd.value;
  const mMu = darkParams().mMu;
  const q = Math.sqrt(0.25 * mass * mass - mMu * mMu);
  let pass = 0;
  for (let i = 0; i < n; i++) {
    prod.sample(rng, a);
    const z = z0 + (z1 - z0) * rng.uniform();
    const x = (a[0] / a[2]) * (z - zT);
    const y = (a[1] / a[2]) * (z - zT);
    const ct = 2 * rng.uniform() - 1;
    const st = Math.sqrt(1 - ct * ct);
    const ph = 2 * Math.PI * rng.uniform();
    let ok = true;
    for (const s of [1, -1]) {
      const px = s * q * st * Math.cos(ph);
      const py = s * q * st * Math.sin(ph);
      const pz = s * q * ct;
      const pq = a[0] * px + a[1] * py + a[2] * pz;
      const f = (0.5 * mass + pq / (a[3] + mass)) / mass;
      const lx = px + f * a[0];
      const ly = py + f * a[1];
      const lz = pz + f * a[2];
      const zm = g.mnp33.zFront + 0.5 * g.mnp33.length;
      const kick = (s * g.mnp33.ptKick) / lz;
      for (let k = 0; k < 4; k++) {
        const d = g.straw.z[k] - z;
        const after = Math.max(0, g.straw.z[k] - zm);
        if (!inStraw(g, k, x + (lx / lz) * d + kick * after, y + (ly / lz) * d)) ok = false;
      }
    }
    if (ok) pass++;
  }
  return pass / n;
}

describe("dump-ap acceptance map", () => {
  it("two reconstructed tracks: the chain against a straight-line estimate of both muons in the four chambers", () => {
    const chain = new DumpChain("dump-2021", []);
    for (const mass of [0.25, 0.45]) {
      const n = 6000;
      const t = newTally(1);
      const flow = new CutFlow(CUTS);
      chain.simulateMass(3, 0, 0, mass, n, t, flow, null, new DumpProduction(mass));
      const two = flow.sumw[1] / n;
      const est = straightLineAcceptance(mass, 20000);
      const sigma = Math.sqrt((est * (1 - est)) / n);
      // the chain adds scattering, the track quality and the real field map: close to the estimate
      assert.ok(two <= est + 4 * sigma, `m = ${mass}: chain ${two} > estimate ${est}`);
      assert.ok(two >= 0.8 * est, `m = ${mass}: chain ${two} ≪ estimate ${est}`);
      // every SR event is counted once in the mass statistics
      assert.ok(Math.abs(t.mass[0] - flow.sumw[7]) <= 1e-9 * flow.sumw[7]);
      assert.equal(t.mass[3], n);
      assert.ok(MSTAT === 4);
    }
  });

  it("refuses a kaon-mode card, naming it", () => {
    assert.throws(() => new DumpChain("2018-S2", []), /2018-S2.*dump/);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventBatch, MAX_SLOTS, Status } from "../../src/core/batch.ts";
import { particleTable } from "../../src/core/particles.ts";
import { stream } from "../../src/core/rng/streams.ts";
import { C_LIGHT } from "../../src/core/units.ts";
import { loadPeriod } from "../../src/detector/card.ts";
import { geometry, magnetCentreZ } from "../../src/detector/geometry.ts";
import { NormalStream } from "../../src/detector/normal-stream.ts";
import { highland } from "../../src/detector/response-math.ts";
import { Transport } from "../../src/detector/transport.ts";
import { Hit, STRAW_ALL, TransportBatch } from "../../src/detector/transport-batch.ts";
import { assertPull } from "../helpers/stat.ts";

const g = geometry();
const card = loadPeriod("2018-S2");
const particles = particleTable();

/** a batch of n events, each a kaon at GTK3 plus one particle produced at (x, y, z) */
function oneParticle(
  n: number,
  pdg: number,
  p: [number, number, number],
  at: [number, number, number],
): EventBatch {
  const b = new EventBatch(n);
  b.size = n;
  const m = particles.byCode(pdg).mass;
  for (let i = 0; i < n; i++) {
    b.addParticle(i, 321, particles.mass("K+"), Status.INITIAL, -1, 0, 0, g.gtk.z[2], 0);
    b.pz[i * MAX_SLOTS] = 75;
    b.e[i * MAX_SLOTS] = Math.hypot(75, particles.mass("K+"));
    const k = b.addParticle(i, pdg, m, Status.FINAL, 0, at[0], at[1], at[2], 0);
    b.px[k] = p[0];
    b.py[k] = p[1];
    b.pz[k] = p[2];
    b.e[k] = Math.sqrt(p[0] ** 2 + p[1] ** 2 + p[2] ** 2 + m * m);
    b.vtxZ[i] = at[2];
  }
  return b;
}

describe("transport", () => {
  // without the multiple scattering in the RICH, for exact trajectories
  const tr = new Transport({ ...g, material: { ...g.material, richX0: 0 } }, card, particles);

  it("MNP33: a thin-lens p_T kick of 0.270 GeV/c towards −x for a positive track", () => {
    const b = oneParticle(1, -13, [0, 0, 20], [0, 0, 150000]); // μ⁺ (decay length 124 km)
    const tb = new TransportBatch(1);
    tr.process(b, tb, 0, 1, new NormalStream(stream(1, 0, "t")));
    const m = tb.mask[1];
    assert.equal(m & STRAW_ALL, STRAW_ALL, "on-axis track outside the displaced STRAW holes");
    const tx = -0.27 / Math.sqrt(20 * 20 - 0.27 * 0.27);
    assert.ok(Math.abs(tb.xL[1] - tx * (g.lkr.z - magnetCentreZ(g))) < 1e-9, `x at LKr ${tb.xL[1]}`);
    assert.equal(tb.pSpec[1], 20);
    assert.equal(tb.tx[1], 0);
    assert.equal(tb.charge[1], 1);
    assert.equal(tb.strawId[1], 13);
    // a negative track goes the other way
    const b2 = oneParticle(1, 13, [0, 0, 20], [0, 0, 150000]);
    tr.process(b2, tb, 0, 1, new NormalStream(stream(1, 0, "t")));
    assert.ok(Math.abs(tb.xL[1] + tx * (g.lkr.z - magnetCentreZ(g))) < 1e-9);
  });

  it("multiple scattering in the RICH material: Highland angle at the mirror, seen at the LKr", () => {
    const n = 4000;
    const b = oneParticle(n, -13, [0, 0, 20], [0, 0, 150000]);
    const tb = new TransportBatch(n);
    new Transport(g, card, particles).process(b, tb, 0, n, new NormalStream(stream(9, 0, "t")));
    const x0 = (-0.27 / Math.sqrt(20 * 20 - 0.27 * 0.27)) * (g.lkr.z - magnetCentreZ(g));
    let s2 = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (b.status[i * MAX_SLOTS + 1] !== Status.FINAL) continue; // the rare μ decays in flight
      s2 += (tb.xL[i * MAX_SLOTS + 1] - x0) ** 2;
      m++;
    }
    const rms = Math.sqrt(s2 / m);
    const mu = particles.get("mu+");
    const th = highland(20, 20 / Math.hypot(20, mu.mass), g.material.richX0);
    const expected = th * (g.lkr.z - g.rich.zMirror);
    // the rms of n Gaussian values has a relative precision 1/√(2n)
    assertPull(rms, expected, expected / Math.sqrt(2 * m), 5, "x spread at the LKr");
  });

  it("photons meet the first LAV ring on their line; forward photons the LKr, IRC or SAC", () => {
    // 20 mrad from z = 150 m: r = 854 mm at LAV9 (< 980), 1062 mm at LAV10 → LAV10 (index 9)
    const b = oneParticle(1, 22, [0.2, 0, 10], [0, 0, 150000]);
    const tb = new TransportBatch(1);
    tr.process(b, tb, 0, 1, new NormalStream(stream(1, 0, "t")));
    assert.equal(tb.mask[1] & Hit.LAV, Hit.LAV);
    assert.equal(tb.lav[1], 9);
    const cases: [number, number][] = [
      [0.005, Hit.LKR], // 5 mrad: 455 mm at the LKr
      [0.0011, Hit.IRC], // 99 mm at the IRC
      [0.0001, Hit.SAC], // 11 mm at the SAC
    ];
    for (const [t, bit] of cases) {
      const bb = oneParticle(1, 22, [10 * t, 0, 10], [0, 0, 150000]);
      tr.process(bb, tb, 0, 1, new NormalStream(stream(1, 0, "t")));
      assert.equal(tb.mask[1] & (Hit.LKR | Hit.IRC | Hit.SAC | Hit.LAV), bit, `θ = ${t}`);
    }
    // beyond 50 mrad from the end of the FV nothing is hit before the vessel wall
    const bw = oneParticle(1, 22, [3, 0, 10], [0, 0, 160000]);
    tr.process(bw, tb, 0, 1, new NormalStream(stream(1, 0, "t")));
    assert.equal(tb.mask[1] & (Hit.LKR | Hit.IRC | Hit.SAC), 0);
  });

  it("π⁺ decays in flight with βγcτ: the decayed fraction upstream of MUV3 and 4-momentum at each decay", () => {
    const n = 20000;
    const p = 10;
    const z0 = 105000;
    const b = oneParticle(n, 211, [0, 0, p], [0, 0, z0]);
    const tb = new TransportBatch(n);
    new Transport(g, card, particles).process(b, tb, 0, n, new NormalStream(stream(5, 0, "t")));
    const pi = particles.get("pi+");
    const L = (p / pi.mass) * pi.lifetime * C_LIGHT;
    const expected = 1 - Math.exp(-(g.muv3.z - z0) / L);
    let decayed = 0;
    let maxDev = 0;
    for (let i = 0; i < n; i++) {
      const gp = i * MAX_SLOTS + 1;
      if (b.status[gp] !== Status.INTERMEDIATE) continue;
      decayed++;
      // daughters: μ⁺ and ν_μ at the same vertex, momenta summing to the (kicked) parent momentum
      const gm = i * MAX_SLOTS + 2;
      const gn = i * MAX_SLOTS + 3;
      assert.equal(b.pdg[gm], -13);
      assert.equal(b.pdg[gn], 14);
      assert.equal(b.vz[gm], b.vz[gn]);
      const zd = b.vz[gm];
      const pxParent = zd > magnetCentreZ(g) ? -0.27 : 0;
      maxDev = Math.max(
        maxDev,
        Math.abs(b.px[gm] + b.px[gn] - pxParent),
        Math.abs(b.e[gm] + b.e[gn] - b.e[gp]),
        Math.abs(b.px[gm] ** 2 + b.py[gm] ** 2 + b.pz[gm] ** 2 + b.mass[gm] ** 2 - b.e[gm] ** 2),
      );
    }
    assert.ok(maxDev < 1e-9, `4-momentum violated by ${maxDev}`);
    const f = decayed / n;
    assertPull(f, expected, Math.sqrt((expected * (1 - expected)) / n), 5, "decayed fraction");
    // the muon is the track at STRAW1 when the pion decayed upstream of it, the pion otherwise
    for (let i = 0; i < n; i++) {
      const gp = i * MAX_SLOTS + 1;
      if (!(tb.mask[gp] & Hit.STRAW1)) continue;
      const before = b.status[gp] === Status.INTERMEDIATE && b.vz[i * MAX_SLOTS + 2] < g.straw.z[0];
      // (the muon itself may rarely decay to e⁺ upstream too)
      assert.ok(before ? tb.strawId[gp] === 13 || tb.strawId[gp] === 11 : tb.strawId[gp] === 211);
    }
  });

  it("μ⁺ decays in flight to e⁺ν ν̄ with the Michel spectrum bounds and energy conservation", () => {
    const n = 20000;
    const b = oneParticle(n, -13, [0, 0, 0.5], [0, 0, 105000]);
    const tb = new TransportBatch(n);
    new Transport(g, card, particles).process(b, tb, 0, n, new NormalStream(stream(6, 0, "t")));
    const mu = particles.get("mu+");
    const L = (0.5 / mu.mass) * mu.lifetime * C_LIGHT;
    const expected = 1 - Math.exp(-(g.muv3.z - 105000) / L);
    let decayed = 0;
    for (let i = 0; i < n; i++) {
      const gp = i * MAX_SLOTS + 1;
      if (b.status[gp] !== Status.INTERMEDIATE) continue;
      decayed++;
      let e = 0;
      for (let k = 2; k < 5; k++) e += b.e[i * MAX_SLOTS + k];
      assert.ok(Math.abs(e - b.e[gp]) < 1e-9);
      assert.equal(b.pdg[i * MAX_SLOTS + 2], -11);
    }
    assertPull(decayed / n, expected, Math.sqrt((expected * (1 - expected)) / n), 5, "μ decayed fraction");
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { chainStreams, Simulator } from "../../src/chain/simulator.ts";
import { EventBatch, MAX_SLOTS, Status } from "../../src/core/batch.ts";
import { particleTable } from "../../src/core/particles.ts";
import { GTK_FIELDS, MAX_GTK_CANDIDATES, RecoBatch, Source } from "../../src/core/reco-batch.ts";
import { C_LIGHT } from "../../src/core/units.ts";
import { loadPeriod } from "../../src/detector/card.ts";
import { geometry } from "../../src/detector/geometry.ts";
import { Hit, TransportBatch } from "../../src/detector/transport-batch.ts";
import { FAR_DIRECTION_FRACTION, FAR_DIRECTION_REGION, VERTEX_WINDOW } from "../../src/detector/upstream.ts";
import { assertPull, assertRel } from "../helpers/stat.ts";

const g = geometry();
const zGTK3 = g.gtk.z[2];
const F = VERTEX_WINDOW.share;
/** end of the importance window of the upstream-decay vertex */
const zWin = g.achromat.zStart[0] + VERTEX_WINDOW.intoB5;

describe("upstream background sources", () => {
  it("upstream decays: vertex between zStart and GTK3, weight × decay probability, no GTK kaon track", () => {
    const card = loadPeriod("2018-S2");
    const sim = new Simulator({ channel: "K+ -> pi+ pi0", period: "2018-S2", source: "upstream-decay" });
    const K = particleTable().get("K+");
    let n = 0;
    let nUp = 0;
    sim.run(1, 0, 4000, (b, r) => {
      for (let i = 0; i < b.size; i++) {
        n++;
        assert.equal(r.source[i], Source.UPSTREAM_DECAY);
        assert.ok(b.vtxZ[i] >= card.upstream.zStart && b.vtxZ[i] <= zGTK3);
        const g0 = i * MAX_SLOTS;
        const p = Math.hypot(b.px[g0], b.py[g0], b.pz[g0]);
        const L = (p / K.mass) * K.lifetime * C_LIGHT * (b.pz[g0] / p);
        // importance sampling: a share F of the vertices in the window, the weight restores the
        // uniform density
        const dz = zGTK3 - card.upstream.zStart;
        const dd = zWin - card.upstream.zStart;
        const wz = 1 / (1 - F + (b.vtxZ[i] < zWin ? (F * dz) / dd : 0));
        const w0 = 0.2067 * card.upstream.scale * (1 - Math.exp(-dz / L));
        assertRel(b.weight[i], w0 * wz, 1e-9, "weight");
        if (b.vtxZ[i] < zWin) nUp++;
        assert.notEqual(r.gtkMatch[i], 1, "the kaon decayed before GTK3: only pile-up can be associated");
        // the kaon's decay products start at the moved vertex, or at the end of B6 if they were
        // born upstream of it (carried through the dipole fields), or are absorbed in the dipoles
        for (let k = 1; k < b.nParticles[i]; k++) {
          if (b.parent[g0 + k] !== 0 || b.status[g0 + k] === Status.NONE) continue;
          const zExit = g.achromat.zEnd[1];
          const z0 = b.vz[g0 + k];
          const ok = Math.abs(z0 - b.vtxZ[i]) < 1e-6 || (b.vtxZ[i] < zExit && z0 === zExit);
          assert.ok(ok && (b.pdg[g0 + k] !== 211 || b.vtxZ[i] >= zExit || z0 === zExit), `${z0}`);
        }
        // the vertex lies on the kaon's trajectory traced back from GTK3 through B5/B6
        const s = Float64Array.from([b.vx[g0], b.vy[g0], zGTK3, b.px[g0], b.py[g0], b.pz[g0]]);
        sim.upstream!.achromat.backtrack(s, 1, b.vtxZ[i]);
        assert.ok(Math.abs(s[1] - b.vtxY[i]) < 1e-6 && Math.abs(s[0] - b.vtxX[i]) < 1e-6);
      }
    });
    assert.equal(n, 4000);
    // F (+ the uniform part's share) ± 5σ of the vertices in the window
    const fUp = F + (1 - F) * ((zWin - card.upstream.zStart) / (zGTK3 - card.upstream.zStart));
    assert.ok(Math.abs(nUp / n - fUp) < 5 * Math.sqrt((fUp * (1 - fUp)) / n), `${nUp / n}`);
  });

  it("upstream decays: the vertex-sampling weight is normalised — Σ wz·1{z in a slice} = the uniform share of every slice", () => {
    // an un-normalised importance weight (e.g. a mixture weight that ignores the uniform part)
    // would bias the upstream background by the ratio of the densities (×2–3 for R1/R2 vertices)
    const sim = new Simulator({ channel: "K+ -> pi+ pi0", period: "2018-S2", source: "upstream-decay" });
    const card = sim.card;
    const K = particleTable().get("K+");
    const z0 = card.upstream.zStart;
    const dz = zGTK3 - z0;
    // slices: inside the window (where the pions that miss the CHANTI come from) and the rest
    const edges = [z0, z0 + 0.5 * (zWin - z0), zWin, g.achromat.zEnd[0], g.achromat.zEnd[1], zGTK3];
    const sw = new Float64Array(edges.length - 1);
    const sw2 = new Float64Array(edges.length - 1);
    const N = 40000;
    sim.run(3, 0, N, (b) => {
      for (let i = 0; i < b.size; i++) {
        const g0 = i * MAX_SLOTS;
        const p = Math.hypot(b.px[g0], b.py[g0], b.pz[g0]);
        const L = (p / K.mass) * K.lifetime * C_LIGHT * (b.pz[g0] / p);
        // the weight with the decay probability and the BR removed: wz alone
        const wz = b.weight[i] / (0.2067 * card.upstream.scale * (1 - Math.exp(-dz / L)));
        const j = edges.findIndex((e, k) => k > 0 && b.vtxZ[i] < e) - 1;
        sw[j] += wz;
        sw2[j] += wz * wz;
      }
    });
    for (let j = 0; j < sw.length; j++) {
      const expect = (edges[j + 1] - edges[j]) / dz;
      assertPull(sw[j] / N, expect, Math.sqrt(sw2[j] / N - (sw[j] / N) ** 2) / Math.sqrt(N), 5, `slice ${j}`);
    }
  });

  it("beam interactions in GTK3: one forward π⁺ at GTK3, x ≥ 0.1, ⟨p_T⟩ as the card, CHANTI veto", () => {
    const card = loadPeriod("2018-S2");
    const sim = new Simulator({ channel: "mix", period: "2018-S2", source: "upstream-interaction" });
    let n = 0;
    let sPt = 0;
    let sPt2 = 0;
    sim.run(2, 0, 8000, (b, r) => {
      for (let i = 0; i < b.size; i++) {
        const g0 = i * MAX_SLOTS;
        assert.equal(r.source[i], Source.UPSTREAM_INTERACTION);
        assert.ok([211, 2212, 321].includes(b.pdg[g0]));
        assert.equal(b.pdg[g0 + 1], 211);
        assert.equal(b.vz[g0 + 1], zGTK3);
        const P = Math.hypot(b.px[g0], b.py[g0], b.pz[g0]);
        const p = Math.hypot(b.px[g0 + 1], b.py[g0 + 1], b.pz[g0 + 1]);
        assert.ok(p >= 0.1 * P - 1e-9 && p <= P);
        // transverse momentum with respect to the beam particle
        const ux = b.px[g0] / P;
        const uy = b.py[g0] / P;
        const uz = b.pz[g0] / P;
        const pl = b.px[g0 + 1] * ux + b.py[g0 + 1] * uy + b.pz[g0 + 1] * uz;
        const pt = Math.sqrt(Math.max(p * p - pl * pl, 0));
        n++;
        sPt += pt;
        sPt2 += pt * pt;
        assert.ok(r.chanti[i] <= 1 - card.chanti.efficiency + 1e-12);
      }
    });
    const mean = sPt / n;
    const sd = Math.sqrt(sPt2 / n - mean * mean);
    // the small-angle rotation adds a relative error of order the beam slope (10⁻³)
    assertPull(mean, card.upstream.meanPt, sd / Math.sqrt(n) + 1e-3 * mean, 5, "⟨p_T⟩");
  });

  it("far upstream decays: vertex uniform between GTK1 and zStart, weight × decays there per kaon at GTK3, products from the achromat exit", () => {
    const card = loadPeriod("2018-S2");
    const sim = new Simulator({ channel: "K+ -> pi+ pi0", period: "2018-S2", source: "upstream-decay-far" });
    const K = particleTable().get("K+");
    const z0 = card.upstream.zStartFar;
    const z1 = card.upstream.zStart;
    assert.equal(z0, g.gtk.z[0]);
    // the importance window: 1 m upstream of GTK2 to the end of the range (GTK2)
    const [wa, wb] = sim.upstream!.farWindow;
    assert.deepEqual([wa, wb], [z1 - VERTEX_WINDOW.beforeGTK2, z1]);
    let n = 0;
    let sLow = 0;
    let sLow2 = 0;
    sim.run(6, 0, 4000, (b, r) => {
      for (let i = 0; i < b.size; i++) {
        n++;
        const g0 = i * MAX_SLOTS;
        assert.equal(r.source[i], Source.UPSTREAM_DECAY);
        assert.ok(b.vtxZ[i] >= z0 && b.vtxZ[i] <= z1, `vertex ${b.vtxZ[i]}`);
        const wz = 1 / (1 - F + (b.vtxZ[i] >= wa ? (F * (z1 - z0)) / (wb - wa) : 0));
        if (b.vtxZ[i] < 0.5 * (z0 + z1)) {
          sLow += wz;
          sLow2 += wz * wz;
        }
        const p = Math.hypot(b.px[g0], b.py[g0], b.pz[g0]);
        const L = (p / K.mass) * K.lifetime * C_LIGHT * (b.pz[g0] / p);
        const pFar = Math.exp((zGTK3 - z0) / L) - Math.exp((zGTK3 - z1) / L);
        assertRel(b.weight[i], 0.2067 * card.upstream.scale * pFar * wz, 1e-9, "weight");
        const s = Float64Array.from([b.vx[g0], b.vy[g0], zGTK3, b.px[g0], b.py[g0], b.pz[g0]]);
        sim.upstream!.achromat.backtrack(s, 1, b.vtxZ[i]);
        assert.ok(Math.abs(s[1] - b.vtxY[i]) < 1e-6 && Math.abs(s[0] - b.vtxX[i]) < 1e-6);
        // charged products start at the end of B6 (or are absorbed in a dipole gap)
        for (let k = 1; k < b.nParticles[i]; k++) {
          if (b.parent[g0 + k] !== 0 || b.status[g0 + k] === Status.NONE || b.pdg[g0 + k] !== 211) continue;
          assert.equal(b.vz[g0 + k], sim.upstream!.achromat.zExit);
        }
      }
    });
    // uniform in z once weighted: half of the weight in the upstream half, within 5σ
    const sd = Math.sqrt(sLow2 / n - (sLow / n) ** 2);
    assertPull(sLow / n, 0.5, sd / Math.sqrt(n), 5, "upstream half");
  });

  it("far upstream decays in Run 2 (zStart 99 m): the window 1 m before GTK2 – 1 m into B5 is importance-sampled, Σ wz restores the uniform shares", () => {
    const card = loadPeriod("2021-22");
    const sim = new Simulator({ channel: "K+ -> pi+ pi0", period: "2021-22", source: "upstream-decay-far" });
    const K = particleTable().get("K+");
    const [wa, wb] = sim.upstream!.farWindow;
    assert.equal(wa, g.gtk.z[1] - VERTEX_WINDOW.beforeGTK2);
    assert.equal(wb, g.achromat.zStart[0] + VERTEX_WINDOW.intoB5);
    const z0 = card.upstream.zStartFar;
    const z1 = card.upstream.zStart;
    let n = 0;
    let inWin = 0;
    let sIn = 0;
    let sIn2 = 0;
    let sAll = 0;
    let sAll2 = 0;
    sim.run(7, 0, 6000, (b) => {
      for (let i = 0; i < b.size; i++) {
        n++;
        const g0 = i * MAX_SLOTS;
        const p = Math.hypot(b.px[g0], b.py[g0], b.pz[g0]);
        const L = (p / K.mass) * K.lifetime * C_LIGHT * (b.pz[g0] / p);
        const pFar = Math.exp((zGTK3 - z0) / L) - Math.exp((zGTK3 - z1) / L);
        const wz = b.weight[i] / (0.2067 * card.upstream.scale * pFar);
        sAll += wz;
        sAll2 += wz * wz;
        if (b.vtxZ[i] >= wa && b.vtxZ[i] < wb) {
          inWin++;
          sIn += wz;
          sIn2 += wz * wz;
        }
      }
    });
    // most vertices in the window, but the weights give it its uniform share of the range
    assert.ok(inWin / n > F, `${inWin} of ${n} in the window`);
    assertPull(sIn / n, (wb - wa) / (z1 - z0), Math.sqrt(sIn2) / n, 5, "window share");
    const sd = Math.sqrt(sAll2 / n - (sAll / n) ** 2);
    assertPull(sAll / n, 1, sd / Math.sqrt(n), 5, "Σ wz / n");
  });

  it("beam interactions in GTK1/GTK2 (and GTK0 with four stations): the π⁺ crosses the achromat, no GTK track, no CHANTI companions", () => {
    for (const [period, stations] of [
      ["2018-S2", [g.gtk.z[0], g.gtk.z[1]]],
      ["2021-22", [g.gtk.zGTK0, g.gtk.z[0], g.gtk.z[1]]],
    ] as const) {
      const sim = new Simulator({ channel: "K+ -> mu+ nu", period, source: "upstream-beamline" });
      const up = sim.upstream!;
      assert.deepEqual(Array.from(up.beamlineStations), stations);
      const count = new Map<number, number>();
      let n = 0;
      let absorbed = 0;
      sim.run(3, 0, 6000, (b, r) => {
        for (let i = 0; i < b.size; i++) {
          n++;
          const g0 = i * MAX_SLOTS;
          assert.equal(r.source[i], Source.UPSTREAM_BEAMLINE);
          assert.ok(stations.includes(b.vtxZ[i] as never), `vertex ${b.vtxZ[i]}`);
          count.set(b.vtxZ[i], (count.get(b.vtxZ[i]) ?? 0) + 1);
          assertRel(b.weight[i], up.beamlineWeight, 1e-12, "weight");
          // pile-up tracks only: the interacting beam particle leaves no GTK track of its own
          for (let c = 0; c < r.nGtk[i]; c++)
            assert.notEqual(r.gtkCand[(i * MAX_GTK_CANDIDATES + c) * GTK_FIELDS + 6], 1, "own GTK track");
          // the vertex lies on the beam particle's line traced back from GTK3 through the achromat
          const s = Float64Array.from([b.vx[g0], b.vy[g0], zGTK3, b.px[g0], b.py[g0], b.pz[g0]]);
          up.achromat.backtrack(s, 1, b.vtxZ[i]);
          assert.ok(Math.abs(s[0] - b.vtxX[i]) < 1e-9 && Math.abs(s[1] - b.vtxY[i]) < 1e-9);
          // the π⁺ leaves the achromat at its exit, or is absorbed in a dipole gap
          if (b.status[g0 + 1] === Status.NONE) absorbed++;
          else assert.equal(b.vz[g0 + 1], up.achromat.zExit);
        }
      });
      // one station drawn uniformly: each holds 1/n of the events within 5σ
      for (const z of stations) {
        const f = (count.get(z) ?? 0) / n;
        const p = 1 / stations.length;
        assertPull(f, p, Math.sqrt((p * (1 - p)) / n), 5, `share of station ${z}`);
      }
      // most secondaries are soft (x = p/P ≥ 0.1 from (1 − x)²): the dipoles absorb part of them
      assert.ok(absorbed > 0 && absorbed < n, `${absorbed} of ${n} absorbed`);
    }
  });

  it("the new final collimator (2018-S2) stops more upstream-decay products than the old one (2018-S1)", () => {
    const absorbed = (period: string) => {
      const sim = new Simulator({ channel: "K+ -> pi+ pi+ pi-", period, source: "upstream-decay" });
      const s = chainStreams(4, 0);
      const b = new EventBatch(256);
      const tb = new TransportBatch(256);
      const r = new RecoBatch(256);
      let abs = 0;
      let all = 0;
      for (let k = 0; k < 40; k++) {
        b.clear();
        sim.generator.fill(b, 256, s.generator);
        sim.simulateBatch(b, tb, r, s);
        for (let i = 0; i < b.size; i++) {
          for (let j = 1; j < b.nParticles[i]; j++) {
            const m = tb.mask[i * MAX_SLOTS + j];
            if (!(m & Hit.TRACK)) continue;
            all++;
            if (m & Hit.ABSORBED) abs++;
          }
        }
      }
      return abs / all;
    };
    const s1 = absorbed("2018-S1");
    const s2 = absorbed("2018-S2");
    assert.ok(s2 > s1, `absorbed fraction S2 ${s2} vs S1 ${s1}`);
  });

  it("'upstream' alternates the two mechanisms with twice their weight", () => {
    const sim = new Simulator({ channel: "mix", period: "2018-S2", source: "upstream" });
    sim.run(5, 0, 512, (b, r) => {
      for (let i = 0; i < b.size; i++) {
        assert.equal(r.source[i], i % 2 === 0 ? Source.UPSTREAM_DECAY : Source.UPSTREAM_INTERACTION);
        if (i % 2 === 1) assertRel(b.weight[i], 2 * sim.upstream!.interactionWeight, 1e-12, "weight");
      }
    });
    assert.throws(
      () =>
        new Simulator({ channel: "mix", period: "2018-S2", source: "upstream", zRange: [105000, 165000] }),
      /--z-range: not used with the upstream source/,
    );
  });

  it("far-decay direction biasing: the rotation keeps each decay's four-momentum and masses and puts the π⁺ in the region", () => {
    const sim = new Simulator({
      channel: "K+ -> pi+ pi0",
      period: "2021-22",
      source: "upstream-decay-far",
      biasing: { upstreamDirection: 0.6 },
    });
    const up = sim.upstream as unknown as {
      biasDirection(b: EventBatch, i: number, u1: number, u2: number, u3: number): number;
    };
    const s = chainStreams(3, 0);
    const b = new EventBatch(64);
    sim.generator.fill(b, 64, s.generator);
    const R = FAR_DIRECTION_REGION;
    for (let i = 0; i < 64; i++) {
      const g0 = i * MAX_SLOTS;
      const before = new Float64Array(4);
      const sum = (out: Float64Array) => {
        out.fill(0);
        for (let k = 1; k < b.nParticles[i]; k++) {
          const g = g0 + k;
          if (b.parent[g] !== 0) continue;
          out[0] += b.px[g];
          out[1] += b.py[g];
          out[2] += b.pz[g];
          out[3] += b.e[g];
        }
      };
      sum(before);
      // u1 < share: rotated into the region, weight 1/(1 − s + s/Ω)
      const w = up.biasDirection(b, i, 0.3, ((i % 8) + 0.5) / 8, i % 2 === 0 ? 0.2 : 0.7);
      assertRel(w, 1 / (0.4 + 0.6 / FAR_DIRECTION_FRACTION), 1e-12, "weight in the region");
      const after = new Float64Array(4);
      sum(after);
      for (let c = 0; c < 4; c++) assert.ok(Math.abs(after[c] - before[c]) < 1e-9, `four-momentum ${c}`);
      for (let k = 1; k < b.nParticles[i]; k++) {
        const g = g0 + k;
        const m2 = b.e[g] ** 2 - b.px[g] ** 2 - b.py[g] ** 2 - b.pz[g] ** 2;
        assert.ok(Math.abs(m2 - b.mass[g] ** 2) < 1e-9, `mass of slot ${k}`);
      }
      // the π⁺ in the kaon rest frame points into the region
      const kp = [b.px[g0], b.py[g0], b.pz[g0]];
      const bet = kp.map((x) => x / b.e[g0]);
      const b2 = bet[0] ** 2 + bet[1] ** 2 + bet[2] ** 2;
      const ga = 1 / Math.sqrt(1 - b2);
      const gp = g0 + 1 + [...Array(b.nParticles[i] - 1).keys()].findIndex((k) => b.pdg[g0 + 1 + k] === 211);
      const bp = bet[0] * b.px[gp] + bet[1] * b.py[gp] + bet[2] * b.pz[gp];
      const f = ((ga - 1) * bp) / b2 - ga * b.e[gp];
      const q = [b.px[gp] + f * bet[0], b.py[gp] + f * bet[1], b.pz[gp] + f * bet[2]];
      const cz = q[2] / Math.hypot(q[0], q[1], q[2]);
      const phi = Math.abs(Math.atan2(q[1], q[0]));
      assert.ok(cz >= R.cosMin - 1e-9 && cz <= R.cosMax + 1e-9, `cos θ* ${cz}`);
      assert.ok(phi >= R.phiMin - 1e-9 && phi <= R.phiMax + 1e-9, `|φ*| ${phi}`);
      // u1 ≥ share: the natural direction is kept
      const px = b.px[gp];
      const w2 = up.biasDirection(b, i, 0.9, 0.5, 0.5);
      assert.equal(b.px[gp], px);
      assertRel(
        w2,
        1 / (0.4 + 0.6 / FAR_DIRECTION_FRACTION),
        1e-12,
        "weight of a kept direction in the region",
      );
    }
  });

  it("far-decay direction biasing: the weighted π⁺ rest-frame directions are isotropic (region share = its solid angle)", () => {
    const sim = new Simulator({
      channel: "K+ -> pi+ pi0",
      period: "2021-22",
      source: "upstream-decay-far",
      biasing: { upstreamDirection: 0.6 },
    });
    const up = sim.upstream as unknown as {
      biasDirection(b: EventBatch, i: number, u1: number, u2: number, u3: number): number;
    };
    const R = FAR_DIRECTION_REGION;
    const s = chainStreams(5, 0);
    const rng = s.upstream.rng;
    const b = new EventBatch(1000);
    // Σw·1{…} / n over: the region, its upper half in cos θ*, the forward hemisphere, everything
    const sw = new Float64Array(4);
    const sw2 = new Float64Array(4);
    let n = 0;
    let raw = 0;
    for (let batch = 0; batch < 100; batch++) {
      b.clear();
      sim.generator.fill(b, 1000, s.generator);
      for (let i = 0; i < 1000; i++) {
        const w = up.biasDirection(b, i, rng.uniform(), rng.uniform(), rng.uniform());
        const g0 = i * MAX_SLOTS;
        const bet = [b.px[g0] / b.e[g0], b.py[g0] / b.e[g0], b.pz[g0] / b.e[g0]];
        const b2 = bet[0] ** 2 + bet[1] ** 2 + bet[2] ** 2;
        const ga = 1 / Math.sqrt(1 - b2);
        const gp =
          g0 + 1 + [...Array(b.nParticles[i] - 1).keys()].findIndex((k) => b.pdg[g0 + 1 + k] === 211);
        const bp = bet[0] * b.px[gp] + bet[1] * b.py[gp] + bet[2] * b.pz[gp];
        const f = ((ga - 1) * bp) / b2 - ga * b.e[gp];
        const q = [b.px[gp] + f * bet[0], b.py[gp] + f * bet[1], b.pz[gp] + f * bet[2]];
        const cz = q[2] / Math.hypot(q[0], q[1], q[2]);
        const phi = Math.abs(Math.atan2(q[1], q[0]));
        const inside = cz >= R.cosMin && cz <= R.cosMax && phi >= R.phiMin && phi <= R.phiMax;
        const upper = inside && cz >= 0.5 * (R.cosMin + R.cosMax);
        const v = [inside ? w : 0, upper ? w : 0, cz > 0 ? w : 0, w];
        for (let k = 0; k < 4; k++) {
          sw[k] += v[k];
          sw2[k] += v[k] * v[k];
        }
        if (inside) raw++;
        n++;
      }
    }
    const expected = [FAR_DIRECTION_FRACTION, FAR_DIRECTION_FRACTION / 2, 0.5, 1];
    const what = ["region", "upper half of the region", "forward hemisphere", "all"];
    for (let k = 0; k < 4; k++) {
      const m = sw[k] / n;
      const sd = Math.sqrt(sw2[k] / n - m * m);
      assertPull(m, expected[k], sd / Math.sqrt(n), 4, `weighted share: ${what[k]}`);
    }
    // ~60% of the draws land in a region of 0.8% of the sphere
    assert.ok(raw / n > 0.5, `${raw} of ${n} in the region`);
  });

  it("far-decay direction biasing is unbiased: weighted sums of the biased and natural samples agree, with many more events in the region", () => {
    const N = 40000;
    // Σw, Σw over one track of 14–18 GeV/c (the region's momenta), and the same × the CHANTI and
    // veto-counter survival (what the survivors carry)
    const tally = (bias: number, seed: number) => {
      const sim = new Simulator({
        channel: "K+ -> pi+ pi0",
        period: "2021-22",
        source: "upstream-decay-far",
        biasing: { upstreamDirection: bias },
      });
      const sw = new Float64Array(3);
      const sw2 = new Float64Array(3);
      let raw = 0;
      sim.run(seed, 0, N, (b, r) => {
        for (let i = 0; i < b.size; i++) {
          const w = b.weight[i];
          const hot = r.nTracks[i] === 1 && r.pTrackTrue[i] >= 14 && r.pTrackTrue[i] <= 18;
          const v = [w, hot ? w : 0, hot ? w * r.chanti[i] : 0];
          for (let k = 0; k < 3; k++) {
            sw[k] += v[k];
            sw2[k] += v[k] * v[k];
          }
          if (hot) raw++;
        }
      });
      return { sw, sw2, raw };
    };
    const nat = tally(0, 21);
    const bia = tally(0.6, 22);
    const what = ["Σw", "Σw, one 14–18 GeV/c track", "Σw·survival, one 14–18 GeV/c track"];
    for (let k = 0; k < 3; k++) {
      const sigma = Math.sqrt(nat.sw2[k] + bia.sw2[k]);
      assertPull(bia.sw[k] - nat.sw[k], 0, sigma, 4, what[k]);
    }
    assert.ok(
      bia.raw > 4 * nat.raw,
      `events with a 14–18 GeV/c track: ${bia.raw} biased vs ${nat.raw} natural`,
    );
  });
});

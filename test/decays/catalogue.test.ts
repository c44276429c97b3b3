import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { decayLength } from "../../src/beam/k12.ts";
import { MAX_SLOTS } from "../../src/core/batch.ts";
import { twoBodyMomentum } from "../../src/core/kinematics.ts";
import { particleTable } from "../../src/core/particles.ts";
import { C_LIGHT } from "../../src/core/units.ts";
import {
  buildCatalogue,
  catalogue,
  channelById,
  channelIdBound,
  channelNames,
  findChannel,
  mixFractions,
} from "../../src/decays/catalogue.ts";
import type { ChannelRecord } from "../../src/decays/channel.ts";
import { generatorFactory, PROVISIONAL } from "../../src/decays/registry.ts";
import { assertPull } from "../helpers/stat.ts";
import { decayLengthSample } from "./checks.ts";
import { dot, generate } from "./fit.ts";

describe("decay catalogue", () => {
  it("no generator is provisional: every channel has its matrix element", () => {
    assert.deepEqual([...PROVISIONAL], []);
    for (const c of catalogue()) {
      assert.doesNotThrow(() => generatorFactory(c.generator), c.name);
      // uniform phase space only where NA62 assumes it (searched-for modes)
      if (c.generator === "flat") assert.equal(c.kind, "search", `${c.name} uses flat phase space`);
    }
  });

  it("the inclusive BRs sum to 1 within their uncertainties", () => {
    let sum = 0;
    let var2 = 0;
    for (const c of catalogue()) {
      if (!c.inclusive) continue;
      sum += c.br!;
      var2 += (c.brError ?? 0) ** 2;
    }
    assertPull(sum, 1, Math.sqrt(var2), 3, "Σ BR(inclusive)");
  });

  it("the mix draws BR(parent) − Σ BR(radiative subsets), each subset once", () => {
    const cat = catalogue();
    const fr = new Map(mixFractions().map((f) => [f.channel.name, f.br]));
    const byName = new Map(cat.map((c) => [c.name, c]));
    for (const c of cat) {
      if (c.kind !== "sm") {
        assert.ok(!fr.has(c.name), `${c.name} is not in the mix`);
        continue;
      }
      const subsets = cat.filter((s) => s.subsetOf === c.name).reduce((a, s) => a + s.br!, 0);
      assert.ok(Math.abs(fr.get(c.name)! - (c.br! - subsets)) < 1e-15, c.name);
      assert.ok(fr.get(c.name)! > 0, `${c.name}: positive mix fraction`);
      if (c.subsetOf) assert.ok(byName.get(c.subsetOf)!.inclusive, `${c.name}: parent is inclusive`);
    }
    // e.g. μ⁺ν: 0.6356 − 6.2e-3 (IB, E_γ cut) − 1.33e-5 (SD⁺)
    assert.ok(Math.abs(fr.get("K+ -> mu+ nu")! - (0.6356 - 6.2e-3 - 1.33e-5)) < 1e-12);
  });
});

describe("two-body rest-frame momenta (PDG 2024 masses)", () => {
  const pt = particleTable();
  for (const [channel, a, b, ref] of [
    ["K+ -> pi+ pi0", "pi+", "pi0", 0.20514],
    ["K+ -> mu+ nu", "mu+", "nu_mu", 0.23553],
  ] as const) {
    it(`${channel}: ${ref * 1000} MeV/c`, () => {
      const q = twoBodyMomentum(pt.mass("K+"), pt.mass(a), pt.mass(b));
      // the reference is quoted to 0.01 MeV/c
      assert.ok(Math.abs(q - ref) <= 0.5e-5, `formula: ${q} vs ${ref}`);
      // and every generated event has it in the kaon rest frame (P·p/m_K → E*, then p*)
      let worst = 0;
      generate(channel, 20_000, 11, (bt) => {
        for (let i = 0; i < bt.size; i++) {
          const K = i * MAX_SLOTS;
          const g = K + 1;
          const E = dot(bt, K, g) / bt.mass[K];
          const p = Math.sqrt(E * E - bt.mass[g] ** 2);
          worst = Math.max(worst, Math.abs(p - q));
        }
      });
      assert.ok(worst < 1e-9, `largest deviation ${worst} GeV`);
    });
  }
});

describe("kaon decay length", () => {
  it("βγcτ at 75 GeV/c is 563.8 m within 0.1%", () => {
    const K = particleTable().get("K+");
    const L = decayLength(75, K.mass, K.lifetime * C_LIGHT);
    assert.ok(Math.abs(L / 563.8e3 - 1) < 1e-3, `L = ${L} mm`);
  });

  it("the generated vertices follow exp(−s/L(p)): ⟨s·75/p⟩ = L(75) within 3σ_stat", () => {
    const d = decayLengthSample();
    assertPull(d.mean, d.L75, d.sigma, 3, "mean scaled flight length (mm)");
  });
});

describe("channel ids", () => {
  const file = () =>
    JSON.parse(readFileSync(new URL("../../conditions/decays/kplus.json", import.meta.url), "utf8")) as {
      channels: ChannelRecord[];
    };

  it("come from the data and are unique", () => {
    const cat = catalogue();
    assert.equal(new Set(cat.map((c) => c.id)).size, cat.length);
    for (const [k, r] of file().channels.entries()) assert.equal(cat[k].id, r.id, r.name);
    for (const c of cat) assert.equal(channelById(c.id), c);
    assert.ok(channelIdBound() > Math.max(...cat.map((c) => c.id)));
    assert.equal(channelNames()[findChannel("K+ -> pi+ pi0").id], "K+ -> pi+ pi0");
  });

  it("inserting a channel into a copy of the table leaves every other id unchanged", () => {
    const records = file().channels;
    const before = new Map(buildCatalogue(records).map((c) => [c.name, c.id]));
    const next = Math.max(...records.map((r) => r.id)) + 1;
    const inserted: ChannelRecord = {
      ...records[1],
      id: next,
      name: "K+ -> pi+ pi0 (copy inserted in the middle)",
      subsetOf: undefined,
    };
    for (const at of [0, 1, Math.floor(records.length / 2), records.length]) {
      const copy = [...records.slice(0, at), inserted, ...records.slice(at)];
      const after = buildCatalogue(copy);
      assert.equal(after.length, records.length + 1);
      for (const c of after) assert.equal(c.id, before.get(c.name) ?? next, `${c.name} (inserted at ${at})`);
    }
  });

  it("a duplicate or missing id is refused with the channel's name", () => {
    const records = file().channels;
    const dup = [...records, { ...records[3], name: "K+ -> dup", id: records[0].id }];
    assert.throws(() => buildCatalogue(dup), /K\+ -> dup.*id 0 is used twice/);
    const { id: _id, ...noId } = records[2];
    assert.throws(
      () => buildCatalogue([noId as ChannelRecord]),
      /channel ".*": id must be a non-negative integer, got undefined/,
    );
  });
});

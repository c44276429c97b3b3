import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventBatch, MAX_SLOTS, Status } from "../../src/core/batch.ts";
import { particleTable } from "../../src/core/particles.ts";
import { stream } from "../../src/core/rng/streams.ts";
import { randomVetoExponent } from "../../src/detector/accidentals.ts";
import { type JsonObject, loadPeriod, rawCard, readPeriod } from "../../src/detector/card.ts";
import { Detector } from "../../src/detector/detector.ts";
import { geometry } from "../../src/detector/geometry.ts";
import { NormalStream } from "../../src/detector/normal-stream.ts";
import { REGISTRY, subsystems } from "../../src/detector/registry.ts";
import {
  type DetectorContext,
  PlaneKind,
  type SectionReader,
  type Subsystem,
  type SubsystemSpec,
} from "../../src/detector/subsystem.ts";
import { Transport } from "../../src/detector/transport.ts";
import { Hit, TransportBatch } from "../../src/detector/transport-batch.ts";

const g = geometry();
const particles = particleTable();
const TOY_BIT = 1 << 22;
const TOY_Z = 221000; // between STRAW4 and the RICH

/** a toy subsystem: one plane, a card section, an accidental source, a module counting its hits */
class ToyModule implements Subsystem {
  readonly name = "TOY";
  hits = 0;
  process(ctx: DetectorContext, start: number, end: number): void {
    for (let i = start; i < end; i++) if (ctx.tb.eventMask[i] & TOY_BIT) this.hits++;
  }
}
function readToy(r: SectionReader) {
  return { present: r.bool("present"), halfSide: r.num("halfSide", 0), efficiency: r.prob("efficiency") };
}
const TOY: SubsystemSpec<"toy", ReturnType<typeof readToy>> = {
  name: "TOY",
  section: "toy",
  card: readToy,
  planes: (_g, card) => {
    const c = (card as unknown as { toy: ReturnType<typeof readToy> }).toy;
    return [
      {
        z: TOY_Z,
        kind: PlaneKind.APERTURE,
        bit: TOY_BIT,
        charged: true,
        photon: false,
        halfX: c.halfSide,
        halfY: c.halfSide,
      },
    ];
  },
  veto: true,
  accidentals: { source: "toy", column: "rv" },
  create: (card) => ((card as unknown as { toy: { present: boolean } }).toy.present ? new ToyModule() : null),
};

const leaf = (value: unknown) => ({ value, source: "test toy subsystem", card: "test" }) as JsonObject;

/** the 2018-S2 card with a toy section (and its accidental source) */
function toyCard(toy: Record<string, unknown>, overrides: string[] = []) {
  const raw = structuredClone(rawCard("2018-S2"));
  raw.toy = Object.fromEntries(Object.entries(toy).map(([k, v]) => [k, leaf(v)]));
  (raw.accidentals as JsonObject).toy = { rateMHz: leaf(2), windowNs: leaf(3) };
  return readPeriod(raw, "2018-S2+toy", overrides, [...REGISTRY, TOY]);
}

/** n events, each a kaon plus a μ⁺ of 20 GeV/c along z produced at (0, 300 mm, 150 m) */
function muons(n: number): EventBatch {
  const b = new EventBatch(n);
  b.size = n;
  const m = particles.mass("mu+");
  for (let i = 0; i < n; i++) {
    b.addParticle(i, 321, particles.mass("K+"), Status.INITIAL, -1, 0, 0, g.gtk.z[2], 0);
    b.pz[i * MAX_SLOTS] = 75;
    const k = b.addParticle(i, -13, m, Status.FINAL, 0, 0, 300, 150000, 0);
    b.pz[k] = 20;
    b.e[k] = Math.hypot(20, m);
    b.vtxZ[i] = 150000;
  }
  return b;
}

describe("detector registry", () => {
  it("every registered subsystem's planes are the transport's planes, in z order", () => {
    const card = loadPeriod("2018-S2");
    const tr = new Transport(g, card, particles);
    const want = subsystems().flatMap((s) =>
      (s.planes?.(g, card) ?? []).map((p) => ({ ...p, subsystem: s.name })),
    );
    assert.equal(tr.planes.length, want.length);
    for (const p of want) {
      assert.ok(
        tr.planes.some(
          (q) => q.subsystem === p.subsystem && q.z === p.z && q.bit === p.bit && q.kind === p.kind,
        ),
        `${p.subsystem} plane at z = ${p.z} missing`,
      );
    }
    for (let i = 1; i < tr.planes.length; i++)
      assert.ok(tr.planes[i].z >= tr.planes[i - 1].z, "not sorted in z");
    // every subsystem that has a plane is named, the transport's last plane bounds zLast
    const named = new Set(tr.planes.map((p) => p.subsystem));
    for (const s of [
      "LAV",
      "STRAW",
      "RICH",
      "CHOD",
      "NewCHOD",
      "IRC",
      "LKr",
      "MUV1/2",
      "MUV3",
      "MUV0",
      "HASC",
      "SAC",
      "CHANTI",
      "collimator",
    ])
      assert.ok(named.has(s), `${s} has no plane`);
    assert.equal(tr.zLast, tr.planes[tr.planes.length - 1].z);
  });

  it("two subsystems never share a Hit bit, and every card section is read", () => {
    const card = loadPeriod("2018-S2");
    const owner = new Map<number, string>();
    for (const s of subsystems()) {
      assert.ok(
        (card as unknown as Record<string, unknown>)[s.section] !== undefined,
        `${s.section} not read`,
      );
      for (const p of s.planes?.(g, card) ?? []) {
        const o = owner.get(p.bit);
        assert.ok(o === undefined || o === s.name, `bit ${p.bit} of ${s.name} also set by ${o}`);
        owner.set(p.bit, s.name);
      }
    }
    assert.ok(!owner.has(TOY_BIT), "the toy bit is free");
    assert.deepEqual(
      REGISTRY.map((e) => e.name).filter((n, i, a) => a.indexOf(n) !== i),
      [],
      "names are unique",
    );
  });

  it("a toy subsystem registered in one line adds its card section, its plane, its module and its accidentals", () => {
    const card = toyCard({ present: true, halfSide: 5000, efficiency: 0.9 });
    const toy = (card as unknown as { toy: ReturnType<typeof readToy> }).toy;
    assert.deepEqual(toy, { present: true, halfSide: 5000, efficiency: 0.9 });
    assert.equal(card.provenance.get("toy.efficiency")?.source, "test toy subsystem");
    // the plane: in the transport's list, and a muon through it gets the toy bit
    const tr = new Transport(g, card, particles);
    assert.ok(tr.planes.some((p) => p.subsystem === "TOY" && p.z === TOY_Z));
    const n = 4;
    const b = muons(n);
    const tb = new TransportBatch(n);
    tr.process(b, tb, 0, n, new NormalStream(stream(1, 0, "t")));
    for (let i = 0; i < n; i++) {
      assert.ok(tb.mask[i * MAX_SLOTS + 1] & TOY_BIT, "toy plane hit");
      assert.ok(tb.mask[i * MAX_SLOTS + 1] & Hit.STRAW1, "the other planes still work");
    }
    // a toy aperture smaller than the track's offset in y (300 mm, no bend in y) misses it
    const small = new Transport(g, toyCard({ present: true, halfSide: 100, efficiency: 0.9 }), particles);
    small.process(b, tb, 0, n, new NormalStream(stream(1, 0, "t")));
    assert.equal(tb.mask[MAX_SLOTS + 1] & TOY_BIT, 0);
    // the module: created in registry order (last), absent when the card switches it off
    const det = new Detector(card, g);
    assert.equal(det.modules[det.modules.length - 1].name, "TOY");
    const off = toyCard({ present: false, halfSide: 5000, efficiency: 0.9 });
    assert.ok(!new Detector(off, g).modules.some((m) => m.name === "TOY"));
    // the accidentals: the toy source adds R·2w·scale to the random-veto exponent while present
    const base = randomVetoExponent(loadPeriod("2018-S2"));
    const expect = base + 2e-3 * card.accidentals.scale * 2 * 3;
    assert.ok(
      Math.abs(randomVetoExponent(card) - expect) < 1e-12 * expect,
      `${randomVetoExponent(card)} vs ${expect}`,
    );
    assert.equal(randomVetoExponent(off), base);
  });

  it("the toy's card section is validated like the others (field and value named) and overridable", () => {
    assert.throws(
      () => toyCard({ present: true, halfSide: 5000, efficiency: 1.5 }),
      /field "toy\.efficiency" must be a number in \[0, 1\], got 1\.5/,
    );
    assert.throws(() => toyCard({ present: true, efficiency: 0.5 }), /missing field "toy\.halfSide"/);
    const c = toyCard({ present: true, halfSide: 5000, efficiency: 0.9 }, ["toy.halfSide=7"]);
    assert.equal((c as unknown as { toy: { halfSide: number } }).toy.halfSide, 7);
    // a declared accidental source must be in the card
    const noAcc = structuredClone(rawCard("2018-S2"));
    noAcc.toy = { present: leaf(true), halfSide: leaf(1), efficiency: leaf(0.5) };
    assert.throws(
      () => readPeriod(noAcc, "x", [], [...REGISTRY, TOY]),
      /period card x: missing field "accidentals\.toy\.rateMHz"/,
    );
    // a photon plane of a kind photons do not meet is refused
    const chamber: SubsystemSpec = {
      ...(TOY as unknown as SubsystemSpec),
      accidentals: undefined,
      planes: () => [
        { z: TOY_Z, kind: PlaneKind.CHAMBER, bit: TOY_BIT, charged: false, photon: true, index: 0 },
      ],
    };
    const raw = structuredClone(rawCard("2018-S2"));
    raw.toy = { present: leaf(true), halfSide: leaf(1), efficiency: leaf(0.5) };
    const withChamber = readPeriod(raw, "x", [], [...REGISTRY, chamber]);
    assert.throws(
      () => new Transport(g, withChamber, particles),
      /TOY plane at z = 221000: photons do not meet/,
    );
    // a subsystem may not take a core section
    const bad = { ...TOY, section: "beam" } as unknown as SubsystemSpec;
    assert.throws(() => readPeriod(rawCard("2018-S2"), "x", [], [...REGISTRY, bad]), /card section "beam"/);
  });
});

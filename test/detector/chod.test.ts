import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_SLOTS } from "../../src/core/batch.ts";
import { TrackList } from "../../src/core/track-list.ts";
import { loadPeriod } from "../../src/detector/card.ts";
import { Chod } from "../../src/detector/chod.ts";
import { chargedMiss, Multiplicity } from "../../src/detector/multiplicity.ts";
import type { DetectorContext } from "../../src/detector/subsystem.ts";
import { Hit, STRAW_ALL } from "../../src/detector/transport-batch.ts";

/** survival (mult) of one event: the selected π⁺ in slot 1 and one extra charged particle in slot 2 */
function survival(period: string, extraMask: number): number {
  const card = loadPeriod(period);
  const mask = new Uint32Array(MAX_SLOTS);
  mask[1] = Hit.TRACK | STRAW_ALL | Hit.CHOD | Hit.NEWCHOD;
  mask[2] = Hit.TRACK | extraMask;
  const r = {
    trackSlot: Int32Array.of(1),
    mult: Float64Array.of(1),
    chodHits: new Int32Array(1),
    ktag: Float64Array.of(1),
    richRing: Uint8Array.of(0),
    sigmaTRef: new Float64Array(1),
    tRef: new Float64Array(1),
    tracks: new TrackList(1),
  };
  const ctx = {
    b: { nParticles: Int32Array.of(3) },
    tb: { mask, eventMask: Uint32Array.of(mask[1] | mask[2]) },
    r,
    card,
    gauss: { next: () => 0 },
  } as unknown as DetectorContext;
  new Chod(card).process(ctx, 0, 1);
  return r.mult[0];
}

describe("CHOD/NewCHOD extra-charged-particle veto", () => {
  it("with a NewCHOD (2018-S2) vetoes only the CHOD–NewCHOD coincidence", () => {
    const c = loadPeriod("2018-S2");
    assert.equal(survival("2018-S2", Hit.CHOD), 1);
    assert.equal(survival("2018-S2", Hit.NEWCHOD), 1);
    const both = survival("2018-S2", Hit.CHOD | Hit.NEWCHOD);
    const miss = chargedMiss(c.chod.efficiency * c.newchod.efficiency, c.multiplicity.chargedIneffScale);
    assert.ok(Math.abs(both - miss) < 1e-12, `${both}`);
    assert.ok(
      miss > 1 - c.chod.efficiency * c.newchod.efficiency,
      "the calibrated scale raises the miss probability",
    );
  });

  it("without a NewCHOD (2016) the CHOD alone vetoes with its efficiency", () => {
    const c = loadPeriod("2016");
    assert.equal(c.newchod.present, false);
    const alone = survival("2016", Hit.CHOD);
    const miss = chargedMiss(c.chod.efficiency, c.multiplicity.chargedIneffScale);
    assert.ok(Math.abs(alone - miss) < 1e-12, `${alone}`);
    // the NewCHOD acceptance bit means nothing when the detector is absent
    assert.equal(survival("2016", Hit.NEWCHOD), 1);
    assert.ok(Math.abs(survival("2016", Hit.CHOD | Hit.NEWCHOD) - miss) < 1e-12);
  });
});

describe("multiplicity rejection (src/detector/multiplicity.ts)", () => {
  it("scales the per-detector miss probability and caps it at 1", () => {
    assert.ok(Math.abs(chargedMiss(0.99, 1) - 0.01) < 1e-15);
    assert.ok(Math.abs(chargedMiss(0.99, 2) - 0.02) < 1e-15);
    assert.equal(chargedMiss(0.5, 3), 1);
  });

  it("adds the event-wide failure only to events with an extra charged particle in a veto", () => {
    const card = loadPeriod("2018-S2", ["multiplicity.commonMiss=1e-4"]);
    const mult = Float64Array.of(1, 1e-9, 0.5);
    new Multiplicity(card).process({ r: { mult } } as unknown as DetectorContext, 0, 3);
    assert.equal(mult[0], 1);
    assert.ok(Math.abs(mult[1] - (1e-4 + (1 - 1e-4) * 1e-9)) < 1e-18);
    assert.ok(Math.abs(mult[2] - (1e-4 + (1 - 1e-4) * 0.5)) < 1e-15);
    assert.throws(() => loadPeriod("2018-S2", ["multiplicity.commonMiss=2"]), /multiplicity.commonMiss/);
  });
});

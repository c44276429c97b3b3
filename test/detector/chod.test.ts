import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_SLOTS } from "../../src/core/batch.ts";
import { loadPeriod } from "../../src/detector/card.ts";
import { Chod } from "../../src/detector/chod.ts";
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
    assert.ok(Math.abs(both - (1 - c.chod.efficiency * c.newchod.efficiency)) < 1e-12, `${both}`);
  });

  it("without a NewCHOD (2016) the CHOD alone vetoes with its efficiency", () => {
    const c = loadPeriod("2016");
    assert.equal(c.newchod.present, false);
    const alone = survival("2016", Hit.CHOD);
    assert.ok(Math.abs(alone - (1 - c.chod.efficiency)) < 1e-12, `${alone}`);
    // the NewCHOD acceptance bit means nothing when the detector is absent
    assert.equal(survival("2016", Hit.NEWCHOD), 1);
    assert.ok(Math.abs(survival("2016", Hit.CHOD | Hit.NEWCHOD) - (1 - c.chod.efficiency)) < 1e-12);
  });
});

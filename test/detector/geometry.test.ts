import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  geometry,
  inChod,
  inHasc,
  inIrc,
  inLkr,
  inMuv0,
  inMuv1,
  inMuv3,
  inNewChod,
  inRich,
  inSac,
  inStraw,
  magnetCentreZ,
} from "../../src/detector/geometry.ts";

const g = geometry();

describe("geometry: the acceptance rules of [NA62-FW-2019] (GeometricAcceptance.cc) on test points", () => {
  it("z planes and apertures are those of the NA62 analysis code", () => {
    assert.deepEqual(g.straw.z, [183508, 194066, 204459, 218885]);
    assert.deepEqual(g.straw.holeCentreX, [101.2, 114.4, 92.4, 52.8]);
    assert.equal(g.lkr.z, 241093);
    assert.equal(g.lav.zFront.length, 12);
    assert.equal(g.lav.rInner[11], 1070);
    assert.equal(magnetCentreZ(g), 196995);
  });

  it("LKr: inner hole R > 150 mm and a regular octagon of apothem 1130 mm", () => {
    assert.equal(inLkr(g, 0, 0), false);
    assert.equal(inLkr(g, 149, 0), false);
    assert.equal(inLkr(g, 0, 151), true);
    assert.equal(inLkr(g, 1129, 0), true);
    assert.equal(inLkr(g, 1131, 0), false);
    assert.equal(inLkr(g, 0, -1131), false);
    // the 45° faces: |x| + |y| < √2 · 1130 = 1598.07
    assert.equal(inLkr(g, 790, 790), true);
    assert.equal(inLkr(g, -800, 800), false);
    assert.equal(inLkr(g, 1100, 497), true);
    assert.equal(inLkr(g, 1100, 499), false);
  });

  it("STRAW: outside the beam hole in both view pairs, R < 1000 mm", () => {
    const c = g.straw.holeCentreX[0];
    assert.equal(inStraw(g, 0, c, 0), false, "hole centre");
    // x view outside (70 > 63.8) but u = v = 49.5 inside the (u, v) square: one view only
    assert.equal(inStraw(g, 0, c + 70, 0), false);
    // (70, 70): x/y views outside, v = 99 outside → accepted
    assert.equal(inStraw(g, 0, c + 70, 70), true);
    // along the diagonal u = 0, v = 84.9: x = y = 60 inside the x/y square → rejected
    assert.equal(inStraw(g, 0, c + 60, 60), false);
    // just outside the square in y and inside the rotated square's corner: both views outside
    assert.equal(inStraw(g, 0, c + 45, 65), true);
    // outer radius about the nominal axis (not the hole centre)
    assert.equal(inStraw(g, 0, 990, 100), true);
    assert.equal(inStraw(g, 0, 990, 200), false);
    // each chamber has its own hole centre
    assert.equal(inStraw(g, 3, g.straw.holeCentreX[3], 0), false);
    assert.equal(inStraw(g, 3, g.straw.holeCentreX[3] + 100, 100), true);
  });

  it("RICH, CHOD, NewCHOD, IRC, MUV1, MUV3, SAC, MUV0, HASC", () => {
    assert.equal(inRich(g, 34 + 99, 0), false, "RICH hole is centred at x = +34");
    assert.equal(inRich(g, 34 + 101, 0), true);
    assert.equal(inRich(g, -70, 0), true);
    assert.equal(inChod(g, 129, 0), false);
    assert.equal(inChod(g, 131, 0), true);
    assert.equal(inChod(g, 0, 1101), false);
    assert.equal(inNewChod(g, 139, 0), false);
    assert.equal(inNewChod(g, 1069, 0), true);
    assert.equal(inIrc(g, 59, 0), false);
    assert.equal(inIrc(g, 100, 0), true);
    assert.equal(inIrc(g, 146, 0), false);
    assert.equal(inMuv1(g, 129, 0), false);
    assert.equal(inMuv1(g, 1099, 1099), true, "MUV1 is a square");
    assert.equal(inMuv3(g, 0, 102), false);
    assert.equal(inMuv3(g, 0, 104), true);
    assert.equal(inMuv3(g, 1320.3, 0), true, "half the 0.8 mm central gap widens x");
    assert.equal(inMuv3(g, 1320.5, 0), false);
    assert.equal(inMuv3(g, 0, 1320.3), false);
    assert.equal(inSac(g, 99, -99), true);
    assert.equal(inSac(g, 101, 0), false);
    assert.equal(inMuv0(g, 2245, 0), true);
    assert.equal(inMuv0(g, 1500, 0), false);
    assert.equal(inHasc(g, -300, 0, 1), true);
    assert.equal(inHasc(g, 300, 0, 1), false);
    assert.equal(inHasc(g, 300, 0, 2), true, "the second HASC module mirrors the first");
  });
});

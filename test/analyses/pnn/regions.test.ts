import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { selectionFor } from "../../../src/analyses/pnn/conditions.ts";
import { Region, RegionClassifier } from "../../../src/analyses/pnn/regions.ts";
import { assertRel } from "../../helpers/stat.ts";

const s2 = new RegionClassifier(selectionFor("2018-S2").params);
const y2017 = new RegionClassifier(selectionFor("2017").params);

describe("pnn regions", () => {
  it("K+ -> mu+ nu under the pi+ hypothesis sits where [NA62-PNN-2018] puts it", () => {
    // exact two-body kinematics for a 75 GeV/c kaon ([NA62-PNN-2018] 'Kinematic facts')
    const published: [number, number][] = [
      [15, -0.0333],
      [25, -0.0166],
      [35, -0.0095],
      [45, -0.0055],
    ];
    for (const [p, m2] of published) assertRel(s2.kmu2M2(p), m2, 0.02, `m²(Kμ2) at ${p} GeV/c`);
  });

  it("classifies points of every region (2018-S2)", () => {
    // p, m2, m2rich, m2beam → region
    const cases: [number, number, number, number, number][] = [
      [20, -0.08, -0.08, -0.08, Region.BELOW],
      [20, -0.03, -0.03, -0.03, Region.KMU2],
      [30, -0.002, 0, 0, Region.CR_KMU2],
      [18, 0.005, 0.005, 0.005, Region.R1],
      [30, 0.005, 0.005, 0.005, Region.R1],
      [30, 0.012, 0.012, 0.012, Region.CR1],
      [30, 0.018, 0.018, 0.018, Region.PIPI],
      [30, 0.023, 0.023, 0.023, Region.CR2],
      [40, 0.04, 0.04, 0.04, Region.R2],
      [30, 0.09, 0.09, 0.09, Region.K3PI],
    ];
    for (const [p, m2, mr, mb, want] of cases) {
      assert.equal(s2.region(p, m2, mr, mb), want, `p=${p} m2=${m2}`);
    }
  });

  it("applies the RICH and beam m²miss constraints and the momentum limits", () => {
    // R1 at low p: m²_RICH must lie in (0, 0.01]
    assert.equal(s2.region(18, 0.005, 0.015, 0.005), Region.NONE);
    // middle p accepts m²_RICH up to 0.02
    assert.equal(s2.region(22, 0.005, 0.015, 0.005), Region.R1);
    // R1 m²_beam window (−0.005, 0.0135]
    assert.equal(s2.region(22, 0.005, 0.005, 0.02), Region.NONE);
    // R2 needs m²_beam in (0.024, 0.068]
    assert.equal(s2.region(30, 0.04, 0.04, 0.02), Region.NONE);
    // R1 closes above 35 GeV/c; R2 is open to 45 GeV/c in 2018 but not in 2017
    assert.equal(s2.region(40, 0.005, 0.005, 0.005), Region.NONE);
    assert.equal(s2.region(40, 0.04, 0.04, 0.04), Region.R2);
    assert.equal(y2017.region(40, 0.04, 0.04, 0.04), Region.NONE);
  });

  it("bins the momentum in 5 GeV/c bins from 15 GeV/c", () => {
    assert.equal(s2.nBins, 6);
    assert.equal(y2017.nBins, 4);
    assert.equal(s2.bin(14.99), -1);
    assert.equal(s2.bin(15), 0);
    assert.equal(s2.bin(24.9), 1);
    assert.equal(s2.bin(44.9), 5);
    assert.equal(s2.bin(45), -1);
    assert.equal(y2017.bin(36), -1);
    assert.deepEqual(s2.binRange(2), [25, 30]);
  });
});

describe("pnn regions: missing measurements", () => {
  it("an event without a RICH momentum (NaN m²_RICH) is in no signal or π⁺π⁰ region", () => {
    assert.equal(s2.region(30, 0.005, Number.NaN, 0.005), Region.NONE);
    assert.equal(s2.region(30, 0.018, Number.NaN, 0.018), Region.NONE);
    assert.equal(s2.region(30, 0.04, Number.NaN, 0.04), Region.NONE);
    assert.equal(s2.region(30, Number.NaN, 0.04, 0.04), Region.NONE);
  });
});

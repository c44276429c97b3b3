import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { pi0LkrAcceptance } from "../../../src/analyses/pi0inv/acceptance.ts";
import type { PnnReco } from "../../../src/analyses/pnn/columns.ts";
import { geometry } from "../../../src/detector/geometry.ts";

/** one event: a 75 GeV/c K⁺ along the axis decaying at z = 150 m, the π⁺ of momentum p at slope tx */
function event(p: number, tx: number): PnnReco {
  const f = (x: number) => Float64Array.of(x);
  return {
    pK: f(75),
    txK: f(0),
    tyK: f(0),
    pTrack: f(p),
    txTrack: f(tx),
    tyTrack: f(0),
    xVtx: f(0),
    yVtx: f(0),
    zVtx: f(150000),
  } as unknown as PnnReco;
}

/** the π⁰ impact radius at the LKr plane by momentum balance in x */
function pi0Radius(p: number, tx: number): number {
  const pzPi = p / Math.sqrt(1 + tx * tx);
  return (Math.abs(pzPi * tx) / (75 - pzPi)) * (geometry().lkr.z - 150000);
}

describe("pi0inv π⁰ acceptance", () => {
  it("is off for rMin ≤ 0", () => {
    assert.equal(pi0LkrAcceptance(0), null);
  });

  it("keeps a π⁰ pointing into the LKr beyond rMin, refuses one along the beam or outside the octagon", () => {
    const acc150 = pi0LkrAcceptance(150)!;
    const acc300 = pi0LkrAcceptance(300)!;
    // π⁺ collinear with the K⁺: the π⁰ goes down the beam pipe
    assert.equal(acc150(event(25, 0), 0), false);
    // π⁺ at −4 mrad: the π⁰ at ≈ +2 mrad, ≈ 180 mm from the axis at the LKr
    const r = pi0Radius(25, -0.004);
    assert.ok(r > 150 && r < 300, String(r));
    assert.equal(acc150(event(25, -0.004), 0), true);
    assert.equal(acc300(event(25, -0.004), 0), false);
    // π⁺ at −40 mrad: the π⁰ beyond the octagon's apothem (1130 mm)
    assert.ok(pi0Radius(25, -0.04) > 1130);
    assert.equal(acc150(event(25, -0.04), 0), false);
  });
});

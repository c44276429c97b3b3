import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Achromat, fieldKick } from "../../src/detector/achromat.ts";
import { geometry } from "../../src/detector/geometry.ts";

const g = geometry();
const a = new Achromat(g);
const [z5s, z6s] = g.achromat.zStart;
const [z5e, z6e] = g.achromat.zEnd;

/** exact circular arc of a particle crossing a uniform field: slope angle and y (mm) after it */
function arc(theta: number, y: number, lengthMm: number, radiusMm: number): [number, number] {
  const s2 = Math.sin(theta) + lengthMm / radiusMm;
  const t2 = Math.asin(s2);
  return [t2, y + radiusMm * (Math.cos(theta) - Math.cos(t2))];
}

describe("B5/B6 achromat dipoles", () => {
  it("1.6678 T over 2.5 m is a 1.250 GeV/c kick; the 75 GeV/c beam is displaced by 60 mm at GTK2", () => {
    assert.ok(Math.abs(fieldKick(1.6678, 2500) - 1.25) < 1e-3);
    // regions upstream first: B3, B4, B5, B6
    assert.equal(a.kick.length, 4);
    assert.ok(Math.abs(a.kick[2] - 1.25) < 1e-3 && Math.abs(a.kick[3] + 1.25) < 1e-3);
    // a 75 GeV/c kaon on the axis at GTK3, traced back to GTK2
    const s = Float64Array.from([0, 0, g.gtk.z[2], 0, 0, 75]);
    a.backtrack(s, 1, g.gtk.z[1]);
    assert.ok(Math.abs(s[1] + 60.0) < 0.1, `y at GTK2 ${s[1]} mm ([NA62-JINST-2017]: ~60 mm)`);
    assert.ok(Math.abs(s[4]) < 1e-9, "parallel to the axis before B5 (achromat closure)");
  });

  it("the four dipoles close: a beam particle on the axis at GTK1 is on the axis and parallel at GTK3, at any momentum that stays in the gap", () => {
    for (const p of [60, 75, 90]) {
      const s = Float64Array.from([0, 0, g.gtk.z[0], 0, 0, p]);
      assert.ok(a.propagate(s, 1, g.gtk.z[2]));
      assert.ok(Math.abs(s[1]) < 1e-6 && Math.abs(s[4]) < 1e-9, `${p} GeV/c: y ${s[1]} mm at GTK3`);
      // at GTK2 it is displaced by −60 mm × 75/p
      const m = Float64Array.from([0, 0, g.gtk.z[0], 0, 0, p]);
      a.propagate(m, 1, g.gtk.z[1]);
      assert.ok(Math.abs(m[1] + (60 * 75) / p) < 0.2, `${p} GeV/c: y at GTK2 ${m[1]} mm`);
    }
    // a 15 GeV/c pion would be 300 mm below the axis at GTK2: outside the ±halfY gap
    const low = Float64Array.from([0, 0, g.gtk.z[0], 0, 0, 15]);
    assert.equal(a.propagate(low, 1, g.gtk.z[2]), false);
  });

  it("a 20 GeV/c π⁺ from the axis upstream of B5 ends at the exact arc's displacement", () => {
    const p = 20;
    const z0 = z5s - 500;
    const s = Float64Array.from([0, 0, z0, 0, 0, p]);
    assert.ok(a.propagate(s, 1, z6e + 2000));
    // exact helix: radius R = p / (0.29979 B), B5 bends up, B6 down
    const R = (p / (0.299792458 * g.achromat.field)) * 1000;
    let [t, y] = arc(0, 0, z5e - z5s, R);
    y += Math.tan(t) * (z6s - z5e);
    [t, y] = arc(t, y, z6e - z6s, -R);
    y += Math.tan(t) * 2000;
    // analytic: 1.25 GeV/c / 20 GeV/c = 62.5 mrad over the 3.6 m between the dipole centres
    assert.ok(Math.abs(y - 0.0625 * 3600) < 1, `y ${y} vs the paraxial 225 mm`);
    // the thin-lens kicks reproduce the arc to O(L·θ³) ≈ 0.1 mm
    assert.ok(Math.abs(s[1] - y) < 0.2, `thin lens ${s[1]} vs exact arc ${y} mm`);
    assert.ok(Math.abs(s[4] / s[5] - Math.tan(t)) < 1e-4, "exit slope");
    assert.equal(s[0], 0);
    // a π⁻ is swept the other way; a neutral particle goes straight
    const m = Float64Array.from([0, 0, z0, 0, 0, p]);
    a.propagate(m, -1, z6e + 2000);
    assert.ok(Math.abs(m[1] + s[1]) < 1e-9);
    const n = Float64Array.from([0, 0, z0, 0, 0.01, p]);
    a.propagate(n, 0, z6e + 2000);
    assert.ok(Math.abs(n[1] - 0.0005 * (z6e + 2000 - z0)) < 1e-6);
  });

  it("a particle born inside B6 gets the kick of the field it crosses only", () => {
    const p = 30;
    const z0 = 0.5 * (z6s + z6e);
    const s = Float64Array.from([0, 0, z0, 0, 0, p]);
    assert.ok(a.propagate(s, 1, z6e));
    const half = 0.5 * (z6e - z6s);
    // kick 0.625 GeV/c applied at the centre of the crossed half: Δy = −(0.625/30)·half/2
    // (to second order in the 21 mrad angle: 0.02% of the 13 mm)
    assert.ok(Math.abs(s[1] + (0.625 / p) * 0.5 * half) < 0.01, `${s[1]}`);
  });

  it("the dipole gap absorbs what leaves it; backtrack inverts propagate", () => {
    const out = Float64Array.from([0, g.achromat.halfY + 1, z5s - 10, 0, 0, 50]);
    assert.equal(a.propagate(out, 1, z6e), false);
    const wide = Float64Array.from([g.achromat.halfX + 1, 0, z5s - 10, 0, 0, 50]);
    assert.equal(a.propagate(wide, 1, z6e), false);
    const s = Float64Array.from([3, -20, z5s - 300, 0.01, 0.02, 40]);
    const s0 = Float64Array.from(s);
    assert.ok(a.propagate(s, 1, g.gtk.z[2]));
    a.backtrack(s, 1, s0[2]);
    for (const k of [0, 1, 2, 4, 5]) assert.ok(Math.abs(s[k] - s0[k]) < 1e-9, `component ${k}`);
  });
});

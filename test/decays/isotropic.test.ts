/**
 * One isotropic-direction kernel: cos θ = 2u₀ − 1, φ = 2πu₁ (isotropic() in src/core/rng/samplers.ts,
 * with libm cos/sin). emitTwoBody (src/decays/phase-space.ts) computes the same direction with a
 * table for cos/sin φ and is itself written out in the two-body generator and the π⁰ → γγ loop
 * (docs/generation.md, "Derived copies"). These tests keep the copies in step.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { EventBatch } from "../../src/core/batch.ts";
import { isotropic } from "../../src/core/rng/samplers.ts";
import { stream } from "../../src/core/rng/streams.ts";
import { emitTwoBody, isotropicPair } from "../../src/decays/phase-space.ts";

const root = new URL("../..", import.meta.url).pathname;

/** the direction of (u0, u1) by the definition */
function direction(u0: number, u1: number): [number, number, number] {
  const c = 2 * u0 - 1;
  const s = Math.sqrt(Math.max(0, 1 - c * c));
  const phi = 2 * Math.PI * u1;
  return [s * Math.cos(phi), s * Math.sin(phi), c];
}

describe("isotropic direction: one definition, derived copies that agree", () => {
  it("isotropic() draws cos θ then φ from the stream, as the definition says", () => {
    const a = stream(5, 0, "iso-test");
    const b = stream(5, 0, "iso-test");
    const out = new Float64Array(3);
    for (let i = 0; i < 1000; i++) {
      isotropic(a, out);
      const d = direction(b.uniform(), b.uniform());
      for (let k = 0; k < 3; k++) assert.equal(out[k], d[k]);
    }
  });

  it("isotropicPair emits the definition's direction, back to back", () => {
    const a = stream(6, 0, "iso-pair");
    const b = stream(6, 0, "iso-pair");
    const batch = new EventBatch(1);
    const q = 0.2;
    for (let i = 0; i < 1000; i++) {
      isotropicPair(batch, a, 0, 1, q, 0.1396, 0.135);
      const d = direction(b.uniform(), b.uniform());
      for (const [k, col] of [batch.px, batch.py, batch.pz].entries()) {
        assert.ok(Math.abs(col[0] - q * d[k]) < 1e-16, `component ${k}`);
        assert.equal(col[1] + col[0], 0);
      }
    }
  });

  it("emitTwoBody's table cos/sin give the definition's direction within 1e-15 (parent at rest)", () => {
    const batch = new EventBatch(1);
    const M = 0.493677;
    batch.mass[0] = M;
    batch.e[0] = M;
    const q = 0.205;
    const kin = Float64Array.of(q, Math.hypot(q, 0.13957), Math.hypot(q, 0.13498));
    const rng = stream(7, 0, "iso-emit");
    const u = new Float64Array(2);
    let worst = 0;
    for (let i = 0; i < 20000; i++) {
      u[0] = rng.uniform();
      u[1] = i < 4 ? [0, 0.25, 0.5, 0.999999][i] : rng.uniform();
      emitTwoBody(batch, 0, 1, 2, kin, u, 0);
      const d = direction(u[0], u[1]);
      for (const [k, col] of [batch.px, batch.py, batch.pz].entries()) {
        worst = Math.max(worst, Math.abs(col[1] / q - d[k]));
        assert.equal(col[2] + col[1], 0);
      }
    }
    assert.ok(worst < 1e-15, `largest difference ${worst}`);
  });

  it("copies of the kernel in src/ are the documented ones", () => {
    // a new copy of the kernel belongs in docs/generation.md's list (or should call isotropic())
    const documented = readFileSync(join(root, "docs/generation.md"), "utf8");
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((n) => {
        const p = join(d, n);
        return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
      });
    const copies = walk(join(root, "src"))
      .filter((f) => /2 \* (rng\.uniform\(\)|u\[[^\]]+\]) - 1/.test(readFileSync(f, "utf8")))
      .map((f) => relative(root, f));
    assert.ok(copies.length > 0);
    for (const f of copies)
      assert.ok(
        documented.includes(f),
        `${f} holds a copy of the isotropic kernel not listed in docs/generation.md`,
      );
  });
});

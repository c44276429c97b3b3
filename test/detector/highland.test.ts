/**
 * One Highland formula: highland() in src/detector/response-math.ts is the source of truth. Two
 * hot paths carry a derived copy written out for V8 (docs/generation.md, "Derived copies"): the
 * RICH-material scattering of the transport and SingleScattering.thetaMin. This test keeps them in
 * step: the copies give what highland() gives, and no other copy of the formula appears in src/.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { geometry, singleScatteringParams } from "../../src/detector/geometry.ts";
import { highland } from "../../src/detector/response-math.ts";
import { SingleScattering } from "../../src/detector/single-scattering.ts";

const root = new URL("../..", import.meta.url).pathname;
const walk = (d: string): string[] =>
  readdirSync(d).flatMap((n) => {
    const p = join(d, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });

/** the files allowed to write the Highland constants out, and the source of truth */
const SOURCE = "src/detector/response-math.ts";
const DERIVED = ["src/detector/transport.ts", "src/detector/single-scattering.ts"];

describe("Highland formula: one source, derived copies that agree", () => {
  it("the constants 13.6 MeV and 0.038 appear only in the source and its documented copies", () => {
    const found = walk(join(root, "src"))
      .filter((f) => /0\.0136\b/.test(readFileSync(f, "utf8")))
      .map((f) => relative(root, f))
      .sort();
    assert.deepEqual(found, [SOURCE, ...DERIVED].sort());
    for (const f of DERIVED) {
      const lines = readFileSync(join(root, f), "utf8").split("\n");
      lines.forEach((l, i) => {
        if (!/0\.0136\b/.test(l)) return;
        const around = lines.slice(Math.max(0, i - 6), i + 1).join("\n");
        assert.match(
          around,
          /highland\(/,
          `${f}:${i + 1}: a copy of the formula must name highland() beside it`,
        );
        assert.match(lines.join("\n"), /0\.038 \* Math\.log\(/, `${f}: the logarithmic term`);
      });
    }
  });

  it("SingleScattering.thetaMin is minSigma × highland(p, 1, x/X₀) to the last bits", () => {
    const params = singleScatteringParams(geometry());
    for (const x of [1e-4, 0.0045, 0.005, 0.02, 0.1]) {
      const s = new SingleScattering(x, params);
      for (const p of [0.5, 2, 15, 35, 75]) {
        const want = params.minSigma * highland(p, 1, x);
        assert.ok(
          Math.abs(s.thetaMin(p) - want) <= 4e-16 * want,
          `x/X₀ ${x}, p ${p}: ${s.thetaMin(p)} vs ${want}`,
        );
      }
    }
  });

  it("the transport's written-out expression is highland()'s, operation for operation", () => {
    const src = readFileSync(join(root, "src/detector/transport.ts"), "utf8").replace(/\s+/g, " ");
    const def = readFileSync(join(root, SOURCE), "utf8").replace(/\s+/g, " ");
    const body =
      /return (\(0\.0136 \/ \(beta \* p\)\) \* Math\.sqrt\(xOverX0\) \* \(1 \+ 0\.038 \* Math\.log\(xOverX0 \/ \(beta \* beta\)\)\));/.exec(
        def,
      );
    assert.ok(body, "highland() has its expected form");
    const copy = body[1].replaceAll("xOverX0", "x");
    assert.ok(src.includes(copy), `transport.ts no longer writes out ${copy}`);
  });
});

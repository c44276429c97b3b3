import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { philox4x32 } from "../../src/core/rng/philox.ts";
import {
  AcceptReject,
  AliasTable,
  exponential,
  normal,
  truncatedExponential,
} from "../../src/core/rng/samplers.ts";
import { stageId, stream } from "../../src/core/rng/streams.ts";
import { Xoshiro128 } from "../../src/core/rng/xoshiro128.ts";
import { assertPull, chi2, chi2Bound } from "../helpers/stat.ts";

describe("Philox4x32-10 known answers (Random123 kat_vectors)", () => {
  const cases: [number[], number[], number[]][] = [
    [
      [0, 0, 0, 0],
      [0, 0],
      [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
    ],
    [
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
      [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
    ],
    [
      [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
      [0xa4093822, 0x299f31d0],
      [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
    ],
  ];
  for (const [ctr, key, want] of cases) {
    it(`ctr ${ctr.map((x) => x.toString(16)).join(" ")}`, () => {
      assert.deepEqual(philox4x32(ctr as [number, number, number, number], key as [number, number]), want);
    });
  }
});

describe("xoshiro128** known answers", () => {
  // reference outputs of Vigna's C implementation for this state, published as test data in
  // github.com/edorfaus/xoshiro-6502 (test-rom/testdata.asm: VerifyValuesXoshiro128, starstar column)
  const seed = [0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0] as const;
  it("first four outputs and the state after them", () => {
    const x = new Xoshiro128(...seed);
    assert.deepEqual(
      [x.nextU32(), x.nextU32(), x.nextU32(), x.nextU32()],
      [0xf1391922, 0x6fe53806, 0xa5be2840, 0xf510ee70],
    );
    assert.deepEqual(x.state(), [0xfc65379c, 0x52006d70, 0x87487639, 0xf1908343]);
  });
  it("jump()", () => {
    const x = new Xoshiro128(...seed);
    x.jump();
    assert.deepEqual(x.state(), [0x2a6dd50d, 0x01177499, 0xd7eb7d01, 0xddc48284]);
  });
  it("rejects the all-zero state", () => {
    assert.throws(() => new Xoshiro128(0, 0, 0, 0), /all-zero/);
  });
  it("uniform() lies in the open interval (0, 1)", () => {
    const x = new Xoshiro128(1, 0, 0, 0);
    for (let i = 0; i < 1e5; i++) {
      const u = x.uniform();
      assert.ok(u > 0 && u < 1);
    }
  });
});

describe("keyed streams", () => {
  it("are deterministic and differ by seed, shard and stage", () => {
    const a = stream(42, 3, "beam").state();
    assert.deepEqual(stream(42, 3, "beam").state(), a);
    assert.notDeepEqual(stream(43, 3, "beam").state(), a);
    assert.notDeepEqual(stream(42, 4, "beam").state(), a);
    assert.notDeepEqual(stream(42, 3, "decay").state(), a);
    assert.notDeepEqual(stream(2 ** 40 + 42, 3, "beam").state(), a);
  });
  it("stage ids are FNV-1a (a stable format)", () => {
    assert.equal(stageId(""), 0x811c9dc5);
    assert.equal(stageId("a"), 0xe40c292c);
  });
  it("streams of neighbouring shards are uncorrelated", () => {
    const N = 200000;
    const a = stream(1, 0, "beam");
    const b = stream(1, 1, "beam");
    let sab = 0;
    for (let i = 0; i < N; i++) sab += (a.uniform() - 0.5) * (b.uniform() - 0.5);
    // E = 0, σ = (1/12)/√N
    assertPull(sab / N, 0, 1 / 12 / Math.sqrt(N), 5, "correlation");
  });
  it("rejects a negative or fractional seed", () => {
    assert.throws(() => stream(-1, 0, "x"), /seed/);
    assert.throws(() => stream(1.5, 0, "x"), /seed/);
  });
});

describe("samplers", () => {
  const N = 400000;
  it("normal: mean 0, variance 1, kurtosis 3, tail fraction", () => {
    const r = stream(7, 0, "normal");
    let s = 0;
    let s2 = 0;
    let s4 = 0;
    let tail = 0;
    for (let i = 0; i < N; i++) {
      const x = normal(r);
      s += x;
      s2 += x * x;
      s4 += x ** 4;
      if (Math.abs(x) > 3.442619855899) tail++; // the ziggurat's base strip
    }
    assertPull(s / N, 0, 1 / Math.sqrt(N), 5, "mean");
    assertPull(s2 / N, 1, Math.sqrt(2 / N), 5, "variance");
    assertPull(s4 / N, 3, Math.sqrt(96 / N), 5, "fourth moment");
    const pTail = 5.76e-4; // 2·(1 − Φ(3.4426))
    assertPull(tail / N, pTail, Math.sqrt(pTail / N), 5, "tail fraction beyond r");
  });
  it("normal: χ² against Φ in 40 bins", () => {
    const r = stream(8, 0, "normal");
    const bins = 40;
    const obs = new Float64Array(bins);
    for (let i = 0; i < N; i++) {
      const x = normal(r);
      const k = Math.floor((x + 4) / (8 / bins));
      if (k >= 0 && k < bins) obs[k]++;
    }
    const cdf = (x: number) => 0.5 * (1 + erf(x / Math.SQRT2));
    const exp = Array.from(
      { length: bins },
      (_, k) => N * (cdf(-4 + ((k + 1) * 8) / bins) - cdf(-4 + (k * 8) / bins)),
    );
    const c = chi2(obs, exp);
    assert.ok(c.chi2 < chi2Bound(c.dof), `χ² = ${c.chi2} for ${c.dof} dof`);
  });
  it("exponential (ziggurat): χ² against e^{−x} in 40 bins, including the tail beyond r = 7.697", () => {
    const r = stream(13, 0, "exp");
    const bins = 40;
    const obs = new Float64Array(bins + 1);
    for (let i = 0; i < N; i++) {
      const x = exponential(r);
      obs[Math.min(bins, Math.floor(x / 0.25))]++;
    }
    const exp = Array.from({ length: bins + 1 }, (_, k) =>
      k < bins ? N * (Math.exp(-k * 0.25) - Math.exp(-(k + 1) * 0.25)) : N * Math.exp(-bins * 0.25),
    );
    const c = chi2(obs, exp);
    assert.ok(c.chi2 < chi2Bound(c.dof), `χ² = ${c.chi2} for ${c.dof} dof`);
  });
  it("exponential: mean 1, variance 1", () => {
    const r = stream(9, 0, "exp");
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      const x = exponential(r);
      s += x;
      s2 += x * x;
    }
    assertPull(s / N, 1, 1 / Math.sqrt(N), 5, "mean");
    assertPull(s2 / N - (s / N) ** 2, 1, Math.sqrt(8 / N), 5, "variance");
  });
  it("truncated exponential stays in range with the analytic mean", () => {
    const r = stream(10, 0, "texp");
    const a = 0.5;
    const b = 2;
    let s = 0;
    for (let i = 0; i < N; i++) {
      const x = truncatedExponential(r, a, b);
      assert.ok(x >= a && x <= b);
      s += x;
    }
    const Z = Math.exp(-a) - Math.exp(-b);
    const mean = ((a + 1) * Math.exp(-a) - (b + 1) * Math.exp(-b)) / Z;
    const m2 = ((a * a + 2 * a + 2) * Math.exp(-a) - (b * b + 2 * b + 2) * Math.exp(-b)) / Z;
    assertPull(s / N, mean, Math.sqrt((m2 - mean * mean) / N), 5, "mean");
  });
  it("alias table reproduces its probabilities (χ²) and rejects bad weights", () => {
    const w = [0.6356, 0.2067, 0.05583, 0.0507, 0.03352, 0.0176, 1e-5, 0];
    const t = new AliasTable(w);
    const r = stream(11, 0, "alias");
    const obs = new Float64Array(w.length);
    for (let i = 0; i < N; i++) obs[t.sample(r)]++;
    assert.equal(obs[w.length - 1], 0, "zero weight never drawn");
    const c = chi2(
      obs,
      Array.from(t.probabilities, (p) => p * N),
    );
    assert.ok(c.chi2 < chi2Bound(c.dof), `χ² = ${c.chi2} for ${c.dof} dof`);
    assert.throws(() => new AliasTable([]), /no weights/);
    assert.throws(() => new AliasTable([1, -1]), /weight 1/);
    assert.throws(() => new AliasTable([0, 0]), /sum to zero/);
  });
  it("accept/reject: efficiency = ∫w/wmax, and it counts majorant violations", () => {
    const r = stream(12, 0, "ar");
    const ar = new AcceptReject(1);
    let acc = 0;
    for (let i = 0; i < N; i++) {
      const x = r.uniform();
      if (ar.accept(r, x * x)) acc++;
    }
    assertPull(acc / N, 1 / 3, Math.sqrt(((1 / 3) * (2 / 3)) / N), 5, "efficiency");
    assert.equal(ar.violations, 0);
    ar.accept(r, 2);
    assert.equal(ar.violations, 1);
    assert.throws(() => new AcceptReject(0), /majorant/);
  });
});

/** erf by Abramowitz–Stegun 7.1.26 refined with a Taylor/continued-fraction switch (|ε| < 1e-12) */
function erf(x: number): number {
  const t = Math.abs(x);
  if (t < 2.5) {
    let sum = t;
    let term = t;
    for (let n = 1; n < 200; n++) {
      term *= (-t * t) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17) break;
    }
    return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  // continued fraction for erfc
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (t + f);
  const erfc = Math.exp(-t * t) / Math.sqrt(Math.PI) / (t + f);
  return Math.sign(x) * (1 - erfc);
}

describe("bulk fills draw the same numbers as single draws", () => {
  it("fillUniform ≡ uniform() and fillNormal ≡ normal(), state included", async () => {
    const { fillExponential, fillNormal, fillUniform } = await import("../../src/core/rng/samplers.ts");
    const n = 100_000;
    const a = stream(31, 0, "bulk");
    const b = stream(31, 0, "bulk");
    const bufU = new Float64Array(n);
    fillUniform(a, bufU, n);
    for (let i = 0; i < n; i++) assert.equal(bufU[i], b.uniform());
    const bufN = new Float64Array(n);
    fillNormal(a, bufN, n); // includes ziggurat wedge and tail draws (~1.2% of them)
    for (let i = 0; i < n; i++) assert.equal(bufN[i], normal(b));
    const bufE = new Float64Array(n);
    fillExponential(a, bufE, n);
    for (let i = 0; i < n; i++) assert.equal(bufE[i], exponential(b));
    assert.deepEqual(a.state(), b.state());
  });

  it("AliasTable.count ≡ n calls of sample(), state included", async () => {
    const { AliasTable } = await import("../../src/core/rng/samplers.ts");
    const t = new AliasTable([0.6356, 0.2067, 0.0558, 0.0507, 0.0335, 0.0176, 4e-5, 8e-11]);
    const a = stream(32, 0, "alias");
    const b = stream(32, 0, "alias");
    const counted = new Int32Array(t.n);
    t.count(a, counted, 50_000);
    const sampled = new Int32Array(t.n);
    for (let i = 0; i < 50_000; i++) sampled[t.sample(b)]++;
    assert.deepEqual([...counted], [...sampled]);
    assert.deepEqual(a.state(), b.state());
  });
});

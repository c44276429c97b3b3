import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EopResponse } from "../../../src/analyses/munuee/pid.ts";
import { stream } from "../../../src/core/rng/streams.ts";
import { loadPeriod } from "../../../src/detector/card.ts";
import { Lkr } from "../../../src/detector/lkr.ts";
import { NormalStream } from "../../../src/detector/normal-stream.ts";

// the E/p probabilities against the detector model's own draws (an independent estimate)
describe("munuee E/p identification probabilities", () => {
  const card = loadPeriod("2018-S2", []);
  const R = new EopResponse(card.lkr);
  const lkr = new Lkr(card, 241495);
  const N = 200_000;
  const windows: [string, number, number][] = [
    ["e", 0.9, 1.1],
    ["mu", Number.NEGATIVE_INFINITY, 0.2],
    ["pi", Number.NEGATIVE_INFINITY, 0.85],
  ];
  for (const [id, p] of [
    [11, 10],
    [211, 20],
    [211, 7],
    [13, 15],
  ] as const) {
    it(`|pdg| ${id} at ${p} GeV/c: P(window) = the fraction of drawn E/p in it within 5σ`, () => {
      const g = new NormalStream(stream(7, 0, "detector"));
      const counts = [0, 0, 0];
      for (let k = 0; k < N; k++) {
        const f = lkr.deposit(id, p, g) / p;
        windows.forEach(([, lo, hi], j) => {
          if (f > lo && f < hi) counts[j]++;
        });
      }
      windows.forEach(([name, lo, hi], j) => {
        const q = R.prob(id, p, lo, hi);
        const frac = counts[j] / N;
        const sd = Math.sqrt(Math.max(q * (1 - q), 1 / N) / N);
        assert.ok(Math.abs(frac - q) <= 5 * sd + 1e-12, `${name}: drawn ${frac}, probability ${q} (σ ${sd})`);
      });
    });
  }
});

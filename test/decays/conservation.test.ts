import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventBatch, MAX_SLOTS, Status } from "../../src/core/batch.ts";
import { catalogue } from "../../src/decays/catalogue.ts";
import { DecayGenerator, shardStreams } from "../../src/decays/generator.ts";

/** check four-momentum conservation and daughter vertices at every decay vertex of a batch */
function checkBatch(b: EventBatch, what: string): void {
  for (let i = 0; i < b.size; i++) {
    const n = b.nParticles[i];
    const base = i * MAX_SLOTS;
    for (let p = 0; p < n; p++) {
      const P = base + p;
      // mass shell of every particle
      const m2 = b.e[P] ** 2 - b.px[P] ** 2 - b.py[P] ** 2 - b.pz[P] ** 2;
      assert.ok(
        Math.abs(m2 - b.mass[P] ** 2) <= 1e-9 * b.e[P] ** 2,
        `${what}: event ${i} particle ${p} off shell`,
      );
      let sx = 0;
      let sy = 0;
      let sz = 0;
      let se = 0;
      let nd = 0;
      for (let d = 0; d < n; d++) {
        if (b.parent[base + d] !== p) continue;
        const D = base + d;
        sx += b.px[D];
        sy += b.py[D];
        sz += b.pz[D];
        se += b.e[D];
        nd++;
        if (b.status[P] === Status.INTERMEDIATE || b.status[P] === Status.INITIAL) {
          // daughters share one production vertex, downstream of or at the parent's
          assert.ok(b.vz[D] >= b.vz[P] - 1e-9, `${what}: event ${i} daughter ${d} upstream of its parent`);
        }
      }
      if (nd === 0) {
        assert.notEqual(b.status[P], Status.INTERMEDIATE, `${what}: intermediate particle without daughters`);
        continue;
      }
      const scale = b.e[P];
      for (const [a, c, comp] of [
        [sx, b.px[P], "px"],
        [sy, b.py[P], "py"],
        [sz, b.pz[P], "pz"],
        [se, b.e[P], "E"],
      ] as const) {
        assert.ok(
          Math.abs(a - c) <= 1e-9 * scale,
          `${what}: event ${i} vertex of particle ${p}: Σ${comp} ${a} ≠ ${c}`,
        );
      }
    }
  }
}

describe("four-momentum conservation at every decay vertex (1e-9 relative)", () => {
  for (const c of catalogue()) {
    it(c.name, () => {
      const particles = c.name === "K+ -> pi+ X" ? { "X.ctau": 1000, "X.invisible": 0 } : undefined;
      const gen = new DecayGenerator({ channel: c.name, particles });
      const b = new EventBatch(2000);
      gen.fill(b, 2000, shardStreams(5, 0));
      checkBatch(b, c.name);
    });
  }
  it("mix, with forced π⁰ Dalitz and double-Dalitz decays", () => {
    for (const pi0Mode of ["natural", "eeg", "eeee"] as const) {
      const gen = new DecayGenerator({ channel: "mix", pi0Mode });
      const b = new EventBatch(4000);
      gen.fill(b, 4000, shardStreams(6, 0));
      checkBatch(b, `mix/${pi0Mode}`);
    }
  });
});

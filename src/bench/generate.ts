/** Generation benchmark: in-memory beam + decay + secondary decays into columns, one thread. */
import { DecayGenerator, generateShard } from "../decays/generator.ts";
import { type BenchSection, bestRate } from "./section.ts";

export const generateBench: BenchSection = {
  name: "generate",
  description:
    "in-memory generation (beam, vertex, decay, secondary decays, lab frame, into columns) on one thread",
  async run(opts) {
    const out: Record<string, { eventsPerSecond: number }> = {};
    const n = opts.quick ? 200_000 : 3_000_000;
    for (const channel of ["K+ -> pi+ pi0", "mix"]) {
      const gen = new DecayGenerator({ channel });
      generateShard(gen, 1, 0, Math.min(n, 300_000), () => {}); // warm-up (JIT)
      const rate = bestRate(n, () => generateShard(gen, 1, 1, n, () => {}));
      opts.log(`generate ${channel}: ${(rate / 1e6).toFixed(2)} M events/s`);
      out[channel] = { eventsPerSecond: Math.round(rate) };
    }
    return out;
  },
};

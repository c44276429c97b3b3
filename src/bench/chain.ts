/**
 * Full-chain benchmark: beam, decay, secondary decays, transport with decays in flight, every
 * detector module of the 2018-S2 card, L0/L1 trigger and reconstruction, in memory on one thread.
 */
import { Simulator } from "../chain/simulator.ts";
import { type BenchSection, bestRate } from "./section.ts";

export const chainBench: BenchSection = {
  name: "chain",
  description:
    "full chain (beam, decay, transport, detector, trigger, reconstruction) on the 2018-S2 card, one thread",
  async run(opts) {
    const out: Record<string, { eventsPerSecond: number }> = {};
    const n = opts.quick ? 200_000 : 2_000_000;
    for (const channel of ["mix", "K+ -> pi+ pi0"]) {
      const sim = new Simulator({ channel, period: "2018-S2" });
      sim.run(1, 0, Math.min(n, 300_000), () => {}); // warm-up (JIT)
      const rate = bestRate(n, () => sim.run(1, 1, n, () => {}));
      opts.log(`chain ${channel}: ${(rate / 1e6).toFixed(2)} M decays/s`);
      out[channel] = { eventsPerSecond: Math.round(rate) };
    }
    return out;
  },
};

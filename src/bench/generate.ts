/**
 * Generation benchmark: in-memory beam + decay vertex + decay + secondary decays into lab-frame
 * columns, on one thread, for K⁺→π⁺π⁰ and for the natural mix. The K⁺→π⁺π⁰ rate is compared
 * with the native C reference (src/bench/native.ts) run alternately in the same session, so the
 * ratio is fair on a loaded machine.
 */
import { DecayGenerator, generateShard } from "../decays/generator.ts";
import { nativeReference } from "./native.ts";
import { type BenchSection, bestRate } from "./section.ts";

export function generationRate(channel: string, events: number, repeats = 3): number {
  const gen = new DecayGenerator({ channel });
  generateShard(gen, 1, 0, Math.min(events, 300_000), () => {}); // warm-up (JIT)
  return bestRate(events, () => generateShard(gen, 1, 1, events, () => {}), repeats);
}

export const generateBench: BenchSection = {
  name: "generate",
  description:
    "in-memory generation (beam, vertex, decay, secondary decays, lab frame, into columns) on one thread",
  async run(opts) {
    const n = opts.quick ? 200_000 : 3_000_000;
    const out: Record<string, unknown> = {};
    const native = nativeReference();
    let js = 0;
    let c = 0;
    const gen = new DecayGenerator({ channel: "K+ -> pi+ pi0" });
    generateShard(gen, 1, 0, 300_000, () => {});
    for (let r = 0; r < 3; r++) {
      js = Math.max(
        js,
        bestRate(n, () => generateShard(gen, 1, 1, n, () => {}), 1),
      );
      if (native) c = Math.max(c, native.run(n));
    }
    native?.dispose();
    opts.log(
      `generate K+ -> pi+ pi0: ${(js / 1e6).toFixed(2)} M events/s${native ? `; native C ${(c / 1e6).toFixed(2)} M/s, ratio ${(c / js).toFixed(2)}` : ""}`,
    );
    out["K+ -> pi+ pi0"] = {
      eventsPerSecond: Math.round(js),
      ...(native
        ? { native: { eventsPerSecond: Math.round(c), compiler: native.compiler, slowdown: c / js } }
        : {}),
    };
    const mix = generationRate("mix", n);
    opts.log(`generate mix: ${(mix / 1e6).toFixed(2)} M events/s`);
    out.mix = { eventsPerSecond: Math.round(mix) };
    return out;
  },
};

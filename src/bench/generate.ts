/**
 * Generation benchmark: in-memory beam + decay vertex + decay + secondary decays into lab-frame
 * columns, on one thread, for K⁺→π⁺π⁰ and for the natural mix. The native C reference
 * (src/bench/native.ts) does kaonlab's K⁺→π⁺π⁰ generation with π⁰→γγ (`--pi0 gg`) and is first
 * checked to write the same columns; kaonlab's rate for that same work is then measured alternately
 * with the C program in the same session, so the ratio is fair on a loaded machine. The plain
 * K⁺→π⁺π⁰ rate (natural π⁰ decays, 1.2% Dalitz) is reported beside it.
 */
import { DecayGenerator, generateShard } from "../decays/generator.ts";
import { NATIVE_CHANNEL, NATIVE_PI0, nativeGenerator, nativeReference } from "./native.ts";
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
    // the C program must write what kaonlab writes (seed 1, shard 2: not the timed shard)
    const same = native?.compare(opts.quick ? 20_000 : 200_000, 1, 2);
    let js = 0;
    let c = 0;
    const gen = nativeGenerator();
    generateShard(gen, 1, 0, 300_000, () => {});
    for (let r = 0; r < 3; r++) {
      js = Math.max(
        js,
        bestRate(n, () => generateShard(gen, 1, 1, n, () => {}), 1),
      );
      if (native) c = Math.max(c, native.run(n, 1, 1));
    }
    native?.dispose();
    const natural = generationRate(NATIVE_CHANNEL, n);
    opts.log(
      `generate ${NATIVE_CHANNEL}: ${(natural / 1e6).toFixed(2)} M events/s; with --pi0 ${NATIVE_PI0} ${(js / 1e6).toFixed(2)} M/s` +
        (native
          ? `, native C ${(c / 1e6).toFixed(2)} M/s, ratio ${(c / js).toFixed(2)} (same output: ${same!.identicalEvents}/${same!.events} events bit-identical, max rel. diff ${same!.maxRelDiff.toExponential(1)})`
          : ""),
    );
    out[NATIVE_CHANNEL] = {
      eventsPerSecond: Math.round(natural),
      [`pi0 ${NATIVE_PI0}`]: { eventsPerSecond: Math.round(js) },
      ...(native
        ? {
            native: {
              eventsPerSecond: Math.round(c),
              compiler: native.compiler,
              work: `${NATIVE_CHANNEL} with --pi0 ${NATIVE_PI0}`,
              slowdown: c / js,
              sameOutput: same,
            },
          }
        : {}),
    };
    const mix = generationRate("mix", n);
    opts.log(`generate mix: ${(mix / 1e6).toFixed(2)} M events/s`);
    out.mix = { eventsPerSecond: Math.round(mix) };
    return out;
  },
};

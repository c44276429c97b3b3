/** The benchmark sections, in the order `kaonlab bench` runs them. Add a section here. */
import { chainBench } from "./chain.ts";
import { generateBench } from "./generate.ts";
import { scaleBench } from "./scale.ts";
import type { BenchSection } from "./section.ts";
import { statsBench } from "./stats.ts";
import { threadsBench } from "./threads.ts";

export const BENCH_SECTIONS: BenchSection[] = [
  generateBench,
  threadsBench,
  chainBench,
  statsBench,
  scaleBench,
];

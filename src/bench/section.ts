/**
 * Benchmark sections of `kaonlab bench`. Each section measures one capability on the built code and
 * returns a JSON-able object that appears under its name in `kaonlab bench --json`.
 */
export interface BenchOptions {
  /** shorter runs (for smoke tests); figures are then indicative only */
  quick: boolean;
  /** progress lines go here (stderr) */
  log: (line: string) => void;
}

export interface BenchSection {
  name: string;
  description: string;
  /** long sections run only when named with --only */
  optIn?: boolean;
  run(opts: BenchOptions): Promise<Record<string, unknown>>;
}

/** run fn repeatedly for at least minMs and return the best rate (items per second) over `repeats` */
export function bestRate(items: number, fn: () => void, repeats = 3): number {
  let best = 0;
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    fn();
    const dt = (performance.now() - t0) / 1000;
    best = Math.max(best, items / dt);
  }
  return best;
}

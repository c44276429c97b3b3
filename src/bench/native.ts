/**
 * The native reference of the generation benchmark: bench/native/k2pi.c (the same work as
 * kaonlab's K⁺→π⁺π⁰ generation, in plain C), compiled with the machine's C compiler at bench time
 * into a temporary folder and run. Returns null when no compiler or source is available.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const SOURCE = fileURLToPath(new URL("../../bench/native/k2pi.c", import.meta.url));

export interface NativeRef {
  /** run once; events per second */
  run(events: number): number;
  compiler: string;
  dispose(): void;
}

export function nativeReference(): NativeRef | null {
  if (!existsSync(SOURCE)) return null;
  const dir = mkdtempSync(join(tmpdir(), "kaonlab-native-"));
  const exe = join(dir, "k2pi");
  for (const cc of ["cc", "gcc", "clang"]) {
    try {
      execFileSync(cc, ["-O3", "-o", exe, SOURCE, "-lm"], { stdio: "ignore" });
      return {
        compiler: `${cc} -O3`,
        run(events: number): number {
          const out = execFileSync(exe, [String(events)], { encoding: "utf8" });
          return JSON.parse(out).eventsPerSecond as number;
        },
        dispose() {
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch {
      // try the next compiler
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return null;
}

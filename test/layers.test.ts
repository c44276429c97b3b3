/**
 * The layers of src/ point one way (docs/chain.md, "Layers"): core ← beam, decays ← detector ←
 * trigger ← reco ← chain ← analyses ← run ← cli, with io and stats beside core (used from any layer
 * above it, importing only core and each other) and the benchmarks (src/bench) a separate top that
 * only the CLI imports. A relative import from a file of one layer into a higher layer fails here,
 * naming the file and the import.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, normalize, relative, sep } from "node:path";
import { describe, it } from "node:test";

const root = new URL("..", import.meta.url).pathname;
const src = join(root, "src");

/** rank of each top-level folder of src/: a file may import only folders of lower or equal rank */
const RANK: Record<string, number> = {
  core: 0,
  io: 1,
  stats: 1,
  beam: 2,
  decays: 2,
  detector: 3,
  trigger: 4,
  reco: 5,
  chain: 6,
  analyses: 7,
  run: 8,
  bench: 9,
  cli: 10,
};

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (name.endsWith(".ts")) out.push(p);
  }
  return out;
}

function layerOf(path: string): string | null {
  const parts = relative(src, path).split(sep);
  return parts.length > 1 ? parts[0] : null;
}

describe("layers", () => {
  it("every top-level folder of src/ has a rank", () => {
    const folders = readdirSync(src).filter((n) => statSync(join(src, n)).isDirectory() && n !== "types");
    assert.deepEqual(
      folders.filter((f) => !(f in RANK)),
      [],
    );
  });

  it("no file imports a layer above its own", () => {
    const up: string[] = [];
    const re = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;
    for (const f of files(src)) {
      const me = layerOf(f);
      if (me === null || !(me in RANK)) continue;
      const text = readFileSync(f, "utf8");
      for (const m of text.matchAll(re)) {
        const target = layerOf(normalize(join(f, "..", m[1])));
        if (target === null || !(target in RANK)) continue;
        if (RANK[target] > RANK[me]) up.push(`${relative(root, f)} imports ${m[1]}`);
        // the benchmarks are for the CLI only
        if (target === "bench" && me !== "bench" && me !== "cli")
          up.push(`${relative(root, f)} imports ${m[1]}`);
      }
    }
    assert.deepEqual(up, []);
  });
});

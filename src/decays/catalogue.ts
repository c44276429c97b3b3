/** The K⁺ decay catalogue: conditions/decays/kplus.json joined with the generators. */
import { loadConditions } from "../core/conditions.ts";
import type { ChannelInfo, ChannelRecord } from "./channel.ts";

let cached: ChannelInfo[] | undefined;

/** every channel of the catalogue, in file order (the index is the channel id) */
export function catalogue(): ChannelInfo[] {
  if (!cached) {
    const data = loadConditions<{ channels: ChannelRecord[] }>("decays/kplus.json");
    cached = data.channels.map((r, id) => ({
      id,
      name: r.name,
      br: r.br,
      brError: r.brError ?? null,
      daughters: r.daughters,
      generator: r.generator,
      inclusive: r.inclusive ?? false,
      subsetOf: r.subsetOf ?? null,
      kind: r.kind ?? "sm",
      matrixElement: r.matrixElement,
      source: r.source,
      finalState: r.daughters.join(" "),
    }));
    const names = new Set(cached.map((c) => c.name));
    for (const c of cached) {
      if (c.subsetOf && !names.has(c.subsetOf))
        throw new Error(`kplus.json: ${c.name} is a subset of unknown ${c.subsetOf}`);
    }
  }
  return cached;
}

/** normalise spacing so that "K+->pi+  pi0" finds "K+ -> pi+ pi0" */
function normalise(name: string): string {
  return name
    .replace(/\s*->\s*/, " -> ")
    .replace(/\s+/g, " ")
    .trim();
}

/** the channel called `name`; a RangeError naming the value and the closest names otherwise */
export function findChannel(name: string): ChannelInfo {
  const n = normalise(name);
  const c = catalogue().find((x) => x.name === n);
  if (c) return c;
  const words = n.split(" ").filter((w) => w !== "->" && w !== "K+");
  const close = catalogue()
    .map((x) => ({ x, score: words.filter((w) => x.daughters.includes(w)).length }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map((s) => `"${s.x.name}"`);
  throw new RangeError(
    `channel: unknown channel "${name}"${close.length ? `; did you mean ${close.join(", ")}?` : ""} (kaonlab channels lists them)`,
  );
}

/**
 * Branching ratios of the natural decay mix: every SM channel with a BR, radiative subsets
 * subtracted from their parents so that nothing is counted twice.
 */
export function mixFractions(): { channel: ChannelInfo; br: number }[] {
  const cat = catalogue();
  const sub = new Map<string, number>();
  for (const c of cat)
    if (c.subsetOf && c.br !== null) sub.set(c.subsetOf, (sub.get(c.subsetOf) ?? 0) + c.br);
  return cat
    .filter((c) => c.kind === "sm" && c.br !== null)
    .map((c) => ({ channel: c, br: c.br! - (sub.get(c.name) ?? 0) }));
}

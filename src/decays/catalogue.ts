/** The K⁺ decay catalogue: conditions/decays/kplus.json joined with the generators. */

import { loadConditions } from "../core/conditions.ts";
import { closest, spellingKey } from "../io/spelling.ts";
import type { ChannelInfo, ChannelRecord } from "./channel.ts";

let cached: ChannelInfo[] | undefined;
const byId: ChannelInfo[] = [];

/**
 * Every channel of the catalogue, in file order. A channel's id is the `id` of its record, not its
 * position: inserting a channel anywhere in the file leaves every other id unchanged. Ids are
 * non-negative integers, unique; they may leave gaps (see channelIdBound).
 */
export function catalogue(): ChannelInfo[] {
  if (!cached)
    cached = buildCatalogue(loadConditions<{ channels: ChannelRecord[] }>("decays/kplus.json").channels);
  return cached;
}

/** the channels of a list of kplus.json records, ids checked (exported for the tests) */
export function buildCatalogue(records: ChannelRecord[]): ChannelInfo[] {
  const seen = new Set<number>();
  for (const r of records) {
    if (!Number.isInteger(r.id) || r.id < 0)
      throw new Error(
        `kplus.json: channel "${r.name}": id must be a non-negative integer, got ${JSON.stringify(r.id)}`,
      );
    if (seen.has(r.id)) throw new Error(`kplus.json: channel "${r.name}": id ${r.id} is used twice`);
    seen.add(r.id);
  }
  const out: ChannelInfo[] = records.map((r) => ({
    id: r.id,
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
  const names = new Set(out.map((c) => c.name));
  for (const c of out) {
    if (c.subsetOf && !names.has(c.subsetOf))
      throw new Error(`kplus.json: ${c.name} is a subset of unknown ${c.subsetOf}`);
  }
  return out;
}

function idTable(): ChannelInfo[] {
  if (byId.length === 0) for (const c of catalogue()) byId[c.id] = c;
  return byId;
}

/** the channel with this id; a RangeError for an id no channel has */
export function channelById(id: number): ChannelInfo {
  const c = idTable()[id];
  if (!c) throw new RangeError(`channel: no channel has id ${id}`);
  return c;
}

/** one more than the largest channel id: the length of an array indexed by channel id */
export function channelIdBound(): number {
  return idTable().length;
}

/** channel names indexed by channel id (undefined where no channel has the id) */
export function channelNames(): string[] {
  return idTable().map((c) => c.name);
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
  const names = catalogue().map((x) => x.name);
  let close = closest(name, names, { normalise: channelKey });
  if (close.length === 0) {
    const words = n.split(" ").filter((w) => w !== "->" && w !== "K+");
    close = catalogue()
      .map((x) => ({ x, score: words.filter((w) => x.daughters.includes(w)).length }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map((s) => s.x.name);
  }
  const hint = close.length ? `; did you mean ${close.map((c) => `"${c}"`).join(", ")}?` : "";
  throw new RangeError(`channel: unknown channel "${name}"${hint} (kaonlab channels lists them)`);
}

/** channel names compared without case, spaces and the "K+ ->" of the parent */
function channelKey(s: string): string {
  return spellingKey(s).replace(/^k\+>/, "");
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

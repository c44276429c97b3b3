/**
 * "Did you mean" for names typed by people: channel names, periods, card keys, selection keys.
 * Names are compared after normalisation (case, spaces, "_" and "-" ignored, so "K+->pi+pi0",
 * "2018-s2" and "z_range" find "K+ -> pi+ pi0", "2018-S2" and "zRange") by edit distance.
 */

/** the default normalisation: lower case, without spaces, "_" and "-" */
export function spellingKey(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, "");
}

/** Levenshtein distance */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

export interface SpellingOptions {
  /** how names are compared (default spellingKey) */
  normalise?: (s: string) => string;
  /** at most this many suggestions (default 3) */
  max?: number;
}

/**
 * The candidates closest to `value`, best first: those equal after normalisation if any, otherwise
 * those within an edit distance of max(2, 40% of the length), or that contain `value` or are
 * contained in it.
 */
export function closest(value: string, candidates: Iterable<string>, opts: SpellingOptions = {}): string[] {
  const norm = opts.normalise ?? spellingKey;
  const v = norm(value);
  if (v === "") return [];
  const scored: { c: string; d: number }[] = [];
  for (const c of new Set(candidates)) {
    const k = norm(c);
    const d = editDistance(v, k);
    const contains = k.length >= 3 && (k.includes(v) || v.includes(k)) && Math.min(k.length, v.length) >= 3;
    if (d <= Math.max(2, Math.floor(0.4 * Math.max(v.length, k.length))) || contains)
      // a name that starts with what was typed goes first among equals
      scored.push({
        c,
        d: (contains ? Math.min(d, Math.abs(k.length - v.length)) : d) - (k.startsWith(v) ? 0.5 : 0),
      });
  }
  scored.sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1));
  const exact = scored.filter((s) => s.d <= 0 && norm(s.c) === v);
  return (exact.length > 0 ? exact : scored).slice(0, opts.max ?? 3).map((s) => s.c);
}

/** `; did you mean "a" or "b"?` for the closest candidates, or "" */
export function didYouMean(value: string, candidates: Iterable<string>, opts: SpellingOptions = {}): string {
  const c = closest(value, candidates, opts).map((x) => `"${x}"`);
  if (c.length === 0) return "";
  return `; did you mean ${c.length === 1 ? c[0] : `${c.slice(0, -1).join(", ")} or ${c[c.length - 1]}`}?`;
}

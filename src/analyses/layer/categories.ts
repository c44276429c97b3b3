/**
 * Categories: an analysis splits its selected events into categories (e.g. region × momentum bin)
 * and gives per category the expected signal and the expected background by source, each with its
 * MC error; the statistical interpretation takes them as independent counting channels. This file
 * holds their common shape, their table, and the sum over categories (errors in quadrature).
 */
import { formatScaled, PLAIN, type TextTable } from "./report.ts";

export interface CategoryYield<S extends string = string> {
  signal: number;
  /** expected background per source, and "total" */
  background: Record<S | "total", number>;
  uncertainty: { signal: number; background: Record<S | "total", number> };
}

/** a column that names the category (period, region, momentum range, …) */
export interface CategoryKey<C> {
  header: string;
  cell(c: C): string;
}

/** one row per category: its key columns, the signal, each source, the total ± its MC error */
export function categoryText<S extends string, C extends CategoryYield<S>>(
  categories: readonly C[],
  keys: readonly CategoryKey<C>[],
  sources: readonly { key: S; label: string }[],
  format = PLAIN,
): TextTable {
  const f = (x: number) => formatScaled(format, x);
  return {
    header: [...keys.map((k) => k.header), "signal", ...sources.map((s) => s.label), "bkg total"],
    rows: categories.map((c) => [
      ...keys.map((k) => k.cell(c)),
      f(c.signal),
      ...sources.map((s) => f(c.background[s.key])),
      `${f(c.background.total)} ± ${f(c.uncertainty.background.total)}`,
    ]),
  };
}

/** the sum over categories: yields add, MC errors add in quadrature */
export function sumCategories<S extends string>(
  categories: readonly CategoryYield<S>[],
  sources: readonly S[],
): CategoryYield<S> {
  const zero = () => {
    const b = { total: 0 } as Record<S | "total", number>;
    for (const s of sources) b[s] = 0;
    return b;
  };
  const bg = zero();
  const bgVar = zero();
  let sig = 0;
  let sigVar = 0;
  for (const c of categories) {
    sig += c.signal;
    sigVar += c.uncertainty.signal ** 2;
    for (const k of [...sources, "total"] as (S | "total")[]) {
      bg[k] += c.background[k];
      bgVar[k] += c.uncertainty.background[k] ** 2;
    }
  }
  const err = zero();
  for (const k of Object.keys(bgVar) as (S | "total")[]) err[k] = Math.sqrt(bgVar[k]);
  return { signal: sig, background: bg, uncertainty: { signal: Math.sqrt(sigVar), background: err } };
}

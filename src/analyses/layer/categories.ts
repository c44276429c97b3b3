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

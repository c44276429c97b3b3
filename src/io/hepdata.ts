/**
 * Report tables as a HEPData submission (https://hepdata.net/submission): submission.yaml (one YAML
 * document per table: name, description, keywords, data_file) and one data file per table, its first
 * column as the independent variable and every other column as a dependent variable. Cells written
 * as "a ± b" or "(a +b −c) × 10ⁿ" become values with symmetric or asymmetric errors; other text
 * stays text.
 */
import { stringify } from "yaml";
import { superscriptInteger } from "./numbers.ts";
import type { ReportTable } from "./plot.ts";

export interface HepdataValue {
  value: number | string;
  errors?: ({ symerror: number; label?: string } | { asymerror: { plus: number; minus: number } })[];
}

export interface HepdataTable {
  independent_variables: { header: { name: string; units?: string }; values: { value: number | string }[] }[];
  dependent_variables: { header: { name: string; units?: string }; values: HepdataValue[] }[];
}

export interface HepdataSubmission {
  /** submission.yaml text */
  submission: string;
  /** data file name → YAML text */
  files: Record<string, string>;
}

const NUM = String.raw`[-−+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;

function num(s: string): number {
  return Number(s.replace("−", "-"));
}

/** x × scale without float noise (10.7 × 10⁻¹¹ is 1.07e-10, not 1.0699999999999999e-10) */
function scaled(x: number, scale: number): number {
  return Number((x * scale).toPrecision(12));
}

/** a table cell as a HEPData value: numbers, "a ± b", "(a +b −c) × 10ⁿ"; text otherwise */
export function cellValue(cell: string | number): HepdataValue {
  if (typeof cell === "number") return { value: cell };
  const s = cell.trim();
  if (new RegExp(`^${NUM}$`).test(s)) return { value: num(s) };
  const m = new RegExp(
    String.raw`^\(?\s*(${NUM})\s*(?:±\s*(${NUM})|\+\s*(${NUM})\s*[-−]\s*(${NUM}))\s*\)?\s*(?:[×x]\s*10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{?[-−]?\d+\}?))?$`,
  ).exec(s);
  if (!m) return { value: s };
  let scale = 1;
  if (m[5]) {
    const e = m[5].startsWith("^")
      ? Number(m[5].replace(/[\^{}]/g, "").replace("−", "-"))
      : superscriptInteger(m[5]);
    scale = 10 ** e;
  }
  const v = scaled(num(m[1]), scale);
  if (m[2] !== undefined) return { value: v, errors: [{ symerror: scaled(num(m[2]), scale) }] };
  return {
    value: v,
    errors: [{ asymerror: { plus: scaled(num(m[3]), scale), minus: -scaled(Math.abs(num(m[4])), scale) } }],
  };
}

/** "m²miss [GeV²/c⁴]" → name and units */
function header(h: string): { name: string; units?: string } {
  const m = /^(.*?)\s*\[([^\]]+)\]\s*$/.exec(h);
  return m ? { name: m[1], units: m[2] } : { name: h };
}

export function hepdataTable(t: ReportTable): HepdataTable {
  return {
    independent_variables: [
      { header: header(t.header[0] ?? "row"), values: t.rows.map((r) => ({ value: r[0] ?? "" })) },
    ],
    dependent_variables: t.header.slice(1).map((h, j) => ({
      header: header(h),
      values: t.rows.map((r) => cellValue(r[j + 1] ?? "")),
    })),
  };
}

/** the submission of a list of tables; `about` describes the run (first, comment-only document) */
export function hepdataSubmission(
  tables: { title: string; file: string; table: ReportTable }[],
  about: { comment: string; keywords?: { name: string; values: string[] }[] },
): HepdataSubmission {
  const docs = [stringify({ comment: about.comment })];
  const files: Record<string, string> = {};
  for (const t of tables) {
    docs.push(
      stringify({
        name: t.title,
        description: t.title,
        keywords: about.keywords ?? [],
        data_file: t.file,
      }),
    );
    files[t.file] = stringify(hepdataTable(t.table));
  }
  return { submission: `---\n${docs.join("---\n")}`, files };
}

/**
 * Report tables as files: CSV (RFC 4180 quoting), LaTeX (a booktabs tabular, special characters
 * escaped; Unicode kept, for a Unicode-aware engine such as LuaLaTeX or XeLaTeX) and JSON (title,
 * header, rows: what `kaonlab export hepdata` reads).
 */
import type { ReportTable } from "./plot.ts";

/** a file stem for a table title: lower case, [a-z0-9-] */
export function tableSlug(title: string): string {
  const s = title
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s || "table";
}

/** unique stems for a list of tables (a suffix -2, -3 … for repeated titles) */
export function tableSlugs(tables: readonly ReportTable[]): string[] {
  const seen = new Map<string, number>();
  return tables.map((t) => {
    const base = tableSlug(t.title);
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return k === 1 ? base : `${base}-${k}`;
  });
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function tableCsv(t: ReportTable): string {
  return [t.header, ...t.rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

const LATEX: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "&": "\\&",
  "%": "\\%",
  $: "\\$",
  "#": "\\#",
  _: "\\_",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

export function latexEscape(s: string): string {
  return s.replace(/[\\&%$#_{}~^]/g, (c) => LATEX[c]);
}

export function tableLatex(t: ReportTable): string {
  const cols = t.header.map((_, j) => (j === 0 ? "l" : "r")).join("");
  const row = (r: (string | number)[]) => `${r.map((c) => latexEscape(String(c))).join(" & ")} \\\\`;
  return [
    `% ${latexEscape(t.title)} (kaonlab)`,
    "\\begin{tabular}{" + cols + "}",
    "\\toprule",
    row(t.header),
    "\\midrule",
    ...t.rows.map(row),
    "\\bottomrule",
    "\\end{tabular}",
    "",
  ].join("\n");
}

export function tableJson(t: ReportTable): string {
  return JSON.stringify({ title: t.title, header: t.header, rows: t.rows }, null, 2) + "\n";
}

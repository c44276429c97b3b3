/** Output of the CLI: stdout/stderr writers, JSON, and whether a human is watching. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** stdout is a terminal (tables and progress bars) */
  readonly tty: boolean;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
  tty: Boolean(process.stdout.isTTY),
};

/** exact JSON (numbers as JavaScript prints them: shortest round-trip) */
export function printJson(io: CliIO, value: unknown): void {
  io.out(orderedJson(value, 2));
}

/** the keys of expected-limit bands, in the order people read them */
const BAND_ORDER = ["-2", "-1", "0", "+1", "+2"];

/**
 * JSON.stringify(value, null, indent), except that objects keyed by the expected bands
 * ("-2", "-1", "0", "+1", "+2") are written in that order (JavaScript puts the integer-like key "0"
 * first in every object).
 */
export function orderedJson(value: unknown, indent = 2): string {
  const pad = (d: number) => " ".repeat(indent * d);
  const walk = (v: unknown, d: number): string | undefined => {
    if (v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function")
      v = (v as { toJSON: () => unknown }).toJSON();
    if (v === null || typeof v !== "object") return JSON.stringify(v);
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      const items = v.map((x) => walk(x, d + 1) ?? "null");
      return `[\n${items.map((x) => pad(d + 1) + x).join(",\n")}\n${pad(d)}]`;
    }
    let keys = Object.keys(v);
    if (keys.includes("0") && keys.every((k) => BAND_ORDER.includes(k)))
      keys = BAND_ORDER.filter((k) => keys.includes(k));
    const parts: string[] = [];
    for (const k of keys) {
      const x = walk((v as Record<string, unknown>)[k], d + 1);
      if (x !== undefined) parts.push(`${pad(d + 1)}${JSON.stringify(k)}: ${x}`);
    }
    return parts.length === 0 ? "{}" : `{\n${parts.join(",\n")}\n${pad(d)}}`;
  };
  return walk(value, 0) ?? "undefined";
}

/** a plain text table with right-aligned numeric columns */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = header.map((_, j) => Math.max(...cells.map((r) => (r[j] ?? "").length)));
  const numeric = header.map((_, j) =>
    rows.every((r) => typeof r[j] === "number" || /^[-+0-9.eE×()±% ]+$/.test(String(r[j]))),
  );
  const line = (r: string[]) =>
    r
      .map((c, j) => (numeric[j] && j > 0 ? c.padStart(widths[j]) : c.padEnd(widths[j])))
      .join("  ")
      .trimEnd();
  return [line(cells[0]), widths.map((w) => "─".repeat(w)).join("  "), ...cells.slice(1).map(line)].join(
    "\n",
  );
}

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
  io.out(JSON.stringify(value, null, 2));
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

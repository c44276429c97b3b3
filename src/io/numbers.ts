/**
 * Numbers for people: a value with asymmetric errors in a common power of ten,
 * "(10.7 +4.2 −3.6) × 10⁻¹¹", and Monte Carlo noise (below a fraction of a total) shown as 0.
 * No imports: the web app (web/src) uses it too.
 */

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

const FROM_SUPERSCRIPT: Record<string, string> = Object.fromEntries(
  Object.entries(SUPERSCRIPT).map(([plain, sup]) => [sup, plain]),
);

/** the integer written in Unicode superscripts: "⁻¹¹" → −11 (NaN for any other character) */
export function superscriptInteger(s: string): number {
  return Number([...s].map((c) => FROM_SUPERSCRIPT[c] ?? "?").join(""));
}

/** 10 to the power e in Unicode: "10⁻¹¹" */
export function powerOfTen(e: number): string {
  return `10${[...String(e)].map((c) => SUPERSCRIPT[c] ?? c).join("")}`;
}

/**
 * The power of ten a value is written in: its own, or one lower when the mantissa is below 2, so
 * that 1.07 × 10⁻¹⁰ reads (10.7 …) × 10⁻¹¹ as published.
 */
function exponentFor(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return 0;
  const e = Math.floor(Math.log10(Math.abs(v)));
  return Math.abs(v) / 10 ** e < 2 ? e - 1 : e;
}

/** digits after the point that show the smaller error with 2 significant digits */
function decimals(errors: number[], scale: number): number {
  const e = Math.min(...errors.filter((x) => x > 0).map((x) => x / scale));
  if (!Number.isFinite(e)) return 1;
  return Math.max(0, Math.min(6, 1 - Math.floor(Math.log10(e))));
}

export interface ValueWithErrors {
  value: number;
  /** the upper error (positive) */
  up: number;
  /** the lower error (positive) */
  down: number;
}

/**
 * "(10.7 +4.2 −3.6) × 10⁻¹¹": the value and its errors in one power of ten (chosen from the value,
 * or `exponent`), errors to 2 significant digits; symmetric errors as "± x"; no power for
 * exponents in −2…3. Minus signs are U+2212.
 */
export function formatWithErrors(v: ValueWithErrors, exponent?: number): string {
  const ref = v.value !== 0 ? v.value : Math.max(v.up, v.down);
  const e0 = exponent ?? exponentFor(ref);
  const e = exponent === undefined && Math.abs(ref) >= 0.01 && Math.abs(ref) < 1e4 ? 0 : e0;
  const scale = 10 ** e;
  const d = decimals([v.up, v.down], scale);
  const num = (x: number) => (x / scale).toFixed(d).replace("-", "−");
  const errs = num(v.up) === num(v.down) ? `± ${num(v.up)}` : `+${num(v.up)} −${num(v.down)}`;
  const body = `${num(v.value)} ${errs}`;
  return e === 0 ? body : `(${body}) × ${powerOfTen(e)}`;
}

/** a value below `fraction` (default 10⁻⁶) of `total` in magnitude is Monte Carlo noise: 0 */
export function cleanNoise(value: number, total: number, fraction = 1e-6): number {
  return Math.abs(value) < fraction * Math.abs(total) ? 0 : value;
}

/**
 * "2018-S2, 2 × 10^{6} simulated K⁺ decays" (the exponent as plot markup, src/io/plot-svg.ts
 * richText): a period and a number of simulated decays, exact, with a power of ten from 10⁴ on.
 */
export function exposureText(
  period: string | null,
  events: number,
  suffix = "",
  what = "simulated K⁺ decays",
): string {
  return `${period ? `${period}, ` : ""}${powerText(events)} ${what}${suffix}`;
}

/** 2 × 10^{6} (plot markup) for an exact mantissa from 10⁴ on, else the plain number */
export function powerText(n: number): string {
  const e = n > 0 ? Math.floor(Math.log10(n)) : 0;
  const m = n / 10 ** e;
  const exact = Number(m.toPrecision(3)) === m;
  if (e < 4) return String(n);
  if (exact) return `${m === 1 ? "" : `${m} × `}10^{${e}}`;
  return `${m.toPrecision(2)} × 10^{${e}}`;
}

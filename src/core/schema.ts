/**
 * zod value schemas shared by the run cards, the CLI options and the analysis configurations:
 * numbers given as strings on a command line ("1_000_000", "1e6") are accepted, and the messages
 * say what was expected (the caller adds the path and the value).
 */
import { z } from "zod";

const INT_MSG = "expected a positive integer";
const NONNEG_MSG = "expected a non-negative integer";

function numberLike(v: unknown): unknown {
  if (typeof v === "string" && v.trim() !== "") {
    const n = Number(v.replace(/_/g, ""));
    return Number.isNaN(n) ? v : n;
  }
  return v;
}

/** a positive safe integer; strings from the command line ("1_000_000", "1e6") are accepted */
export function positiveInt() {
  return z.preprocess(
    numberLike,
    z
      .number({ error: INT_MSG })
      .int({ error: INT_MSG })
      .positive({ error: INT_MSG })
      .max(Number.MAX_SAFE_INTEGER, { error: INT_MSG }),
  );
}

export function nonNegativeInt() {
  return z.preprocess(
    numberLike,
    z
      .number({ error: NONNEG_MSG })
      .int({ error: NONNEG_MSG })
      .nonnegative({ error: NONNEG_MSG })
      .max(Number.MAX_SAFE_INTEGER, { error: NONNEG_MSG }),
  );
}

export function finiteNumber() {
  return z.preprocess(
    numberLike,
    z.number({ error: "expected a number" }).finite({ error: "expected a number" }),
  );
}

/** one of a list of names, with a message that lists them */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `expected one of ${values.join(", ")}` });
}

export function flag() {
  return z.preprocess(
    (v) => (v === "true" ? true : v === "false" ? false : v),
    z.boolean({ error: "expected true or false" }),
  );
}

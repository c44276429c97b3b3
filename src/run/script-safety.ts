/**
 * Values that land in generated batch scripts (sbatch scripts and arguments, HTCondor submit files,
 * DAGMan files) and in commands printed for the user to paste: run folders, installation paths,
 * partitions, memory requests, extra lines. A control character (newline, carriage return, NUL, …)
 * would start a new script line or directive, so it is refused with a UsageError naming the field;
 * everything else is quoted for the syntax it lands in.
 */
import { UsageError } from "../core/errors.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** refuse control characters (and the empty string) in a value written into a script */
export function assertScriptSafe(field: string, value: string): string {
  if (value === "") throw new UsageError(`${field}: expected a non-empty value, got ""`);
  if (CONTROL.test(value)) {
    throw new UsageError(
      `${field}: control characters (newline, tab, …) are not allowed in a value written into batch scripts, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** bash: one word, single-quoted unless it is made of characters that need no quoting */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** a command line for bash, each word quoted as needed */
export function shellCommand(words: string[]): string {
  return words.map(shellQuote).join(" ");
}

/**
 * Slurm file-name patterns (--output): `%` introduces a replacement symbol (%j, %A, %a, …), so a
 * literal `%` in the folder is written `%%`; `\` turns off every replacement, so it is refused.
 */
export function slurmFilename(field: string, dir: string): string {
  assertScriptSafe(field, dir);
  if (dir.includes("\\")) {
    throw new UsageError(
      `${field}: a backslash is not allowed in a Slurm log path (it turns off %j/%a), got ${JSON.stringify(dir)}`,
    );
  }
  return dir.replace(/%/g, "%%");
}

/**
 * HTCondor submit-file value: the rest of the line after `=`, with surrounding blanks stripped and
 * `$(...)` expanded as a macro. A literal `$` is written `$(DOLLAR)`; leading or trailing blanks
 * cannot be kept and are refused.
 */
export function condorValue(field: string, value: string): string {
  assertScriptSafe(field, value);
  if (value.trim() !== value) {
    throw new UsageError(
      `${field}: leading or trailing blanks cannot be written into an HTCondor submit file, got ${JSON.stringify(value)}`,
    );
  }
  return value.replace(/\$/g, "$(DOLLAR)");
}

/**
 * HTCondor "new" argument syntax: the whole list in double quotes (a literal `"` doubled), an
 * argument holding blanks or `'` in single quotes (a literal `'` doubled). `macros` are left as
 * they are (e.g. `$(shard)`); every other `$` becomes `$(DOLLAR)`.
 */
export function condorArguments(field: string, list: string[], macros: string[] = []): string {
  const words = list.map((a) => {
    const v = macros.includes(a) ? a : condorDollar(field, a);
    const w = v.replace(/"/g, '""');
    return w === "" || /[\s']/.test(w) ? `'${w.replace(/'/g, "''")}'` : w;
  });
  return `"${words.join(" ")}"`;
}

function condorDollar(field: string, a: string): string {
  if (a === "") return a;
  assertScriptSafe(field, a);
  return a.replace(/\$/g, "$(DOLLAR)");
}

/** HTCondor request_memory: a number with an optional unit (KB, MB, GB, TB; K, M, G, T) */
export function condorMemory(value: string): string {
  const v = value.trim();
  if (!/^\d+(\.\d+)?\s*([KMGT]B?)?$/i.test(v)) {
    throw new UsageError(
      `htcondor.requestMemory: expected a number with an optional unit (e.g. "2 GB", "2048"), got ${JSON.stringify(value)}`,
    );
  }
  return v;
}

/**
 * An extra submit-file command: `name = value` or `+Attribute = value`, one line; `queue` and
 * other bare statements are refused (kaonlab writes the one `queue` statement itself).
 */
export function condorExtraLine(field: string, line: string): string {
  assertScriptSafe(field, line);
  if (!/^\s*\+?[A-Za-z_][A-Za-z0-9_.]*\s*=/.test(line)) {
    throw new UsageError(
      `${field}: expected a submit command "name = value" or "+Attribute = value", got ${JSON.stringify(line)}`,
    );
  }
  return line.trim();
}

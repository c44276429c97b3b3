// Shared by the scripts/*-doc-table.mjs generators: their command-line options, and the replacement of
// the generated part of a docs page — the text between <!-- NAME:begin --> and <!-- NAME:end --> —
// written atomically (a temporary file renamed into place), so an interrupted run leaves the page whole.
import { readFileSync, renameSync, writeFileSync } from "node:fs";

/** the value after `name` in args, or dflt */
export function option(args, name, dflt) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
}

/** text with the part between the NAME markers replaced by "\n" + inner + "\n" */
export function replaceBetween(text, name, inner, where) {
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`${where}: markers ${begin} … ${end} not found`);
  return `${text.slice(0, i + begin.length)}\n${inner}\n${text.slice(j)}`;
}

/** writes text to file through a temporary file renamed into place */
export function writeAtomic(file, text) {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/** replaces the part of file between the NAME markers (see replaceBetween), atomically */
export function spliceFile(file, name, inner) {
  writeAtomic(file, replaceBetween(readFileSync(file, "utf8"), name, inner, file));
}

/** Access to the data files in conditions/ (shipped with the package, next to src/ and dist/). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../../conditions/", import.meta.url);

export function conditionsFile(relative: string): string {
  return fileURLToPath(new URL(relative, root));
}

const cache = new Map<string, unknown>();

/** parsed JSON data file from conditions/, cached */
export function loadConditions<T>(relative: string): T {
  let v = cache.get(relative);
  if (v === undefined) {
    v = JSON.parse(readFileSync(conditionsFile(relative), "utf8"));
    cache.set(relative, v);
  }
  return v as T;
}

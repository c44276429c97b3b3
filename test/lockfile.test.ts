/**
 * `npm ci` (the README's first command) refuses a lock file without an entry for every optional
 * dependency; this machine's registry mirror leaves other platforms' packages out. Keep the lock
 * complete with `node scripts/lock-platforms.mjs` after any `npm install`.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

describe("package-lock.json", () => {
  it("has an entry for every optional dependency (npm ci needs them)", () => {
    const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8"));
    const pk = lock.packages as Record<string, { optionalDependencies?: Record<string, string> }>;
    const missing: string[] = [];
    for (const [path, entry] of Object.entries(pk)) {
      for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
        if (!pk[`node_modules/${dep}`] && !pk[`${path}/node_modules/${dep}`])
          missing.push(`${dep} (of ${path || "root"})`);
      }
    }
    assert.deepEqual(missing, [], "run `node scripts/lock-platforms.mjs`");
  });
});

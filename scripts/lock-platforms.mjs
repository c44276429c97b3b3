#!/usr/bin/env node
// Completes package-lock.json with the optional platform packages of other operating systems.
//
// Why: `npm ci` refuses a lock file that lacks an entry for any optional dependency (e.g. biome's
// @biomejs/cli-darwin-arm64), but a registry mirror that serves only this machine's platform gives
// npm no metadata for them, so `npm install` leaves them out. An entry with the version and the
// os/cpu/libc fields read off the package name is enough: npm ci sees the platform does not match
// and skips the package without fetching it.
//
// Run after every `npm install`:  node scripts/lock-platforms.mjs   (test/lockfile.test.ts checks it)
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const pk = lock.packages;

/** os, cpu and libc from a platform package name such as cli-linux-x64-musl or linux-arm64 */
export function platformOf(name) {
  const m =
    /(android|darwin|freebsd|linux|netbsd|openbsd|sunos|win32|aix|openharmony)-(arm64|x64|arm|ia32|loong64|mips64el|ppc64|riscv64|s390x)(-(musl|gnu|msvc))?$/.exec(
      name,
    );
  if (!m) return null;
  const out = { os: [m[1]], cpu: [m[2]] };
  if (m[4] === "musl") out.libc = ["musl"];
  if (m[4] === "gnu") out.libc = ["glibc"];
  return out;
}

let added = 0;
for (const [path, entry] of Object.entries(pk)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (pk[key] || pk[`${path}/node_modules/${dep}`]) continue;
    const plat = platformOf(dep);
    if (!plat) {
      console.error(
        `lock-platforms: ${dep} (optional dependency of ${path}) is missing and is not a platform package`,
      );
      process.exitCode = 1;
      continue;
    }
    pk[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...plat };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(pk).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`lock-platforms: ${added} entr${added === 1 ? "y" : "ies"} added`);

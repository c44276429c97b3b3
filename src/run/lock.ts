/**
 * One live writer per run folder: RUN/.kaonlab.lock holds the pid, host and process start time of
 * the process that runs, resumes or merges the run. A second writer (`kaonlab resume` while the run
 * is going, a second `merge`) is refused with exit 2. A lock is stale, and taken over, when it was
 * written on this host and its process is gone (no such pid, or a pid reused by a process that
 * started at another time); a lock from another host is never taken over (remove it by hand once
 * that process is known to be gone). The lock is re-entrant within a process (run → merge).
 */
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { UsageError } from "../core/errors.ts";
import { tempPathFor } from "../io/atomic.ts";

export const LOCK_FILE = ".kaonlab.lock";

export interface LockInfo {
  pid: number;
  host: string;
  /** process start time (Linux: /proc/PID/stat field 22, clock ticks since boot), when known */
  procStart: string | null;
  startedAt: string;
  command: string;
}

/** start time of a process on this host, or null when it is gone or unknown */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) is in parentheses and may hold spaces: split after the last ')'
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** is this lock's process gone (only decidable on the host that wrote it) */
export function isStale(l: LockInfo): boolean {
  if (l.host !== hostname()) return false;
  if (!alive(l.pid)) return true;
  if (l.procStart !== null) {
    const now = processStart(l.pid);
    if (now !== null && now !== l.procStart) return true; // pid reused
  }
  return false;
}

function readLock(path: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

const held = new Map<string, number>();

/**
 * Take the run folder's lock for `command` (or re-enter it); returns the release function.
 * UsageError naming the live holder otherwise.
 */
export function acquireRunLock(dir: string, command: string): () => void {
  const path = join(dir, LOCK_FILE);
  const n = held.get(path) ?? 0;
  if (n > 0) {
    held.set(path, n + 1);
    return once(() => release(path));
  }
  const me: LockInfo = {
    pid: process.pid,
    host: hostname(),
    procStart: processStart(process.pid),
    startedAt: new Date().toISOString(),
    command,
  };
  const tmp = tempPathFor(path);
  try {
    writeFileSync(tmp, `${JSON.stringify(me)}\n`, { flag: "wx" });
  } catch (e) {
    rmSync(tmp, { force: true });
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(
      `run folder: cannot write its lock in "${dir}": ${err.code === "ENOSPC" ? "no space left on device" : err.code === "EROFS" ? "read-only file system" : (err.message ?? e)}${err.code ? ` (${err.code})` : ""}`,
    );
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(tmp, path); // atomic: fails when a lock exists, and a lock is never seen half-written
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 3) throw e;
      }
      const other = readLock(path);
      if (other && !isStale(other)) {
        throw new UsageError(
          `run folder: "${dir}" is in use by \`kaonlab ${other.command}\` (pid ${other.pid} on ${other.host}, since ${other.startedAt}); ` +
            `wait for it to finish${other.host === hostname() ? "" : `, or remove ${path} once that process is known to be gone`}`,
        );
      }
      // stale (or unreadable): move it aside under a unique name, then check it was the one judged stale
      const aside = tempPathFor(`${path}.stale`);
      try {
        renameSync(path, aside);
      } catch {
        continue; // someone else moved it
      }
      const moved = readLock(aside);
      if (
        other &&
        moved &&
        (moved.pid !== other.pid || moved.host !== other.host || moved.startedAt !== other.startedAt)
      ) {
        // a live lock taken in between: put it back
        try {
          linkSync(aside, path);
        } catch {
          // it was replaced again; the loop decides
        }
      }
      rmSync(aside, { force: true });
    }
  } finally {
    rmSync(tmp, { force: true });
  }
  held.set(path, 1);
  return once(() => release(path));
}

function release(path: string): void {
  const n = held.get(path) ?? 0;
  if (n > 1) {
    held.set(path, n - 1);
    return;
  }
  held.delete(path);
  const l = readLock(path);
  if (l && l.pid === process.pid && l.host === hostname()) rmSync(path, { force: true });
}

function once(f: () => void): () => void {
  let done = false;
  return () => {
    if (!done) {
      done = true;
      f();
    }
  };
}

/**
 * Atomic file output: everything is written to a temporary file in the destination folder and
 * renamed over the destination only when complete, so a reader never sees half a file and a
 * failed or interrupted write leaves nothing behind.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

let counter = 0;

/** a temporary path next to `dest` (same file system, so rename is atomic) */
export function tempPathFor(dest: string): string {
  counter++;
  return join(dirname(dest), `.${basename(dest)}.${process.pid}.${counter}.tmp`);
}

/** write a whole file atomically */
export function writeFileAtomic(dest: string, data: string | Uint8Array): void {
  const tmp = tempPathFor(dest);
  try {
    writeFileSync(tmp, data);
    const fd = openSync(tmp, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, dest);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** move a finished temporary file into place */
export function commitTemp(tmp: string, dest: string): void {
  renameSync(tmp, dest);
}

/** remove a temporary file (no error if absent) */
export function discardTemp(tmp: string): void {
  rmSync(tmp, { force: true });
}

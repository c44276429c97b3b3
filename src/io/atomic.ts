/**
 * Atomic file output: everything is written to a temporary file in the destination folder and
 * renamed over the destination only when complete, so a reader never sees half a file and a
 * failed or interrupted write leaves nothing behind. Streams (ntuples) write through one open file
 * handle (`AtomicFile`), never by re-opening the temporary by name, so that a temporary removed by
 * someone else cannot be silently re-created without its beginning: the commit then fails instead.
 *
 * Temporary names carry the writer's host tag, pid and thread (`.NAME.HOSTTAG-PID.THREAD_N.tmp`), so a clean-up
 * can tell the temporaries of a live writer from those of a dead one (`temporaryWriter`).
 */
import { createHash } from "node:crypto";
import {
  closeSync,
  fstatSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { threadId } from "node:worker_threads";

let counter = 0;

/** a short tag of this host (host names may hold dots) */
export const HOST_TAG = createHash("sha256").update(hostname()).digest("hex").slice(0, 8);

/** a temporary path next to `dest` (same file system, so rename is atomic) */
export function tempPathFor(dest: string): string {
  counter++;
  return join(dirname(dest), `.${basename(dest)}.${HOST_TAG}-${process.pid}.${threadId}_${counter}.tmp`);
}

/** the writer of a temporary file named by tempPathFor: host tag and pid (null: not one of ours) */
export function temporaryWriter(name: string): { hostTag: string; pid: number } | null {
  const m = /\.([0-9a-f]{8})-(\d+)\.\d+_\d+\.tmp$/.exec(name);
  return m ? { hostTag: m[1], pid: Number(m[2]) } : null;
}

/** the file a temporary stands for (the path itself when it is not a temporary) */
export function destinationOf(path: string): string {
  const m = /^\.(.+)\.[0-9a-f]{8}-\d+\.\d+_\d+\.tmp$/.exec(basename(path));
  return m ? join(dirname(path), m[1]) : path;
}

/**
 * a whole file written and synced under a temporary name next to `dest` (nothing left on failure);
 * `commitTemp` moves it into place — several staged files can then be renamed together
 */
export function stageFile(dest: string, data: string | Uint8Array): { tmp: string; dest: string } {
  const tmp = tempPathFor(dest);
  try {
    writeFileSync(tmp, data, { flag: "wx" });
    const fd = openSync(tmp, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return { tmp, dest };
}

/** write a whole file atomically */
export function writeFileAtomic(dest: string, data: string | Uint8Array): void {
  const { tmp } = stageFile(dest, data);
  try {
    renameSync(tmp, dest);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * A file written in pieces through one open handle to a temporary, then committed (fsync, close,
 * rename) or aborted. If the temporary is removed or replaced while it is written, commit fails
 * (the data written so far would be lost otherwise).
 */
export class AtomicFile {
  readonly tmp: string;
  private fd: number | null;
  private readonly ino: number;

  constructor(readonly dest: string) {
    this.tmp = tempPathFor(dest);
    this.fd = openSync(this.tmp, "wx");
    this.ino = fstatSync(this.fd).ino;
  }

  write(data: Uint8Array): void {
    if (this.fd === null) throw new Error(`${this.dest}: write after close`);
    let off = 0;
    while (off < data.length) off += writeSync(this.fd, data, off, data.length - off);
  }

  commit(): void {
    if (this.fd === null) throw new Error(`${this.dest}: commit after close`);
    const fd = this.fd;
    this.fd = null;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    let same = false;
    try {
      same = statSync(this.tmp).ino === this.ino;
    } catch {
      // gone
    }
    if (!same) {
      throw new Error(
        `${this.dest}: its temporary file ${basename(this.tmp)} was removed or replaced while being written (is another process cleaning this folder?)`,
      );
    }
    renameSync(this.tmp, this.dest);
  }

  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = null;
    }
    try {
      if (statSync(this.tmp).ino === this.ino) rmSync(this.tmp, { force: true });
    } catch {
      // gone
    }
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

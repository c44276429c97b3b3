/**
 * A small pool of worker threads that run named exports of task modules. A task is
 * (module URL, export name, argument); the export is called with the argument (structured clone)
 * and may return a value or a promise. Results come back in the order asked, so a computation split
 * into shards gives the same answer with 1 or N workers as long as each shard's result depends only
 * on its argument (kaonlab's rule: seed, shard index and configuration).
 *
 * Under tsx (tests, `node --import tsx`), workers run the .ts sources with the same loader.
 *
 * A worker thread that dies while running a task (out of memory, `process.exit` in the task, a
 * crash) is replaced by a fresh one and the task is run once more; if it dies again the task's
 * promise rejects with a WorkerDiedError. The pool never waits on a dead thread.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

export interface TaskRequest {
  /** absolute file URL of the module (use new URL("./x.ts", import.meta.url).href) */
  module: string;
  /** name of the exported function */
  fn: string;
  arg: unknown;
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

const ENTRY_TS = new URL("./worker-entry.ts", import.meta.url);
const ENTRY_JS = new URL("./worker-entry.js", import.meta.url);
const RUNNING_TS = import.meta.url.endsWith(".ts");

/** a worker that registers tsx before importing the .ts entry (tests run the sources) */
function tsWorker(resourceLimits?: import("node:worker_threads").ResourceLimits): Worker {
  const api = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(ENTRY_TS.href)}); });`;
  return new Worker(code, { eval: true, resourceLimits });
}

/** the URL of a module's sibling, resolving .ts under tsx and .js in dist */
export function siblingModule(base: string, stem: string): string {
  return new URL(`./${stem}${base.endsWith(".ts") ? ".ts" : ".js"}`, base).href;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export interface WorkerPoolOptions {
  /** how many times a task whose worker thread died is run again on a fresh thread (default 1) */
  retries?: number;
  /** resource limits of each worker thread (tests) */
  resourceLimits?: import("node:worker_threads").ResourceLimits;
}

interface Queued {
  req: TaskRequest;
  id: number;
  /** worker deaths so far */
  deaths: number;
}

/**
 * A task's worker thread died (out of memory, process.exit in the task, a crash) more often than
 * it may be retried.
 */
export class WorkerDiedError extends Error {
  override name = "WorkerDiedError";
}

export class WorkerPool {
  readonly size: number;
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly queue: Queued[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, Queued>();
  private readonly retries: number;
  private readonly limits: WorkerPoolOptions["resourceLimits"];
  private nextId = 0;
  private closed = false;

  constructor(size: number, opts: WorkerPoolOptions = {}) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`--workers: expected a positive integer, got ${size}`);
    this.size = size;
    this.retries = opts.retries ?? 1;
    this.limits = opts.resourceLimits;
    for (let i = 0; i < size; i++) this.spawn();
  }

  private spawn(): void {
    const w = RUNNING_TS ? tsWorker(this.limits) : new Worker(ENTRY_JS, { resourceLimits: this.limits });
    let lastError: Error | null = null;
    w.on(
      "message",
      (m: {
        id: number;
        ok: boolean;
        value?: unknown;
        error?: { message: string; name: string; stack?: string };
      }) => {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        this.busy.delete(w);
        this.idle.push(w);
        if (p) {
          if (m.ok) p.resolve(m.value);
          else {
            const e =
              m.error!.name === "RangeError" ? new RangeError(m.error!.message) : new Error(m.error!.message);
            if (m.error!.stack) e.stack = m.error!.stack;
            p.reject(e);
          }
        }
        this.pump();
      },
    );
    // a thread that dies ('error': uncaught exception or out of memory; then 'exit') is replaced,
    // and its task is run again on a fresh thread, at most `retries` times
    w.on("error", (e) => {
      lastError = e;
    });
    w.on("exit", (code) => {
      this.workers.delete(w);
      const i = this.idle.indexOf(w);
      if (i >= 0) this.idle.splice(i, 1);
      const task = this.busy.get(w);
      this.busy.delete(w);
      if (this.closed) return;
      this.spawn();
      if (task) {
        const why = lastError ? lastError.message : `exit code ${code}`;
        task.deaths++;
        if (task.deaths > this.retries) {
          const p = this.pending.get(task.id);
          this.pending.delete(task.id);
          p?.reject(
            new WorkerDiedError(
              `worker thread died (${why})${this.retries > 0 ? `, also on ${this.retries === 1 ? "the retry" : `${this.retries} retries`}` : ""}`,
            ),
          );
        } else this.queue.unshift(task);
      }
      this.pump();
    });
    w.unref();
    this.workers.add(w);
    this.idle.push(w);
  }

  run<T>(module: string, fn: string, arg: unknown): Promise<T> {
    if (this.closed) return Promise.reject(new Error("WorkerPool: closed"));
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    });
    this.queue.push({ req: { module, fn, arg }, id, deaths: 0 });
    this.pump();
    return promise;
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(w, task);
      w.ref();
      w.postMessage({ id: task.id, ...task.req });
    }
    if (this.busy.size === 0) for (const w of this.workers) w.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.workers].map((w) => w.terminate()));
  }
}

/**
 * Run tasks on `workers` threads (in this thread when workers = 1) and return the results in
 * task order. `onDone` is called as each task finishes (for progress reporting).
 */
export async function runTasks<T>(
  tasks: TaskRequest[],
  workers: number,
  onDone?: (index: number, result: T) => void,
): Promise<T[]> {
  if (workers <= 1) {
    const out: T[] = [];
    for (let i = 0; i < tasks.length; i++) {
      const mod = await import(tasks[i].module);
      const r = (await mod[tasks[i].fn](tasks[i].arg)) as T;
      out.push(r);
      onDone?.(i, r);
    }
    return out;
  }
  const pool = new WorkerPool(Math.min(workers, tasks.length));
  try {
    return await Promise.all(
      tasks.map((t, i) =>
        pool.run<T>(t.module, t.fn, t.arg).then((r) => {
          onDone?.(i, r);
          return r;
        }),
      ),
    );
  } finally {
    await pool.close();
  }
}

/**
 * A small pool of worker threads that run named exports of task modules. A task is
 * (module URL, export name, argument); the export is called with the argument (structured clone)
 * and may return a value or a promise. Results come back in the order asked, so a computation split
 * into shards gives the same answer with 1 or N workers as long as each shard's result depends only
 * on its argument (kaonlab's rule: seed, shard index and configuration).
 *
 * Under tsx (tests, `node --import tsx`), workers run the .ts sources with the same loader.
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
function tsWorker(): Worker {
  const api = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(ENTRY_TS.href)}); });`;
  return new Worker(code, { eval: true });
}

/** the URL of a module's sibling, resolving .ts under tsx and .js in dist */
export function siblingModule(base: string, stem: string): string {
  return new URL(`./${stem}${base.endsWith(".ts") ? ".ts" : ".js"}`, base).href;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export class WorkerPool {
  readonly size: number;
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { req: TaskRequest; id: number }[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;
  private closed = false;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`--workers: expected a positive integer, got ${size}`);
    this.size = size;
    for (let i = 0; i < size; i++) {
      const w = RUNNING_TS ? tsWorker() : new Worker(ENTRY_JS);
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
                m.error!.name === "RangeError"
                  ? new RangeError(m.error!.message)
                  : new Error(m.error!.message);
              if (m.error!.stack) e.stack = m.error!.stack;
              p.reject(e);
            }
          }
          this.pump();
        },
      );
      w.on("error", (e) => {
        const id = this.busy.get(w);
        if (id !== undefined) {
          this.pending.get(id)?.reject(e);
          this.pending.delete(id);
        }
      });
      w.unref();
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  run<T>(module: string, fn: string, arg: unknown): Promise<T> {
    if (this.closed) return Promise.reject(new Error("WorkerPool: closed"));
    const id = this.nextId++;
    const promise = new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    });
    this.queue.push({ req: { module, fn, arg }, id });
    this.pump();
    return promise;
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.pop()!;
      const { req, id } = this.queue.shift()!;
      this.busy.set(w, id);
      w.ref();
      w.postMessage({ id, ...req });
    }
    if (this.busy.size === 0) for (const w of this.workers) w.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
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

/** Worker-thread entry of WorkerPool: imports the task module and calls the named export. */
import { parentPort } from "node:worker_threads";

const modules = new Map<string, Record<string, (arg: unknown) => unknown>>();

parentPort!.on("message", async (m: { id: number; module: string; fn: string; arg: unknown }) => {
  try {
    let mod = modules.get(m.module);
    if (!mod) {
      mod = (await import(m.module)) as Record<string, (arg: unknown) => unknown>;
      modules.set(m.module, mod);
    }
    const f = mod[m.fn];
    if (typeof f !== "function") throw new Error(`worker: ${m.module} has no export ${m.fn}`);
    const value = await f(m.arg);
    parentPort!.postMessage({ id: m.id, ok: true, value });
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    parentPort!.postMessage({
      id: m.id,
      ok: false,
      error: { name: err.name, message: err.message, stack: err.stack },
    });
  }
});

/**
 * The HTTP server of `kaonlab serve` (Node's http module; local only, no network use): the built web
 * app (dist/web) and a JSON API over the served run folders and the library.
 *
 *   GET /api/runs                          every run folder: state, progress, outputs (re-read per request)
 *   GET /api/runs/<id>                     its summary and results.json
 *   GET /api/runs/<id>/plots/<name>.json   a figure for the interactive viewer (.svg, .png as files)
 *   GET /api/runs/<id>/histograms/<name>   plain-JSON histogram;  .../tables/<name>  a report table
 *   GET /api/runs/<id>/candidates          the ntuples' candidates (period, source, category, p, m²miss)
 *   GET /api/regions?period=P              the πνν̄ (p, m²miss) regions of a period (empty elsewhere)
 *   GET /api/catalogue                     channel names and kaon-mode periods
 *   GET /api/events?channel=&period=&events=&seed=&selection=   simulated events for the display
 *
 * A served path is a run folder (it holds plan.json) or a folder of run folders (runs/), scanned
 * again on each request so that runs started later appear.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { basename, extname, join, resolve, sep } from "node:path";
import { isPnnPeriod, selectionFor } from "../analyses/pnn/conditions.ts";
import { planeRegions } from "../analyses/pnn/plane.ts";
import { isUsageError, UsageError } from "../core/errors.ts";
import { channelNames } from "../decays/catalogue.ts";
import { loadPeriod, periodNames } from "../detector/card.ts";
import { displayBatch, displayRequest } from "./explorer-events.ts";
import { runArtefact, runCandidates, runResults, runSummary } from "./explorer-runs.ts";
import { PLAN_FILE, PLOT_DIR } from "./plan.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".md": "text/markdown; charset=utf-8",
};

/** the built web app: dist/web beside the compiled code, or the checkout's dist/web from src/ */
export function webRoot(): string {
  for (const rel of ["../web/", "../../dist/web/"]) {
    const p = new URL(rel, import.meta.url).pathname;
    if (existsSync(join(p, "index.html"))) return p;
  }
  throw new UsageError(
    "serve: the web app is not built (dist/web/index.html is missing); run `npm run build`",
  );
}

/** the run folders under the served paths: id → folder */
export function scanRuns(paths: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const add = (dir: string) => {
    let id = basename(dir);
    for (let k = 2; out.has(id); k++) id = `${basename(dir)}-${k}`;
    out.set(id, dir);
  };
  for (const p of paths) {
    if (existsSync(join(p, PLAN_FILE))) add(p);
    else if (existsSync(p) && statSync(p).isDirectory())
      for (const name of readdirSync(p).sort()) if (existsSync(join(p, name, PLAN_FILE))) add(join(p, name));
  }
  return out;
}

/** check the served paths: each a run folder or a folder (possibly still empty) of run folders */
export function checkServedPaths(paths: string[]): string[] {
  return paths.map((p) => {
    const abs = resolve(p);
    if (!existsSync(abs)) throw new UsageError(`RUN_DIR: "${p}" does not exist`);
    if (!statSync(abs).isDirectory()) throw new UsageError(`RUN_DIR: "${p}" is not a folder`);
    return abs;
  });
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = TYPES[".json"]): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

function sendJson(res: ServerResponse, value: unknown, status = 200): void {
  send(res, status, JSON.stringify(value));
}

function kaonPeriods(): string[] {
  return periodNames().filter((p) => {
    try {
      return loadPeriod(p).mode === "kaon";
    } catch {
      return false;
    }
  });
}

/** the request handler (exported for tests) */
export function explorerHandler(paths: string[], root: string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    try {
      if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "{}");
      if (parts[0] === "api") return await api(parts.slice(1), url, paths, res);
      // static files of the web app; unknown paths get index.html (one-page app)
      const rel = parts.join("/");
      const file = resolve(root, rel);
      if (rel && file.startsWith(root) && existsSync(file) && statSync(file).isFile())
        return send(res, 200, readFileSync(file), TYPES[extname(file)] ?? "application/octet-stream");
      return send(res, 200, readFileSync(join(root, "index.html")), TYPES[".html"]);
    } catch (e) {
      if (isUsageError(e)) return sendJson(res, { error: (e as Error).message }, 400);
      return sendJson(res, { error: `internal error: ${(e as Error).message}` }, 500);
    }
  };
}

async function api(parts: string[], url: URL, paths: string[], res: ServerResponse): Promise<void> {
  const q = Object.fromEntries(url.searchParams.entries());
  if (parts[0] === "runs") {
    const runs = scanRuns(paths);
    if (parts.length === 1)
      return sendJson(
        res,
        [...runs].map(([id, dir]) => runSummary(dir, id)),
      );
    const dir = runs.get(parts[1]);
    if (!dir) return sendJson(res, { error: `run: no served run folder is called "${parts[1]}"` }, 404);
    if (parts.length === 2)
      return sendJson(res, { summary: runSummary(dir, parts[1]), results: runResults(dir) });
    if (parts[2] === "candidates") return sendJson(res, await runCandidates(dir));
    if ((parts[2] === "histograms" || parts[2] === "tables") && parts[3]) {
      const v = runArtefact(dir, parts[2], parts[3]);
      return v === null ? sendJson(res, { error: `${parts[2]}: no "${parts[3]}"` }, 404) : sendJson(res, v);
    }
    if (parts[2] === "plots" && parts[3] && /^[\w.+-]+\.(json|svg|png)$/.test(parts[3])) {
      const file = join(dir, PLOT_DIR, parts[3]);
      if (!file.startsWith(dir + sep) || !existsSync(file))
        return sendJson(res, { error: `plots: no "${parts[3]}"` }, 404);
      return send(res, 200, readFileSync(file), TYPES[extname(file)]);
    }
    return sendJson(res, { error: `no such resource "${url.pathname}"` }, 404);
  }
  if (parts[0] === "regions") {
    const period = q.period ?? "";
    if (!isPnnPeriod(period)) return sendJson(res, []);
    return sendJson(res, planeRegions(selectionFor(period).params, Number(q.top ?? 0.1)));
  }
  if (parts[0] === "catalogue")
    return sendJson(res, { channels: channelNames().filter(Boolean), periods: kaonPeriods() });
  if (parts[0] === "events") return sendJson(res, displayBatch(displayRequest(q)));
  return sendJson(res, { error: `no such resource "${url.pathname}"` }, 404);
}

/** start listening; resolves with the server and its URL */
export function startExplorer(
  paths: string[],
  opts: { host: string; port: number },
): Promise<{ server: Server; url: string }> {
  const root = webRoot();
  const handler = explorerHandler(paths, root);
  const server = createServer((req, res) => {
    void handler(req, res);
  });
  return new Promise((ok, fail) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      fail(
        e.code === "EADDRINUSE"
          ? new UsageError(`--port: ${opts.port} is in use on ${opts.host}; choose another (or 0 for any)`)
          : e,
      ),
    );
    server.listen(opts.port, opts.host, () => {
      const a = server.address();
      const port = typeof a === "object" && a ? a.port : opts.port;
      ok({ server, url: `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${port}/` });
    });
  });
}

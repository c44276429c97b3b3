/**
 * `kaonlab serve` end to end: a tiny `kaonlab run pnn`, the built CLI serving it, and the system
 * Chromium (playwright-core, headless) loading the app: the run browser shows the results against
 * NA62's, the (p, m²miss) plane draws the run's candidates, and the event display renders a
 * simulated event — checked on the canvas pixels, not only in the DOM. Screenshots are kept in
 * test-artefacts/serve/ (gitignored). Needs `npm run build` (dist/ and dist/web) and
 * /usr/bin/chromium; skipped without Chromium, except in CI (CI=1), where it must run.
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Browser, chromium, type Page } from "playwright-core";
import { cli, ROOT, spawnCli, tempDir } from "../run/helpers.ts";

const CHROMIUM = "/usr/bin/chromium";
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const ARTEFACTS = join(ROOT, "test-artefacts", "serve");
const skip =
  !existsSync(CHROMIUM) && !process.env.CI
    ? `no ${CHROMIUM} (apt-get install chromium; required in CI)`
    : false;

/**
 * Pixels of a canvas (2D, or WebGL with preserveDrawingBuffer) that differ from white, and the number
 * of distinct saturated colours (not the black, grey and white of axes and text). Runs in the page;
 * kept as source text because this package's types have no DOM.
 */
const INK = `(selector) => {
  const src = document.querySelector(selector);
  const copy = document.createElement("canvas");
  copy.width = src.width;
  copy.height = src.height;
  const ctx = copy.getContext("2d");
  ctx.drawImage(src, 0, 0);
  const d = ctx.getImageData(0, 0, copy.width, copy.height).data;
  let ink = 0;
  const colours = new Set();
  for (let i = 0; i < d.length; i += 4) {
    if (d[i] > 245 && d[i + 1] > 245 && d[i + 2] > 245) continue;
    ink++;
    const max = Math.max(d[i], d[i + 1], d[i + 2]);
    const min = Math.min(d[i], d[i + 1], d[i + 2]);
    if (max - min > 60) colours.add((d[i] >> 4) * 256 + (d[i + 1] >> 4) * 16 + (d[i + 2] >> 4));
  }
  return { ink, colours: colours.size };
}`;

function canvasInk(page: Page, selector: string): Promise<{ ink: number; colours: number }> {
  return page.evaluate(`(${INK})(${JSON.stringify(selector)})`);
}

describe("kaonlab serve in Chromium", { skip }, () => {
  let browser: Browser;
  let server: ReturnType<typeof spawnCli>;
  let url = "";
  const runs = tempDir("serve");

  before(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    const r = await cli([
      "run",
      "pnn",
      "--events",
      "16000",
      "--shards",
      "2",
      "--out",
      join(runs, "pnn"),
      "--quiet",
    ]);
    assert.equal(r.code, 0, r.err);
    // a job still running: 1 of its 4 shards done, its lock held
    const live = join(runs, "running-job");
    mkdirSync(join(live, "shards"), { recursive: true });
    const shards = [0, 1, 2, 3].map((index) => ({ index, firstEvent: index * 500, events: 500 }));
    writeFileSync(join(live, "plan.json"), JSON.stringify({ job: "mix", seed: 1, events: 2000, shards }));
    writeFileSync(join(live, "shards", "shard-000002.json"), "{}");
    writeFileSync(join(live, ".kaonlab.lock"), "{}");
    server = spawnCli(["serve", runs, "--port", "0"]);
    url = await new Promise<string>((ok, fail) => {
      let text = "";
      const timer = setTimeout(() => fail(new Error(`serve printed no URL: ${text}`)), 20_000);
      server.child.stdout!.on("data", (d) => {
        text += d;
        const m = /(http:\/\/\S+\/)/.exec(text);
        if (m) {
          clearTimeout(timer);
          ok(m[1]);
        }
      });
      server.child.on("exit", () => fail(new Error(`serve exited: ${text}`)));
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  });

  after(async () => {
    await browser?.close();
    server?.child.kill("SIGTERM");
    if (server) await server.done;
  });

  it("loads the run with its results against NA62's and interactive figures", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(url);
    await page.waitForSelector('[data-testid="comparison"]', { timeout: 20_000 });
    await page.screenshot({ path: join(ARTEFACTS, "runs.png") });
    // the running job shows its progress, and follows the folder as shards finish
    const live = '[data-run="running-job"]';
    assert.match((await page.textContent(live)) ?? "", /running.*1\/4 shards, 500\/2,000 events/s);
    writeFileSync(join(runs, "running-job", "shards", "shard-000000.json"), "{}");
    await page.waitForFunction(
      `(document.querySelector('${live}')?.textContent ?? "").includes("2/4 shards")`,
      null,
      { timeout: 10_000 },
    );
    const statuses = await page.$$eval('[data-testid="comparison"] .status', (s) =>
      s.map((e) => e.textContent),
    );
    assert.ok(statuses.length > 5, `comparison rows: ${statuses.length}`);
    await page.waitForSelector('figure[data-plot="m2miss_by_source"] canvas');
    const ink = await canvasInk(page, 'figure[data-plot="m2miss_by_source"] canvas');
    assert.ok(ink.colours > 3, `m2miss_by_source has ${ink.colours} colours`);
    // hover shows a value; log/lin switches
    const plot = page.locator('figure[data-plot="m2miss_by_source"] canvas');
    await plot.hover({ position: { x: 300, y: 250 } });
    const tip = await page.$eval(
      'figure[data-plot="m2miss_by_source"] .plot-tip',
      (t) => t.textContent ?? "",
    );
    assert.match(tip, /\d/);
    await page.close();
  });

  it("draws the run's candidates on the (p, m²miss) plane", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(`${url}#plane`);
    await page.waitForSelector('[data-testid="plane"]:not([data-points="0"])[data-points]', {
      timeout: 20_000,
    });
    const n = Number(await page.getAttribute('[data-testid="plane"]', "data-points"));
    const ink = await canvasInk(page, '[data-testid="plane"] canvas');
    assert.ok(n > 0 && ink.colours > 2, `${n} candidates, ${ink.colours} colours`);
    // unticking every source empties the plane
    for (const c of await page.$$("input[data-source]")) await c.uncheck();
    assert.equal(await page.getAttribute('[data-testid="plane"]', "data-points"), "0");
    for (const c of await page.$$("input[data-source]")) await c.check();
    await page.screenshot({ path: join(ARTEFACTS, "plane.png") });
    await page.close();
  });

  it("renders a simulated event in 3D and steps to the next", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${url}#display`);
    const canvas = '[data-testid="display-canvas"]';
    await page.waitForSelector(`${canvas}[data-event]`, { timeout: 30_000 });
    const first = await page.getAttribute(canvas, "data-event");
    const ink = await canvasInk(page, canvas);
    assert.ok(ink.ink > 2000 && ink.colours > 3, `display: ${ink.ink} inked pixels, ${ink.colours} colours`);
    assert.match((await page.textContent('[data-testid="event-info"]')) ?? "", /K\+ -> pi\+ pi0/);
    await page.screenshot({ path: join(ARTEFACTS, "display.png") });
    await page.click('[data-testid="next"]');
    assert.notEqual(await page.getAttribute(canvas, "data-event"), first);
    await page.close();
  });
});

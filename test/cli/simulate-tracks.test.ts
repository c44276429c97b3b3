/**
 * The `kaonlab simulate --tracks FILE` contract: one row per reconstructed STRAW track with at least
 * event, q, px, py, pz (GeV/c, lab frame), the vtx_* columns in the events file, Parquet and CSV
 * alike; the events file is otherwise the one written without --tracks; bad --tracks paths exit 2
 * naming --tracks and write nothing.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parquetReadObjects } from "hyparquet";
import { cli } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "kaonlab-tracks-"));
const K3PI = "K+ -> pi+ pi+ pi-";
const VTX = ["vtx_ntracks", "vtx_x", "vtx_y", "vtx_z", "vtx_chi2", "vtx_p", "vtx_pt", "vtx_mass"];

async function parquet(f: string): Promise<Record<string, unknown>[]> {
  const buf = readFileSync(f);
  return parquetReadObjects({
    file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer,
  });
}

function csv(f: string): { names: string[]; rows: string[][] } {
  const [head, ...lines] = readFileSync(f, "utf8").trim().split("\n");
  return { names: head.split(","), rows: lines.map((l) => l.split(",")) };
}

describe("kaonlab simulate --tracks", () => {
  it("Parquet: one row per track (event, q, px, py, pz …), vtx_* per event; tracks add up to n_tracks", async () => {
    const ev = join(dir, "ev.parquet");
    const tr = join(dir, "tr.parquet");
    const r = await cli([
      "simulate",
      K3PI,
      "-n",
      "1500",
      "-s",
      "2",
      "--z-range",
      "105m:165m",
      "--out",
      ev,
      "--tracks",
      tr,
    ]);
    assert.equal(r.code, 0, r.err);
    const events = await parquet(ev);
    const tracks = await parquet(tr);
    assert.equal(events.length, 1500);
    for (const c of VTX) assert.ok(c in events[0], `events column ${c}`);
    for (const c of ["event", "q", "px", "py", "pz", "p", "tx", "ty", "x_straw1", "e_lkr", "eop", "rich_pi"])
      assert.ok(c in tracks[0], `tracks column ${c}`);
    // every event's tracks are there (n_tracks counts them), one selected per event with a track
    const perEvent = new Map<number, number>();
    const selected = new Map<number, number>();
    for (const t of tracks) {
      const e = t.event as number;
      perEvent.set(e, (perEvent.get(e) ?? 0) + 1);
      if (t.selected === true) selected.set(e, (selected.get(e) ?? 0) + 1);
      const q = t.q as number;
      assert.ok(q === 1 || q === -1, `charge ${q}`);
      const p = Math.hypot(t.px as number, t.py as number, t.pz as number);
      assert.ok(Math.abs(p - (t.p as number)) < 1e-9 * p, `|p| ${p} vs ${t.p}`);
    }
    let three = 0;
    for (const e of events) {
      const n = e.n_tracks as number;
      const i = e.event as number;
      assert.equal(perEvent.get(i) ?? 0, Math.min(n, 8), `event ${i}`);
      assert.equal(e.vtx_ntracks, Math.min(n, 8));
      if (n > 0) assert.equal(selected.get(i), 1);
      if (n >= 2) assert.ok(Number.isFinite(e.vtx_z as number), `vtx_z of event ${i}`);
      else assert.ok(Number.isNaN(e.vtx_z as number));
      if (n === 3) three++;
    }
    assert.ok(three > 100, `${three} three-track events`);
    // the selected track is the single-track columns' track
    const sel = tracks.filter((t) => t.selected === true);
    const byEvent = new Map(events.map((e) => [e.event as number, e]));
    for (const t of sel.slice(0, 50)) assert.equal(t.p, byEvent.get(t.event as number)?.p_track);
  });

  it("CSV works the same; the events file is the one written without --tracks, plus vtx_*", async () => {
    const a = join(dir, "a.csv");
    const b = join(dir, "b.csv");
    const tr = join(dir, "tr.csv");
    assert.equal(
      (await cli(["simulate", K3PI, "-n", "600", "-s", "4", "--z-range", "105m:165m", "--out", a])).code,
      0,
    );
    const r = await cli([
      "simulate",
      K3PI,
      "-n",
      "600",
      "-s",
      "4",
      "--z-range",
      "105m:165m",
      "--out",
      b,
      "--tracks",
      tr,
    ]);
    assert.equal(r.code, 0, r.err);
    const plain = csv(a);
    const withT = csv(b);
    assert.deepEqual(withT.names, [...plain.names, ...VTX]);
    for (let i = 0; i < plain.rows.length; i++)
      assert.deepEqual(withT.rows[i].slice(0, plain.names.length), plain.rows[i]);
    const t = csv(tr);
    for (const c of ["event", "q", "px", "py", "pz"]) assert.ok(t.names.includes(c), `column ${c}`);
    assert.ok(t.rows.length > 600, `${t.rows.length} tracks`);
  });

  it("bad --tracks paths: exit 2 naming --tracks, nothing written", async () => {
    const before = readdirSync(dir).length;
    const out = join(dir, "never.parquet");
    for (const bad of [join(dir, "missing", "t.parquet"), join(dir, "t.txt"), dir, out]) {
      const r = await cli(["simulate", K3PI, "-n", "100", "--out", out, "--tracks", bad]);
      assert.equal(r.code, 2, `${bad}: ${r.err}`);
      assert.match(r.err, /--tracks/);
    }
    assert.equal(readdirSync(dir).length, before);
    assert.equal(existsSync(out), false);
  });
});

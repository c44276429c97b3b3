import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parquetReadObjects } from "hyparquet";
import { cli } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "kaonlab-sim-"));

/** acceptance flags: one per subsystem that the downstream track can cross */
const ACC = [
  "acc_straw",
  "acc_rich",
  "acc_chod",
  "acc_newchod",
  "acc_lkr",
  "acc_muv1",
  "acc_muv2",
  "acc_muv3",
  "acc_lav",
  "acc_irc",
  "acc_sac",
  "acc_muv0",
  "acc_hasc",
  "acc_chanti",
];

/** the documented per-event columns (docs/reco.md) */
const REQUIRED = [
  "event",
  "channel",
  "weight",
  "z_vtx_true",
  "z_vtx",
  "p_k",
  "p_track",
  "theta_track",
  "m2miss",
  "m2miss_rich",
  "m2miss_beam",
  "cda",
  "trig_pnn",
  "trig_control",
  "pid_pi",
  "pid_mu",
  "pv_survival",
  "rv_survival",
  ...ACC,
];

describe("kaonlab simulate", () => {
  it("writes one row per event with the documented columns; same seed → identical bytes", async () => {
    const a = join(dir, "a.parquet");
    const b = join(dir, "b.parquet");
    for (const f of [a, b]) {
      const r = await cli([
        "simulate",
        "K+ -> pi+ pi0",
        "-n",
        "2000",
        "-s",
        "5",
        "--z-range",
        "105m:165m",
        "--out",
        f,
      ]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /2018-S2/);
    }
    assert.ok(readFileSync(a).equals(readFileSync(b)));
    const buf = readFileSync(a);
    const rows = await parquetReadObjects({
      file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer,
    });
    assert.equal(rows.length, 2000);
    for (const c of REQUIRED) assert.ok(c in rows[0], `column ${c}`);
    assert.equal(rows[0].channel, "K+ -> pi+ pi0");
    assert.deepEqual(
      rows.slice(0, 3).map((r) => r.event),
      [0, 1, 2],
    );
    const sel = rows.filter(
      (r) => r.n_tracks === 1 && (r.p_track as number) > 15 && (r.p_track as number) < 35,
    );
    assert.ok(sel.length > 300);
    const mean = sel.reduce((s, r) => s + (r.m2miss_true as number), 0) / sel.length;
    assert.ok(mean > 0.015 && mean < 0.025, `mean true m²miss ${mean}`);
  });

  it("CSV output, JSON summary, mix, another period card override", async () => {
    const f = join(dir, "m.csv");
    const r = await cli([
      "simulate",
      "mix",
      "-n",
      "1500",
      "--out",
      f,
      "--json",
      "--card",
      "beam.intensity=1.3",
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.events, 1500);
    assert.equal(j.period, "2018-S2");
    const lines = readFileSync(f, "utf8").trim().split("\n");
    assert.equal(lines.length, 1501);
    for (const c of REQUIRED) assert.ok(lines[0].split(",").includes(c), `column ${c}`);
  });

  it("acceptance flags: 0/1, all 0 without a track; the CHANTI flag fires for upstream sources", async () => {
    const f = join(dir, "u.csv");
    const r = await cli([
      "simulate",
      "K+ -> pi+ pi0",
      "--source",
      "upstream",
      "-n",
      "6000",
      "-s",
      "4",
      "--out",
      f,
    ]);
    assert.equal(r.code, 0, r.err);
    const [head, ...lines] = readFileSync(f, "utf8").trim().split("\n");
    const names = head.split(",");
    const col = ACC.map((c) => names.indexOf(c));
    const fired = new Map(ACC.map((c) => [c, 0]));
    for (const line of lines) {
      const v = line.split(",");
      const flags = col.map((j) => v[j]);
      for (const x of flags) assert.ok(x === "0" || x === "1", `flag ${x}`);
      if (flags[0] === "0")
        assert.ok(
          flags.every((x) => x === "0"),
          "flags without a STRAW track",
        );
      for (let k = 0; k < ACC.length; k++) fired.set(ACC[k], fired.get(ACC[k])! + Number(flags[k]));
    }
    // a few hundred tracks in the spectrometer, and some of the upstream ones cross the CHANTI
    assert.ok(fired.get("acc_straw")! > 500, `acc_straw ${fired.get("acc_straw")}`);
    assert.ok(fired.get("acc_chanti")! > 0, "acc_chanti never set");
  });

  it("bad input: exit 2, a message naming the field and the value, nothing written", async () => {
    const before = readdirSync(dir).length;
    const folder = join(mkdtempSync(join(tmpdir(), "kaonlab-sim-out-")), "f.parquet");
    mkdirSync(folder);
    const cases: [string[], RegExp][] = [
      [["simulate", "K+ -> nothing", "--out", join(dir, "x.parquet")], /unknown channel "K\+ -> nothing"/],
      [["simulate", "mix", "--period", "2030", "--out", join(dir, "x.parquet")], /unknown period "2030"/],
      [["simulate", "mix", "--events", "-3"], /--events: expected a positive integer, got "-3"/],
      [["simulate", "mix", "--mode", "fast"], /--mode: expected weighted or sample, got "fast"/],
      [["simulate", "mix", "--card", "lkr.sigmaT=x"], /--card lkr\.sigmaT: expected a number, got "x"/],
      [
        ["simulate", "mix", "--out", join(dir, "x.txt")],
        /--out: the file name must end in \.parquet or \.csv/,
      ],
      [
        ["simulate", "mix", "--out", join(dir, "missing", "x.csv")],
        /--out: the folder ".*missing" does not exist, got ".*x\.csv"/,
      ],
      [["simulate", "mix", "--out", folder], /--out: ".*f\.parquet" is a folder, expected a file name/],
    ];
    for (const [args, msg] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.err}`);
      assert.match(r.err, msg);
    }
    assert.equal(readdirSync(dir).length, before);
    assert.ok(!existsSync(join(dir, "x.parquet")));
    assert.deepEqual(readdirSync(folder), []);
  });
});

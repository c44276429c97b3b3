import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parquetReadObjects } from "hyparquet";
import { PI0_MODE_NAMES, pi0Params } from "../../src/decays/pi0.ts";
import { cli } from "../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "kaonlab-gen-"));

describe("kaonlab generate", () => {
  it("same seed → byte-identical Parquet and CSV files; another seed differs", async () => {
    for (const ext of ["parquet", "csv"]) {
      const a = join(dir, `a.${ext}`);
      const b = join(dir, `b.${ext}`);
      const c = join(dir, `c.${ext}`);
      for (const [f, seed] of [
        [a, "7"],
        [b, "7"],
        [c, "8"],
      ]) {
        const r = await cli(["generate", "mix", "--events", "3000", "--seed", seed, "--out", f]);
        assert.equal(r.code, 0, r.err);
      }
      assert.ok(readFileSync(a).equals(readFileSync(b)), `${ext}: same seed, different bytes`);
      assert.ok(!readFileSync(a).equals(readFileSync(c)), `${ext}: different seeds, same bytes`);
    }
  });

  it("writes one row per particle with the documented columns, readable back", async () => {
    const f = join(dir, "pp0.parquet");
    const r = await cli([
      "generate",
      "K+ -> pi+ pi0",
      "--events",
      "500",
      "--seed",
      "3",
      "--out",
      f,
      "--pi0",
      "gg",
    ]);
    assert.equal(r.code, 0, r.err);
    const buf = readFileSync(f);
    const rows = await parquetReadObjects({
      file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer,
    });
    assert.deepEqual(Object.keys(rows[0]), [
      "event",
      "index",
      "parent",
      "pdg",
      "status",
      "px",
      "py",
      "pz",
      "e",
      "vx",
      "vy",
      "vz",
      "t",
      "weight",
    ]);
    assert.equal(rows.length, 500 * 5, "K, π⁺, π⁰, γ, γ per event");
    const first = rows.slice(0, 5);
    assert.deepEqual(
      first.map((x) => [x.index, x.parent, x.pdg, x.status]),
      [
        [0, -1, 321, "initial"],
        [1, 0, 211, "final"],
        [2, 0, 111, "intermediate"],
        [3, 2, 22, "final"],
        [4, 2, 22, "final"],
      ],
    );
    // weight = BR(π⁺π⁰) × BR(π⁰→γγ) (forced mode)
    assert.ok(Math.abs((first[0].weight as number) - 0.2067 * 0.98823) < 1e-12);
    // the kaon sits at GTK3 with t = 0
    assert.equal(first[0].vz, 102400);
    assert.equal(first[0].t, 0);
  });

  it("--pi0 accepts every mode of the decays library: ee gives K, π⁺, π⁰, e⁺, e⁻ weighted by BR(π⁰→e⁺e⁻)", async () => {
    const f = join(dir, "pp0ee.csv");
    const r = await cli(["generate", "K+ -> pi+ pi0", "-n", "200", "--seed", "5", "--out", f, "--pi0", "ee"]);
    assert.equal(r.code, 0, r.err);
    const lines = readFileSync(f, "utf8").trim().split("\n");
    const head = lines[0].split(",");
    const rows = lines.slice(1).map((l) => l.split(","));
    assert.equal(rows.length, 200 * 5, "K, π⁺, π⁰, e⁺, e⁻ per event");
    const pdg = head.indexOf("pdg");
    assert.deepEqual(
      rows.slice(0, 5).map((x) => Number(x[pdg])),
      [321, 211, 111, -11, 11],
    );
    const w = Number(rows[0][head.indexOf("weight")]);
    assert.ok(Math.abs(w / (0.2067 * pi0Params().brEE) - 1) < 1e-9, `weight ${w}`);
    // the CLI lists are the library's: every named mode runs
    for (const mode of PI0_MODE_NAMES) {
      const m = await cli(["generate", "K+ -> pi+ pi0 pi0", "-n", "20", "--pi0", mode, "--json"]);
      assert.equal(m.code, 0, `${mode}: ${m.err}`);
    }
  });

  it("--z-range forces the vertex and weights by the decay probability", async () => {
    const f = join(dir, "z.csv");
    const r = await cli([
      "generate",
      "K+ -> mu+ nu",
      "-n",
      "2000",
      "--z-range",
      "105m:165m",
      "--out",
      f,
      "--json",
    ]);
    assert.equal(r.code, 0, r.err);
    const lines = readFileSync(f, "utf8").trim().split("\n").slice(1);
    let sw = 0;
    let n = 0;
    for (const l of lines) {
      const c = l.split(",");
      if (c[1] !== "1") continue;
      const z = Number(c[11]);
      assert.ok(z >= 105000 && z <= 165000, `vertex at ${z}`);
      sw += Number(c[13]);
      n++;
    }
    // BR(μν) × P(105 < z < 165 m) ≈ 0.6356 × 0.1011 (L = 563.8 m, from GTK3 at 102.4 m); beam spread
    // changes P by < 0.1%
    const L = 563_850;
    const p = Math.exp(-(105000 - 102400) / L) - Math.exp(-(165000 - 102400) / L);
    assert.ok(Math.abs(sw / n / (0.6356 * p) - 1) < 2e-3, `mean weight ${sw / n} vs ${0.6356 * p}`);
  });

  it("bad arguments: a message naming the argument, exit 2, no file", async () => {
    const cases: [string[], RegExp][] = [
      [["generate", "mix", "--events", "-5"], /--events: expected a positive integer, got "-5"/],
      [["generate", "mix", "--events", "1e3.5"], /--events/],
      [["generate", "mix", "--seed", "x"], /--seed: expected a non-negative integer, got "x"/],
      [["generate", "K+ -> pi+ pi1"], /unknown channel "K\+ -> pi\+ pi1"/],
      [["generate", "mix", "--z-range", "165m:105m"], /--z-range: expected A < B/],
      [["generate", "mix", "--z-range", "50m:105m"], /--z-range: the range must start downstream of GTK3/],
      [
        ["generate", "mix", "--out", "x.root"],
        /--out: the file name must end in .parquet or .csv, got "x.root"/,
      ],
      [
        ["generate", "mix", "--pi0", "ggg"],
        /--pi0: expected natural, gg, eeg, eeee, ee, eeg\+natural or eeee\+natural, got "ggg"/,
      ],
      [["generate", "K+ -> pi+ X", "--set", "X.mass=0.5"], /daughters .* more than the kaon/],
      [["generate", "K+ -> pi+ X", "--set", "pi0.mass=0.5"], /--set pi0.mass: pi0 is a PDG particle/],
      [["generate", "K+ -> pi+ X", "--set", "X.mass"], /--set: expected NAME.PROPERTY=VALUE, got "X.mass"/],
    ];
    const sub = mkdtempSync(join(tmpdir(), "kaonlab-bad-"));
    for (const [args, msg] of cases) {
      const r = await cli([...args, ...(args.includes("--out") ? [] : ["--out", join(sub, "o.parquet")])]);
      assert.equal(r.code, 2, `${args.join(" ")}: exit ${r.code}, ${r.err}`);
      assert.match(r.err, msg);
    }
    assert.deepEqual(readdirSync(sub), [], "nothing written");
    assert.ok(!existsSync("x.root"));
  });

  it("an --out path in a missing folder, or naming a folder: exit 2 before any work, nothing written", async () => {
    const sub = mkdtempSync(join(tmpdir(), "kaonlab-out-"));
    mkdirSync(join(sub, "d.csv"));
    for (const [out, msg] of [
      [join(sub, "missing", "o.parquet"), /--out: the folder ".*missing" does not exist, got ".*o\.parquet"/],
      [join(sub, "d.csv"), /--out: ".*d\.csv" is a folder, expected a file name/],
    ] as const) {
      const r = await cli(["generate", "mix", "--events", "10", "--out", out]);
      assert.equal(r.code, 2, `${out}: exit ${r.code}, ${r.err}`);
      assert.match(r.err, msg);
      assert.equal(r.out, "", "no summary: nothing was generated");
    }
    assert.deepEqual(readdirSync(sub), ["d.csv"]);
    assert.deepEqual(readdirSync(join(sub, "d.csv")), []);
  });

  it("unknown option → exit 2", async () => {
    const r = await cli(["generate", "mix", "--bogus"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /unknown option '--bogus'/);
  });
});

describe("kaonlab channels", () => {
  it("--json lists every channel with name, BR, source and final state", async () => {
    const r = await cli(["channels", "--json"]);
    assert.equal(r.code, 0);
    const rows = JSON.parse(r.out) as {
      name: string;
      br: number | null;
      source: string;
      finalState: string[];
    }[];
    assert.ok(rows.length >= 38);
    for (const c of rows) {
      assert.match(c.name, /^K\+ -> /);
      assert.ok(c.source.length > 10, `${c.name}: source`);
      assert.ok(c.finalState.length >= 2);
    }
    assert.equal(rows.find((c) => c.name === "K+ -> pi+ pi0")!.br, 0.2067);
  });
});

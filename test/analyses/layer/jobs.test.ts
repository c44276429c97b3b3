/**
 * Every registered job writes the analysis layer's results shape; the pnn candidate ntuple is
 * written per shard, readable with hyparquet, with the declared columns, and its weights add up to
 * the expected backgrounds of the results.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { candidateColumns } from "../../../src/analyses/layer/ntuple.ts";
import { resultsShapeProblems } from "../../../src/analyses/layer/results.ts";
import { DEFAULT_NTUPLE_REGIONS, PNN_CANDIDATE_COLUMNS } from "../../../src/analyses/pnn/candidates.ts";
import { BACKGROUND_SOURCES } from "../../../src/analyses/pnn/samples.ts";
import { JOBS } from "../../../src/analyses/registry.ts";
import { cli, tempDir } from "../../run/helpers.ts";

const tmp = tempDir("layer-jobs");
after(() => rmSync(tmp, { recursive: true, force: true }));

async function run(job: string, name: string, args: string[]) {
  const out = join(tmp, name);
  const r = await cli(["run", job, "--quiet", "--json", "--workers", "1", "--out", out, ...args]);
  assert.equal(r.code, 0, r.err);
  return {
    out,
    results: JSON.parse(readFileSync(join(out, "results.json"), "utf8")),
    stdout: JSON.parse(r.out),
  };
}

/** the keys each job's issue promised at the top level of its results (beyond the common shape) */
const CONTRACT_KEYS: Record<string, string[]> = {
  pnn: ["ses", "expected", "mcRelativeError"],
  pix: ["limits"],
  pi0inv: ["taggedPi0", "background", "observed", "brUpperLimit"],
  "dump-ap": ["pot", "expected", "observed", "exclusion", "expectedBand"],
  munuee: ["brUpperLimit"],
  pi4e: ["brUpperLimit"],
  lnv: ["limits"],
};

/**
 * The beam-dump jobs pair every simulated halo muon with every other one at merge time (quadratic):
 * the shape needs a halo sample, not the default one (2000 muons, as in their own job tests).
 */
const SMALL_HALO = join(tmp, "small-halo.json");
writeFileSync(SMALL_HALO, JSON.stringify({ config: { haloMuons: 2000 } }));
const DUMP_JOBS = new Set(["dump-ap", "dump-alp"]);

describe("analysis layer: every job", () => {
  for (const job of JOBS) {
    it(`${job.name}: results.json and \`run --json\` have the common shape`, async () => {
      const period = job.name === "pnn" ? ["--period", "2018-S2"] : [];
      const card = DUMP_JOBS.has(job.name) ? ["--card", SMALL_HALO] : [];
      const { results, stdout } = await run(job.name, `shape-${job.name}`, [
        "--events",
        "20000",
        "--seed",
        "2",
        "--shards",
        "2",
        ...period,
        ...card,
      ]);
      assert.deepEqual(resultsShapeProblems(results), []);
      assert.equal(results.analysis, job.name);
      assert.equal(results.events, 20000);
      assert.ok(results.comparison.length > 0, "something to compare with");
      assert.ok(Array.isArray(results.cutFlow) && results.cutFlow.length > 1, "a cut flow");
      // `run --json`: the same results at the top level for every job, the run summary under "run"
      assert.deepEqual(resultsShapeProblems(stdout), []);
      const { run: summary, ...top } = stdout;
      const { run: provenance, ...fileTop } = results;
      assert.deepEqual(top, fileTop);
      assert.deepEqual(summary, { ...provenance, ...summary }, "the provenance block is kept");
      assert.equal(summary.job, job.name);
      assert.deepEqual(summary.shardsRun, [0, 1]);
      for (const k of ["dir", "engine", "seconds", "merged"]) assert.ok(k in summary, `run.${k}`);
      for (const k of CONTRACT_KEYS[job.name] ?? []) assert.ok(k in stdout, `${job.name}: contract key ${k}`);
    });
  }

  it("the shape check names what is wrong", () => {
    const p = resultsShapeProblems({
      analysis: "x",
      period: 3,
      seed: 1,
      events: 2,
      comparison: [{ figure: "f", ours: 1, published: "a", ratio: null, status: "ok", reason: "" }],
    });
    assert.deepEqual(p, [
      "period: expected a string or null",
      "comparison[0].published: expected a number or null",
      "comparison[0].status: expected one of reproduced, calibrated, not reproduced, no reference, got ok",
      "comparison[0].reason: expected a sentence",
    ]);
  });
});

describe("analysis layer: candidate ntuples (pnn)", () => {
  it("one Parquet file per shard with the declared columns; weights × scales give the backgrounds", async () => {
    const shards = 3;
    const { out, results } = await run("pnn", "ntuple", [
      "--period",
      "2018-S2",
      "--events",
      "60000",
      "--seed",
      "9",
      "--shards",
      String(shards),
    ]);
    const files = readdirSync(join(out, "ntuples")).sort();
    assert.deepEqual(
      files,
      Array.from({ length: shards }, (_, i) => `shard-${String(i).padStart(6, "0")}.parquet`),
    );
    const names = candidateColumns(PNN_CANDIDATE_COLUMNS).map((c) => c.name);
    const scale = new Map<string, number>(
      results.ntupleScales.map((s: { sample: string; scale: number }) => [s.sample, s.scale]),
    );
    const bkg = new Map<string, number>();
    let rows = 0;
    for (const f of files) {
      const data = (await parquetReadObjects({
        file: await asyncBufferFromFile(join(out, "ntuples", f)),
      })) as Record<string, unknown>[];
      rows += data.length;
      for (const r of data) {
        assert.deepEqual(Object.keys(r), names);
        assert.equal(r.period, "2018-S2");
        assert.ok(
          (DEFAULT_NTUPLE_REGIONS as readonly string[]).includes(r.category as string),
          String(r.category),
        );
        assert.ok((r.weight as number) > 0);
        assert.ok(scale.has(r.sample as string), String(r.sample));
        if (r.category !== "R1" && r.category !== "R2") continue;
        const src = r.source as string;
        bkg.set(src, (bkg.get(src) ?? 0) + (r.weight as number) * scale.get(r.sample as string)!);
      }
    }
    assert.ok(rows > 0);
    assert.ok((bkg.get("signal") ?? 0) > 0, "signal candidates in R1/R2");
    for (const s of BACKGROUND_SOURCES) {
      const want = results.expected.background[s];
      const got = bkg.get(s) ?? 0;
      assert.ok(
        Math.abs(got - want) <= 1e-9 * Math.max(want, 1e-300),
        `${s}: ntuple ${got}, results ${want}`,
      );
    }
  });

  it("ntuple: false writes none; an unknown region is refused naming it, with exit 2", async () => {
    const off = join(tmp, "off.json");
    writeFileSync(off, JSON.stringify({ config: { ntuple: false } }));
    const { out } = await run("pnn", "off", ["--period", "2018-S2", "--events", "5000", "--card", off]);
    assert.equal(existsSync(join(out, "ntuples")), false);
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, JSON.stringify({ config: { ntupleRegions: ["R1", "R3"] } }));
    const dir = join(tmp, "bad");
    const r = await cli([
      "run",
      "pnn",
      "--quiet",
      "--period",
      "2018-S2",
      "--events",
      "5000",
      "--card",
      bad,
      "--out",
      dir,
    ]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /ntupleRegions\.1.*R3|R3.*ntupleRegions/s);
    assert.equal(existsSync(join(dir, "results.json")), false);
  });
});

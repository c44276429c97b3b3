/** HTCondor: submit files and a DAG (one node per shard, a merge node), checked against golden files. */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { dagFile, mergeSubmitFile, shardSubmitFile } from "../../src/run/engines/htcondor.ts";
import { kaonlabCommand } from "../../src/run/engines/slurm.ts";
import { cleanup, cli, tempDir } from "./helpers.ts";

const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), "utf8");
const DIR = "/data/runs/mix-1";
const CMD = ["/usr/bin/node", "/opt/kaonlab/bin/kaonlab.js"];
const OPTS = { requestMemory: "2 GB", extraLines: ['+JobFlavour = "workday"'] };

const tmp = tempDir("condor");
after(() => cleanup(tmp));

describe("htcondor engine", () => {
  it("writes the golden submit files and DAGs", () => {
    assert.equal(shardSubmitFile(DIR, OPTS, CMD), golden("shard.sub"));
    assert.equal(mergeSubmitFile(DIR, OPTS, CMD), golden("merge.sub"));
    assert.equal(dagFile([0, 1, 2, 3]), golden("run.dag"));
    assert.equal(dagFile([1, 3]), golden("resume.dag"));
  });

  it("kaonlab submit --engine htcondor writes them into the run folder; resume lists only missing shards", async () => {
    const card = join(tmp, "card.json");
    const dir = join(tmp, "run");
    writeFileSync(
      card,
      JSON.stringify({ job: "mix", events: 400, seed: 3, htcondor: { requestMemory: "1 GB" } }),
    );
    const r = await cli(["submit", card, "--engine", "htcondor", "--shards", "4", "--out", dir, "--quiet"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /condor_submit_dag -usedagdir .*htcondor\/run\.dag/);
    const dag = readFileSync(join(dir, "htcondor/run.dag"), "utf8");
    assert.equal(dag, dagFile([0, 1, 2, 3]));
    const sub = readFileSync(join(dir, "htcondor/shard.sub"), "utf8");
    assert.equal(sub, shardSubmitFile(dir, { requestMemory: "1 GB", extraLines: [] }, kaonlabCommand()));
    // run two shards by hand (as two DAG nodes would), then resume writes a DAG of the other two
    for (const i of ["0", "2"]) assert.equal((await cli(["shard", dir, "--index", i, "--quiet"])).code, 0);
    const res = await cli(["resume", dir, "--quiet", "--json"]);
    assert.equal(res.code, 0, res.err);
    assert.deepEqual(JSON.parse(res.out).shards, [1, 3]);
    assert.equal(readFileSync(join(dir, "htcondor/resume-1.dag"), "utf8"), dagFile([1, 3]));
    // the other two nodes and the merge node, by hand
    for (const i of ["1", "3"]) assert.equal((await cli(["shard", dir, "--index", i, "--quiet"])).code, 0);
    assert.equal((await cli(["merge", dir, "--quiet"])).code, 0);
  });
});

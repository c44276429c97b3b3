/**
 * Hostile run folders and card values against the generated batch files: control characters are
 * refused (exit 2, the field named, nothing written); everything else is quoted so that bash, sbatch,
 * HTCondor's submit-file and argument syntax and DAGMan read back exactly the value given.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { dagFile, mergeSubmitFile, shardSubmitFile, submitCommand } from "../../src/run/engines/htcondor.ts";
import { logOption, mergeScript, shardScript } from "../../src/run/engines/slurm.ts";
import { cleanup, cli, listFiles, tempDir } from "./helpers.ts";

const tmp = tempDir("hostile");
after(() => cleanup(tmp));

/** folders that must be refused: each would add a line to a script */
const REFUSED = [
  "runs/sl\ntouch pwned\n#",
  "runs/a\rb",
  "runs/nul\u0000x",
  "runs/tab\there",
  "runs/ls\u2028x",
];

/** folders that must be quoted, not refused */
const QUOTED = [
  "runs/a b",
  'runs/quote"d',
  "runs/it's",
  "runs/$(touch pwned)",
  "runs/`id`",
  "runs/100%j",
  "runs/semi;colon&amp|pipe",
  "runs/$HOME*?[x]",
];

/** HTCondor's "new" argument syntax, read back (double quotes around all, '' and "" escapes) */
function condorParseArguments(v: string): string[] {
  assert.ok(v.startsWith('"') && v.endsWith('"'), v);
  const s = v
    .slice(1, -1)
    .replace(/""/g, '"')
    .replace(/\$\(DOLLAR\)/g, "$");
  const out: string[] = [];
  let cur: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'") {
      cur ??= "";
      for (i++; i < s.length; i++) {
        if (s[i] === "'" && s[i + 1] === "'") {
          cur += "'";
          i++;
        } else if (s[i] === "'") break;
        else cur += s[i];
      }
    } else if (/\s/.test(c)) {
      if (cur !== null) out.push(cur);
      cur = null;
    } else cur = (cur ?? "") + c;
  }
  if (cur !== null) out.push(cur);
  return out;
}

function submitValue(text: string, key: string): string {
  const line = text.split("\n").find((l) => l.startsWith(`${key} `));
  assert.ok(line, key);
  return line.slice(line.indexOf("=") + 1).trim();
}

describe("hostile names in generated scripts", () => {
  const CMD = ["/usr/bin/printf", "%s\\n"];

  for (const name of REFUSED) {
    it(`refuses ${JSON.stringify(name)} in every generator, naming the field`, () => {
      const dir = `/data/${name}`;
      assert.throws(() => shardScript(dir, CMD), /run folder: control characters/);
      assert.throws(() => mergeScript(dir, CMD), /run folder: control characters/);
      assert.throws(() => logOption(dir, "x.out"), /run folder: control characters/);
      assert.throws(() => shardSubmitFile(dir, { requestMemory: "2 GB", extraLines: [] }, CMD), /run folder/);
      assert.throws(() => mergeSubmitFile(dir, { requestMemory: "2 GB", extraLines: [] }, CMD), /run folder/);
    });

    it(`kaonlab submit --out ${JSON.stringify(name)}: exit 2 naming --out, nothing written`, async () => {
      const card = join(tmp, "c.json");
      writeFileSync(card, JSON.stringify({ job: "mix", events: 40, shards: 2 }));
      const before = listFiles(tmp);
      for (const engine of ["slurm", "htcondor", "local"]) {
        const r = await cli(["submit", card, "--engine", engine, "--out", join(tmp, name), "--quiet"]);
        assert.equal(r.code, 2, r.err);
        assert.match(r.err, /^kaonlab: --out: control characters/);
        assert.equal(r.err.trim().split("\n").length, 1);
      }
      assert.deepEqual(listFiles(tmp), before);
    });
  }

  for (const name of QUOTED) {
    it(`quotes ${JSON.stringify(name)} so that bash and HTCondor read it back exactly`, () => {
      const dir = `/data/${name}`;
      for (const script of [shardScript(dir, CMD), mergeScript(dir, CMD)]) {
        assert.ok(!script.includes("#SBATCH --output"), "no path on an #SBATCH line");
        const out = execFileSync("bash", ["-c", script], {
          env: { ...process.env, SLURM_ARRAY_TASK_ID: "3", KAONLAB_SHARD_OFFSET: "1000" },
        }).toString();
        const words = out.split("\n");
        assert.equal(words[1], dir);
        if (words[0] === "shard") assert.deepEqual(words.slice(2, 4), ["--index", "1003"]);
      }
      // %-patterns of sbatch --output: a literal % doubled
      assert.equal(logOption(dir, "m-%j.out"), `--output=${dir.replace(/%/g, "%%")}/slurm/logs/m-%j.out`);
      const sub = shardSubmitFile(dir, { requestMemory: "2 GB", extraLines: [] }, [
        "/usr/bin/node",
        "/opt/k.js",
      ]);
      const args = condorParseArguments(submitValue(sub, "arguments"));
      assert.deepEqual(args, ["/opt/k.js", "shard", dir, "--index", "$(shard)", "--engine", "htcondor"]);
      assert.equal(submitValue(sub, "initialdir").replace(/\$\(DOLLAR\)/g, "$"), dir);
      assert.ok(!/\$(?!\(DOLLAR\)|\(shard\))/.test(sub), "every literal $ escaped");
      const msub = mergeSubmitFile(dir, { requestMemory: "2 GB", extraLines: [] }, [
        "/usr/bin/node",
        "/opt/k.js",
      ]);
      assert.deepEqual(condorParseArguments(submitValue(msub, "arguments")).slice(1, 3), ["merge", dir]);
      // the DAG holds no path at all; the printed command is one bash word per argument
      assert.ok(!dagFile([0, 1]).includes(dir));
      const dag = `${dir}/htcondor/run.dag`;
      const echoed = execFileSync("bash", [
        "-c",
        `condor_submit_dag() { printf '%s\\n' "$@"; }; ${submitCommand(dag)}`,
      ]).toString();
      assert.deepEqual(echoed.split("\n").slice(0, 2), ["-usedagdir", dag]);
    });
  }

  it("validates the card values that land in scripts (requestMemory, extraLines, partition, slurm.*)", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { htcondor: { requestMemory: "2 GB\nexecutable = /bin/sh" } },
        /htcondor\.requestMemory: expected a number/,
      ],
      [{ htcondor: { requestMemory: "$(x)" } }, /htcondor\.requestMemory/],
      [{ htcondor: { extraLines: ["+A = 1\nqueue 100"] } }, /htcondor\.extraLines\.0: control characters/],
      [{ htcondor: { extraLines: ["queue 100"] } }, /htcondor\.extraLines\.0: expected a submit command/],
      [{ partition: "debug\n#SBATCH --wrap=id" }, /partition: control characters/],
      [{ slurm: { mem: "2G --wrap=id" } }, /slurm\.mem: expected a memory size/],
      [{ slurm: { time: "1:00\n" } }, /slurm\.time: control characters/],
      [{ slurm: { extraArgs: ["--qos=x\ny"] } }, /slurm\.extraArgs\.0: control characters/],
      [{ out: "" }, /out: expected a folder name \(not empty\)/],
    ];
    for (const [extra, re] of cases) {
      const card = join(tmp, "v.json");
      const out = join(tmp, "never");
      writeFileSync(card, JSON.stringify({ job: "mix", events: 40, shards: 2, out, ...extra }));
      const r = await cli(["submit", card, "--engine", "htcondor", "--quiet"]);
      assert.equal(r.code, 2, `${JSON.stringify(extra)}: ${r.err}`);
      assert.match(r.err, re);
      assert.ok(!existsSync(out), "nothing written");
    }
  });

  it("a folder with blanks, quotes and $ works end to end with the htcondor engine", async () => {
    const card = join(tmp, "ok.json");
    writeFileSync(card, JSON.stringify({ job: "mix", events: 40, shards: 2 }));
    const dir = join(tmp, `we ird "q" $(x) it's`);
    const r = await cli(["submit", card, "--engine", "htcondor", "--out", dir, "--json"]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.equal(j.htcondor.dag, join(dir, "htcondor/run.dag"));
    const sub = readFileSync(join(dir, "htcondor/shard.sub"), "utf8");
    assert.equal(condorParseArguments(submitValue(sub, "arguments"))[2], dir);
  });
});

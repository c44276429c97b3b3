/**
 * The user's mistakes and a full or read-only disk give one line naming the argument or the path,
 * exit code 2, no stack trace, and nothing half-written. The disk cases mount a small tmpfs and need
 * root (skipped otherwise).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cleanup, cli, listFiles, tempDir } from "../run/helpers.ts";

const tmp = tempDir("errors");
after(() => cleanup(tmp));

function oneLine(r: { code: number; err: string }, re: RegExp): void {
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, re);
  assert.equal(r.err.trim().split("\n").length, 1, `one line: ${r.err}`);
  assert.doesNotMatch(r.err, /internal error|\n\s+at /);
}

describe("clear errors for bad arguments", () => {
  it("run --out naming an existing file, a device, /proc/version, or nothing", async () => {
    const file = join(tmp, "afile");
    writeFileSync(file, "x");
    for (const out of [file, "/dev/null", "/dev/full", "/proc/version"]) {
      oneLine(
        await cli(["run", "mix", "--events", "10", "--out", out]),
        /^kaonlab: out: ".*" exists and is not a folder/,
      );
    }
    oneLine(
      await cli(["run", "mix", "--events", "10", "--out", ""]),
      /^kaonlab: --out: expected a folder name \(not empty\), got ""/,
    );
    oneLine(
      await cli(["run", "mix", "--events", "10", "--out", join(file, "sub")]),
      /^kaonlab: out: .*is a file, not a folder/,
    );
  });

  it("generate/simulate --out: devices, /proc, empty; --z-range ''", async () => {
    for (const cmd of ["generate", "simulate"]) {
      for (const out of ["/dev/null", "/dev/full", "/proc/version"])
        oneLine(await cli([cmd, "mix", "--events", "10", "--out", out]), /^kaonlab: --out: /);
      oneLine(
        await cli([cmd, "mix", "--events", "10", "--out", ""]),
        /^kaonlab: --out: expected a file name/,
      );
      oneLine(
        await cli([cmd, "mix", "--events", "10", "--z-range", ""]),
        /^kaonlab: --z-range: expected A:B/,
      );
    }
    oneLine(
      await cli(["generate", "mix", "--events", "10", "--out", "/proc/x.parquet"]),
      /^kaonlab: (--out|cannot write)/,
    );
  });

  it("stats --export-pyhf into a missing folder", async () => {
    const r = await cli([
      "stats",
      "limit",
      "--obs",
      "1",
      "--bkg",
      "1",
      "--export-pyhf",
      join(tmp, "missing", "ws.json"),
    ]);
    oneLine(r, /missing\/ws\.json|--export-pyhf/);
    assert.ok(!existsSync(join(tmp, "missing")));
  });

  it("a deeply nested card (JSON or YAML)", async () => {
    const json = join(tmp, "deep.json");
    writeFileSync(
      json,
      `{"job":"mix","events":10,"config":{"zRange":${"[".repeat(50000)}${"]".repeat(50000)}}}`,
    );
    const yaml = join(tmp, "deep.yaml");
    writeFileSync(
      yaml,
      `job: mix\nevents: 10\nconfig:\n  zRange: ${"[".repeat(20000)}${"]".repeat(20000)}\n`,
    );
    for (const f of [json, yaml]) {
      oneLine(
        await cli(["run", "--card", f, "--out", join(tmp, "never")]),
        /^kaonlab: --card: ".*" is nested too deeply/,
      );
      oneLine(await cli(["simulate", "--run-card", f]), /^kaonlab: --run-card: ".*" is nested too deeply/);
    }
    assert.ok(!existsSync(join(tmp, "never")));
  });
});

const root = process.getuid?.() === 0;
const skip = root ? false : "needs root to mount a small tmpfs";

describe("a full or read-only disk", { skip }, () => {
  const mnt = join(tmp, "mnt");
  const mount = (opts: string) => execFileSync("mount", ["-t", "tmpfs", "-o", opts, "tmpfs", mnt]);
  const umount = () => execFileSync("umount", [mnt]);

  it("ENOSPC during shards: exit 2 naming the folder; complete shards stay; resume finishes once there is room", async () => {
    mkdirSync(mnt, { recursive: true });
    mount("size=600k");
    try {
      const dir = join(mnt, "run");
      const r = await cli([
        "run",
        "mix",
        "--events",
        "200000",
        "--shards",
        "4",
        "--workers",
        "1",
        "--out",
        dir,
        "--quiet",
      ]);
      oneLine(
        r,
        /^kaonlab: out: cannot write into the run folder .*: no space left on device \(ENOSPC\); .*kaonlab resume/,
      );
      assert.ok(!listFiles(dir).some((f) => f.endsWith(".tmp")), "no temporaries left");
      execFileSync("mount", ["-o", "remount,size=64m", mnt]);
      const res = await cli(["resume", dir, "--quiet"]);
      assert.equal(res.code, 0, res.err);
    } finally {
      umount();
    }
  });

  it("ENOSPC or a read-only file system during merge: exit 2, no histograms/ and no manifest", async () => {
    mount("size=16m");
    try {
      const dir = join(mnt, "m");
      const r = await cli([
        "run",
        "mix",
        "--events",
        "2000",
        "--shards",
        "2",
        "--workers",
        "1",
        "--out",
        dir,
        "--quiet",
      ]);
      assert.equal(r.code, 0, r.err);
      const shardsOnly = listFiles(dir).filter(
        (f) => f.startsWith("shards/") || f.startsWith("ntuples/") || f === "plan.json",
      );
      // start again from the shards only
      for (const f of listFiles(dir)) if (!shardsOnly.includes(f)) execFileSync("rm", ["-f", join(dir, f)]);
      execFileSync("rm", ["-rf", join(dir, "histograms"), join(dir, "plots")]);
      // fill the disk, all but a few pages (the lock fits, the outputs do not)
      writeFileSync(join(mnt, "pad"), Buffer.alloc(16384));
      try {
        execFileSync("dd", ["if=/dev/zero", `of=${join(mnt, "fill")}`, "bs=64k"], { stdio: "ignore" });
      } catch {
        // dd stops at ENOSPC
      }
      execFileSync("rm", [join(mnt, "pad")]);
      const m = await cli(["merge", dir]);
      oneLine(
        m,
        /^kaonlab: (merge: cannot write the outputs into .*no space left on device \(ENOSPC\); nothing was written|cannot write .*ENOSPC)/,
      );
      assert.deepEqual(listFiles(dir).sort(), shardsOnly.sort(), "nothing half-written");
      execFileSync("rm", [join(mnt, "fill")]);
      execFileSync("mount", ["-o", "remount,ro", mnt]);
      const ro = await cli(["merge", dir]);
      oneLine(ro, /^kaonlab: run folder: cannot write its lock in .*read-only file system \(EROFS\)/);
      assert.deepEqual(listFiles(dir).sort(), shardsOnly.sort());
      execFileSync("mount", ["-o", "remount,rw", mnt]);
      assert.equal((await cli(["merge", dir, "--quiet"])).code, 0);
    } finally {
      umount();
    }
  });
});

/**
 * `kaonlab export hepdata RUN_DIR [--out DIR]`: the report tables of a merged run folder as a
 * HEPData submission (src/io/hepdata.ts): DIR (default RUN_DIR/hepdata) gets submission.yaml and one
 * YAML file per table. Written into a temporary folder and renamed into place: a failure leaves
 * nothing half-written.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../../core/errors.ts";
import { tempPathFor } from "../../io/atomic.ts";
import { hepdataSubmission } from "../../io/hepdata.ts";
import type { ReportTable } from "../../io/plot.ts";
import { type CliIO, printJson } from "../../io/terminal.ts";
import { TABLE_DIR } from "../../run/outputs.ts";
import { MANIFEST_FILE } from "../../run/plan.ts";

interface Manifest {
  job: string;
  kaonlab: string;
  seed: number;
  events: number;
  period: string | null;
  cardHash: string;
  outputs: { file: string }[];
}

function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path))
    throw new UsageError(
      `RUN_DIR: "${dir}" has no ${MANIFEST_FILE} (not a merged run folder; run kaonlab merge first)`,
    );
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Manifest;
  } catch (e) {
    throw new UsageError(`RUN_DIR: ${path} is not valid JSON (${(e as Error).message})`);
  }
}

/** the HEPData submission of a run folder, written into `out`; returns the files written */
export function exportHepdata(dir: string, out: string): string[] {
  const m = readManifest(dir);
  const tableFiles = m.outputs
    .map((o) => o.file)
    .filter((f) => f.startsWith(`${TABLE_DIR}/`) && f.endsWith(".json"));
  if (tableFiles.length === 0)
    throw new UsageError(
      `RUN_DIR: "${dir}" has no ${TABLE_DIR}/*.json (merged by an older kaonlab? run kaonlab merge again)`,
    );
  const tables = tableFiles.map((f) => {
    const t = JSON.parse(readFileSync(join(dir, f), "utf8")) as ReportTable;
    return { title: t.title, file: `${basename(f, ".json")}.yaml`, table: t };
  });
  const sub = hepdataSubmission(tables, {
    comment:
      `kaonlab ${m.kaonlab} simulation, job ${m.job}${m.period ? `, period ${m.period}` : ""}, ` +
      `${m.events} events, seed ${m.seed}, card hash ${m.cardHash.slice(0, 16)}`,
    keywords: [{ name: "observables", values: [m.job] }],
  });
  const dest = resolve(out);
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = tempPathFor(dest);
  try {
    mkdirSync(tmp);
    writeFileSync(join(tmp, "submission.yaml"), sub.submission);
    for (const [name, text] of Object.entries(sub.files)) writeFileSync(join(tmp, name), text);
    if (existsSync(dest)) {
      if (!existsSync(join(dest, "submission.yaml")))
        throw new UsageError(`--out: "${out}" exists and is not a HEPData export; choose another folder`);
      rmSync(dest, { recursive: true });
    }
    renameSync(tmp, dest);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  return ["submission.yaml", ...Object.keys(sub.files)];
}

export function registerExport(program: Command, io: CliIO): void {
  const exp = program.command("export").description("export a run folder's results to other formats");
  exp
    .command("hepdata")
    .description(
      "the report tables of a merged run folder as a HEPData submission (submission.yaml + one YAML per table)",
    )
    .argument("<run-dir>", "the run folder")
    .option("-o, --out <DIR>", "output folder (default RUN_DIR/hepdata)")
    .option("--json", "print JSON")
    .action((dir: string, opts: { out?: string; json?: boolean }) => {
      const out = opts.out ?? join(dir, "hepdata");
      const files = exportHepdata(dir, out);
      if (opts.json) printJson(io, { dir, out, files });
      else io.out(`HEPData submission: ${files.length - 1} tables → ${out}`);
    });
}

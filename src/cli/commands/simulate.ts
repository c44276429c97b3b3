/**
 * `kaonlab simulate "<channel>"|mix [--run-card FILE] --period P --events N --seed S [--out FILE]
 *  [--z-range A:B] [--mode weighted|sample] [--card PATH=VALUE...] [--set NAME.PROP=VALUE...]
 *  [--tracks FILE] [--pi0 MODE] [--source S] [--json]`: beam, decay, transport, detector, trigger
 * and reconstruction; one row per event (src/reco/columns.ts), and with --tracks one row per
 * reconstructed STRAW track (src/reco/track-columns.ts) plus the vertex columns in --out. Every option can come from a run card (--run-card: JSON
 * or YAML, camelCase keys, `channel:` for the argument; `card:` and `set:` as lists or mappings);
 * the command line overrides the card (src/run/card.ts).
 */

import { resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { parseZRange } from "../../beam/k12.ts";
import { type SimulationOptions, Simulator } from "../../chain/simulator.ts";
import { UsageError } from "../../core/errors.ts";
import { defaultWorkers } from "../../core/worker-pool.ts";
import { findChannel } from "../../decays/catalogue.ts";
import { MIX } from "../../decays/generator.ts";
import { PI0_MODE_NAMES, pi0ModeList } from "../../decays/pi0.ts";
import { loadPeriod, periodNames } from "../../detector/card.ts";
import { SOURCES, type SourceName } from "../../detector/upstream.ts";
import { type ColumnSpec, encodedSink, openTable, type TableWriter } from "../../io/table.ts";
import { type CliIO, formatTable, printJson } from "../../io/terminal.ts";
import { simulationSchema } from "../../reco/columns.ts";
import { SimulationSummary } from "../../reco/summary.ts";
import { trackSchema } from "../../reco/track-columns.ts";
import {
  explicitOptions,
  finiteNumber,
  flag,
  nonNegativeInt,
  positiveInt,
  resolveCardOptions,
} from "../../run/card.ts";
import { createProgress } from "../../run/progress.ts";
import { VERSION } from "../../version.ts";
import { keyValues, outputTable } from "../parse.ts";
import { ntupleMetadata } from "./ntuple-metadata.ts";
import type { BlockOutput, BlockTable } from "./simulate-block.ts";
import { runBlocks } from "./simulate-blocks.ts";

/**
 * PATH=VALUE overrides: a list of "PATH=VALUE" strings (as on the command line) or, in a run card,
 * a mapping { PATH: VALUE } (arrays as JSON).
 */
function overrides(example: string) {
  const msg = `expected a list of "${example}" or a mapping of them`;
  return z.preprocess(
    (v) => {
      if (typeof v === "string") return [v];
      if (v !== null && typeof v === "object" && !Array.isArray(v))
        return Object.entries(v).map(([k, x]) => `${k}=${typeof x === "string" ? x : JSON.stringify(x)}`);
      return v;
    },
    z.array(z.string({ error: msg }), { error: msg }),
  );
}

/** every option of `kaonlab simulate`, from a run card (--run-card) and the command line */
export const simulateCardSchema = z
  .object({
    channel: z.string({ error: 'expected a channel name (see kaonlab channels) or "mix"' }),
    events: positiveInt().default(100000),
    seed: nonNegativeInt().default(1),
    period: z.string({ error: "expected a period name" }).default("2018-S2"),
    out: z.string({ error: "expected a file name ending in .parquet or .csv" }).optional(),
    tracks: z.string({ error: "expected a file name ending in .parquet or .csv" }).optional(),
    zRange: z
      .union([z.string(), z.tuple([finiteNumber(), finiteNumber()])], {
        error: 'expected "A:B" (mm, or 105m:165m) or [A, B] in mm',
      })
      .optional(),
    mode: z.enum(["weighted", "sample"], { error: "expected weighted or sample" }).default("weighted"),
    card: overrides("PATH=VALUE").default([]),
    set: overrides("NAME.PROP=VALUE").default([]),
    pi0: z.enum(PI0_MODE_NAMES, { error: `expected ${pi0ModeList()}` }).default("natural"),
    source: z
      .enum(SOURCES as [SourceName, ...SourceName[]], { error: `expected ${SOURCES.join(", ")}` })
      .default("kaon"),
    workers: positiveInt().optional(),
    json: flag().default(false),
  })
  .strict();

/** how a block hands over its part of a table: an encoded row group for Parquet, rows for CSV */
function output(t: TableWriter | null): BlockOutput {
  if (t === null) return "none";
  return encodedSink(t) ? "parquet" : "rows";
}

function place(t: TableWriter, part: BlockTable): void {
  if (part.kind === "rows") t.append(part.columns, part.n);
  else encodedSink(t)?.(part.group);
}

export function registerSimulate(program: Command, io: CliIO): void {
  program
    .command("simulate")
    .description(
      'simulate kaon decays through the NA62 detector, trigger and reconstruction ("K+ -> pi+ pi0" or mix)',
    )
    .argument("[channel]", 'a channel name (see kaonlab channels) or "mix"; or "channel:" in the run card')
    .option(
      "--run-card <FILE>",
      "run card (JSON or YAML) holding any of these options (camelCase keys); the command line overrides it",
    )
    .option("-n, --events <N>", "number of kaon decays (default 100000)")
    .option("-s, --seed <S>", "random seed (non-negative integer, default 1)")
    .option("-p, --period <P>", `period card (${periodNames().join(", ")}; default 2018-S2)`)
    .option("-o, --out <FILE>", "output file, .parquet or .csv (one row per event)")
    .option(
      "--tracks <FILE>",
      "also write one row per reconstructed STRAW track, .parquet or .csv (and the vtx_* columns in --out)",
    )
    .option(
      "--z-range <A:B>",
      "force the decay vertex into A < z < B (mm, or 105m:165m), with the matching weight",
    )
    .option("--mode <M>", "weighted (rare probabilities as weights, default) or sample (0/1 draws)")
    .option("--card <PATH=VALUE...>", "override period-card fields, e.g. beam.intensity=2.6 gtk.sigmaT=0.05")
    .option("--set <NAME.PROP=VALUE...>", "hypothetical particle settings, e.g. X.mass=0.1")
    .option(
      "--pi0 <MODE>",
      `π⁰ decay: natural (default), ${PI0_MODE_NAMES.filter((m) => m !== "natural").join(", ")} (forced modes are weighted by their BR)`,
    )
    .option(
      "--source <S>",
      "kaon (decays in the beam, default), upstream-decay (GTK2–GTK3), upstream-decay-far (GTK1–GTK2), upstream-interaction (GTK3), upstream-beamline (GTK0–GTK2 interactions), or upstream (decay and GTK3 interaction)",
    )
    .option(
      "-w, --workers <W>",
      "worker threads (default: the number of cores); the output is the same for any number",
    )
    .option("--json", "print the summary as JSON")
    .action(async (channelArg: string | undefined, opts: { runCard?: string }, cmd: Command) => {
      // validate everything before touching the file system
      const cli = explicitOptions(cmd);
      if (channelArg !== undefined) cli.channel = channelArg;
      const { options: o } = resolveCardOptions(simulateCardSchema, {
        card: opts.runCard ?? null,
        cardOption: "--run-card",
        cli,
        omit: ["runCard"],
      });
      const from = (key: string, flagName: string) => (key in cli ? flagName : key);
      const { channel, events, seed, period, mode, source } = o;
      const pi0 = o.pi0;
      if (channel !== MIX) findChannel(channel);
      loadPeriod(period, o.card);
      let zRange: [number, number] | null = null;
      if (typeof o.zRange === "string") zRange = parseZRange(o.zRange, from("zRange", "--z-range"));
      else if (o.zRange) {
        const [a, b] = o.zRange as [number, number];
        if (!(b > a)) throw new UsageError(`zRange: expected A < B, got ${JSON.stringify(o.zRange)}`);
        zRange = [a, b];
      }
      if (o.out !== undefined) outputTable(from("out", "--out"), o.out);
      if (o.tracks !== undefined) {
        const what = from("tracks", "--tracks");
        outputTable(what, o.tracks);
        if (o.out && resolve(o.out) === resolve(o.tracks))
          throw new UsageError(`${what}: "${o.tracks}" is also the --out file; expected another file`);
      }
      const particles = keyValues(from("set", "--set"), o.set);
      const simOptions: SimulationOptions = {
        channel,
        period,
        source,
        card: o.card,
        mode,
        zRange,
        particles,
        pi0Mode: pi0,
      };
      const sim = new Simulator(simOptions);
      const withTracks = o.tracks !== undefined;
      const options = { channel, mode, source, zRange, pi0, card: o.card, set: o.set, events };
      const metaFor = (schema: ColumnSpec[]) =>
        ntupleMetadata({ command: "simulate", seed, period, card: sim.card, schema, options });
      const schema = simulationSchema(sim.geo, withTracks);
      const table = o.out ? openTable(o.out, schema, metaFor(schema)) : null;
      let trackTable: TableWriter | null = null;
      try {
        trackTable = o.tracks ? openTable(o.tracks, trackSchema(), metaFor(trackSchema())) : null;
      } catch (e) {
        table?.abort();
        throw e;
      }
      const summary = new SimulationSummary(sim.card);
      const progress = createProgress(
        "simulate",
        events,
        1,
        // a bar on a terminal only: piped stderr stays clean
        !o.json && process.stderr.isTTY ? "tty" : "quiet",
      );
      try {
        await runBlocks(
          {
            options: simOptions,
            seed,
            events,
            rows: output(table),
            tracks: output(trackTable),
            workers: o.workers ?? defaultWorkers(),
          },
          (res, done) => {
            summary.addState(res.summary);
            if (table && res.rows) place(table, res.rows);
            if (trackTable && res.tracks) place(trackTable, res.tracks);
            progress.update(done, done === events ? 1 : 0);
          },
        );
        progress.stop();
        // the tracks first: the events file, the one a reader opens first, lands last
        trackTable?.close();
        table?.close();
      } catch (e) {
        progress.stop();
        trackTable?.abort();
        table?.abort();
        throw e;
      }
      const s = summary.result();
      if (o.json) {
        printJson(io, {
          channel,
          period,
          seed,
          mode,
          source,
          zRange,
          out: o.out ?? null,
          tracks: o.tracks ?? null,
          events: s.events,
          // the same name as in every other command's JSON (generate, run mix)
          sumWeights: s.weightSum,
          singleTrack: s.singleTrack,
          means: s.means,
          table: s.table,
        });
        return;
      }
      io.out(
        `kaonlab ${VERSION}: ${s.events} ${channel === MIX ? "K+ decays (natural mix)" : `"${channel}" decays`} through ` +
          `the ${period} detector (${mode}${source === "kaon" ? "" : `, ${source} source`}), seed ${seed}` +
          `${o.out ? ` → ${o.out}` : ""}${o.tracks ? ` (tracks → ${o.tracks})` : ""}`,
      );
      io.out(
        formatTable(
          ["quantity", "value"],
          s.table.map((row) => [row.name, row.value]),
        ),
      );
    });
}

/**
 * `kaonlab generate "<channel>"|mix --events N --seed S [--z-range A:B] [--out FILE]`:
 * beam + decay + secondary decays, one row per particle into Parquet or CSV.
 */
import type { Command } from "commander";
import { parseZRange } from "../../beam/k12.ts";
import { UsageError } from "../../core/errors.ts";
import { findChannel, mixFractions } from "../../decays/catalogue.ts";
import { DecayGenerator, generateShard, MIX } from "../../decays/generator.ts";
import { isPi0ModeName, pi0ModeList } from "../../decays/pi0.ts";
import { SummaryCollector } from "../../decays/summary.ts";
import { PARTICLE_COLUMNS, ParticleRowWriter } from "../../io/particle-table.ts";
import { openTable } from "../../io/table.ts";
import { type CliIO, formatTable, printJson } from "../../io/terminal.ts";
import { VERSION } from "../../version.ts";
import { keyValues, nonNegativeInt, outputTable, positiveInt } from "../parse.ts";

interface GenerateOpts {
  events?: string;
  seed?: string;
  zRange?: string;
  out?: string;
  set?: string[];
  pi0?: string;
  json?: boolean;
}

export function registerGenerate(program: Command, io: CliIO): void {
  program
    .command("generate")
    .description('generate kaon decays: "K+ -> pi+ pi0", or mix for the natural decay mix')
    .argument("<channel>", 'a channel name (see kaonlab channels) or "mix"')
    .option("-n, --events <N>", "number of kaon decays", "100000")
    .option("-s, --seed <S>", "random seed (non-negative integer)", "1")
    .option(
      "--z-range <A:B>",
      "force the decay vertex into A < z < B (mm, or 105m:165m), with the matching weight",
    )
    .option("-o, --out <FILE>", "output file, .parquet or .csv (one row per particle)")
    .option("--set <NAME.PROP=VALUE...>", "hypothetical particle settings, e.g. X.mass=0.1 X.ctau=1000")
    .option(
      "--pi0 <MODE>",
      `π⁰ decay: ${pi0ModeList()} (forced modes are weighted by their BR; "+natural" forces the first π⁰ only)`,
      "natural",
    )
    .option("--json", "print the summary as JSON")
    .action((channel: string, opts: GenerateOpts) => {
      // validate everything before touching the file system
      const events = positiveInt("--events", opts.events);
      const seed = nonNegativeInt("--seed", opts.seed);
      if (channel !== MIX) findChannel(channel);
      const zRange = opts.zRange !== undefined ? parseZRange(opts.zRange) : null;
      if (opts.out !== undefined) outputTable("--out", opts.out);
      const pi0 = String(opts.pi0);
      if (!isPi0ModeName(pi0)) throw new UsageError(`--pi0: expected ${pi0ModeList()}, got "${pi0}"`);
      const gen = new DecayGenerator({
        channel,
        zRange,
        particles: keyValues("--set", opts.set),
        pi0Mode: pi0,
      });
      const table = opts.out
        ? openTable(opts.out, PARTICLE_COLUMNS, {
            generator: `kaonlab ${VERSION}`,
            channel,
            seed: String(seed),
          })
        : null;
      const rows = table ? new ParticleRowWriter(table) : null;
      const collector = new SummaryCollector();
      try {
        generateShard(gen, seed, 0, events, (b, first) => {
          collector.add(b);
          rows?.write(b, first);
        });
        table?.close();
      } catch (e) {
        table?.abort();
        throw e;
      }
      const expected = new Map<number, number>();
      if (gen.isMix) for (const f of mixFractions()) expected.set(f.channel.id, f.br);
      const summary = collector.summary(gen, expected);
      if (opts.json) {
        printJson(io, { channel, seed, zRange, out: opts.out ?? null, ...summary });
        return;
      }
      io.out(
        `kaonlab ${VERSION}: ${summary.events} ${channel === MIX ? "K+ decays (natural mix)" : `"${channel}" decays`}, ` +
          `${summary.particles} particles, seed ${seed}${opts.out ? ` → ${opts.out}` : ""}`,
      );
      const shown = summary.channels.filter((c) => c.events > 0 || c.expected > 1e-4);
      io.out(
        formatTable(
          ["channel", "events", "fraction", "BR", "pull"],
          shown.map((c) => [
            c.channel,
            c.events,
            c.fraction.toExponential(4),
            c.expected.toExponential(4),
            c.pull.toFixed(2),
          ]),
        ),
      );
    });
}

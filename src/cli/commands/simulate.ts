/**
 * `kaonlab simulate "<channel>"|mix --period P --events N --seed S [--out FILE] [--z-range A:B]
 *  [--mode weighted|sample] [--card PATH=VALUE...] [--set NAME.PROP=VALUE...] [--pi0 MODE] [--json]`:
 * beam, decay, transport, detector, trigger and reconstruction; one row per event (src/reco/columns.ts).
 */
import type { Command } from "commander";
import { parseZRange } from "../../beam/k12.ts";
import { findChannel } from "../../decays/catalogue.ts";
import { MIX } from "../../decays/generator.ts";
import type { Pi0ModeName } from "../../decays/pi0.ts";
import { loadPeriod, periodNames } from "../../detector/card.ts";
import { SOURCES, type SourceName } from "../../detector/upstream.ts";
import { openTable, tableFormat } from "../../io/table.ts";
import { SimulationRowWriter, simulationSchema } from "../../reco/columns.ts";
import type { SimulationMode } from "../../reco/reconstruction.ts";
import { Simulator } from "../../reco/simulator.ts";
import { SimulationSummary } from "../../reco/summary.ts";
import { VERSION } from "../../version.ts";
import { UsageError } from "../errors.ts";
import { type CliIO, formatTable, printJson } from "../io.ts";
import { keyValues, nonNegativeInt, positiveInt } from "../parse.ts";

interface SimulateOpts {
  events?: string;
  seed?: string;
  period?: string;
  out?: string;
  zRange?: string;
  mode?: string;
  card?: string[];
  set?: string[];
  pi0?: string;
  source?: string;
  json?: boolean;
}

export function registerSimulate(program: Command, io: CliIO): void {
  program
    .command("simulate")
    .description(
      'simulate kaon decays through the NA62 detector, trigger and reconstruction ("K+ -> pi+ pi0" or mix)',
    )
    .argument("<channel>", 'a channel name (see kaonlab channels) or "mix"')
    .option("-n, --events <N>", "number of kaon decays", "100000")
    .option("-s, --seed <S>", "random seed (non-negative integer)", "1")
    .option("-p, --period <P>", `period card (${periodNames().join(", ")})`, "2018-S2")
    .option("-o, --out <FILE>", "output file, .parquet or .csv (one row per event)")
    .option(
      "--z-range <A:B>",
      "force the decay vertex into A < z < B (mm, or 105m:165m), with the matching weight",
    )
    .option("--mode <M>", "weighted (rare probabilities as weights) or sample (0/1 draws)", "weighted")
    .option("--card <PATH=VALUE...>", "override period-card fields, e.g. beam.intensity=2.6 gtk.sigmaT=0.05")
    .option("--set <NAME.PROP=VALUE...>", "hypothetical particle settings, e.g. X.mass=0.1")
    .option("--pi0 <MODE>", "π⁰ decay: natural, gg, eeg, eeee", "natural")
    .option(
      "--source <S>",
      "kaon (decays in the beam), upstream-decay, upstream-interaction, or upstream (both)",
      "kaon",
    )
    .option("--json", "print the summary as JSON")
    .action((channel: string, opts: SimulateOpts) => {
      // validate everything before touching the file system
      const events = positiveInt("--events", opts.events);
      const seed = nonNegativeInt("--seed", opts.seed);
      if (channel !== MIX) findChannel(channel);
      const period = opts.period ?? "2018-S2";
      loadPeriod(period, opts.card ?? []);
      const zRange = opts.zRange ? parseZRange(opts.zRange) : null;
      if (opts.out) tableFormat(opts.out);
      const mode = opts.mode as SimulationMode;
      if (mode !== "weighted" && mode !== "sample")
        throw new UsageError(`--mode: expected weighted or sample, got "${opts.mode}"`);
      const pi0 = opts.pi0 as Pi0ModeName;
      if (!["natural", "gg", "eeg", "eeee"].includes(pi0))
        throw new UsageError(`--pi0: expected natural, gg, eeg or eeee, got "${opts.pi0}"`);
      const source = opts.source as SourceName;
      if (!SOURCES.includes(source))
        throw new UsageError(`--source: expected ${SOURCES.join(", ")}, got "${opts.source}"`);
      const sim = new Simulator({
        channel,
        period,
        source,
        card: opts.card,
        mode,
        zRange,
        particles: keyValues("--set", opts.set),
        pi0Mode: pi0,
      });
      const table = opts.out
        ? openTable(opts.out, simulationSchema(sim.geo), {
            generator: `kaonlab ${VERSION}`,
            channel,
            period,
            seed: String(seed),
            mode,
            source,
            card: JSON.stringify(opts.card ?? []),
          })
        : null;
      const rows = table ? new SimulationRowWriter(table, sim.geo) : null;
      const summary = new SimulationSummary(sim.card);
      try {
        sim.run(seed, 0, events, (b, r, first) => {
          summary.add(b, r);
          rows?.write(b, r, first);
        });
        table?.close();
      } catch (e) {
        table?.abort();
        throw e;
      }
      const s = summary.result();
      if (opts.json) {
        printJson(io, { channel, period, seed, mode, source, zRange, out: opts.out ?? null, ...s });
        return;
      }
      io.out(
        `kaonlab ${VERSION}: ${s.events} ${channel === MIX ? "K+ decays (natural mix)" : `"${channel}" decays`} through ` +
          `the ${period} detector (${mode}${source === "kaon" ? "" : `, ${source} source`}), seed ${seed}` +
          `${opts.out ? ` → ${opts.out}` : ""}`,
      );
      io.out(
        formatTable(
          ["quantity", "value"],
          s.table.map((row) => [row.name, row.value]),
        ),
      );
    });
}

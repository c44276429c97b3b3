/**
 * Progress of a run on stderr: on a terminal a bar with rate and ETA (cli-progress); on a pipe a
 * plain line per finished shard and at most every `interval` seconds otherwise; nothing with --quiet.
 */
import cliProgress from "cli-progress";

export interface Progress {
  /** events done so far (all shards), shards done so far */
  update(events: number, shards: number): void;
  /** a message line (kept above the bar on a terminal) */
  log(line: string): void;
  stop(): void;
}

export type ProgressMode = "tty" | "lines" | "quiet";

export function progressMode(opts: { quiet?: boolean; tty?: boolean }): ProgressMode {
  if (opts.quiet) return "quiet";
  return (opts.tty ?? Boolean(process.stderr.isTTY)) ? "tty" : "lines";
}

function rateText(r: number): string {
  return r >= 1e6 ? `${(r / 1e6).toFixed(2)} M` : r >= 1e3 ? `${(r / 1e3).toFixed(1)} k` : r.toFixed(0);
}

function etaText(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export function createProgress(
  label: string,
  totalEvents: number,
  totalShards: number,
  mode: ProgressMode,
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  interval = 10,
  /** the terminal of the bar (tests) */
  stream: NodeJS.WritableStream = process.stderr,
): Progress {
  const t0 = performance.now();
  if (mode === "quiet") return { update() {}, log() {}, stop() {} };
  if (mode === "lines") {
    let lastT = 0;
    let lastShards = -1;
    return {
      update(events, shards) {
        const t = (performance.now() - t0) / 1000;
        if (shards === lastShards && t - lastT < interval) return;
        lastT = t;
        lastShards = shards;
        const rate = t > 0 ? events / t : 0;
        const eta = rate > 0 ? (totalEvents - events) / rate : Number.POSITIVE_INFINITY;
        write(
          `${label}: ${shards}/${totalShards} shards, ${events}/${totalEvents} events ` +
            `(${((100 * events) / totalEvents).toFixed(1)}%), ${rateText(rate)} events/s, ETA ${etaText(eta)}`,
        );
      },
      log: write,
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {percentage}% | {value}/{total} events | {rate} events/s | ETA {etaText} | shards {shards}/${totalShards}`,
      stream,
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalEvents, 0, { rate: "0", etaText: "?", shards: 0 });
  return {
    update(events, shards) {
      const t = (performance.now() - t0) / 1000;
      const rate = t > 0 ? events / t : 0;
      bar.update(events, {
        rate: rateText(rate),
        etaText: etaText(rate > 0 ? (totalEvents - events) / rate : Number.POSITIVE_INFINITY),
        shards,
      });
    },
    log(line) {
      bar.stop();
      write(line);
    },
    stop() {
      bar.stop();
    },
  };
}

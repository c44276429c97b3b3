/**
 * The native reference of the generation benchmark: bench/native/k2pi.c, kaonlab's K⁺→π⁺π⁰
 * generation with π⁰→γγ (`--pi0 gg`) in plain C with the same algorithms, random streams, physics
 * parameters and output columns, compiled with the machine's C compiler at bench time into a
 * temporary folder and run. `compare` checks that the C program writes the same batches as kaonlab
 * (every column of every event), so that the two really do the same work: bit for bit, except for
 * the rare events that go through a logarithm in the tail of a ziggurat (the C library's log and
 * V8's differ in the last bit now and then). Returns null when no compiler or source is available.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_SLOTS } from "../core/batch.ts";
import { twoBodyMomentum } from "../core/kinematics.ts";
import { PDG } from "../core/particles.ts";
import { zigguratTables } from "../core/rng/samplers.ts";
import { C_LIGHT } from "../core/units.ts";
import { findChannel } from "../decays/catalogue.ts";
import { DecayGenerator, generateShard, shardStreams } from "../decays/generator.ts";
import { COS_TABLE, SIN_TABLE } from "../decays/phase-space.ts";
import { pi0Params } from "../decays/pi0.ts";

const SOURCE = fileURLToPath(new URL("../../bench/native/k2pi.c", import.meta.url));
/** the channel and π⁰ mode of the native reference */
export const NATIVE_CHANNEL = "K+ -> pi+ pi0";
export const NATIVE_PI0 = "gg";

export interface NativeRef {
  /** run once over shard `shard` of `seed`; events per second */
  run(events: number, seed?: number, shard?: number): number;
  /** compare the C program's output for (seed, shard) with kaonlab's */
  compare(events: number, seed: number, shard: number): NativeComparison;
  compiler: string;
  dispose(): void;
}

/** the generator the native reference reproduces */
export function nativeGenerator(): DecayGenerator {
  return new DecayGenerator({ channel: NATIVE_CHANNEL, pi0Mode: NATIVE_PI0 });
}

/** command-line arguments of k2pi: the stream states of (seed, shard), then the physics parameters */
export function nativeArgs(seed: number, shard: number): string[] {
  const gen = nativeGenerator();
  const s = shardStreams(seed, shard);
  const bm = gen.source.beam;
  const pt = gen.particles;
  const mK = gen.source.mass;
  const m1 = pt.mass("pi+");
  const m2 = pt.mass("pi0");
  // the same numbers as src/decays/me/two-body.ts
  const q = twoBodyMomentum(mK, m1, m2);
  const ch = findChannel(NATIVE_CHANNEL);
  const params = [
    bm.momentum,
    bm.momentumSpreadRel,
    bm.slopeX,
    bm.slopeY,
    bm.slopeSigmaX,
    bm.slopeSigmaY,
    bm.spotMeanX,
    bm.spotMeanY,
    bm.spotSigmaX,
    bm.spotSigmaY,
    bm.zGTK3,
    mK,
    gen.source.ctau,
    C_LIGHT,
    q,
    Math.sqrt(q * q + m1 * m1),
    Math.sqrt(q * q + m2 * m2),
    m1,
    m2,
    m2,
    gen.secondaries.pi0.ctau,
    pi0Params().brGG,
    ch.br ?? 1,
    PDG.Kp,
    pt.get("pi+").pdg,
    pt.get("pi0").pdg,
    PDG.gamma,
    ch.id,
  ];
  const states = [s.beam, s.decay, s.secondary].flatMap((r) => r.state());
  return [...states.map(String), ...params.map(String)];
}

/**
 * the tables of the samplers (ziggurats of the normal and the exponential, the azimuth's cos/sin),
 * handed to the C program on its standard input: computed there with the C library's exp and log
 * they would differ from V8's in the last bit here and there
 */
function nativeTables(): Buffer {
  const z = zigguratTables();
  const parts = [z.normalX, z.normalRatio, z.expK, z.expW, z.expF, COS_TABLE, SIN_TABLE];
  return Buffer.concat(parts.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)));
}

/** how kaonlab's output compares with the C program's over the same events */
export interface NativeComparison {
  events: number;
  /** events whose every value is the same to the bit */
  identicalEvents: number;
  /** largest relative difference of any value */
  maxRelDiff: number;
}

/**
 * Compare kaonlab's generation of (seed, shard) with the columns the C program dumps (its `dump`
 * mode: per event channel, weight, nParticles, vertex, then per particle pdg, status, parent, mass,
 * px, py, pz, e, vx, vy, vz, t, all as doubles).
 */
export function compareWithNative(
  dump: Float64Array,
  events: number,
  seed: number,
  shard: number,
): NativeComparison {
  let k = 0;
  let identicalEvents = 0;
  let maxRelDiff = 0;
  let same = true;
  const cmp = (x: number) => {
    const y = k < dump.length ? dump[k] : Number.NaN;
    k++;
    if (x === y) return;
    same = false;
    const d = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
    maxRelDiff = Math.max(maxRelDiff, Number.isNaN(d) ? Number.POSITIVE_INFINITY : d);
  };
  generateShard(nativeGenerator(), seed, shard, events, (b) => {
    for (let i = 0; i < b.size; i++) {
      same = true;
      cmp(b.channel[i]);
      cmp(b.weight[i]);
      cmp(b.nParticles[i]);
      cmp(b.vtxX[i]);
      cmp(b.vtxY[i]);
      cmp(b.vtxZ[i]);
      cmp(b.vtxT[i]);
      for (let g = i * MAX_SLOTS; g < i * MAX_SLOTS + b.nParticles[i]; g++) {
        for (const c of [b.pdg, b.status, b.parent, b.mass, b.px, b.py, b.pz, b.e, b.vx, b.vy, b.vz, b.t])
          cmp(c[g]);
      }
      if (same) identicalEvents++;
    }
  });
  if (k !== dump.length) maxRelDiff = Number.POSITIVE_INFINITY;
  return { events, identicalEvents, maxRelDiff };
}

export function nativeReference(): NativeRef | null {
  if (!existsSync(SOURCE)) return null;
  const dir = mkdtempSync(join(tmpdir(), "kaonlab-native-"));
  const exe = join(dir, "k2pi");
  for (const cc of ["cc", "gcc", "clang"]) {
    try {
      // no fused multiply-add: the same IEEE double arithmetic as JavaScript
      execFileSync(cc, ["-O3", "-ffp-contract=off", "-o", exe, SOURCE, "-lm"], { stdio: "ignore" });
      const tables = nativeTables();
      const exec = (mode: string, events: number, seed: number, shard: number) =>
        execFileSync(exe, [mode, String(events), ...nativeArgs(seed, shard)], {
          input: tables,
          maxBuffer: 2 ** 31 - 1,
        });
      return {
        compiler: `${cc} -O3 -ffp-contract=off`,
        run: (events, seed = 1, shard = 1) =>
          (JSON.parse(exec("run", events, seed, shard).toString("utf8")) as { eventsPerSecond: number })
            .eventsPerSecond,
        compare(events, seed, shard) {
          const out = exec("dump", events, seed, shard);
          const dump = new Float64Array(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
          return compareWithNative(dump, events, seed, shard);
        },
        dispose() {
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch {
      // try the next compiler
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return null;
}

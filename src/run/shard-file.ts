/**
 * Shard files: shards/shard-NNNNNN.json, one per completed shard, written atomically (its presence
 * means the shard is complete). Line 1 is the header (run identity, shard index and events, the
 * sha256 of the payload and of the shard's ntuple, timings); line 2 the payload: the ShardResult as
 * JSON with typed arrays stored as base64 of their bytes, so that every double comes back bit for bit.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ShardResult } from "../analyses/job.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { sha256 } from "./card.ts";
import { SHARD_DIR } from "./plan.ts";

export interface ShardHeader {
  cardHash: string;
  seed: number;
  index: number;
  events: number;
  payloadSha256: string;
  ntuple: { file: string; sha256: string; rows: number } | null;
  seconds: number;
  startedAt: string;
  host: string;
  engine: string;
  /** peak resident memory of the process that ran the shard, bytes */
  maxRssBytes: number;
}

const TYPED = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  BigInt64Array,
} as const;
type TypedName = keyof typeof TYPED;

function replacer(_key: string, v: unknown): unknown {
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const name = v.constructor.name as TypedName;
    if (!(name in TYPED)) throw new Error(`shard file: cannot store ${name}`);
    const bytes = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    return { $typed: name, b64: bytes.toString("base64") };
  }
  if (typeof v === "bigint") return { $bigint: v.toString() };
  if (typeof v === "number" && !Number.isFinite(v)) return { $num: String(v) };
  return v;
}

function reviver(_key: string, v: unknown): unknown {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const o = v as Record<string, string>;
    if (typeof o.$typed === "string" && typeof o.b64 === "string") {
      const bytes = Buffer.from(o.b64, "base64");
      const Ctor = TYPED[o.$typed as TypedName];
      const copy = new Uint8Array(bytes.length);
      copy.set(bytes);
      return new Ctor(copy.buffer);
    }
    if (typeof o.$bigint === "string") return BigInt(o.$bigint);
    if (typeof o.$num === "string") return Number(o.$num);
  }
  return v;
}

/** JSON text of a value with exact typed arrays (and NaN/±Infinity) */
export function encodeExact(v: unknown): string {
  return JSON.stringify(v, replacer);
}

export function decodeExact<T>(text: string): T {
  return JSON.parse(text, reviver) as T;
}

export function shardFileName(index: number): string {
  return `shard-${String(index).padStart(6, "0")}.json`;
}

export function shardPath(dir: string, index: number): string {
  return join(dir, SHARD_DIR, shardFileName(index));
}

export function writeShardFile(
  dir: string,
  header: Omit<ShardHeader, "payloadSha256">,
  result: ShardResult,
): void {
  const payload = encodeExact(result);
  const full: ShardHeader = { ...header, payloadSha256: sha256(payload) };
  writeFileAtomic(shardPath(dir, header.index), `${JSON.stringify(full)}\n${payload}\n`);
}

/** header of a shard file, or a reason why it is unusable */
export function readShardHeader(path: string): { header: ShardHeader; payload: string } | { error: string } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return { error: "missing" };
  }
  const nl = text.indexOf("\n");
  if (nl < 0 || !text.endsWith("\n")) return { error: "truncated" };
  try {
    const header = JSON.parse(text.slice(0, nl)) as ShardHeader;
    const payload = text.slice(nl + 1, -1);
    if (sha256(payload) !== header.payloadSha256) return { error: "checksum mismatch" };
    return { header, payload };
  } catch {
    return { error: "unreadable header" };
  }
}

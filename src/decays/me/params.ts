/** Access to the matrix-element parameters of conditions/decays/form-factors.json. */
import { loadConditions } from "../../core/conditions.ts";

export interface Param {
  value: number;
  error?: number;
  source: string;
}

type Block = { [key: string]: Param | Block | string };

/** the block at a path of keys, e.g. ffBlock("pill", "pi+ e+ e-") */
export function ffBlock(...path: string[]): Block {
  let b: Block = loadConditions<Block>("decays/form-factors.json");
  for (const k of path) {
    const next = b[k];
    if (next === undefined || typeof next === "string" || "value" in next)
      throw new Error(`form-factors.json: no block ${path.join(" / ")}`);
    b = next as Block;
  }
  return b;
}

/** the value of parameter `key` of a block */
export function ffValue(block: Block, key: string): number {
  const p = block[key];
  if (p === undefined || typeof p === "string" || !("value" in p) || typeof p.value !== "number")
    throw new Error(`form-factors.json: no parameter "${key}"`);
  return p.value as number;
}

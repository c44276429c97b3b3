/**
 * Generator ids (the "generator" field of conditions/decays/kplus.json) → factories.
 * PROVISIONAL lists ids still served by uniform phase space while their matrix element is being
 * written; a test requires it to be empty.
 */
import type { GeneratorFactory } from "./channel.ts";
import { flat } from "./me/flat.ts";
import { k3pi } from "./me/k3pi.ts";
import { kl3, pinunu } from "./me/kl3.ts";
import { twoBody } from "./me/two-body.ts";

export const PROVISIONAL = new Set<string>([
  "ke4",
  "pipi0ee",
  "pigg",
  "pill",
  "l2ll",
  "piggstar",
  "l2g-ib",
  "l2g-sd",
  "pipi0g-ib",
  "pipi0g-de",
  "kl3g",
  "k3pig",
]);

const factories: Record<string, GeneratorFactory> = {
  "two-body": twoBody,
  k3pi,
  kl3,
  pinunu,
  flat,
};

export function generatorFactory(id: string): GeneratorFactory {
  const f = factories[id] ?? (PROVISIONAL.has(id) ? flat : undefined);
  if (!f) throw new Error(`no generator "${id}" in src/decays/registry.ts`);
  return f;
}

/**
 * Generator ids (the "generator" field of conditions/decays/kplus.json) → factories.
 * PROVISIONAL lists ids still served by uniform phase space while their matrix element is being
 * written; a test requires it to be empty.
 */
import type { GeneratorFactory } from "./channel.ts";
import { flat } from "./me/flat.ts";
import { k3pi } from "./me/k3pi.ts";
import { k3pig } from "./me/k3pig.ts";
import { ke4 } from "./me/ke4.ts";
import { l2gIB, l2gSD } from "./me/kl2g.ts";
import { l2ll } from "./me/kl2ll.ts";
import { kl3, pinunu } from "./me/kl3.ts";
import { kl3g } from "./me/kl3g.ts";
import { pipi0ee, pipi0gDE, pipi0gIB } from "./me/kpipig.ts";
import { pigs4e } from "./me/pi-gstar-4e.ts";
import { pigsgs } from "./me/pi-gstar-gstar.ts";
import { pigg, piggstar } from "./me/pigg.ts";
import { pill } from "./me/pill.ts";
import { twoBody } from "./me/two-body.ts";

export const PROVISIONAL = new Set<string>([]);

const factories: Record<string, GeneratorFactory> = {
  "two-body": twoBody,
  k3pi,
  kl3,
  pinunu,
  flat,
  ke4,
  pipi0ee,
  pigg,
  pill,
  l2ll,
  piggstar,
  pigsgs,
  pigs4e,
  "l2g-ib": l2gIB,
  "l2g-sd": l2gSD,
  "pipi0g-ib": pipi0gIB,
  "pipi0g-de": pipi0gDE,
  kl3g,
  k3pig,
};

export function generatorFactory(id: string): GeneratorFactory {
  const f = factories[id] ?? (PROVISIONAL.has(id) ? flat : undefined);
  if (!f) throw new Error(`no generator "${id}" in src/decays/registry.ts`);
  return f;
}

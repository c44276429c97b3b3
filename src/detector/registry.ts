/**
 * The registry of the detector: every subsystem and module, in processing order (the order matters
 * only through the columns a module reads: accidentals (event intensity) first, then the beam
 * detectors, the STRAW (which selects the track), and the downstream detectors).
 *
 * The card reader (card.ts) reads the section of every entry with a `section`, the transport
 * (transport.ts) collects their planes and sorts them in z, the accidentals (accidentals.ts) take
 * the sources they declare, and the detector (detector.ts) creates their modules in this order.
 * Adding a subsystem: its module (with its SubsystemSpec), its card section in
 * conditions/periods/*.json, and one line here (docs/chain.md, "How to add a subsystem").
 */
import { ACCIDENTALS } from "./accidentals.ts";
import { CHANTI } from "./chanti.ts";
import { CHOD, NEWCHOD } from "./chod.ts";
import { COLLIMATOR } from "./collimator.ts";
import { GTK } from "./gtk.ts";
import { HASC } from "./hasc.ts";
import { IRC } from "./irc.ts";
import { KTAG } from "./ktag.ts";
import { LAV } from "./lav.ts";
import { LKR } from "./lkr.ts";
import { MULTIPLICITY } from "./multiplicity.ts";
import { MUV0 } from "./muv0.ts";
import { MUV3 } from "./muv3.ts";
import { MUV12 } from "./muv12.ts";
import { PILEUP } from "./pileup.ts";
import { RICH } from "./rich.ts";
import { SAC } from "./sac.ts";
import { STRAW } from "./straw.ts";
import type { ModuleSpec, SectionReader, SubsystemSpec } from "./subsystem.ts";

export const REGISTRY = [
  ACCIDENTALS,
  KTAG,
  STRAW,
  GTK,
  PILEUP,
  RICH,
  CHOD,
  NEWCHOD,
  LKR,
  LAV,
  IRC,
  SAC,
  MUV12,
  MUV3,
  MUV0,
  HASC,
  CHANTI,
  COLLIMATOR,
  MULTIPLICITY,
] as const;

type Entry = (typeof REGISTRY)[number];

/** the card sections of the registered subsystems: section → the type its `card` function returns */
export type SubsystemCards = {
  [E in Entry as E extends { section: infer S extends string } ? S : never]: E extends {
    card: (r: SectionReader) => infer C;
  }
    ? C
    : never;
};

/** the entries that describe a subsystem (a card section), in registry order */
export function subsystems(registry: readonly ModuleSpec[] = REGISTRY): SubsystemSpec[] {
  return registry.filter((e): e is SubsystemSpec => "section" in e);
}

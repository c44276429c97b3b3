/**
 * The `dump-alp` job: the ALP (PBC BC10, fermion couplings g_Y) interpretation of NA62's 2021
 * beam-dump μ⁺μ⁻ search — the beam-dump factory (../dump-ap/dump-job.ts) with ALPs from B → K a
 * (production.ts), the ALP widths of src/decays/dark/alp.ts (e⁺e⁻, μ⁺μ⁻, γγ; masses below 3m_π⁰)
 * and the same selection, backgrounds and observed event as dump-ap. NA62 states an improvement
 * below 280 MeV/c² but no contour was read: the comparison rows carry no published value.
 * Method and sources: docs/analyses/dump-ap.md §4.
 */
import { alpFlFromGY, alpMaxMass, alpWidths, properDecayLength } from "../../decays/dark/index.ts";
import { type DumpModel, edgeAt, makeDumpJob, massRangeOf } from "../dump-ap/dump-job.ts";
import { compare } from "../layer/comparison.ts";
import { AlpProduction, alpConditions } from "./production.ts";

/** the ALP's PDG code in conditions/particles.json (a) */
export const PDG_ALP = 9000004;

export const alpModel: DumpModel = {
  name: "dump-alp",
  description:
    "beam-dump ALP (BC10) → μ⁺μ⁻ from B → K a: acceptance maps, lifetime reweighting, 90% CL exclusion in g_Y",
  particle: "a",
  coupling: "g_Y",
  lowKey: "gYLow",
  highKey: "gYHigh",
  pdg: PDG_ALP,
  massRange: [0.215, 0.4],
  couplingRange: [1e-7, 1e-2],
  defaultEvents: 900_000,
  maxMass: alpMaxMass() - 1e-6,
  source: (mass) => new AlpProduction(mass),
  decay: (mass) => {
    const w = alpWidths(mass, alpFlFromGY(1));
    return { ctau1: properDecayLength(w.total), brMuMu: w.mumu / w.total };
  },
  comparison(edges) {
    const range = massRangeOf(edges);
    const stmt = alpConditions().statement.improvedBelow;
    const none = (figure: string, label: string, ours: number) =>
      compare({ figure, label, ours, reference: null, tolerance: { factor: 2 } });
    return [
      none("massLow", "lowest excluded mass [GeV]", range ? range[0] : Number.NaN),
      none(
        "massHigh",
        `highest excluded mass [GeV] (NA62: improved limits below ${stmt.value} GeV)`,
        range ? range[1] : Number.NaN,
      ),
      none("gYLow250", "lower g_Y edge at 250 MeV", edgeAt(edges, 0.25, "epsilonLow") ?? Number.NaN),
      none("gYHigh250", "upper g_Y edge at 250 MeV", edgeAt(edges, 0.25, "epsilonHigh") ?? Number.NaN),
    ];
  },
};

export const dumpAlpJob = makeDumpJob(alpModel);

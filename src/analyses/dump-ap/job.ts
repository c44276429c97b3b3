/**
 * The `dump-ap` job: NA62's beam-dump search for A′ → μ⁺μ⁻ (dump-2021), the dark-photon model of
 * the beam-dump factory (dump-job.ts): production by proton bremsstrahlung and η, η′, ω decays
 * (production.ts), the A′ widths with the hadronic R ratio (src/decays/dark), NA62's published
 * contour. Method and sources: docs/analyses/dump-ap.md.
 */
import { darkPhotonBranchingRatios, darkPhotonCTau, darkPhotonDecayLength } from "../../decays/dark/index.ts";
import { compare } from "../layer/comparison.ts";
import { PDG_DARK_PHOTON } from "./acceptance.ts";
import { dumpConditions } from "./conditions.ts";
import { comparisonRow, type DumpModel, edgeAt, makeDumpJob, massRangeOf } from "./dump-job.ts";
import { contourAt } from "./limits.ts";
import { DumpProduction } from "./production.ts";

const c = dumpConditions();

export const darkPhotonModel: DumpModel = {
  name: "dump-ap",
  description:
    "beam-dump A′ → μ⁺μ⁻: acceptance maps, lifetime reweighting, 90% CL CLs exclusion against NA62's",
  particle: "A′",
  coupling: "ε",
  lowKey: "epsilonLow",
  highKey: "epsilonHigh",
  pdg: PDG_DARK_PHOTON,
  massRange: [0.215, 0.9],
  couplingRange: [1e-8, 1e-4],
  defaultEvents: 240_000,
  maxMass: 2,
  source: (mass, options) => new DumpProduction(mass, options),
  decay: (mass) => ({ ctau1: darkPhotonCTau(mass, 1), brMuMu: darkPhotonBranchingRatios(mass).mumu }),
  contour: {
    upper: c.contour.upper,
    lower: c.contour.lower,
    massRange: c.contour.massRange.value,
    source: c.contour.source,
  },
  comparison(edges, period) {
    const row = comparisonRow(period);
    const range = massRangeOf(edges);
    const pubRange = c.contour.massRange;
    const src = c.contour.source;
    return [
      row("massLow", "lowest excluded mass [GeV]", range ? range[0] : Number.NaN, {
        value: pubRange.value[0],
        tag: "published",
        source: pubRange.source,
      }),
      row("massHigh", "highest excluded mass [GeV]", range ? range[1] : Number.NaN, {
        value: pubRange.value[1],
        tag: "published",
        source: pubRange.source,
      }),
      row("epsLow300", "lower ε edge at 300 MeV", edgeAt(edges, 0.3, "epsilonLow") ?? Number.NaN, {
        value: contourAt(c.contour.lower, 0.3) ?? undefined,
        tag: "secondary",
        source: src,
      }),
      row("epsHigh300", "upper ε edge at 300 MeV", edgeAt(edges, 0.3, "epsilonHigh") ?? Number.NaN, {
        value: contourAt(c.contour.upper, 0.3) ?? undefined,
        tag: "secondary",
        source: src,
      }),
      compare({
        figure: "decayLength300",
        label: "A′ decay length [mm], 300 MeV, 50 GeV, ε = 10⁻⁶, leptonic widths",
        ours: darkPhotonDecayLength(0.3, 1e-6, 50, { hadrons: false }),
        reference: {
          value: 23900,
          tag: "independent",
          source: "independent calculation: 23.9 m (βγcτ with Γ_ee + Γ_μμ)",
        },
        tolerance: { relative: 0.01 },
      }),
    ];
  },
};

export const dumpApJob = makeDumpJob(darkPhotonModel);

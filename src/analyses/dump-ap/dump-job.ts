/**
 * The beam-dump di-muon jobs (dump-ap, dump-alp) as one factory over a model of the particle
 * (production source, cτ and BR(μ⁺μ⁻) at unit coupling, NA62's contour if any). The search is
 * NA62's A′ → μ⁺μ⁻ of 2021 (dump-2021 card). Per mass of the grid, one acceptance map is simulated (acceptance.ts: production in the TAX, decay position,
 * muons through the detector chain, the two-track selection with Z_TAX/CDA_TAX); the merge then
 * reweights it for the lifetime at every ε of the grid (limits.ts), adds the parametrised
 * backgrounds (background.ts), and gives the 90% CL CLs exclusion with its expected bands, the
 * significance of NA62's one observed event, the projection to 10¹⁸ POT and the comparison with
 * NA62's published contour. Method and sources: docs/analyses/dump-ap.md.
 * The candidate ntuple (`ntuple`, default on) holds the selected signal pairs in SR, VR and CR
 * (acceptance.ts DUMP_CANDIDATE_COLUMNS), one sample per grid mass; `ntupleScales` turn their weights
 * into the selected fraction of the particles decaying uniformly in the decay volume.
 */
import { z } from "zod";
import { flag } from "../../core/schema.ts";
import { loadPeriod } from "../../detector/card.ts";
import { geometry } from "../../detector/geometry.ts";
import { type Hist1D, type Hist2D, h1, h2 } from "../../io/histogram.ts";
import { exposureText, powerText } from "../../io/numbers.ts";
import type { Region } from "../../io/plot.ts";
import { normalCdf, normalQuantile, significanceOf } from "../../stats/special.ts";
import type { AnalysisJob, MergeInfo, MergeOutput, ShardContext, ShardResult } from "../job.ts";
import { type ComparisonEntry, calibratedFor, compare, toleranceFor } from "../layer/comparison.ts";
import { choosePeriod } from "../layer/config.ts";
import { CutFlow } from "../layer/cut-flow.ts";
import { CandidateNtuple, candidateColumns } from "../layer/ntuple.ts";
import { comparisonText, cutFlowText, reportTable, terminalText } from "../layer/report.ts";
import { analysisResults } from "../layer/results.ts";
import { DUMP_CANDIDATE_COLUMNS, DumpChain, MSTAT, newTally, U_BINS } from "./acceptance.ts";
import { backgrounds, haloMuonsPerPot } from "./background.ts";
import { dumpConditions } from "./conditions.ts";
import { HALO_MASS_BINS, HALO_MASS_RANGE, haloConditions, pairHalo, simulateHalo } from "./halo.ts";
import {
  BAND_KEYS,
  contourAt,
  type Edges,
  expectedSignal,
  linSpace,
  logSpace,
  type MassMap,
  massLimit,
  massMap,
  massWindow,
  type WindowModel,
} from "./limits.ts";
import type { DumpSource, SourceOptions } from "./production.ts";
import { promptBackground } from "./prompt.ts";
import { CUTS, REGION } from "./selection.ts";

export const DUMP_PERIODS = ["dump-2021"] as const;
/** random families: shard·1024 + mass index */
const MAX_MASSES = 1000;

const gridSchema = z
  .string()
  .regex(/^\s*\d+\s*[x×]\s*\d+\s*$/, { error: 'expected "M×E" (masses × couplings), e.g. "60x60"' })
  .transform((s) => s.split(/[x×]/).map((v) => Number.parseInt(v, 10)) as [number, number])
  .refine((g) => g[0] >= 2 && g[0] <= MAX_MASSES && g[1] >= 2 && g[1] <= 10000, {
    error: `expected 2 ≤ M ≤ ${MAX_MASSES} masses and 2 ≤ E ≤ 10000 couplings`,
  });

/** what distinguishes the particles searched for in the di-muon channel */
export interface DumpModel {
  name: string;
  description: string;
  /** the particle and its coupling, for labels ("A′", "ε") */
  particle: string;
  coupling: string;
  /** JSON keys of the contour edges (e.g. epsilonLow, epsilonHigh) */
  lowKey: string;
  highKey: string;
  pdg: number;
  massRange: [number, number];
  couplingRange: [number, number];
  /** the highest mass the model accepts (GeV) */
  maxMass: number;
  /** simulated decays when the card gives none (spread over the grid's masses) */
  defaultEvents: number;
  source(mass: number, options?: SourceOptions): DumpSource;
  /** cτ (mm) at unit coupling and BR(μ⁺μ⁻) */
  decay(mass: number): { ctau1: number; brMuMu: number };
  /** NA62's published contour, if any (m GeV, coupling) */
  contour?: {
    upper: [number, number][];
    lower: [number, number][];
    massRange: [number, number];
    source: string;
  };
  /** the model's own comparison rows (beyond the background and p-value rows) */
  comparison(edges: Edges[], period: string): ComparisonEntry[];
}

export function dumpSchema(m: DumpModel) {
  return z
    .object({
      /** protons on target (default: NA62's 2021 exposure) */
      pot: z.number().positive({ error: "expected a positive number of protons on target" }).optional(),
      /** the (mass, coupling) grid, "M×E" */
      grid: gridSchema.prefault("60x60"),
      /** mass range (GeV) */
      massRange: z
        .tuple([z.number().gt(0.2114), z.number().max(m.maxMass)])
        .refine((r) => r[0] < r[1], { error: "expected [low, high] with low < high" })
        .default(m.massRange),
      /** coupling range of the grid */
      couplingRange: z
        .tuple([z.number().positive(), z.number().positive()])
        .refine((r) => r[0] < r[1], { error: "expected [low, high] with low < high" })
        .default(m.couplingRange),
      /** detector period-card overrides */
      card: z.array(z.string()).default([]),
      /** halo muons simulated for the combinatorial background (conditions/analyses/dump-ap/halo.json by default) */
      /** the proton form factor of the bremsstrahlung (production.bremsFormFactor of the conditions by default) */
      bremsFormFactor: z.enum(["none", "vmd"]).optional(),
      /** write the candidate ntuple of the selected signal pairs in SR, VR and CR (Parquet, per shard) */
      ntuple: flag().default(true),
      haloMuons: z
        .number()
        .int({ error: "expected an integer number of halo muons" })
        .min(200, { error: "expected at least 200 halo muons" })
        .max(200000, { error: "expected at most 200000 halo muons (the pairing is quadratic)" })
        .optional(),
    })
    .strict();
}

export type DumpApConfig = z.infer<ReturnType<typeof dumpSchema>>;

function periodOf(p: string | null): string {
  return choosePeriod(p, DUMP_PERIODS, "dump-2021");
}

export function gridMasses(config: DumpApConfig): number[] {
  return linSpace(config.massRange[0], config.massRange[1], config.grid[0]);
}

export function gridEpsilons(config: DumpApConfig): number[] {
  return logSpace(config.couplingRange[0], config.couplingRange[1], config.grid[1]);
}

function zCdaHist(model: DumpModel): Hist2D {
  return h2(
    "zTaxCdaTax",
    `Selected ${model.particle} → μ⁺μ⁻ (decays uniform in z, all masses)`,
    { n: 70, lo: -10, hi: 60, label: "Z_TAX [m]" },
    { n: 50, lo: 0, hi: 200, label: "CDA_TAX [mm]" },
    "selected weight",
  );
}

/** the ntuple sample label of a grid mass (GeV): "A′ 215.0 MeV" */
export function massLabel(model: DumpModel, mass: number): string {
  return `${model.particle} ${(mass * 1000).toFixed(1)} MeV`;
}

function runShard(
  model: DumpModel,
  config: DumpApConfig,
  seed: number,
  shard: number,
  events: number,
  ctx: ShardContext,
): ShardResult {
  const period = periodOf(ctx.period);
  const masses = gridMasses(config);
  const chain = new DumpChain(period, config.card);
  const tally = newTally(masses.length);
  const flow = new CutFlow(CUTS);
  const hist = zCdaHist(model);
  const nt = ctx.ntuple ? new CandidateNtuple(ctx.ntuple, DUMP_CANDIDATE_COLUMNS) : null;
  chain.candidates = nt;
  const per = Math.floor(events / masses.length);
  const extra = events - per * masses.length;
  let done = 0;
  masses.forEach((m, k) => {
    const n = per + (k < extra ? 1 : 0);
    nt?.setLabels(period, massLabel(model, m), model.name);
    if (n > 0)
      chain.simulateMass(
        seed,
        shard * 1024 + k,
        k,
        m,
        n,
        tally,
        flow,
        hist,
        model.source(m, { bremsFormFactor: config.bremsFormFactor }),
        model.pdg,
      );
    done += n;
    ctx.progress(done);
  });
  nt?.flush();
  return {
    events,
    counters: {},
    hists: { zTaxCdaTax: hist },
    arrays: { ...tally, flow: flow.sumw, flow2: flow.sumw2 },
  };
}

function polygon(upper: [number, number][], lower: [number, number][]): [number, number][] {
  const up = upper.map(([m, e]) => [m * 1000, Math.log10(e)] as [number, number]);
  const lo = [...lower].reverse().map(([m, e]) => [m * 1000, Math.log10(e)] as [number, number]);
  return [...up, ...lo];
}

function edgesPolygon(edges: Edges[]): [number, number][] {
  const ok = edges.filter((e) => e.epsilonLow !== null && e.epsilonHigh !== null);
  return polygon(
    ok.map((e) => [e.mass, e.epsilonHigh as number]),
    ok.map((e) => [e.mass, e.epsilonLow as number]),
  );
}

/** a comparison row of a dump job: tolerance and calibration from the dump conditions of `period` */
export function comparisonRow(period: string) {
  const c = dumpConditions();
  return (figure: string, label: string, ours: number, ref: object): ComparisonEntry =>
    compare({
      figure,
      label,
      ours,
      reference: ref,
      tolerance: toleranceFor(c, figure),
      calibrated: calibratedFor(c, period, figure),
    });
}

export function massRangeOf(edges: Edges[]): [number, number] | null {
  const ok = edges.filter((e) => e.epsilonLow !== null);
  return ok.length ? [ok[0].mass, ok[ok.length - 1].mass] : null;
}

/** ε edges at mass m, interpolated (log) between the two grid masses around it */
export function edgeAt(edges: Edges[], m: number, which: "epsilonLow" | "epsilonHigh"): number | null {
  const pts = edges
    .filter((e) => e[which] !== null)
    .map((e) => [e.mass, e[which] as number] as [number, number]);
  return contourAt(pts, m);
}

/** an edge for the results: mass in MeV, the coupling edges under the model's keys */
function toMeV(model: DumpModel, e: Edges): Record<string, number | null> {
  return {
    mass: Math.round(e.mass * 1e6) / 1e3,
    [model.lowKey]: e.epsilonLow,
    [model.highKey]: e.epsilonHigh,
  };
}

function merge(model: DumpModel, config: DumpApConfig, total: ShardResult, info: MergeInfo): MergeOutput {
  const period = periodOf(info.period);
  const c = dumpConditions();
  const pot = config.pot ?? c.exposure.pot.value;
  const masses = gridMasses(config);
  const eps = gridEpsilons(config);
  const a = total.arrays as Record<string, Float64Array>;
  const L = c.geometry.zDecayEnd.value - c.geometry.zDecayStart.value;
  const maps: MassMap[] = masses.map((m, k) =>
    massMap(
      m,
      k,
      model.source(m, { bremsFormFactor: config.bremsFormFactor }).total,
      model.decay(m),
      L,
      a.accV,
      a.accVU,
      a.mass,
    ),
  );
  const halo = haloMuonsPerPot(loadPeriod(period, config.card));
  // the halo: simulated muons through the chain, every pair through the selection (halo.ts)
  const chain = new DumpChain(period, config.card);
  const lib = simulateHalo(chain, info.seed, config.haloMuons ?? haloConditions().simulation.muons.value);
  const z1 = geometry().straw.z[0];
  const chodEff = chain.card.trigger.l0.chodEfficiency;
  const os = pairHalo(lib, chain.selection, z1, chodEff, false);
  const ss = pairHalo(lib, chain.selection, z1, chodEff, true);
  const prompt = promptBackground(pot, halo, lib, z1);
  const bkg = backgrounds(pot, halo, os, ss, prompt.total);
  const shape = { lo: HALO_MASS_RANGE[0], hi: HALO_MASS_RANGE[1], bins: os.massSR };
  const win = (b: number, observed: number[]): WindowModel => ({
    background: b,
    span: c.background.massSpan.value,
    shape,
    sigmas: c.selection.massWindowSigmas.value,
    observed,
  });
  const observedMasses = pot === c.exposure.pot.value ? [c.observed.mass.value] : [];
  const limits = maps.map((m) => massLimit(m, win(bkg.total, observedMasses), pot, eps));
  const exclusion = limits.map((l) => toMeV(model, l.edges));
  // the discrete expected bands: quantiles of N ~ Pois(b_window); with P(n = 0 | b) above
  // Φ(+2) = 97.7% every quantile is n = 0 and the bands coincide with the median
  const pZero = limits.map((l) => Math.exp(-l.b));
  const bandNote = {
    pZeroMin: Math.min(...pZero),
    quantilePlus2: normalCdf(2),
    coincide: Math.min(...pZero) >= normalCdf(2),
  };
  const expectedBand = Object.fromEntries(
    BAND_KEYS.map((k) => [k, limits.map((l) => toMeV(model, l.band[k]))]),
  );
  // projection: 10¹⁸ POT, the median expected exclusion (no observed events assumed)
  const potP = c.exposure.potProjection.value;
  const bkgP = backgrounds(potP, halo, os, ss, promptBackground(potP, halo, lib, z1).total);
  const proj = maps.map((m) => massLimit(m, win(bkgP.total, []), potP, eps).band["0"]);
  // the observed event
  const k411 = masses.reduce(
    (best, m, k) =>
      Math.abs(m - c.observed.mass.value) < Math.abs(masses[best] - c.observed.mass.value) ? k : best,
    0,
  );
  const w411 = massWindow(maps[k411], win(bkg.total, observedMasses));
  const pLocal = -Math.expm1(-w411.b);
  const pGlobal = -Math.expm1(-bkg.total);
  const observed = {
    events: observedMasses.length,
    mass: observedMasses.length ? c.observed.mass.value * 1000 : null,
    localBackground: w411.b,
    massWindowMeV: w411.halfWidth * 1000,
    pLocal,
    zLocal: significanceOf(pLocal),
    pGlobal,
    zGlobalOneSided: significanceOf(pGlobal),
    zGlobalTwoSided: normalQuantile(1 - pGlobal / 2),
  };
  // comparison with NA62
  const edges = limits.map((l) => l.edges);
  const range = massRangeOf(edges);
  const row = comparisonRow(period);
  const comparison = [
    row("background", "expected background in the SR", bkg.total, {
      value: c.expectedBackground.total.value,
      tag: "talk",
      source: c.expectedBackground.total.source,
    }),
    row("pValue", "p(n ≥ 1 | background only)", pGlobal, {
      value: c.observed.pValue.value,
      tag: "talk",
      source: c.observed.pValue.source,
    }),
    ...model.comparison(edges, period),
  ];
  // plots: the exclusion plane and Z_TAX vs CDA_TAX
  const dm = masses.length > 1 ? (masses[1] - masses[0]) * 1000 : 1;
  const le = Math.log10(eps[1] / eps[0]);
  const plane = h2(
    "exclusionPlane",
    `Expected ${model.particle} → μ⁺μ⁻ events in the SR`,
    {
      n: masses.length,
      lo: masses[0] * 1000 - dm / 2,
      hi: masses[masses.length - 1] * 1000 + dm / 2,
      label: `m_${model.particle} [MeV/c²]`,
    },
    {
      n: eps.length,
      lo: Math.log10(eps[0]) - le / 2,
      hi: Math.log10(eps[eps.length - 1]) + le / 2,
      label: `log₁₀ ${model.coupling}`,
    },
    "expected signal events",
  );
  maps.forEach((m, i) => {
    eps.forEach((e, j) => {
      const s = expectedSignal(m, e, pot);
      const bin = (j + 1) * (plane.x.n + 2) + (i + 1);
      // cells below 10⁻³ events are left empty (the colour scale spans the rest)
      plane.sumw[bin] = s >= 1e-3 ? s : 0;
      plane.sumw2[bin] = 0;
    });
  });
  // legend-like labels stacked in the top-right corner of the plane
  const logSpan = Math.log10(eps[eps.length - 1] / eps[0]);
  const at = (i: number): Pick<Region, "labelAt" | "labelAnchor"> => ({
    labelAt: [
      masses[masses.length - 1] * 1000,
      Math.log10(eps[eps.length - 1]) - (0.05 + 0.065 * i) * logSpan,
    ],
    labelAnchor: "end",
  });
  const regions: Region[] = [
    { label: "kaonlab 90% CL (observed)", polygon: edgesPolygon(edges), color: "#c00", ...at(0) },
    {
      label: `kaonlab expected: median = ±1σ = ±2σ (P(n = 0 | b) ≥ ${bandNote.pZeroMin.toFixed(4)})`,
      polygon: edgesPolygon(limits.map((l) => l.band["+2"])),
      color: "#e80",
      dashed: "6,3",
      ...at(1),
    },
    ...(model.contour
      ? [
          {
            label: "NA62 90% CL",
            polygon: polygon(model.contour.upper, model.contour.lower),
            color: "#000",
            dashed: true,
            ...at(2),
          },
        ]
      : []),
    {
      label: "kaonlab 10¹⁸ POT (median)",
      polygon: edgesPolygon(proj),
      color: "#06c",
      dashed: "2,3",
      ...at(model.contour ? 3 : 2),
    },
  ];
  // the combinatorial mass spectrum of the simulated halo in the SR, normalised to the prediction
  const haloMass: Hist1D = h1(
    "haloMassSR",
    "Combinatorial μ⁺μ⁻ pairs in the SR (simulated halo, calibrated rate)",
    { n: HALO_MASS_BINS, lo: HALO_MASS_RANGE[0], hi: HALO_MASS_RANGE[1], label: "m_μμ [GeV/c²]" },
    "expected events / bin",
  );
  {
    let sw = 0;
    for (let i = 0; i < HALO_MASS_BINS; i++) sw += os.massSR[i];
    const f = sw > 0 ? bkg.combinatorial / sw : 0;
    for (let i = 0; i < HALO_MASS_BINS; i++) haloMass.sumw[i + 1] = os.massSR[i] * f;
  }
  const s = c.selection;
  const box = (
    label: string,
    r: { cdaMax: number; zTax: [number, number] },
    color: string,
    dashed = false,
  ): Region => ({
    label,
    x: [r.zTax[0] / 1000, r.zTax[1] / 1000],
    y: [0, r.cdaMax],
    color,
    dashed,
  });
  const flow = new CutFlow(CUTS, a.flow, a.flow2);
  const fmt = () => ({ scale: 1, digits: 3 });
  const cmp = comparisonText(comparison, fmt, true);
  const exclTable = {
    header: [
      "m [MeV/c²]",
      `${model.coupling} low`,
      `${model.coupling} high`,
      `expected ${model.coupling} low (median)`,
      `expected ${model.coupling} high (median)`,
      `10¹⁸ POT ${model.coupling} low`,
      `10¹⁸ POT ${model.coupling} high`,
    ],
    rows: limits
      .map((l, i) => [l, i] as const)
      .filter((_, i) => i % Math.max(1, Math.floor(masses.length / 12)) === 0)
      .map(([l, i]) => [
        (l.edges.mass * 1000).toFixed(1),
        l.edges.epsilonLow?.toExponential(2) ?? "—",
        l.edges.epsilonHigh?.toExponential(2) ?? "—",
        l.band["0"].epsilonLow?.toExponential(2) ?? "—",
        l.band["0"].epsilonHigh?.toExponential(2) ?? "—",
        proj[i].epsilonLow?.toExponential(2) ?? "—",
        proj[i].epsilonHigh?.toExponential(2) ?? "—",
      ]),
  };
  const regionW = [0, 0, 0, 0];
  for (let k = 0; k < masses.length; k++)
    for (let r = 0; r < REGION.count; r++) regionW[r] += a.regions[k * REGION.count + r];
  const acceptance = maps.map((m) => ({
    mass: m.mass * 1000,
    yieldPerPot: m.yieldPerPot,
    acceptance: m.acceptance,
    sigmaMass: m.sigmaMass * 1000,
  }));
  const results = analysisResults(
    { analysis: model.name, period, seed: info.seed, events: info.events },
    comparison,
    {
      pot,
      grid: { masses: masses.length, couplings: eps.length, mapBins: U_BINS },
      expected: {
        background: bkg.total,
        combinatorial: bkg.combinatorial,
        combinatorialUncalibrated: bkg.uncalibrated,
        prompt: bkg.prompt,
        randomPairs: bkg.pairs,
        combinatorialByRegion: bkg.regions,
        controlSamples: { sameSign: bkg.sameSign, timeSideband: bkg.timeSideband },
        halo: {
          muons: lib.n,
          generated: lib.generated,
          pairsOS: os.pairs,
          pairsSS: ss.pairs,
          selectedPairsOS: { SR: os.counts[0], VR: os.counts[1], CR: os.counts[2] },
          selectedPairsSS: { SR: ss.counts[0], VR: ss.counts[1], CR: ss.counts[2] },
        },
        promptEstimate: prompt,
      },
      observed,
      exclusion,
      expectedBand,
      expectedBandNote: bandNote,
      projection: { pot: potP, background: bkgP.total, exclusion: proj.map((e) => toMeV(model, e)) },
      acceptance,
      regions: { SR: regionW[0], VR: regionW[1], CR: regionW[2], outside: regionW[3] },
      // per unit of ntuple weight: the selected fraction of the particles of the mass decaying
      // uniformly in the decay volume (expected events at a coupling need the lifetime reweighting)
      ...(config.ntuple
        ? {
            ntupleScales: masses.map((m, k) => ({
              period,
              sample: massLabel(model, m),
              scale: a.mass[k * MSTAT + 3] > 0 ? 1 / a.mass[k * MSTAT + 3] : 0,
            })),
          }
        : {}),
    },
    flow.steps(0),
  );
  const summary =
    `Beam-dump ${model.particle} → μ⁺μ⁻, ${period}: ${info.events} simulated ${model.particle} decays over ${masses.length} masses (one acceptance map per mass, ` +
    `reweighted for the lifetime over ${eps.length} couplings), N_POT = ${pot.toExponential(2)}. ` +
    `Expected background ${bkg.total.toExponential(2)} (combinatorial ${bkg.combinatorial.toExponential(2)}, prompt ${bkg.prompt.toExponential(2)}); ` +
    `observed ${observed.events} event${observed.events === 1 ? "" : "s"}; excluded masses ${range ? `${(range[0] * 1000).toFixed(0)}–${(range[1] * 1000).toFixed(0)} MeV/c²` : "none"}.`;
  return {
    results,
    hists: [total.hists.zTaxCdaTax, plane, haloMass],
    report: {
      summary,
      exposure: exposureText(
        period,
        info.events,
        `, N_{POT} = ${powerText(pot)}`,
        `simulated ${model.particle} decays`,
      ),
      tables: [
        reportTable("dump-ap: kaonlab against NA62", cmp),
        reportTable("90% CL exclusion (every few masses of the grid)", exclTable),
        reportTable(
          `Cut flow: weight per generated ${model.particle} decaying in [100, 182] m`,
          cutFlowText([{ label: `${model.particle} → μ⁺μ⁻`, steps: flow.steps(0) }]),
        ),
      ],
      plots: [
        {
          kind: "hist1d",
          name: "halo-mass",
          title: "Combinatorial background: μ⁺μ⁻ mass of random halo pairs in the SR",
          series: [{ hist: haloMass, label: "simulated halo × haloPairScale" }],
          caption: `Random opposite-sign pairs of simulated halo muons through the selection (${os.counts[0]} pairs in the SR out of ${os.pairs.toExponential(2)}), scaled to the calibrated SR background ${bkg.combinatorial.toExponential(2)}; the mass windows of the exclusion take their background from this shape.`,
        },
        {
          kind: "hist2d",
          name: "exclusion",
          title: `${model.particle} → μ⁺μ⁻: 90% CL exclusion (kaonlab${model.contour ? ", NA62" : ""}, 10¹⁸ POT projection)`,
          hist: plane,
          logZ: true,
          regions,
          caption: `Expected signal events over the (m, ${model.coupling}) grid; kaonlab's observed 90% CL CLs contour (red)${model.contour ? ", NA62's published contour (dashed)" : ""}, the median expected contour for 10¹⁸ POT (dotted), and the expected contour for this exposure (orange dashed): its −2σ…+2σ band has no width, because the background-only count is 0 with probability above Φ(+2) = 97.7% in every mass window.`,
        },
        {
          kind: "hist2d",
          name: "ztax-cdatax",
          title: `Z_TAX vs CDA_TAX of selected ${model.particle} → μ⁺μ⁻`,
          hist: total.hists.zTaxCdaTax as Hist2D,
          logZ: true,
          regions: [
            box("SR", s.signalRegion, "#c00"),
            box("VR", s.validationRegion, "#e80", true),
            box("CR", s.controlRegion, "#06c", true),
          ],
          caption: `Signal (${model.particle} decays uniform in z over the decay volume, all masses) in the plane of the pair's closest approach to the beam line; signal, validation and control regions.`,
        },
      ],
    },
    terminal: `${summary}\n${terminalText(comparisonText(comparison, fmt))}`,
  };
}

/** the analysis job of a model: the same selection, backgrounds, statistics and plots */
export function makeDumpJob(model: DumpModel): AnalysisJob<DumpApConfig> {
  return {
    name: model.name,
    description: model.description,
    schema: dumpSchema(model) as unknown as z.ZodType<DumpApConfig>,
    periods: () => DUMP_PERIODS,
    defaultPeriod: "dump-2021",
    defaultEvents: model.defaultEvents,
    jsonResults: true,
    ntupleColumns: (c) => (c.ntuple ? candidateColumns(DUMP_CANDIDATE_COLUMNS) : null),
    runShard: (config, seed, shard, events, ctx) => runShard(model, config, seed, shard, events, ctx),
    merge: (config, total, info) => merge(model, config, total, info),
  };
}

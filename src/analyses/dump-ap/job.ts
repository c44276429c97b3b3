/**
 * The `dump-ap` job: NA62's beam-dump search for A′ → μ⁺μ⁻ (2021, dump-2021 card). Per mass of the
 * grid, one acceptance map is simulated (acceptance.ts: production in the TAX, decay position,
 * muons through the detector chain, the two-track selection with Z_TAX/CDA_TAX); the merge then
 * reweights it for the lifetime at every ε of the grid (limits.ts), adds the parametrised
 * backgrounds (background.ts), and gives the 90% CL CLs exclusion with its expected bands, the
 * significance of NA62's one observed event, the projection to 10¹⁸ POT and the comparison with
 * NA62's published contour. Method and sources: docs/analyses/dump-ap.md.
 */
import { z } from "zod";
import { darkPhotonDecayLength } from "../../decays/dark/index.ts";
import { type Hist2D, h2 } from "../../io/histogram.ts";
import type { Region } from "../../io/plot.ts";
import { normalQuantile, significanceOf } from "../../stats/special.ts";
import type { AnalysisJob, MergeInfo, MergeOutput, ShardContext, ShardResult } from "../job.ts";
import { calibratedFor, compare, toleranceFor } from "../layer/comparison.ts";
import { CutFlow } from "../layer/cut-flow.ts";
import { comparisonText, cutFlowText, reportTable, terminalText } from "../layer/report.ts";
import { analysisResults } from "../layer/results.ts";
import { DumpChain, newTally, U_BINS } from "./acceptance.ts";
import { backgrounds } from "./background.ts";
import { dumpConditions } from "./conditions.ts";
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
import { DumpProduction } from "./production.ts";
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

export const dumpApSchema = z
  .object({
    /** protons on target (default: NA62's 2021 exposure) */
    pot: z.number().positive({ error: "expected a positive number of protons on target" }).optional(),
    /** the (m, ε) grid, "M×E" */
    grid: gridSchema.prefault("60x60"),
    /** A′ mass range (GeV) */
    massRange: z.tuple([z.number().gt(0.2114), z.number().lt(2)]).default([0.215, 0.7]),
    /** ε range of the grid */
    epsilonRange: z.tuple([z.number().positive(), z.number().positive()]).default([1e-8, 1e-4]),
    /** detector period-card overrides */
    card: z.array(z.string()).default([]),
  })
  .strict();

export type DumpApConfig = z.infer<typeof dumpApSchema>;

function periodOf(p: string | null): string {
  const period = p ?? "dump-2021";
  if (!(DUMP_PERIODS as readonly string[]).includes(period))
    throw new RangeError(`period: expected one of ${DUMP_PERIODS.join(", ")}, got "${period}"`);
  return period;
}

export function gridMasses(config: DumpApConfig): number[] {
  return linSpace(config.massRange[0], config.massRange[1], config.grid[0]);
}

export function gridEpsilons(config: DumpApConfig): number[] {
  return logSpace(config.epsilonRange[0], config.epsilonRange[1], config.grid[1]);
}

function zCdaHist(): Hist2D {
  return h2(
    "zTaxCdaTax",
    "Selected A′ → μ⁺μ⁻ (decays uniform in z, all masses)",
    { n: 70, lo: -10, hi: 60, label: "Z_TAX [m]" },
    { n: 50, lo: 0, hi: 200, label: "CDA_TAX [mm]" },
    "selected weight",
  );
}

function runShard(
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
  const hist = zCdaHist();
  const per = Math.floor(events / masses.length);
  const extra = events - per * masses.length;
  let done = 0;
  masses.forEach((m, k) => {
    const n = per + (k < extra ? 1 : 0);
    if (n > 0) chain.simulateMass(seed, shard * 1024 + k, k, m, n, tally, flow, hist);
    done += n;
    ctx.progress(done);
  });
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

function massRangeOf(edges: Edges[]): [number, number] | null {
  const ok = edges.filter((e) => e.epsilonLow !== null);
  return ok.length ? [ok[0].mass, ok[ok.length - 1].mass] : null;
}

/** ε edges at mass m, interpolated (log) between the two grid masses around it */
function edgeAt(edges: Edges[], m: number, which: "epsilonLow" | "epsilonHigh"): number | null {
  const pts = edges
    .filter((e) => e[which] !== null)
    .map((e) => [e.mass, e[which] as number] as [number, number]);
  return contourAt(pts, m);
}

function toMeV(e: Edges): Edges {
  return { mass: Math.round(e.mass * 1e6) / 1e3, epsilonLow: e.epsilonLow, epsilonHigh: e.epsilonHigh };
}

function merge(config: DumpApConfig, total: ShardResult, info: MergeInfo): MergeOutput {
  const period = periodOf(info.period);
  const c = dumpConditions();
  const pot = config.pot ?? c.exposure.pot.value;
  const masses = gridMasses(config);
  const eps = gridEpsilons(config);
  const a = total.arrays as Record<string, Float64Array>;
  const L = c.geometry.zDecayEnd.value - c.geometry.zDecayStart.value;
  const maps: MassMap[] = masses.map((m, k) =>
    massMap(m, k, new DumpProduction(m).total, L, a.accV, a.accVU, a.mass),
  );
  const bkg = backgrounds(pot);
  const win = (b: number, observed: number[]): WindowModel => ({
    background: b,
    span: c.background.massSpan.value,
    sigmas: c.selection.massWindowSigmas.value,
    observed,
  });
  const observedMasses = pot === c.exposure.pot.value ? [c.observed.mass.value] : [];
  const limits = maps.map((m) => massLimit(m, win(bkg.total, observedMasses), pot, eps));
  const exclusion = limits.map((l) => toMeV(l.edges));
  const expectedBand = Object.fromEntries(BAND_KEYS.map((k) => [k, limits.map((l) => toMeV(l.band[k]))]));
  // projection: 10¹⁸ POT, the median expected exclusion (no observed events assumed)
  const potP = c.exposure.potProjection.value;
  const bkgP = backgrounds(potP);
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
  const pubRange = c.contour.massRange.value;
  const row = (figure: string, label: string, ours: number, ref: object) =>
    compare({
      figure,
      label,
      ours,
      reference: ref,
      tolerance: toleranceFor(c, figure),
      calibrated: calibratedFor(c, period, figure),
    });
  const src = c.contour.source;
  const comparison = [
    row("background", "expected background in the SR", bkg.total, {
      value: c.expectedBackground.total.value,
      tag: "seed",
      source: c.expectedBackground.total.source,
    }),
    row("pValue", "p(n ≥ 1 | background only)", pGlobal, {
      value: c.observed.pValue.value,
      tag: "seed",
      source: c.observed.pValue.source,
    }),
    row("massLow", "lowest excluded mass [GeV]", range ? range[0] : Number.NaN, {
      value: pubRange[0],
      tag: "published",
      source: c.contour.massRange.source,
    }),
    row("massHigh", "highest excluded mass [GeV]", range ? range[1] : Number.NaN, {
      value: pubRange[1],
      tag: "published",
      source: c.contour.massRange.source,
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
  // plots: the exclusion plane and Z_TAX vs CDA_TAX
  const dm = masses.length > 1 ? (masses[1] - masses[0]) * 1000 : 1;
  const le = Math.log10(eps[1] / eps[0]);
  const plane = h2(
    "exclusionPlane",
    "Expected A′ → μ⁺μ⁻ events in the SR",
    {
      n: masses.length,
      lo: masses[0] * 1000 - dm / 2,
      hi: masses[masses.length - 1] * 1000 + dm / 2,
      label: "m_A′ [MeV/c²]",
    },
    {
      n: eps.length,
      lo: Math.log10(eps[0]) - le / 2,
      hi: Math.log10(eps[eps.length - 1]) + le / 2,
      label: "log₁₀ ε",
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
  const regions: Region[] = [
    { label: "kaonlab 90% CL", polygon: edgesPolygon(edges), color: "#c00" },
    { label: "NA62 90% CL", polygon: polygon(c.contour.upper, c.contour.lower), color: "#000", dashed: true },
    { label: "kaonlab 10¹⁸ POT (median)", polygon: edgesPolygon(proj), color: "#06c", dashed: "2,3" },
  ];
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
      "ε low",
      "ε high",
      "expected ε low (median)",
      "expected ε high (median)",
      "10¹⁸ POT ε low",
      "10¹⁸ POT ε high",
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
    { analysis: "dump-ap", period, seed: info.seed, events: info.events },
    comparison,
    {
      pot,
      grid: { masses: masses.length, couplings: eps.length, mapBins: U_BINS },
      expected: {
        background: bkg.total,
        combinatorial: bkg.combinatorial,
        prompt: bkg.prompt,
        randomPairs: bkg.pairs,
      },
      observed,
      exclusion,
      expectedBand,
      projection: { pot: potP, background: bkgP.total, exclusion: proj.map(toMeV) },
      acceptance,
      regions: { SR: regionW[0], VR: regionW[1], CR: regionW[2], outside: regionW[3] },
    },
    flow.steps(0),
  );
  const summary =
    `Beam-dump A′ → μ⁺μ⁻, ${period}: ${info.events} simulated A′ decays over ${masses.length} masses (one acceptance map per mass, ` +
    `reweighted for the lifetime over ${eps.length} couplings), N_POT = ${pot.toExponential(2)}. ` +
    `Expected background ${bkg.total.toExponential(2)} (combinatorial ${bkg.combinatorial.toExponential(2)}, prompt ${bkg.prompt.toExponential(2)}); ` +
    `observed ${observed.events} event${observed.events === 1 ? "" : "s"}; excluded masses ${range ? `${(range[0] * 1000).toFixed(0)}–${(range[1] * 1000).toFixed(0)} MeV/c²` : "none"}.`;
  return {
    results,
    hists: [total.hists.zTaxCdaTax, plane],
    report: {
      summary,
      tables: [
        reportTable("dump-ap: kaonlab against NA62", cmp),
        reportTable("90% CL exclusion (every few masses of the grid)", exclTable),
        reportTable(
          "Cut flow: weight per generated A′ decaying in [100, 182] m",
          cutFlowText([{ label: "A′ → μ⁺μ⁻", steps: flow.steps(0) }]),
        ),
      ],
      plots: [
        {
          kind: "hist2d",
          name: "exclusion",
          title: "A′ → μ⁺μ⁻: 90% CL exclusion (kaonlab, NA62, 10¹⁸ POT projection)",
          hist: plane,
          logZ: true,
          regions,
          caption:
            "Expected signal events over the (m, ε) grid; kaonlab's observed 90% CL CLs contour (red), NA62's published contour (dashed), the median expected contour for 10¹⁸ POT (dotted).",
        },
        {
          kind: "hist2d",
          name: "ztax-cdatax",
          title: "Z_TAX vs CDA_TAX of selected A′ → μ⁺μ⁻",
          hist: total.hists.zTaxCdaTax as Hist2D,
          logZ: true,
          regions: [
            box("SR", s.signalRegion, "#c00"),
            box("VR", s.validationRegion, "#e80", true),
            box("CR", s.controlRegion, "#06c", true),
          ],
          caption:
            "Signal (A′ decays uniform in z over the decay volume, all masses) in the plane of the pair's closest approach to the beam line; signal, validation and control regions.",
        },
      ],
    },
    terminal: `${summary}\n${terminalText(comparisonText(comparison, fmt))}`,
  };
}

export const dumpApJob: AnalysisJob<DumpApConfig> = {
  name: "dump-ap",
  description:
    "beam-dump A′ → μ⁺μ⁻: acceptance maps, lifetime reweighting, 90% CL CLs exclusion against NA62's",
  schema: dumpApSchema as unknown as z.ZodType<DumpApConfig>,
  periods: () => DUMP_PERIODS,
  defaultPeriod: "dump-2021",
  defaultEvents: 240_000,
  jsonResults: true,
  runShard,
  merge,
};

/**
 * The `mix` job: the natural K⁺ decay mix (src/decays/generator.ts), optionally forced into a z range,
 * followed by the chain stages named in `chain` (src/chain/stages.ts). It fills truth-level
 * histograms — decay z, kaon momentum, daughter momenta by species, the (p, m²miss) plane of the
 * leading charged daughter in the π⁺ mass hypothesis with the NA62 πνν̄ regions overlaid, m²miss by
 * decay channel, and the single-track fraction vs momentum — counts per channel against the BR
 * table, and a per-event truth ntuple. Through the analysis layer (src/analyses/layer/) it gives
 * the common results shape: a cut flow (generated, one charged daughter, in 15–35 GeV/c) and a
 * comparison of the generated fraction of every channel with its branching ratio in the catalogue
 * (a check of the generator: "reproduced" within the binomial error).
 *
 * It is the demonstration and test bed of the run machinery; the same plot helpers serve the pnn
 * job (reconstructed p_π and m²miss instead of truth).
 */
import { z } from "zod";
import { findStage, GENERATE, stageNames } from "../../chain/stages.ts";
import { MAX_SLOTS, Status } from "../../core/batch.ts";
import { PDG, particleTable } from "../../core/particles.ts";
import { finiteNumber, flag, oneOf, positiveInt } from "../../core/schema.ts";
import { channelById, channelIdBound, mixFractions } from "../../decays/catalogue.ts";
import { DEFAULT_BATCH, DecayGenerator, generateShard, MIX } from "../../decays/generator.ts";
import { fill1, fill2, type Hist1D, type Hist2D, h1, h2, integral, sumHists } from "../../io/histogram.ts";
import type { PlotSpec, ReportTable } from "../../io/plot.ts";
import type { ColumnSpec } from "../../io/table.ts";
import type { AnalysisJob, MergeInfo, ShardContext, ShardResult } from "../job.ts";
import { type ComparisonEntry, compare } from "../layer/comparison.ts";
import { CutFlow } from "../layer/cut-flow.ts";
import { comparisonText, cutFlowText, reportTable } from "../layer/report.ts";
import { analysisResults } from "../layer/results.ts";
import { selectionFor } from "../pnn/conditions.ts";
import { m2Bands, planeRegions } from "../pnn/plane.ts";

export const mixConfigSchema = z
  .object({
    /** force the kaon decay vertex into [zMin, zMax] (mm), with the matching weight */
    zRange: z
      .tuple([finiteNumber(), finiteNumber()], { error: "expected [zMin, zMax] in mm" })
      .refine((r) => r[1] > r[0], { error: "expected zMin < zMax" })
      .nullable()
      .default(null),
    pi0: oneOf(["natural", "gg", "eeg", "eeee"]).default("natural"),
    /** write the per-event truth ntuple (Parquet, one file per shard) */
    ntuple: flag().default(true),
    /** events per batch (default: the smallest preference of the chain's stages, else 4096); the mix
     *  is drawn batch by batch, so this is part of the run definition */
    batchSize: positiveInt()
      .refine((n) => (n as number) <= DEFAULT_BATCH, { error: `expected at most ${DEFAULT_BATCH}` })
      .optional(),
    /** the chain after generation (stage names of src/chain/stages.ts) */
    chain: z
      .array(z.string())
      .default([GENERATE])
      .refine((c) => c[0] === GENERATE && c.slice(1).every((s) => stageNames().includes(s)), {
        error: `expected "generate" first, then stages among: ${stageNames().join(", ")}`,
      }),
  })
  .strict();

export type MixConfig = z.infer<typeof mixConfigSchema>;

export const MIX_NTUPLE: ColumnSpec[] = [
  { name: "event", type: "INT32" },
  { name: "channel", type: "INT32" },
  { name: "weight", type: "DOUBLE" },
  { name: "vtx_z", type: "DOUBLE" },
  { name: "p_kaon", type: "DOUBLE" },
  { name: "n_charged", type: "INT32" },
  { name: "p_lead", type: "DOUBLE" },
  { name: "m2miss", type: "DOUBLE" },
];

/**
 * The m²miss histogram of a channel, named after it: "K+ -> pi+ pi0" → m2miss_pip_pi0 (the parent
 * dropped; + → p, - → m; other runs of non-alphanumerics → _).
 */
export function m2missName(id: number): string {
  const slug = channelById(id)
    .name.replace(/^K\+\s*->\s*/, "")
    .replace(/\+/g, "p")
    .replace(/-/g, "m")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return `m2miss_${slug}`;
}

/** daughter species shown in the momentum plot: PDG code → label */
const SPECIES: [number, string, string][] = [
  [PDG.pip, "π⁺", "pip"],
  [PDG.pim, "π⁻", "pim"],
  [PDG.mup, "μ⁺", "mup"],
  [PDG.ep, "e⁺", "ep"],
  [PDG.gamma, "γ", "gamma"],
];

/** NA62 πνν̄ regions in (p_π, m²miss): the 2018-S2 selection (conditions/analyses/pnn/selection.json) */
const PLANE_PERIOD = "2018-S2";

/** the cut flow of the truth selection */
export const MIX_CUTS = ["generated", "one charged daughter", "one charged daughter, 15–35 GeV/c"] as const;
/** the momentum range of the last step (GeV/c): R1 of the πνν̄ selection */
const P_RANGE = [15, 35] as const;

/**
 * standard deviations (binomial) within which a generated fraction reproduces its BR: a check of the
 * generator over ~10 channels, so wide enough that chance alone almost never fails it
 */
const GENERATOR_PULL = 4;

const M2 = { n: 140, lo: -0.1, hi: 0.18, label: "m²miss [GeV²/c⁴]" };
const PLEAD = { n: 80, lo: 0, hi: 80, label: "p [GeV/c]" };

function isCharged(pdg: number): boolean {
  const a = pdg < 0 ? -pdg : pdg;
  return a === 211 || a === 321 || a === 11 || a === 13 || a === 2212;
}

function speciesHists(): Hist1D[] {
  return SPECIES.map(([, label, key]) =>
    h1(`p_${key}`, `${label} momentum`, { n: 80, lo: 0, hi: 80, label: "p [GeV/c]" }),
  );
}

function runShard(
  config: MixConfig,
  seed: number,
  shard: number,
  events: number,
  ctx: ShardContext,
): ShardResult {
  const gen = new DecayGenerator({ channel: MIX, zRange: config.zRange, pi0Mode: config.pi0 });
  const chain = config.chain.slice(1).map(findStage);
  const batchSize =
    config.batchSize ?? Math.min(DEFAULT_BATCH, ...chain.map((st) => st.batchSize ?? DEFAULT_BATCH));
  const stages = chain.map((st) => st.create({ seed, shard, period: ctx.period, batchSize }));
  const nCat = channelIdBound();
  const counts = new Float64Array(nCat);
  const sumw = new Float64Array(nCat);
  const hz = h1("decay_z", "kaon decay vertex", { n: 100, lo: 100, hi: 300, label: "z [m]" });
  const hpk = h1("p_kaon", "kaon momentum", { n: 100, lo: 70, hi: 80, label: "p_K [GeV/c]" });
  const hsp = speciesHists();
  const hPlane = h2("p_m2miss", "leading charged daughter, π⁺ hypothesis", PLEAD, M2);
  const hTrackAll = h1("p_lead_all", "all decays", PLEAD);
  const hTrackOne = h1("p_lead_1track", "single charged track", PLEAD);
  // m²miss by channel: one histogram per channel with events (filled lazily, kept in an array)
  const hByChannel: (Hist1D | undefined)[] = new Array(nCat);
  const flow = new CutFlow(MIX_CUTS);
  const mPi = particleTable().byCode(PDG.pip).mass;
  const sink = ctx.ntuple;
  const cols = sink
    ? {
        event: new Int32Array(4096),
        channel: new Int32Array(4096),
        weight: new Float64Array(4096),
        vtx_z: new Float64Array(4096),
        p_kaon: new Float64Array(4096),
        n_charged: new Int32Array(4096),
        p_lead: new Float64Array(4096),
        m2miss: new Float64Array(4096),
      }
    : null;
  generateShard(
    gen,
    seed,
    shard,
    events,
    (b, first) => {
      for (const s of stages) s(b);
      if (cols && cols.event.length < b.size) throw new Error("mix: batch larger than the ntuple buffer");
      for (let i = 0; i < b.size; i++) {
        const w = b.weight[i];
        const ch = b.channel[i];
        flow.pass(0, w);
        counts[ch]++;
        sumw[ch] += w;
        fill1(hz, b.vtxZ[i] / 1000, w);
        const k = i * MAX_SLOTS;
        const kpx = b.px[k];
        const kpy = b.py[k];
        const kpz = b.pz[k];
        const pk = Math.sqrt(kpx * kpx + kpy * kpy + kpz * kpz);
        fill1(hpk, pk, w);
        let nCh = 0;
        let lead = -1;
        let pLead = 0;
        const np = b.nParticles[i];
        for (let s = 1; s < np; s++) {
          const g = k + s;
          if (b.status[g] !== Status.FINAL) continue;
          const pdg = b.pdg[g];
          const p = Math.sqrt(b.px[g] * b.px[g] + b.py[g] * b.py[g] + b.pz[g] * b.pz[g]);
          for (let q = 0; q < SPECIES.length; q++) if (SPECIES[q][0] === pdg) fill1(hsp[q], p, w);
          if (isCharged(pdg)) {
            nCh++;
            if (p > pLead) {
              pLead = p;
              lead = g;
            }
          }
        }
        let m2 = Number.NaN;
        if (lead >= 0) {
          const eTrk = Math.sqrt(pLead * pLead + mPi * mPi);
          const de = b.e[k] - eTrk;
          const dx = kpx - b.px[lead];
          const dy = kpy - b.py[lead];
          const dz = kpz - b.pz[lead];
          m2 = de * de - dx * dx - dy * dy - dz * dz;
          fill2(hPlane, pLead, m2, w);
          let hc = hByChannel[ch];
          if (!hc) {
            hc = h1(m2missName(ch), channelById(ch).name, M2);
            hByChannel[ch] = hc;
          }
          fill1(hc, m2, w);
          fill1(hTrackAll, pLead, w);
          if (nCh === 1) {
            fill1(hTrackOne, pLead, w);
            flow.pass(1, w);
            if (pLead > P_RANGE[0] && pLead < P_RANGE[1]) flow.pass(2, w);
          }
        }
        if (cols) {
          cols.event[i] = first + i;
          cols.channel[i] = ch;
          cols.weight[i] = w;
          cols.vtx_z[i] = b.vtxZ[i];
          cols.p_kaon[i] = pk;
          cols.n_charged[i] = nCh;
          cols.p_lead[i] = pLead;
          cols.m2miss[i] = m2;
        }
      }
      if (cols && sink) sink.append(cols, b.size);
      ctx.progress(first + b.size);
    },
    batchSize,
  );
  const hists: Record<string, Hist1D | Hist2D> = {};
  for (const h of [hz, hpk, ...hsp, hPlane, hTrackAll, hTrackOne]) hists[h.name] = h;
  for (const h of hByChannel) if (h) hists[h.name] = h;
  return { events, counters: {}, hists, arrays: { counts, sumw, flow: flow.sumw, flow2: flow.sumw2 } };
}

/** channels shown separately in m²miss; the rest are summed as "other" */
const SHOWN_CHANNELS = 6;

function merge(config: MixConfig, total: ShardResult, info: MergeInfo) {
  const nCat = channelIdBound();
  const counts = total.arrays!.counts as Float64Array;
  const sumw = total.arrays!.sumw as Float64Array;
  const merged = total.hists as Record<string, Hist1D | Hist2D>;
  const events = total.events;
  const flow = new CutFlow(MIX_CUTS, total.arrays!.flow as Float64Array, total.arrays!.flow2 as Float64Array);
  // channel table against the BR of the mix
  const br = new Map(mixFractions().map((f) => [f.channel.id, f.br]));
  const channels = [...br.keys()].map((id) => {
    const p = br.get(id)!;
    const f = counts[id] / events;
    const sigma = Math.sqrt((p * (1 - p)) / events);
    return {
      channel: channelById(id).name,
      events: counts[id],
      sumWeights: sumw[id],
      fraction: f,
      br: p,
      pull: sigma > 0 ? (f - p) / sigma : 0,
    };
  });
  let totalW = 0;
  for (let i = 0; i < nCat; i++) totalW += sumw[i];
  // m²miss by channel: the largest channels by weight, then "other"
  const byW = [...br.keys()]
    .filter((id) => merged[m2missName(id)])
    .sort((a, b) => sumw[b] - sumw[a] || a - b);
  const shown = byW.slice(0, SHOWN_CHANNELS);
  const rest = byW.slice(SHOWN_CHANNELS).map((id) => merged[m2missName(id)] as Hist1D);
  const series = shown.map((id) => ({
    hist: merged[m2missName(id)] as Hist1D,
    label: channelById(id).name,
  }));
  if (rest.length > 0) {
    const other = sumHists(rest);
    other.name = "m2miss_other";
    series.push({ hist: other, label: "other channels" });
  }
  const plane = merged.p_m2miss as Hist2D;
  const fvNote = config.zRange
    ? `decays forced into ${config.zRange[0] / 1000}–${config.zRange[1] / 1000} m (weights = decay probability in the range)`
    : "decays anywhere along the beam line";
  const plots: PlotSpec[] = [
    {
      kind: "hist2d",
      name: "p_m2miss",
      title: "Leading charged daughter: (p, m²miss) in the π⁺ hypothesis (truth)",
      hist: plane,
      logZ: true,
      regions: planeRegions(selectionFor(PLANE_PERIOD).params, M2.hi),
      caption: `The NA62 plane: m²miss = (P_K − P_track)² with the π⁺ mass for the leading charged daughter, generator truth. Regions of the ${PLANE_PERIOD} selection: signal regions R1 and R2 (solid red), the μ⁺ν, π⁺π⁰ and π⁺π⁺π⁻ regions (dashed grey), control regions CR1 and CR2 (dotted orange).`,
    },
    {
      kind: "hist1d",
      name: "m2miss_by_channel",
      title: "m²miss by decay channel (truth, π⁺ hypothesis)",
      series,
      stack: true,
      logY: true,
      bands: m2Bands(selectionFor(PLANE_PERIOD).params),
      caption: "Stacked by K⁺ decay channel, with the m²miss ranges of R1, the π⁺π⁰ peak and R2.",
    },
    {
      kind: "efficiency",
      name: "single_track_vs_p",
      title: "Single-charged-track fraction vs momentum",
      series: [
        {
          pass: merged.p_lead_1track as Hist1D,
          total: merged.p_lead_all as Hist1D,
          label: "1 charged track / all",
        },
      ],
      yLabel: "fraction",
      yRange: [0, 1.05],
      caption:
        "An acceptance-vs-momentum plot: pass/total per momentum bin with binomial errors (effective entries).",
    },
    {
      kind: "hist1d",
      name: "decay_z",
      title: "Kaon decay vertex",
      series: [{ hist: merged.decay_z as Hist1D, label: "" }],
      caption: fvNote,
    },
    {
      kind: "hist1d",
      name: "p_kaon",
      title: "Kaon momentum",
      series: [{ hist: merged.p_kaon as Hist1D, label: "" }],
    },
    {
      kind: "hist1d",
      name: "daughter_p",
      title: "Final-state daughter momenta (shapes)",
      series: SPECIES.map(([, label, key]) => ({ hist: merged[`p_${key}`] as Hist1D, label })),
      normalise: true,
      logY: true,
    },
  ];
  const comparison: ComparisonEntry[] = channels
    .filter((c) => c.br > 1e-4)
    .map((c) =>
      compare({
        figure: `fraction.${c.channel}`,
        label: `fraction ${c.channel}`,
        ours: c.fraction,
        uncertainty: Math.sqrt((c.br * (1 - c.br)) / events),
        reference: {
          value: c.br,
          tag: "catalogue",
          source: "conditions/decays: the branching ratio of the mix",
        },
        tolerance: { relative: 0 },
        pullMax: GENERATOR_PULL,
      }),
    );
  const tables: ReportTable[] = [
    reportTable(
      "Generated fraction of every channel against its branching ratio (a generator check)",
      comparisonText(comparison, () => ({ scale: 1, digits: 5 }), true),
    ),
    reportTable(
      "Cut flow (truth): weight per generated decay",
      cutFlowText([{ label: "all channels", steps: flow.steps(0) }]),
    ),
    {
      title: "Decay channels: generated fraction against the branching ratio of the mix",
      header: ["channel", "events", "fraction", "BR", "pull"],
      rows: channels
        .filter((c) => c.events > 0 || c.br > 1e-4)
        .map((c) => [
          c.channel,
          c.events,
          c.fraction.toExponential(4),
          c.br.toExponential(4),
          c.pull.toFixed(2),
        ]),
    },
  ];
  return {
    results: analysisResults(
      { analysis: "mix", period: info.period, seed: info.seed, events },
      comparison,
      {
        sumWeights: totalW,
        weightPerDecay: totalW / events,
        zRange: config.zRange,
        chain: config.chain,
        channels,
        sumWeightsInPlane: integral(plane),
      },
      flow.steps(0),
    ),
    hists: Object.values(merged),
    report: {
      summary: `${events} K⁺ decays of the natural mix, seed ${info.seed}, ${info.shards} shards; ${fvNote}. Chain: ${config.chain.join(" → ")}.`,
      tables,
      plots,
    },
  };
}

export const mixJob: AnalysisJob<MixConfig> = {
  name: "mix",
  description: "the natural K⁺ decay mix: truth histograms, channel counts, truth ntuple",
  schema: mixConfigSchema as unknown as z.ZodType<MixConfig>,
  ntupleColumns: (c) => (c.ntuple ? MIX_NTUPLE : null),
  runShard,
  merge,
};

/**
 * The simulated samples of the K⁺→π⁺νν̄ analysis. Each background channel is generated on its own
 * (not in the natural mix), with the kaon decay forced into the z range that can reach the
 * fiducial volume and the matching weight, so that a sample of 10⁵–10⁶ decays resolves
 * backgrounds at the 10⁻¹¹ level once the rare probabilities (photon-veto inefficiency, muon
 * mis-identification, random veto, trigger) multiply the weights.
 *
 * Every sample is normalised per kaon decay in the fiducial volume (true z): its selected weight
 * divided by its weight with the true vertex in the FV is the selected fraction of that channel's
 * decays in the FV, and N_K·BR·fraction the expected events (docs/analyses/pnn.md).
 */

import type { SampleBase, SampleKind } from "../layer/samples.ts";

export { splitEvents } from "../layer/samples.ts";

/** background sources in the order of the published tables (and of the JSON output) */
export const BACKGROUND_SOURCES = [
  "pipi0",
  "munu",
  "pipienu",
  "pipipi",
  "pigg",
  "pi0lnu",
  "upstream",
] as const;
export type BackgroundSource = (typeof BACKGROUND_SOURCES)[number];

export const BACKGROUND_LABELS: Record<BackgroundSource, string> = {
  pipi0: "π⁺π⁰",
  munu: "μ⁺ν",
  pipienu: "π⁺π⁻e⁺ν",
  pipipi: "π⁺π⁺π⁻",
  pigg: "π⁺γγ",
  pi0lnu: "π⁰ℓ⁺ν",
  upstream: "upstream",
};

export type { SampleKind } from "../layer/samples.ts";

/** a sample of the analysis layer (key, channel, share, oversample) with the πνν̄ roles and techniques */
export interface SampleSpec extends SampleBase {
  kind: SampleKind;
  /** the signal sample */
  signal: boolean;
  /** the normalisation sample (K⁺→π⁺π⁰ from the control trigger) */
  normalisation: boolean;
  /** background source it contributes to, or null */
  background: BackgroundSource | null;
  /** pile-up resamples per event (resample.ts); 1 by default */
  resamples?: number;
  /**
   * detector re-measurements per event with one positive track (resample.ts: the whole detector
   * response, trigger and reconstruction drawn again, weight w/K per pass); 1 by default
   */
  remeasure?: number;
  /** π⁰→γγ decays averaged per event in R1/R2 (pi0-resample.ts); 1 by default */
  pi0Resamples?: number;
}

export const SIGNAL_CHANNEL = "K+ -> pi+ nu nubar";
export const NORMALISATION_CHANNEL = "K+ -> pi+ pi0";

const kaon = (
  key: string,
  channel: string,
  background: BackgroundSource | null,
  share: number,
): SampleSpec => ({
  key,
  kind: "kaon",
  channel,
  signal: false,
  normalisation: false,
  background,
  share,
});

/** events per share unit of the upstream-decay samples (SampleSpec.oversample) */
export const UPSTREAM_OVERSAMPLE = 8;

/** π⁰→γγ decays per K⁺→π⁺π⁰ event in R1 and R2 (pi0-resample.ts) */
export const PI0_RESAMPLES = 1000;

/**
 * The upstream decays that reach R1/R2 are the pions swept by B5/B6 around the collimator that miss
 * the CHANTI: ~1 in 10⁶ K⁺→π⁺π⁰ decays, each carrying a large weight (scripts/dump-upstream.ts; the
 * 2018-S2 estimate of a 3M-event run rested on 1–3 events). These events are cheap (most products
 * are absorbed in the dipoles), so they are oversampled.
 */
const UPSTREAM_DECAY = { kind: "upstream-decay", resamples: 10, oversample: UPSTREAM_OVERSAMPLE } as const;
/** the far upstream decays (GTK1–GTK2): pile-up resampled as the near ones, not oversampled (run time) */
const UPSTREAM_FAR = { kind: "upstream-decay-far", resamples: 10 } as const;
/**
 * The far K⁺→π⁺π⁰ survivors (2021–22's upstream estimate, a share of 2018-S2's) are a 15–17 GeV/c π⁺
 * emitted backwards and up or down in the kaon frame: 1 in ~10⁴ far decays. 60% of the decays are
 * turned into that direction region (upstream.ts FAR_DIRECTION_REGION, biasing.ts
 * `upstreamDirection`; a defensive mixture: unbiased, weights ≤ 2.5); at equal events the MC error
 * of the sample falls from 25% to 3.3% (2021-22, 3M decays, seed 1).
 */
const FAR_DIRECTION_BIASING = { upstreamDirection: 0.6 } as const;

/**
 * K⁺→μ⁺ν reaches R1 through large single scatterings (a ~0.4 mrad change of the muon or kaon direction
 * lifts m²miss by ~0.015) and R2 through μ⁺→e⁺νν̄ before the spectrometer; both are rare draws that
 * carry large weights (PID ~10⁻⁷ against an e⁺'s ~10⁻⁴–10⁻⁷), so they are importance-sampled.
 */
const MUNU_BIASING = { tailMix: 0.1, muonDecay: 100 } as const;
/** K⁺→π⁺π⁺π⁻ reaches R2 (m²miss below the 0.078 threshold) only through large scatterings */
const TAIL_BIASING = { tailMix: 0.1 } as const;
/** …and each K⁺→π⁺π⁺π⁻ event with one positive track is measured this many times */
export const K3PI_REMEASURE = 8;

/**
 * The default sample plan. Shares follow the difficulty of each estimate. The upstream source is
 * simulated per mechanism: K⁺ decays between the last achromat dipole and GTK3 (K⁺→π⁺π⁺π⁻ — the
 * other two pions lost in the collimator — dominates; K⁺→π⁺π⁰ is kept for its photons and K⁺→μ⁺ν
 * for mis-identified muons) and beam interactions in GTK3; their pion only meets a pile-up GTK track,
 * so these samples are resampled in pile-up.
 */
export const DEFAULT_SAMPLES: readonly SampleSpec[] = [
  { ...kaon("pinunu", SIGNAL_CHANNEL, null, 0.08), signal: true },
  {
    ...kaon("pipi0", NORMALISATION_CHANNEL, "pipi0", 0.22),
    normalisation: true,
    pi0Resamples: PI0_RESAMPLES,
  },
  { ...kaon("munu", "K+ -> mu+ nu", "munu", 0.22), biasing: MUNU_BIASING },
  kaon("pipienu", "K+ -> pi+ pi- e+ nu", "pipienu", 0.1),
  { ...kaon("pipipi", "K+ -> pi+ pi+ pi-", "pipipi", 0.1), biasing: TAIL_BIASING, remeasure: K3PI_REMEASURE },
  kaon("pigg", "K+ -> pi+ gamma gamma", "pigg", 0.03),
  kaon("pi0enu", "K+ -> pi0 e+ nu", "pi0lnu", 0.03),
  kaon("pi0munu", "K+ -> pi0 mu+ nu", "pi0lnu", 0.02),
  { ...kaon("up-pipipi", "K+ -> pi+ pi+ pi-", "upstream", 0.08), ...UPSTREAM_DECAY },
  { ...kaon("up-pipi0", "K+ -> pi+ pi0", "upstream", 0.08), ...UPSTREAM_DECAY },
  { ...kaon("up-munu", "K+ -> mu+ nu", "upstream", 0.02), kind: "upstream-decay", resamples: 10 },
  { ...kaon("up-int", "K+ -> mu+ nu", "upstream", 0.02), kind: "upstream-interaction", resamples: 10 },
  // beam interactions in the GTK stations upstream of GTK3 (GTK1, GTK2; GTK0 in Run 2): the π⁺
  // crosses the achromat fields (upstream.ts)
  { ...kaon("up-beamline", "K+ -> mu+ nu", "upstream", 0.02), kind: "upstream-beamline", resamples: 10 },
  // K⁺ decays between GTK1 and GTK2: the pions that pass beside the old final collimator
  { ...kaon("up-far-pipipi", "K+ -> pi+ pi+ pi-", "upstream", 0.04), ...UPSTREAM_FAR },
  {
    ...kaon("up-far-pipi0", "K+ -> pi+ pi0", "upstream", 0.04),
    ...UPSTREAM_FAR,
    biasing: FAR_DIRECTION_BIASING,
  },
];

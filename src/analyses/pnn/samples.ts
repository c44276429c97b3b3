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

export type SampleKind = "kaon" | "upstream";

export interface SampleSpec {
  /** stable key (also the random-stream name of the sample) */
  key: string;
  /** kaon: one decay channel generated in [zMin, zMax]; upstream: the detector's upstream model */
  kind: SampleKind;
  /** decay channel (catalogue name) for kind "kaon" */
  channel: string;
  /** the signal sample */
  signal: boolean;
  /** the normalisation sample (K⁺→π⁺π⁰ from the control trigger) */
  normalisation: boolean;
  /** background source it contributes to, or null */
  background: BackgroundSource | null;
  /** share of the period's simulated events */
  share: number;
}

export const SIGNAL_CHANNEL = "K+ -> pi+ nu nubar";
export const NORMALISATION_CHANNEL = "K+ -> pi+ pi0";

/**
 * The default sample plan. Shares are set by how hard each estimate is: the π⁺π⁰ and μ⁺ν
 * backgrounds live in the far tails of the m²miss resolution and need the most events.
 */
export const DEFAULT_SAMPLES: readonly SampleSpec[] = [
  {
    key: "pinunu",
    kind: "kaon",
    channel: SIGNAL_CHANNEL,
    signal: true,
    normalisation: false,
    background: null,
    share: 0.08,
  },
  {
    key: "pipi0",
    kind: "kaon",
    channel: NORMALISATION_CHANNEL,
    signal: false,
    normalisation: true,
    background: "pipi0",
    share: 0.26,
  },
  {
    key: "munu",
    kind: "kaon",
    channel: "K+ -> mu+ nu",
    signal: false,
    normalisation: false,
    background: "munu",
    share: 0.26,
  },
  {
    key: "pipienu",
    kind: "kaon",
    channel: "K+ -> pi+ pi- e+ nu",
    signal: false,
    normalisation: false,
    background: "pipienu",
    share: 0.08,
  },
  {
    key: "pipipi",
    kind: "kaon",
    channel: "K+ -> pi+ pi+ pi-",
    signal: false,
    normalisation: false,
    background: "pipipi",
    share: 0.1,
  },
  {
    key: "pigg",
    kind: "kaon",
    channel: "K+ -> pi+ gamma gamma",
    signal: false,
    normalisation: false,
    background: "pigg",
    share: 0.04,
  },
  {
    key: "pi0enu",
    kind: "kaon",
    channel: "K+ -> pi0 e+ nu",
    signal: false,
    normalisation: false,
    background: "pi0lnu",
    share: 0.03,
  },
  {
    key: "pi0munu",
    kind: "kaon",
    channel: "K+ -> pi0 mu+ nu",
    signal: false,
    normalisation: false,
    background: "pi0lnu",
    share: 0.03,
  },
  {
    key: "upstream",
    kind: "upstream",
    channel: "",
    signal: false,
    normalisation: false,
    background: "upstream",
    share: 0.12,
  },
];

/** events of each sample for a shard of `events` simulated decays (exact integer split) */
export function splitEvents(samples: readonly SampleSpec[], events: number): number[] {
  const total = samples.reduce((s, x) => s + x.share, 0);
  const out = samples.map((s) => Math.floor((events * s.share) / total));
  let rest = events - out.reduce((a, b) => a + b, 0);
  // the remainder goes to the samples in order (deterministic)
  for (let i = 0; rest > 0; i = (i + 1) % out.length, rest--) out[i]++;
  return out;
}

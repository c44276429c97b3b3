/**
 * Importance sampling of rare detector processes, per sample. A background that rests on a rare
 * process (a single scattering by ≳ 1 mrad in a STRAW chamber or in GTK3; a muon or a pion decaying
 * in flight before or inside the spectrometer) is estimated from few, heavy events when the process is drawn with its
 * natural probability. Biasing draws it more often and multiplies the event weight by the likelihood
 * ratio (natural density / biased density) of what was drawn, so every weighted sum keeps its
 * expectation (tested in test/detector/biasing.test.ts) while the heavy events split into many light
 * ones. The default (no biasing) draws exactly as before, with the same random numbers.
 */
export interface Biasing {
  /**
   * single-scattering tails (STRAW chambers, GTK3): the fraction of tail angles drawn from the
   * natural 1/θ³ density; the rest are drawn log-uniform in θ (a "defensive mixture": the weight
   * of any angle is at most 1/tailMix). 1 = no biasing.
   */
  tailMix: number;
  /** muon decays in flight: the decay length is drawn with mean βγcτ / muonDecay. 1 = no biasing. */
  muonDecay: number;
  /**
   * pion decays in flight (π± → μ±ν): a defensive mixture — with probability PION_NATURAL_SHARE the
   * natural decay length, otherwise one with mean βγcτ / pionDecay — so that the weight of any draw
   * (decay or none) is at most 1/PION_NATURAL_SHARE, even for the three pions of one event. 1 = no
   * biasing.
   */
  pionDecay: number;
  /**
   * π± elastic nuclear scattering in the STRAW chambers (card straw.hadronicElasticProb), selected
   * track only: drawn this many times more often, weight 1/factor if it happens and
   * (1 − 3P)/(1 − 3·factor·P) if not. 1 = no biasing.
   */
  elastic: number;
  /**
   * far upstream K⁺ decays (upstream.ts, upstream-decay-far): the share of decays whose first π⁺ is
   * turned, with the whole decay rotated in the kaon rest frame, into the hot direction region
   * (upstream.ts FAR_DIRECTION_REGION: the rest-frame directions of the π⁺ that pass the achromat
   * and reach the decay volume); the rest keep their natural isotropic direction (a defensive
   * mixture: the weight of any direction is at most 1/(1 − share)). 0 = no biasing.
   */
  upstreamDirection: number;
}

export { PION_NATURAL_SHARE } from "../decays/in-flight.ts";

export const NO_BIASING: Biasing = {
  tailMix: 1,
  muonDecay: 1,
  pionDecay: 1,
  elastic: 1,
  upstreamDirection: 0,
};

/** the biasing with defaults filled in and checked */
export function biasing(b: Partial<Biasing> = {}): Biasing {
  const out = { ...NO_BIASING, ...b };
  if (!(out.tailMix > 0 && out.tailMix <= 1))
    throw new RangeError(`biasing.tailMix: expected a number in (0, 1], got ${out.tailMix}`);
  if (!(out.muonDecay >= 1 && Number.isFinite(out.muonDecay)))
    throw new RangeError(`biasing.muonDecay: expected a number ≥ 1, got ${out.muonDecay}`);
  if (!(out.pionDecay >= 1 && Number.isFinite(out.pionDecay)))
    throw new RangeError(`biasing.pionDecay: expected a number ≥ 1, got ${out.pionDecay}`);
  if (!(out.elastic >= 1 && Number.isFinite(out.elastic)))
    throw new RangeError(`biasing.elastic: expected a number ≥ 1, got ${out.elastic}`);
  if (!(out.upstreamDirection >= 0 && out.upstreamDirection < 1))
    throw new RangeError(
      `biasing.upstreamDirection: expected a number in [0, 1), got ${out.upstreamDirection}`,
    );
  return out;
}

/**
 * Normalisation to the kaon flux through a normalisation channel, as NA62 does it:
 *
 *   N_K    = D · N_norm / (A_norm · BR_norm · ε_norm)                 (kaon decays in the FV)
 *   N_norm = N_K · BR_norm · A_norm · ε_norm / D                       (its prediction from N_K)
 *   SES    = BR_norm · A_norm · ε_norm / (D · N_norm · A_sig · Π ε_sig)  (= 1 / (N_K · A_sig · Π ε_sig))
 *   N_exp(channel) = N_K · BR · (selected weight / weight with the true vertex in the FV)
 *
 * D is the downscale of the normalisation trigger; ε_norm the product of the normalisation
 * efficiencies that are not in A_norm (trigger, random veto, … : 1 when they are in it). The
 * products are taken left to right in the order given, so a job gets the same bits as before.
 */

export interface NormalisationChannel {
  /** normalisation events (counted, or predicted) */
  events: number;
  /** acceptance per decay in the FV */
  acceptance: number;
  /** branching ratio of the normalisation channel */
  br: number;
  /** downscale of its trigger (1 when none) */
  downscale: number;
  /** efficiencies not included in the acceptance (trigger, random veto, …) */
  efficiencies?: readonly number[];
}

function product(xs: readonly number[] | undefined): number {
  let p = 1;
  for (const x of xs ?? []) p *= x;
  return p;
}

/** N_K = D · N_norm / (A_norm · BR_norm · Π ε_norm) */
export function kaonFlux(n: NormalisationChannel): number {
  const d = n.acceptance * n.br * product(n.efficiencies);
  return d > 0 ? (n.downscale * n.events) / d : Number.NaN;
}

/** N_norm = N_K · BR_norm · A_norm · Π ε_norm / D */
export function normalisationEvents(kaonDecays: number, n: Omit<NormalisationChannel, "events">): number {
  return (kaonDecays * n.br * n.acceptance * product(n.efficiencies)) / n.downscale;
}

/**
 * SES = BR_norm · A_norm · Π ε_norm / (D · N_norm · A_sig · Π ε_sig); +∞ when the signal has no
 * acceptance
 */
export function singleEventSensitivity(
  n: NormalisationChannel,
  signal: { acceptance: number; efficiencies: readonly number[] },
): number {
  let denom = n.downscale * n.events * signal.acceptance;
  for (const e of signal.efficiencies) denom *= e;
  return denom > 0 ? (n.br * n.acceptance * product(n.efficiencies)) / denom : Number.POSITIVE_INFINITY;
}

/** expected events per unit of selected weight of a kaon sample: N_K · BR / W_FV (0 without weight in the FV) */
export function sampleScale(kaonDecays: number, br: number, wFv: number): number {
  return wFv > 0 ? (kaonDecays * br) / wFv : 0;
}

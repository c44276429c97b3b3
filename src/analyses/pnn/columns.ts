/**
 * The per-event columns the K⁺→π⁺νν̄ selection reads: the generator's weight and true vertex
 * (EventBatch) and the detector/trigger/reconstruction output (src/reco RecoBatch). Declared here as
 * a structural type so that the analysis depends only on the columns it uses; a RecoBatch satisfies
 * it. Probabilities (effTrack, ktag, chanti, pv, mult, rv, pid*, trig*) are survival weights in the
 * weighted mode and 0/1 in the sample mode.
 */
type F64 = Float64Array;

export interface PnnGenerated {
  size: number;
  weight: F64;
  /** true kaon decay vertex z, mm */
  vtxZ: F64;
}

export interface PnnReco {
  size: number;
  /** 0 kaon decay in the beam, 1 upstream kaon decay, 2 upstream beam interaction (src/reco Source) */
  source: Int8Array;
  /** reconstructed downstream tracks */
  nTracks: Int32Array;
  trackQ: Int8Array;
  /** transport mask (Hit bits) of the selected track: the downstream detectors it reaches */
  trackMask: Int32Array;
  /** track position at the LKr front face, mm */
  xLkr: F64;
  yLkr: F64;
  /** STRAW momentum (GeV/c) and slopes before the magnet */
  pTrack: F64;
  txTrack: F64;
  tyTrack: F64;
  /** track position at STRAW chamber 1, mm */
  xStraw1: F64;
  yStraw1: F64;
  effTrack: F64;
  /** KTAG kaon tag probability */
  ktag: F64;
  /** GTK candidates (the kaon and pile-up tracks): [ev·MAX_GTK_CANDIDATES + c]·GTK_FIELDS + field */
  nGtk: Int32Array;
  gtkCand: F64;
  /** associated GTK track: 1 the true kaon, 0 a pile-up track, −1 none */
  gtkMatch: Int8Array;
  pK: F64;
  txK: F64;
  tyK: F64;
  /** vertex (mm) and closest distance of approach (mm) of the associated GTK and STRAW tracks */
  zVtx: F64;
  xVtx: F64;
  yVtx: F64;
  cda: F64;
  m2miss: F64;
  /** m²miss with the RICH momentum of the ring identified as a π⁺ (rich.ts) */
  m2missRich: F64;
  m2missBeam: F64;
  /** the π-identified ring's parameters (rich.ts PionRing), to average m²_RICH over its draws */
  ringTheta?: F64;
  ringSigma?: F64;
  ringSigmaTail?: F64;
  ringLo?: F64;
  ringHi?: F64;
  ringCore?: F64;
  ringU?: F64;
  ringN2?: F64;
  /** survival probabilities: CHANTI, photon rejection, multiplicity, random veto */
  chanti: F64;
  pv: F64;
  mult: F64;
  rv: F64;
  /** probability that the track is identified as a π⁺ (as a μ⁺) */
  pidPi: F64;
  pidMu: F64;
  trigPnn: F64;
  trigControl: F64;
}

/**
 * Pile-up coincidences: two kaon decays in one event. The tracks (and LKr clusters) of an event of a
 * "member" sample are overlaid on those of an event of a "partner" sample; the combined event goes
 * through the analysis's own selection. Simulated decays stay independent: the member events of one
 * shard are paired with partner events (i + s) mod n_partner, s < pairs, so every pair is a pair of
 * independent decays and the mean over the pairs estimates the acceptance of a coincidence without bias:
 *
 *   A_pair = Σ_pairs w_a·w_b·ε_sel / (n_member · pairs · ⟨w_a⟩ · ⟨w_b⟩)
 *
 * (w the generator weights, ⟨w⟩ their means over the generated events). The expected count is
 *
 *   N = N_member decays · B_member · f · B_partner · A_pair,   f = R_K · P_z · 2w,
 *
 * f the probability that a second kaon decays in the simulated z range within ±w of the first:
 * R_K = beam rate × the card's intensity × the K⁺ fraction (kaons per ns), P_z the probability that a
 * beam kaon decays in the z range (conditions/analyses/pileup.json holds the rate, the fraction and w).
 *
 * The combined event (`PairBatch`): the member's tracks then the partner's, clusters likewise (their
 * track index shifted), the vertex fit of all tracks (π hypothesis, as src/reco), the photon-veto
 * probability the product of both (neither decay may show a photon), the true vertex the member's.
 * The trigger of the merged event is evaluated from its tracks (src/trigger needs the transport of the
 * particles, which is not kept): the multi-track condition Q1 × RICH × QX × KTAG × STRAW with Q1 and
 * KTAG from either decay, RICH from a merged track with a ring, QX from the quadrants of the merged
 * tracks' hodoscope impact points, STRAW from the merged track count (≥ mtTracksMin); the LKr energy
 * conditions of eMT and μMT on the summed LKr energy of both decays, the MUV3 conditions of μMT and
 * 2μMT on the merged tracks with an in-time MUV3 hit in the outer tiles (≥ 1, ≥ 2). Particles that
 * make no track (a RICH ring, a CHOD hit of an untracked particle) are not counted. The two decays are taken as simultaneous: no track-time difference is simulated, so a
 * track-timing cut inside the window is not modelled (the window w is where the time enters).
 */
import { EventBatch } from "../../core/batch.ts";
import { loadConditions } from "../../core/conditions.ts";
import { RecoBatch } from "../../core/reco-batch.ts";
import type { TrackList } from "../../core/track-list.ts";
import type { PeriodCard } from "../../detector/card.ts";
import { geometry } from "../../detector/geometry.ts";
import { Hit } from "../../detector/transport-batch.ts";
import { EventVertex } from "../../reco/event-vertex.ts";
import { ptToAxis } from "../../reco/vertex-fit.ts";

interface Val {
  value: number;
  source: string;
}

/** the pile-up parameters (conditions/analyses/pileup.json) */
export interface PileupConditions {
  /** half-width of the time window (ns) within which two decays make one event */
  window: Val;
  /** K⁺ fraction of the beam */
  kaonFraction: Val;
  /** nominal beam rate at GTK3 (GHz), scaled by the period card's beam.intensity */
  beamRate: Val;
}

export function pileupConditions(): PileupConditions {
  return loadConditions<PileupConditions & { $comment?: string }>("analyses/pileup.json");
}

/**
 * f: the probability that a second kaon decays in the z range within ±window of an event, from the
 * card's relative intensity and the probability pZ that a beam kaon decays in the z range
 */
export function pileupFactor(p: PileupConditions, intensity: number, pZ: number): number {
  const decayRate = p.beamRate.value * intensity * p.kaonFraction.value * pZ; // per ns
  return decayRate * 2 * p.window.value;
}

/**
 * expected coincidences per unit of summed pair weight (Σ w_a·w_b·ε) per member-sample decay in the
 * simulated z range: f · B_member · B_partner · mult / (n_member · pairs · ⟨w_a⟩ · ⟨w_b⟩); multiply by
 * the number of kaon decays in the z range
 */
export function coincidenceScale(
  fPile: number,
  brMember: number,
  brPartner: number,
  nMember: number,
  pairs: number,
  meanMember: number,
  meanPartner: number,
  mult = 1,
): number {
  return (fPile * brMember * brPartner * mult) / (nMember * pairs * meanMember * meanPartner);
}

const F64_FIELDS = [
  "pTrue",
  "p",
  "tx",
  "ty",
  "x",
  "y",
  "sigmaPos",
  "sigmaSlope",
  "eff",
  "xLkr",
  "yLkr",
  "xMuv3",
  "yMuv3",
  "t",
  "richRadius",
  "pRich",
  "richPi",
  "richMu",
  "richE",
  "eLkr",
  "caloPi",
  "caloMu",
  "caloE",
  "eMuv1",
  "eMuv2",
  "muv3",
] as const;
const INT_FIELDS = ["pdg", "mask", "q", "slot", "cluster"] as const;
const NF = F64_FIELDS.length;
const NI = INT_FIELDS.length;
/** per-event scalars kept: weight, true vertex z, the trigger lines, the photon-veto probability, the tag */
const S = {
  w: 0,
  z: 1,
  mt: 2,
  emt: 3,
  mumt: 4,
  dimuon: 5,
  pv: 6,
  tag: 7,
  px: 8,
  py: 9,
  pz: 10,
  elkr: 11,
  chod: 12,
  ktag: 13,
} as const;
const NS = 14;
/** per-cluster fields: e, x, y, t; ints: track, photon */
const CF = 4;

/**
 * the events of one sample kept as coincidence members or partners: their tracks, clusters and the
 * scalars the analyses read, in growable typed arrays (no object per event)
 */
export class MemberStore {
  /** event index in the shard's sample → kept index, −1 if not kept */
  readonly map: Int32Array;
  n = 0;
  private cap = 0;
  count = new Int8Array(0);
  found = new Int8Array(0);
  nCl = new Int8Array(0);
  scalars = new Float64Array(0);
  private tf = new Float64Array(0);
  private ti = new Int32Array(0);
  private cf = new Float64Array(0);
  private ci = new Int8Array(0);
  /** kept events of at most maxTracks tracks; clusters beyond maxClusters are dropped */
  constructor(
    events: number,
    readonly maxTracks: number,
    readonly maxClusters = 6,
  ) {
    this.map = new Int32Array(events).fill(-1);
  }

  private grow(): void {
    const cap = Math.max(1024, this.cap * 2);
    const g = <T extends Float64Array | Int32Array | Int8Array>(
      a: T,
      per: number,
      make: (n: number) => T,
    ): T => {
      const b = make(cap * per);
      b.set(a);
      return b;
    };
    this.count = g(this.count, 1, (n) => new Int8Array(n));
    this.found = g(this.found, 1, (n) => new Int8Array(n));
    this.nCl = g(this.nCl, 1, (n) => new Int8Array(n));
    this.scalars = g(this.scalars, NS, (n) => new Float64Array(n));
    this.tf = g(this.tf, this.maxTracks * NF, (n) => new Float64Array(n));
    this.ti = g(this.ti, this.maxTracks * NI, (n) => new Int32Array(n));
    this.cf = g(this.cf, this.maxClusters * CF, (n) => new Float64Array(n));
    this.ci = g(this.ci, this.maxClusters * 2, (n) => new Int8Array(n));
    this.cap = cap;
  }

  /** weight and tag of kept event k */
  weight(k: number): number {
    return this.scalars[k * NS + S.w];
  }
  tag(k: number): number {
    return this.scalars[k * NS + S.tag];
  }

  /**
   * keep event i of a reconstructed batch as event `ev` of the sample, with weight w (tag: an integer
   * the analysis keeps with it, e.g. a truth count); r may be a bare TrackList (tracks only)
   */
  add(ev: number, r: RecoBatch | TrackList, i: number, w: number, tag = 0, zTrue = Number.NaN): void {
    const tl = r instanceof RecoBatch ? r.tracks : r;
    const c = tl.count[i];
    if (c > this.maxTracks) throw new RangeError(`MemberStore: ${c} tracks > ${this.maxTracks}`);
    if (this.n === this.cap) this.grow();
    const k = this.n++;
    this.map[ev] = k;
    this.count[k] = c;
    this.found[k] = tl.found[i];
    const s = this.scalars;
    const so = k * NS;
    s[so + S.w] = w;
    s[so + S.z] = zTrue;
    s[so + S.tag] = tag;
    const o = tl.offset(i);
    let px = 0;
    let py = 0;
    let pz = 0;
    for (let j = 0; j < c; j++) {
      const fo = (k * this.maxTracks + j) * NF;
      const io = (k * this.maxTracks + j) * NI;
      for (let f = 0; f < NF; f++) this.tf[fo + f] = tl[F64_FIELDS[f]][o + j];
      for (let f = 0; f < NI; f++) this.ti[io + f] = tl[INT_FIELDS[f]][o + j];
      const tx = tl.tx[o + j];
      const ty = tl.ty[o + j];
      const z = tl.p[o + j] / Math.sqrt(1 + tx * tx + ty * ty);
      px += z * tx;
      py += z * ty;
      pz += z;
    }
    s[so + S.px] = px;
    s[so + S.py] = py;
    s[so + S.pz] = pz;
    if (r instanceof RecoBatch) {
      s[so + S.mt] = r.trigMt[i];
      s[so + S.emt] = r.trigEmt[i];
      s[so + S.mumt] = r.trigMumt[i];
      s[so + S.dimuon] = r.trigDimuon[i];
      s[so + S.pv] = r.pv[i];
      s[so + S.elkr] = r.eLkrTotal[i];
      s[so + S.chod] = r.chodHits[i] > 0 ? 1 : 0;
      s[so + S.ktag] = r.ktag[i] > 0 ? 1 : 0;
      const cl = r.clusters;
      const n = Math.min(cl.count[i], this.maxClusters);
      this.nCl[k] = n;
      const co = cl.offset(i);
      for (let j = 0; j < n; j++) {
        const g = k * this.maxClusters + j;
        this.cf[g * CF] = cl.e[co + j];
        this.cf[g * CF + 1] = cl.x[co + j];
        this.cf[g * CF + 2] = cl.y[co + j];
        this.cf[g * CF + 3] = cl.t[co + j];
        this.ci[g * 2] = cl.track[co + j];
        this.ci[g * 2 + 1] = cl.photon[co + j];
      }
    } else {
      this.nCl[k] = 0;
      s[so + S.pv] = 1;
    }
  }

  /** copy kept event k's tracks into event ev of tl from position `at`; returns the next position */
  copyTracks(k: number, tl: TrackList, ev: number, at: number): number {
    const c = this.count[k];
    const o = tl.offset(ev);
    for (let j = 0; j < c; j++) {
      const fo = (k * this.maxTracks + j) * NF;
      const io = (k * this.maxTracks + j) * NI;
      const t = o + at + j;
      for (let f = 0; f < NF; f++) tl[F64_FIELDS[f]][t] = this.tf[fo + f];
      for (let f = 0; f < NI; f++) tl[INT_FIELDS[f]][t] = this.ti[io + f];
    }
    return at + c;
  }

  /** append kept event k's clusters to event ev of r, their track index shifted by `trackShift` */
  copyClusters(k: number, r: RecoBatch, ev: number, trackShift: number): void {
    const cl = r.clusters;
    for (let j = 0; j < this.nCl[k]; j++) {
      const g = k * this.maxClusters + j;
      const tr = this.ci[g * 2];
      cl.add(
        ev,
        this.cf[g * CF],
        this.cf[g * CF + 1],
        this.cf[g * CF + 2],
        this.cf[g * CF + 3],
        tr >= 0 ? tr + trackShift : -1,
        this.ci[g * 2 + 1] === 1,
      );
    }
  }

  /** total momentum of kept event k's tracks (GeV/c): px, py, pz */
  px(k: number): number {
    return this.scalars[k * NS + S.px];
  }
  py(k: number): number {
    return this.scalars[k * NS + S.py];
  }
  pz(k: number): number {
    return this.scalars[k * NS + S.pz];
  }

  /** total charge of kept event k's tracks */
  charge(k: number): number {
    let q = 0;
    for (let j = 0; j < this.count[k]; j++) q += this.ti[(k * this.maxTracks + j) * NI + 2];
    return q;
  }

  scalar(k: number, f: keyof typeof S): number {
    return this.scalars[k * NS + S[f]];
  }
}

/** the trigger parameters a PairBatch evaluates the multi-track lines with (the period card's) */
export interface PairTrigger {
  chodEfficiency: number;
  richEfficiency: number;
  ktagEfficiency: number;
  strawEfficiency: number;
  mtTracksMin: number;
  /** the LKr energy thresholds (GeV) of the eMT and μMT lines */
  lkrElectron: number;
  lkrMuon: number;
}
/** full efficiencies, three tracks, the eMT / μMT thresholds of NA62 (tests) */
export const DEFAULT_PAIR_TRIGGER: PairTrigger = {
  chodEfficiency: 1,
  richEfficiency: 1,
  ktagEfficiency: 1,
  strawEfficiency: 1,
  mtTracksMin: 3,
  lkrElectron: 20,
  lkrMuon: 10,
};

/** the pairs a member event forms: (member i, partner (i + s) mod n), s < pairs */
export function partnerIndex(i: number, s: number, nPartner: number): number {
  return (i + s) % nPartner;
}

/**
 * a batch of combined events (member ⊕ partner) in EventBatch / RecoBatch form, so that an analysis runs
 * its own selection on them; only the columns the multi-track selections read are filled (see the file
 * comment): weight, true vertex z, tracks, clusters, vtx_*, the trigger lines, pv
 */
export class PairBatch {
  readonly b: EventBatch;
  readonly r: RecoBatch;
  /** member and partner kept index of each combined event */
  readonly member: Int32Array;
  readonly partner: Int32Array;
  /** the member's event index in its sample (the ntuple's event column) */
  readonly event: Int32Array;
  /** multiplies every pair weight (runPairs: 1/pairs per member event) */
  weightScale = 1;
  /** the vertex of all the combined event's tracks (vtx_*), as the reconstruction fits it */
  private readonly eventVertex: EventVertex;
  constructor(
    readonly capacity: number,
    zStraw1: number,
    pionMass: number,
    beamSlope: readonly [number, number],
    private readonly muv3OuterTileR: number,
    /** the trigger parameters of the period card the pair's multi-track lines are evaluated with */
    private readonly trig: PairTrigger = DEFAULT_PAIR_TRIGGER,
  ) {
    this.b = new EventBatch(capacity);
    this.r = new RecoBatch(capacity);
    this.member = new Int32Array(capacity);
    this.partner = new Int32Array(capacity);
    this.event = new Int32Array(capacity);
    this.eventVertex = new EventVertex(zStraw1, pionMass, beamSlope[0], beamSlope[1]);
  }

  get size(): number {
    return this.b.size;
  }

  clear(): void {
    this.b.size = 0;
    this.r.size = 0;
  }

  /** append member a's event ka ⊕ partner p's event kb; false (nothing added) if the batch is full */
  add(a: MemberStore, ka: number, p: MemberStore, kb: number): boolean {
    const j = this.b.size;
    if (j >= this.capacity) return false;
    const b = this.b;
    const r = this.r;
    const tl = r.tracks;
    b.weight[j] = a.weight(ka) * p.weight(kb) * this.weightScale;
    b.vtxZ[j] = a.scalar(ka, "z");
    b.nParticles[j] = 0;
    const nA = a.count[ka];
    const n = p.copyTracks(kb, tl, j, a.copyTracks(ka, tl, j, 0));
    tl.count[j] = n;
    tl.found[j] = a.found[ka] + p.found[kb];
    tl.selected[j] = -1;
    r.clusters.count[j] = 0;
    a.copyClusters(ka, r, j, 0);
    p.copyClusters(kb, r, j, nA);
    r.pv[j] = a.scalar(ka, "pv") * p.scalar(kb, "pv");
    const mt = this.multiTrack(a, ka, p, kb, tl, j);
    const eLkr = a.scalar(ka, "elkr") + p.scalar(kb, "elkr");
    const t = this.trig;
    r.eLkrTotal[j] = eLkr;
    r.trigMt[j] = mt;
    r.trigEmt[j] = eLkr >= t.lkrElectron ? mt : 0;
    r.trigMumt[j] = mt > 0 && eLkr >= t.lkrMuon ? mt * this.outerMuons(tl, j, 1) : 0;
    r.trigDimuon[j] = mt > 0 ? mt * this.outerMuons(tl, j, 2) : 0;
    this.eventVertex.fill(this.r, j);
    this.member[j] = ka;
    this.partner[j] = kb;
    b.size = j + 1;
    r.size = j + 1;
    return true;
  }

  /**
   * the multi-track condition of the merged event (as src/trigger: Q1 × RICH × QX at L0, KTAG × STRAW
   * multi-track at L1) from its tracks: CHOD hits or a kaon tag in either decay; RICH: a merged track
   * with a ring; QX: the quadrants of the merged tracks' impact points in the CHOD/NewCHOD acceptance
   * (at the LKr front plane), each firing with the CHOD efficiency; STRAW: the merged track count
   */
  private multiTrack(
    a: MemberStore,
    ka: number,
    p: MemberStore,
    kb: number,
    tl: TrackList,
    j: number,
  ): number {
    const t = this.trig;
    if (!(a.scalar(ka, "chod") > 0 || p.scalar(kb, "chod") > 0)) return 0;
    if (!(a.scalar(ka, "ktag") > 0 || p.scalar(kb, "ktag") > 0)) return 0;
    const n = tl.count[j];
    if (n < t.mtTracksMin) return 0;
    const o = tl.offset(j);
    let ring = false;
    let m0 = 1;
    let m1 = 1;
    let m2 = 1;
    let m3 = 1;
    for (let k = o; k < o + n; k++) {
      if (Number.isFinite(tl.richRadius[k])) ring = true;
      if (!(tl.mask[k] & (Hit.CHOD | Hit.NEWCHOD))) continue;
      const x = tl.xLkr[k];
      const y = tl.yLkr[k];
      if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
      const e = 1 - t.chodEfficiency;
      if (x >= 0) {
        if (y >= 0) m0 *= e;
        else m3 *= e;
      } else if (y >= 0) m1 *= e;
      else m2 *= e;
    }
    if (!ring) return 0;
    const p02 = (1 - m0) * (1 - m2);
    const p13 = (1 - m1) * (1 - m3);
    const qx = p02 + p13 - p02 * p13;
    return t.richEfficiency * qx * t.ktagEfficiency * t.strawEfficiency;
  }

  /** P(at least n of event j's tracks have an in-time MUV3 hit in the outer tiles) */
  private outerMuons(tl: TrackList, j: number, n: number): number {
    const a = this.muv3OuterTileR;
    let p0 = 1;
    let p1 = 0;
    const o = tl.offset(j);
    for (let k = o; k < o + tl.count[j]; k++) {
      if (!(Math.abs(tl.xMuv3[k]) > a || Math.abs(tl.yMuv3[k]) > a)) continue;
      const e = tl.muv3[k];
      p1 = p1 * (1 - e) + p0 * e;
      p0 *= 1 - e;
    }
    return n <= 1 ? 1 - p0 : 1 - p0 - p1;
  }
}

/**
 * momentum test of a pair (a necessary condition of a selection: the vertex fit's total momentum is the
 * sum of the track momenta): |P_a + P_b| within [pMin, pMax] and the transverse momentum to the
 * direction (tx, ty) below ptMax (Infinity: no limit)
 */
export function pairMomentumWithin(
  a: MemberStore,
  ka: number,
  b: MemberStore,
  kb: number,
  pMin: number,
  pMax: number,
  ptMax: number,
  tx = 0,
  ty = 0,
): boolean {
  const px = a.px(ka) + b.px(kb);
  const py = a.py(ka) + b.py(kb);
  const pz = a.pz(ka) + b.pz(kb);
  const p = Math.sqrt(px * px + py * py + pz * pz);
  // a relative margin of 1e-9 for the summation order
  if (!(p >= pMin * (1 - 1e-9) && p <= pMax * (1 + 1e-9))) return false;
  if (ptMax === Number.POSITIVE_INFINITY) return true;
  // as VertexFit.pt
  return ptToAxis(px, py, pz, tx, ty) <= ptMax * (1 + 1e-9);
}

/**
 * the usual pre-test of a pair (runPairs' `accept`): total charge +1 and the summed momentum inside
 * [pMin, pMax] with p_T ≤ ptMax to the beam direction (tx, ty) — cuts only the analysis's own
 * selection could fail, so rejected pairs skip the vertex fit
 */
export function chargeAndMomentumTest(
  a: MemberStore,
  b: MemberStore,
  pMin: number,
  pMax: number,
  ptMax: number,
  tx = 0,
  ty = 0,
): (ka: number, kb: number) => boolean {
  return (ka, kb) =>
    a.charge(ka) + b.charge(kb) === 1 && pairMomentumWithin(a, ka, b, kb, pMin, pMax, ptMax, tx, ty);
}

/**
 * form the pairs of member events 0…nMember−1 with partner events (i + s) mod nPartner, s < pairs
 * (pairs ≥ nPartner: every member with every partner once), that `accept` (kept indices) admits, into
 * `pb` batch by batch, and hand each full batch to `run` (pb.event holds each combined event's member
 * event index). Each pair's weight is w_a·w_b/min(pairs, nPartner), so Σ over the pairs of weight × ε,
 * summed over shards, estimates Σ_members w_a·E[w_b·ε]: the member sample's weight sum with the
 * partner's probability per beam kaon folded in. `accept` must be a necessary condition of the
 * selection (it only saves the vertex fit of pairs the selection would reject). With pzRange and
 * every partner, only the partners that bring the pair's summed p_z into pzRange are tried (a
 * necessary condition the caller chooses with a margin). Returns the pairs formed.
 */
export function runPairs(
  member: MemberStore,
  nMember: number,
  partner: MemberStore,
  nPartner: number,
  pairs: number,
  pb: PairBatch,
  accept: (ka: number, kb: number) => boolean,
  run: (pb: PairBatch) => void,
  pzRange?: readonly [number, number],
): number {
  let formed = 0;
  pb.clear();
  if (nPartner <= 0) return 0;
  const np = Math.min(pairs, nPartner);
  pb.weightScale = 1 / np;
  const take = (i: number, ka: number, kb: number) => {
    if (!accept(ka, kb)) return;
    if (pb.size === pb.capacity) {
      run(pb);
      pb.clear();
    }
    pb.event[pb.size] = i;
    pb.add(member, ka, partner, kb);
    formed++;
  };
  if (pzRange && np === nPartner) {
    // every partner: only those whose p_z puts the pair's total p_z in pzRange (partners sorted by p_z)
    const order = Int32Array.from({ length: partner.n }, (_, k) => k).sort(
      (x, y) => partner.pz(x) - partner.pz(y),
    );
    const pz = Float64Array.from(order, (k) => partner.pz(k));
    const lower = (v: number) => {
      let lo = 0;
      let hi = pz.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (pz[mid] < v) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    for (let i = 0; i < nMember; i++) {
      const ka = member.map[i];
      if (ka < 0) continue;
      const pa = member.pz(ka);
      for (let u = lower(pzRange[0] - pa); u < pz.length && pz[u] <= pzRange[1] - pa; u++)
        take(i, ka, order[u]);
    }
  } else {
    for (let i = 0; i < nMember; i++) {
      const ka = member.map[i];
      if (ka < 0) continue;
      for (let s = 0; s < np; s++) {
        const kb = partner.map[partnerIndex(i, s, nPartner)];
        if (kb >= 0) take(i, ka, kb);
      }
    }
  }
  if (pb.size > 0) run(pb);
  pb.clear();
  return formed;
}

/** a PairBatch for a period card: STRAW1 of the geometry, the card's pion mass, beam axis and MUV3 tiles */
export function pairBatchFor(card: PeriodCard, capacity = 256): PairBatch {
  return new PairBatch(
    capacity,
    geometry().straw.z[0],
    card.reco.pionMass,
    [card.beam.nominalSlopeX, card.beam.nominalSlopeY],
    card.trigger.l0.muv3OuterTileR,
    {
      chodEfficiency: card.trigger.l0.chodEfficiency,
      richEfficiency: card.trigger.l0.richEfficiency,
      ktagEfficiency: card.trigger.l1.ktagEfficiency,
      strawEfficiency: card.trigger.l1.strawEfficiency,
      mtTracksMin: card.trigger.l1.mtTracksMin,
      lkrElectron: card.trigger.l0.mtLKrElectron,
      lkrMuon: card.trigger.l0.mtLKrMuon,
    },
  );
}

/**
 * Diagnostic: where in phase space the far upstream decays that reach R1+R2 sit. Runs one far-decay
 * sample (upstream-decay-far, K⁺→π⁺π⁰ by default) of a period through the pnn selection with ten
 * pile-up resamples per event, as `kaonlab run pnn` does, and lists every event in R1+R2 with its
 * contribution (Σ over passes of w·probabilities, per generated event: the sum is the sample's
 * R1+R2 estimate per kaon at GTK3), true vertex z, π⁺ momentum, the π⁺ direction in the kaon rest
 * frame after the direction biasing (cos θ* to the z axis, φ* = atan2(p_y*, p_x*)), the CHANTI ×
 * upstream-veto-counter survival and the direction weight. The first line gives the sum and its MC
 * relative error. This is how upstream.ts FAR_DIRECTION_REGION and the far vertex window were chosen.
 * Run: node --import tsx scripts/upstream-far-phase-space.ts [--period 2021-22] [--events N]
 *        [--seed S] [--channel "K+ -> pi+ pi0"] [--bias '{"upstreamDirection":0.6}']
 */
import { type PnnPeriod, selectionFor } from "../src/analyses/pnn/conditions.ts";
import { MAX_BINS, Region } from "../src/analyses/pnn/regions.ts";
import { ResampleRecorder } from "../src/analyses/pnn/resample.ts";
import { PnnSelection } from "../src/analyses/pnn/selection.ts";
import { SampleTally } from "../src/analyses/pnn/tally.ts";
import { chainStreams, SIM_BATCH, Simulator } from "../src/chain/simulator.ts";
import { EventBatch, MAX_SLOTS } from "../src/core/batch.ts";
import { GTK_FIELDS, MAX_GTK_CANDIDATES, RecoBatch } from "../src/core/reco-batch.ts";
import { stream } from "../src/core/rng/streams.ts";
import { NormalStream } from "../src/detector/normal-stream.ts";
import type { DetectorContext, Subsystem } from "../src/detector/subsystem.ts";
import { TransportBatch } from "../src/detector/transport-batch.ts";

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const N = Number(opt("--events", "1000000"));
const seed = Number(opt("--seed", "1"));
const period = opt("--period", "2021-22") as PnnPeriod;
const channel = opt("--channel", "K+ -> pi+ pi0");
const bias = opt("--bias", "");
const FAMILY = 999;
const K = 10;
const B = SIM_BATCH;

const selection = new PnnSelection(selectionFor(period).params);
const sim = new Simulator({
  channel,
  period,
  mode: "weighted",
  source: "upstream-decay-far",
  ...(bias ? { biasing: JSON.parse(bias) } : {}),
});
const s = chainStreams(seed, FAMILY);
const b = new EventBatch(B);
const tb = new TransportBatch(B);
const r = new RecoBatch(B);
const pileup = sim.detector.modules.find((m) => m.name === "GTK pile-up") as Subsystem;
const rs = stream(seed, FAMILY, "pnn-resample");
const ctx: DetectorContext = {
  b,
  tb,
  r,
  card: sim.card,
  geo: sim.geo,
  rng: rs,
  gauss: new NormalStream(rs),
  cluster: s.cluster,
};
const rec = new ResampleRecorder(K, B);
const t = new SampleTally("far");
const own = new Int32Array(B);
const cosS = new Float64Array(B);
const phiS = new Float64Array(B);
const wDir = new Float64Array(B);

/** the kaon's first π⁺ of event i in the kaon rest frame: cos θ*, φ* */
function restDirection(i: number): void {
  const g0 = i * MAX_SLOTS;
  const E = b.e[g0];
  const bx = b.px[g0] / E;
  const by = b.py[g0] / E;
  const bz = b.pz[g0] / E;
  const b2 = bx * bx + by * by + bz * bz;
  const ga = 1 / Math.sqrt(1 - b2);
  for (let k = 1; k < b.nParticles[i]; k++) {
    const g = g0 + k;
    if (b.pdg[g] !== 211 || b.parent[g] !== 0) continue;
    const bp = bx * b.px[g] + by * b.py[g] + bz * b.pz[g];
    const f = ((ga - 1) * bp) / b2 - ga * b.e[g];
    const qx = b.px[g] + f * bx;
    const qy = b.py[g] + f * by;
    const qz = b.pz[g] + f * bz;
    cosS[i] = qz / Math.hypot(qx, qy, qz);
    phiS[i] = Math.atan2(qy, qx);
    return;
  }
}
// the direction after the biasing and before the decay is moved upstream: wrap the source's step
const up = sim.upstream as unknown as {
  decay: (bb: unknown, rr: unknown, i: number, w: number, u: number, far: boolean) => void;
};
const moveDecay = up.decay.bind(up);
up.decay = (bb: unknown, rr: unknown, i: number, w: number, u: number, far: boolean) => {
  restDirection(i);
  wDir[i] = w;
  moveDecay(bb, rr, i, w, u, far);
};

let sum = 0;
let sum2 = 0;
const rows: string[] = [];
const zTrue = new Float64Array(B);
const pTrue = new Float64Array(B);
const surv = new Float64Array(B);
for (let done = 0; done < N; ) {
  const n = Math.min(B, N - done);
  b.clear();
  sim.generator.fill(b, n, s.generator);
  sim.simulateBatch(b, tb, r, s);
  rec.reset(n);
  for (let i = 0; i < n; i++) {
    own[i] = r.nGtk[i] > 0 && r.gtkCand[i * MAX_GTK_CANDIDATES * GTK_FIELDS + 6] === 1 ? 1 : 0;
    b.weight[i] /= K;
    zTrue[i] = b.vtxZ[i];
    pTrue[i] = r.pTrackTrue[i];
    surv[i] = r.chanti[i];
  }
  selection.process(b, r, t, rec, true);
  for (let q = 1; q < K; q++) {
    for (let i = 0; i < n; i++) r.nGtk[i] = own[i];
    pileup.process(ctx, 0, n);
    sim.reconstruction.process(b, tb, r, 0, n, s.reco);
    selection.process(b, r, t, rec, false);
  }
  const R = rec as unknown as { cat: Int32Array; f: Float64Array; count: Int32Array };
  for (let i = 0; i < n; i++) {
    let f = 0;
    for (let q = 0; q < R.count[i]; q++) {
      const reg = Math.floor(R.cat[i * K + q] / MAX_BINS);
      if (reg === Region.R1 || reg === Region.R2) f += R.f[i * K + q];
    }
    if (!(f > 0)) continue;
    f /= N;
    sum += f;
    sum2 += f * f;
    rows.push(
      [
        f.toExponential(2),
        zTrue[i].toFixed(0),
        pTrue[i].toFixed(1),
        cosS[i].toFixed(3),
        ((phiS[i] * 180) / Math.PI).toFixed(0),
        surv[i].toFixed(3),
        wDir[i].toPrecision(3),
      ].join("  "),
    );
  }
  done += n;
}
console.log(
  `${period}, ${channel}, far decays, ${N} events, seed ${seed}${bias ? `, biasing ${bias}` : ""}: R1+R2 per kaon at GTK3 ${sum.toExponential(3)}, MC relative error ${(Math.sqrt(sum2) / sum).toFixed(3)}, ${rows.length} events`,
);
console.log(
  "contribution  z_true (mm)  p_π (GeV/c)  cos θ*  φ* (deg)  CHANTI·counter survival  direction weight",
);
for (const x of rows) console.log(x);

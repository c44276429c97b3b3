/**
 * One shard of the K⁺→μ⁻νe⁺e⁺ job: every sample of the plan (samples.ts) simulated through the
 * period's chain with its own stream family, selected by MunueeSelection into its tally.
 */
import { Simulator } from "../../chain/simulator.ts";
import { loadPeriod } from "../../detector/card.ts";
import type { ShardContext, ShardResult } from "../job.ts";
import { chargeAndMomentumTest, MemberStore, pairBatchFor, runPairs } from "../layer/coincidence.ts";
import { CandidateNtuple } from "../layer/ntuple.ts";
import { oversampleOf, sampleFamily, splitEvents } from "../layer/samples.ts";
import { munueeSelection } from "./conditions.ts";
import { EopResponse } from "./pid.ts";
import { COINCIDENCES, type MunueeSample, PAIRS, SAMPLES } from "./samples.ts";
import { MUNUEE_CANDIDATE_COLUMNS, MunueeSelection, TALLY } from "./selection.ts";

export interface ShardPlan {
  period: string;
  periodIndex: number;
  zRange: readonly [number, number];
  card: string[];
}

/** the chain of a sample: channel, forced π⁰ mode, z range or upstream source */
export function sampleChain(s: MunueeSample, plan: ShardPlan): Simulator {
  const kind = s.kind ?? "kaon";
  return new Simulator({
    channel: s.channel,
    period: plan.period,
    card: plan.card,
    mode: "weighted",
    ...(s.pi0Mode ? { pi0Mode: s.pi0Mode } : {}),
    ...(kind === "kaon" ? { zRange: [plan.zRange[0], plan.zRange[1]] } : { source: kind }),
  });
}

export function runMunueeShard(
  plan: ShardPlan,
  seed: number,
  shard: number,
  events: number,
  ctx: ShardContext,
): ShardResult {
  const card = loadPeriod(plan.period, plan.card);
  const sel = new MunueeSelection(munueeSelection(), card.beam, new EopResponse(card.lkr));
  const candidates = ctx.ntuple ? new CandidateNtuple(ctx.ntuple, MUNUEE_CANDIDATE_COLUMNS) : null;
  sel.candidates = candidates;
  const split = splitEvents(SAMPLES, events);
  const arrays: Record<string, Float64Array> = {};
  let done = 0;
  // coincidence members (two tracks) and partners (one track)
  const stores = new Map<string, { store: MemberStore; n: number; tracks: number }>();
  for (const c of COINCIDENCES) {
    for (const [key, tracks] of [
      [c.member, 2],
      [c.partner, 1],
    ] as const) {
      const k = SAMPLES.findIndex((x) => x.key === key);
      const n = split[k] * oversampleOf(SAMPLES[k]);
      if (!stores.has(key)) stores.set(key, { store: new MemberStore(n, tracks), n, tracks });
    }
  }
  SAMPLES.forEach((s, k) => {
    const n = split[k] * oversampleOf(s);
    const t = new Float64Array(TALLY.length);
    arrays[s.key] = t;
    if (n === 0) return;
    const sim = sampleChain(s, plan);
    const keep = stores.get(s.key);
    candidates?.setLabels(plan.period, s.key, s.background ?? s.role);
    sim.run(seed, sampleFamily(shard, plan.periodIndex, k), n, (b, r, first) => {
      if (keep) {
        const tl = r.tracks;
        for (let i = 0; i < b.size; i++)
          if (tl.count[i] === keep.tracks && tl.found[i] === keep.tracks)
            keep.store.add(first + i, r, i, b.weight[i], 0, b.vtxZ[i]);
      }
      if (s.role === "partner") {
        ctx.progress(done + Math.floor(((first + b.size) * split[k]) / n));
        return;
      }
      sel.firstEvent = first;
      sel.process(b, r, t);
      ctx.progress(done + Math.floor(((first + b.size) * split[k]) / n));
    });
    done += split[k];
  });
  // the coincidences through the same selection (not written to the candidate ntuple)
  sel.candidates = null;
  const pb = pairBatchFor(card);
  const P = munueeSelection();
  for (const c of COINCIDENCES) {
    const a = stores.get(c.member)!;
    const p = stores.get(c.partner)!;
    const t = new Float64Array(TALLY.length);
    arrays[c.key] = t;
    runPairs(
      a.store,
      a.n,
      p.store,
      p.n,
      PAIRS,
      pb,
      chargeAndMomentumTest(
        a.store,
        p.store,
        0,
        card.beam.momentum + P.signal.deltaPMax,
        Number.POSITIVE_INFINITY,
      ),
      (batch) => sel.process(batch.b, batch.r, t),
    );
  }
  candidates?.flush();
  return { events, counters: {}, hists: {}, arrays };
}

/**
 * Kinematic-tail fractions of the K⁺→π⁺νν̄ selection, NA62's f_kin: for a background channel, the
 * fraction of the events in its control region (π⁺π⁰ region, Kμ2 region, K3π region) that falls in
 * R1 and R2, with the selection up to and including π⁺ identification and without photon and
 * multiplicity rejection (NA62 measures f_kin on control data selected without them), and the
 * Gaussian-only reference (the single-scattering tail switched off).
 *
 *   node --import tsx scripts/pnn-tails.ts [--events N] [--seed S] [--period P] [--channel C]...
 */
import { parseArgs } from "node:util";
import { selectionFor } from "../src/analyses/pnn/conditions.ts";
import { MAX_BINS, Region } from "../src/analyses/pnn/regions.ts";
import { PnnSelection } from "../src/analyses/pnn/selection.ts";
import { NQ, Q, SampleTally } from "../src/analyses/pnn/tally.ts";
import { chainStreams, SIM_BATCH, Simulator } from "../src/chain/simulator.ts";
import { EventBatch } from "../src/core/batch.ts";
import { RecoBatch } from "../src/core/reco-batch.ts";
import type { Biasing } from "../src/detector/biasing.ts";
import { TransportBatch } from "../src/detector/transport-batch.ts";

export interface TailFractions {
  channel: string;
  control: number;
  r1: number;
  r2: number;
  fR1: number;
  fR2: number;
  /** MC statistical uncertainty of fR1 + fR2 (√Σw² of the tail events over the control weight) */
  fErr: number;
  nControl: number;
  nR1: number;
  nR2: number;
}

const CONTROL: Record<string, number> = {
  "K+ -> pi+ pi0": Region.PIPI,
  "K+ -> pi+ pi0 gamma": Region.PIPI,
  "K+ -> mu+ nu": Region.KMU2,
  "K+ -> mu+ nu gamma": Region.KMU2,
  "K+ -> pi+ pi+ pi-": Region.K3PI,
};

/** f_kin of `channel` in `period` from `events` decays (seeded) */
export function tailFractions(
  channel: string,
  period: string,
  events: number,
  seed: number,
  card: string[] = [],
  pid = true,
  biasing?: Partial<Biasing>,
): TailFractions {
  const sim = new Simulator({
    channel,
    period,
    card,
    mode: "weighted",
    zRange: [102500, 180000],
    ...(biasing ? { biasing } : {}),
  });
  const sel = new PnnSelection(selectionFor(period).params);
  const t = new SampleTally(channel);
  const s = chainStreams(seed, 7);
  const B = SIM_BATCH;
  const b = new EventBatch(B);
  const tb = new TransportBatch(B);
  const r = new RecoBatch(B);
  for (let done = 0; done < events; ) {
    const n = Math.min(B, events - done);
    b.clear();
    sim.generator.fill(b, n, s.generator);
    sim.simulateBatch(b, tb, r, s);
    r.pv.fill(1, 0, n);
    r.mult.fill(1, 0, n);
    r.trigPnn.fill(1, 0, n);
    r.rv.fill(1, 0, n);
    if (!pid) r.pidPi.fill(1, 0, n);
    sel.process(b, r, t);
    done += n;
  }
  const sum = (reg: number, q: number) => {
    let x = 0;
    for (let k = 0; k < MAX_BINS; k++) x += t.sel[(reg * MAX_BINS + k) * NQ + q];
    return x;
  };
  const ctl = CONTROL[channel] ?? Region.PIPI;
  const c = sum(ctl, Q.A);
  const r1 = sum(Region.R1, Q.A);
  const r2 = sum(Region.R2, Q.A);
  return {
    channel,
    control: c,
    r1,
    r2,
    fR1: r1 / c,
    fR2: r2 / c,
    fErr: Math.sqrt(sum(Region.R1, Q.A2) + sum(Region.R2, Q.A2)) / c,
    nControl: sum(ctl, Q.N),
    nR1: sum(Region.R1, Q.N),
    nR2: sum(Region.R2, Q.N),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      events: { type: "string", default: "1000000" },
      seed: { type: "string", default: "1" },
      period: { type: "string", default: "2018-S2" },
      channel: { type: "string", multiple: true },
      card: { type: "string", multiple: true },
      "no-pid": { type: "boolean", default: false },
      "tail-mix": { type: "string" },
      "muon-decay-bias": { type: "string" },
    },
  });
  const channels = values.channel ?? ["K+ -> pi+ pi0", "K+ -> mu+ nu", "K+ -> pi+ pi+ pi-"];
  for (const ch of channels) {
    const f = tailFractions(
      ch,
      values.period,
      Number(values.events),
      Number(values.seed),
      values.card ?? [],
      !values["no-pid"],
      {
        ...(values["tail-mix"] ? { tailMix: Number(values["tail-mix"]) } : {}),
        ...(values["muon-decay-bias"] ? { muonDecay: Number(values["muon-decay-bias"]) } : {}),
      },
    );
    console.log(
      `${ch.padEnd(22)} control ${f.nControl} ev; R1 ${f.nR1} ev f=${f.fR1.toExponential(2)}; R2 ${f.nR2} ev f=${f.fR2.toExponential(2)}; ±${f.fErr.toExponential(2)}`,
    );
  }
}

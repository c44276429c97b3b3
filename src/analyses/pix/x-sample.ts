/**
 * Simulated K⁺→π⁺X decays at one X mass and lifetime, through the period's chain and the πνν̄
 * selection (PnnSelection, unchanged): the generator takes X's mass and lifetime as particle
 * overrides (`X.mass` GeV, `X.ctau` mm — what `kaonlab generate --set X.mass=…` sets). A stable X
 * is invisible; an X with a finite lifetime decays (to e⁺e⁻, or γγ below 2mₑ) and its products meet
 * the photon and multiplicity vetoes of the selection like any other particle's.
 */
import { chainStreams, SIM_BATCH, Simulator } from "../../chain/simulator.ts";
import { EventBatch } from "../../core/batch.ts";
import type { ParticleOverrides } from "../../core/particles.ts";
import { RecoBatch } from "../../core/reco-batch.ts";
import { TransportBatch } from "../../detector/transport-batch.ts";
import type { PnnSelection } from "../pnn/selection.ts";
import type { SampleTally } from "../pnn/tally.ts";

export const X_CHANNEL = "K+ -> pi+ X";

/** the particle overrides of an X of mass m (GeV) and proper decay length ctau (mm; null: stable) */
export function xParticles(mass: number, ctau: number | null): ParticleOverrides {
  return ctau === null ? { "X.mass": mass } : { "X.mass": mass, "X.ctau": ctau, "X.invisible": 0 };
}

export interface XSampleOptions {
  period: string;
  mass: number;
  ctau: number | null;
  zRange: readonly [number, number];
  card?: string[];
}

/** the chain of a K⁺→π⁺X sample */
export function xSimulator(o: XSampleOptions): Simulator {
  return new Simulator({
    channel: X_CHANNEL,
    period: o.period,
    card: o.card,
    mode: "weighted",
    zRange: [o.zRange[0], o.zRange[1]],
    particles: xParticles(o.mass, o.ctau),
  });
}

/** simulate `events` K⁺→π⁺X decays from stream family `family` and select them into `t` */
export function runXSample(
  sim: Simulator,
  selection: PnnSelection,
  t: SampleTally,
  seed: number,
  family: number,
  events: number,
): void {
  const s = chainStreams(seed, family);
  const b = new EventBatch(SIM_BATCH);
  const tb = new TransportBatch(SIM_BATCH);
  const r = new RecoBatch(SIM_BATCH);
  for (let done = 0; done < events; ) {
    const n = Math.min(SIM_BATCH, events - done);
    b.clear();
    sim.generator.fill(b, n, s.generator);
    sim.simulateBatch(b, tb, r, s);
    selection.firstEvent = done;
    selection.process(b, r, t);
    done += n;
  }
}

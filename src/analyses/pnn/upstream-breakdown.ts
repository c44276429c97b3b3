/**
 * The upstream background of a period by mechanism: for every upstream sample of the plan (one
 * mechanism of src/detector/upstream.ts each) its source and z range, the expected events after each
 * step of the signal selection (the cut flow scaled to the period's exposure: which step removes it)
 * and its R1+R2 background with the MC error. results.json `upstreamBreakdown`, a report table.
 */
import type { ReportTable } from "../../io/plot.ts";
import { Region } from "./regions.ts";
import { DEFAULT_SAMPLES } from "./samples.ts";
import { CUT, CUTS, type PeriodTally, Q } from "./tally.ts";
import { type SampleNormalisation, sampleScale } from "./yields.ts";

/** what each upstream sample stands for: source and where in z */
export const UPSTREAM_MECHANISMS: Record<string, { source: string; z: string }> = {
  "up-pipipi": { source: "K⁺→π⁺π⁺π⁻ decay", z: "GTK2–GTK3 (92.8–102.4 m)" },
  "up-pipi0": { source: "K⁺→π⁺π⁰ decay", z: "GTK2–GTK3 (92.8–102.4 m)" },
  "up-munu": { source: "K⁺→μ⁺ν decay", z: "GTK2–GTK3 (92.8–102.4 m)" },
  "up-int": { source: "beam interaction in GTK3", z: "GTK3 (102.4 m)" },
  "up-beamline": { source: "beam interaction in GTK1/GTK2 (GTK0 in Run 2)", z: "GTK0–GTK2 (69.3–92.8 m)" },
  "up-far-pipipi": { source: "K⁺→π⁺π⁺π⁻ decay", z: "GTK1–GTK2 (79.6–92.8 m)" },
  "up-far-pipi0": { source: "K⁺→π⁺π⁰ decay", z: "GTK1–GTK2 (79.6–92.8 m)" },
};

/** the selection steps shown, from the first one an upstream pion meets */
const STEPS = [
  CUT.TRACK,
  CUT.KAON,
  CUT.VERTEX,
  CUT.UPSTREAM,
  CUT.MOMENTUM,
  CUT.PID,
  CUT.PHOTON,
  CUT.RV,
] as const;

export interface UpstreamMechanism {
  sample: string;
  source: string;
  z: string;
  /** expected events after each step of `steps` */
  flow: number[];
  /** expected events in R1 + R2 (after trigger and random veto) and its MC error */
  signalRegions: number;
  mcError: number;
}

export interface UpstreamBreakdown {
  period: string;
  steps: string[];
  mechanisms: UpstreamMechanism[];
}

export function upstreamBreakdown(tally: PeriodTally, norm: SampleNormalisation): UpstreamBreakdown {
  const mechanisms: UpstreamMechanism[] = [];
  for (const spec of DEFAULT_SAMPLES) {
    if (spec.kind === "kaon" || spec.kind === undefined) continue;
    const t = tally.sample(spec.key);
    const sc = sampleScale(spec, t, norm);
    const flow = t.flow;
    let f = 0;
    let f2 = 0;
    for (const r of [Region.R1, Region.R2]) {
      f += t.regionSum(r, Q.F);
      f2 += t.regionSum(r, Q.F2);
    }
    const m = UPSTREAM_MECHANISMS[spec.key] ?? { source: spec.key, z: "" };
    mechanisms.push({
      sample: spec.key,
      source: m.source,
      z: m.z,
      flow: STEPS.map((c) => flow[c] * sc),
      signalRegions: f * sc,
      mcError: Math.sqrt(f2) * sc,
    });
  }
  return { period: tally.period, steps: STEPS.map((c) => CUTS[c]), mechanisms };
}

const fmt = (x: number) => (x === 0 ? "0" : Math.abs(x) >= 0.01 ? x.toFixed(3) : x.toExponential(1));

export function upstreamBreakdownTable(b: UpstreamBreakdown): ReportTable {
  return {
    title: `Upstream background by mechanism (${b.period}): expected events after each selection step, R1+R2 with MC error`,
    header: ["sample", "source", "z", ...b.steps, "R1+R2"],
    rows: b.mechanisms.map((m) => [
      m.sample,
      m.source,
      m.z,
      ...m.flow.map(fmt),
      `${fmt(m.signalRegions)} ± ${fmt(m.mcError)}`,
    ]),
  };
}

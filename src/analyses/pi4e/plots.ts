/**
 * The plots of the pi4e job: m_π4e, Δp and m_4e of the five-track events in expected events (the
 * signal at NA62's UL, the K⁺→π⁺π⁰_DD normalisation, the other single decays), with the regions of
 * the selection as bands.
 */
import { particleTable } from "../../core/particles.ts";
import { type Hist1D, h1 } from "../../io/histogram.ts";
import type { Band, PlotSpec } from "../../io/plot.ts";
import { addDense1 } from "../layer/hists.ts";
import { pi4eConditions } from "./config.ts";
import { SAMPLES, sampleBR } from "./samples.ts";
import { HISTS, type HistName } from "./shard.ts";

const TITLES: Record<HistName, string> = {
  mPi4e: "m_π4e [GeV/c²]",
  dp: "Δp = |P_vertex| − p_beam [GeV/c] (m_π4e window)",
  m4e: "m_4e [GeV/c²] (m_π4e window)",
};

/** the regions of the selection as bands of each plot */
function bands(): Record<HistName, Band[]> {
  const c = pi4eConditions().selection;
  const sr = c.dpSignal.value as number;
  const cr = c.dpControl.value as number;
  const w = c.m4eOffPole.value as number;
  const mPi0 = particleTable().mass("pi0");
  return {
    mPi4e: [{ label: "m_π4e window", x: c.mPi4eWindow.value as [number, number] }],
    dp: [
      { label: "SR", x: [-sr, sr], color: "#d62728" },
      { label: "CR", x: [-cr, -sr], color: "#1f77b4" },
      { label: "CR", x: [sr, cr], color: "#1f77b4" },
    ],
    m4e: [{ label: "π⁰ pole (normalisation)", x: [mPi0 - w, mPi0 + w] }],
  };
}

/**
 * hist: the per-sample dense tallies of shard.ts (Σw per bin); wGen(s): the generated weight of
 * sample s; nK: the kaon decays in the z range; brSignal: the signal's BR in the plots
 */
export function pi4ePlots(
  hist: Float64Array,
  wGen: (s: number) => number,
  nK: number,
  brSignal: number,
): { hists: Hist1D[]; plots: PlotSpec[] } {
  const groups: { key: string; label: string; scale: (s: number) => number }[] = [
    {
      key: "signal",
      label: `K⁺→π⁺e⁺e⁻e⁺e⁻ (BR = ${brSignal})`,
      scale: (s) => (SAMPLES[s].role === "signal" ? brSignal / wGen(s) : 0),
    },
    {
      key: "norm",
      label: "K⁺→π⁺π⁰_DD",
      scale: (s) => (SAMPLES[s].role === "norm" ? sampleBR(SAMPLES[s]) / wGen(s) : 0),
    },
    {
      key: "bkg",
      label: "other single decays",
      scale: (s) => {
        const sp = SAMPLES[s];
        if (sp.role !== "single") return 0;
        return (sampleBR(sp) * (sp.pi0Mode.endsWith("+natural") ? 2 : 1)) / wGen(s);
      },
    },
  ];
  const hists: Hist1D[] = [];
  const plots: PlotSpec[] = [];
  const b = bands();
  const stride = Object.values(HISTS).reduce((a, h) => a + h.n, 0);
  let off = 0;
  for (const name of Object.keys(HISTS) as HistName[]) {
    const spec = HISTS[name];
    const series = [];
    for (const g of groups) {
      const h = h1(`${name}_${g.key}`, `${TITLES[name]}: ${g.label}`, { ...spec, label: TITLES[name] });
      for (let s = 0; s < SAMPLES.length; s++) {
        const f = g.scale(s);
        if (!(f > 0) || !(wGen(s) > 0)) continue;
        addDense1(h, hist.subarray(s * stride + off, s * stride + off + spec.n), f * nK);
      }
      hists.push(h);
      series.push({ hist: h, label: g.label });
    }
    plots.push({
      kind: "hist1d",
      name: `pi4e_${name}`,
      title: `${TITLES[name]}: five-track events (expected events, N_K = ${nK.toExponential(2)})`,
      xLabel: TITLES[name],
      yLabel: "expected events / bin",
      series,
      logY: true,
      bands: b[name],
      caption:
        "Five-track vertices in the fiducial volume (Δp and m_4e in the m_π4e window, before the off-pole, p_π and Δp cuts); the signal (SM K⁺→π⁺γ*γ*) drawn at NA62's UL; the regions of the selection as bands.",
    });
    off += spec.n;
  }
  return { hists, plots };
}

/**
 * Export a kaonlab counting model as a pyhf JSON workspace (schema 1.0.0): one channel per
 * category with one bin, a "signal" sample scaled by the normfactor "mu" (the POI: total signal
 * events; BR = mu × SES_comb) and one sample per background component. Constraints map to
 * HistFactory modifiers:
 *   lognormal → normsys {hi, lo}      (exact in pyhf with interpcode code1; pyhf's default code4
 *                                      agrees at α = 0, ±1 and |α| ≥ 1, smooth polynomial between)
 *   gaussian  → histosys {hi_data, lo_data}  (exact with code0; code4p is identical for symmetric
 *                                      uncertainties); the α lower bound that keeps yields ≥ 0 is
 *                                      written to the measurement's parameter bounds
 *   gamma     → shapesys [σ]           (exact: Poisson(τ | τγ), τ = (v/σ)²)
 * Reading the export back with codes {normsys: code1, histosys: code0} reproduces the native model.
 */
import { buildCountingSpec, type CountingModel } from "../counting.ts";
import type { Workspace } from "./workspace.ts";

type Modifier = Workspace["channels"][number]["samples"][number]["modifiers"][number];

/** channel names pyhf accepts (no "/" etc.) */
function channelName(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]/g, "_");
}

export function exportPyhf(m: CountingModel, measurementName = "kaonlab"): Workspace {
  const spec = buildCountingSpec(m);
  const channels: Workspace["channels"] = [];
  const observations: Workspace["observations"] = [];
  const parameters: Workspace["measurements"][number]["config"]["parameters"] = [];
  const bounded = new Set<number>();
  spec.binLabels.forEach((label, bin) => {
    const samples: Workspace["channels"][number]["samples"] = [];
    for (const t of spec.terms.filter((x) => x.bin === bin)) {
      const mods: Modifier[] = [];
      for (const mod of t.modifiers) {
        const p = spec.params[mod.param];
        if (mod.type === "factor") {
          if (mod.param === spec.poi) mods.push({ name: p.name, type: "normfactor", data: null });
          else {
            if (p.constraint.kind !== "poisson")
              throw new Error(`export: factor ${p.name} without Poisson constraint`);
            mods.push({ name: p.name, type: "shapesys", data: [t.nominal / Math.sqrt(p.constraint.tau)] });
          }
        } else if (mod.type === "normsys") {
          mods.push({ name: p.name, type: "normsys", data: { hi: mod.hi, lo: mod.lo } });
        } else {
          mods.push({ name: p.name, type: "histosys", data: { hi_data: [mod.hi], lo_data: [mod.lo] } });
          if (p.lo > -5 && !bounded.has(mod.param)) {
            bounded.add(mod.param);
            parameters.push({ name: p.name, bounds: [[p.lo, p.hi]] });
          }
        }
      }
      samples.push({ name: t.sample, data: [t.nominal], modifiers: mods });
    }
    channels.push({ name: channelName(label), samples });
    observations.push({ name: channelName(label), data: [spec.observed[bin]] });
  });
  const poi = spec.params[spec.poi];
  parameters.unshift({ name: poi.name, bounds: [[poi.lo, poi.hi]], inits: [poi.init] });
  return {
    channels,
    measurements: [{ name: measurementName, config: { poi: poi.name, parameters } }],
    observations,
    version: "1.0.0",
  };
}

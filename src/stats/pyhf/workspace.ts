/**
 * pyhf JSON workspaces (HistFactory, schema version 1.0.0: pyhf/schemas/1.0.0/workspace.json):
 * channels of samples with modifiers normfactor, normsys, histosys, lumi, staterror, shapesys and
 * shapefactor, observations per channel, and measurements (POI and parameter settings). This
 * module validates a workspace and compiles one measurement into kaonlab's LikelihoodModel with
 * pyhf's conventions (pyhf/modifiers/*.py):
 *  - normfactor: free, init 1, bounds [0, 10]; shapefactor: one free factor per bin index, shared
 *    by name across channels, init 1, bounds [0, 10];
 *  - normsys, histosys: α with Normal(0 | α, 1), init 0, bounds [−5, 5]; interpolation codes
 *    default to pyhf's (normsys code 4, histosys code 4p);
 *  - lumi: λ with Normal(aux | λ, σ), aux and σ from the measurement's parameter settings;
 *  - staterror: γᵦ with Normal(1 | γᵦ, σᵦ), σᵦ = √(Σₛ δₛᵦ²)/Σₛ nₛᵦ over the samples carrying it,
 *    fixed at 1 where σᵦ = 0; bounds [1e-10, 10];
 *  - shapesys: γᵦ with Poisson(τᵦ | τᵦγᵦ), τᵦ = (nᵦ/δᵦ)², fixed where nᵦ or δᵦ is 0; bounds
 *    [1e-10, 10].
 * Measurement parameter settings (inits, bounds, fixed, auxdata, sigmas, factors) override these.
 */
import { z } from "zod";
import type { ModelSpec, ModifierSpec, ParamSpec, TermSpec } from "../model.ts";
import { parseOrThrow } from "../validate.ts";

const num = z.number({ error: "expected a number" }).finite({ error: "expected a finite number" });
const nums = z.array(num, { error: "expected an array of numbers" });

const modifierSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ name: z.string(), type: z.literal("normfactor"), data: z.null() }).strict(),
    z.object({ name: z.string(), type: z.literal("shapefactor"), data: z.null() }).strict(),
    z.object({ name: z.string(), type: z.literal("lumi"), data: z.null() }).strict(),
    z
      .object({ name: z.string(), type: z.literal("normsys"), data: z.object({ hi: num, lo: num }).strict() })
      .strict(),
    z
      .object({
        name: z.string(),
        type: z.literal("histosys"),
        data: z.object({ hi_data: nums, lo_data: nums }).strict(),
      })
      .strict(),
    z.object({ name: z.string(), type: z.literal("staterror"), data: nums }).strict(),
    z.object({ name: z.string(), type: z.literal("shapesys"), data: nums }).strict(),
  ],
  {
    error:
      "expected a modifier of type normfactor, normsys, histosys, lumi, staterror, shapesys or shapefactor",
  },
);

const sampleSchema = z
  .object({ name: z.string(), data: nums.min(1), modifiers: z.array(modifierSchema) })
  .strict();
const channelSchema = z.object({ name: z.string(), samples: z.array(sampleSchema).min(1) }).strict();
const parameterSchema = z
  .object({
    name: z.string(),
    inits: nums.optional(),
    bounds: z.array(z.tuple([num, num])).optional(),
    auxdata: nums.optional(),
    factors: nums.optional(),
    sigmas: nums.optional(),
    fixed: z.boolean().optional(),
  })
  .strict();
const measurementSchema = z
  .object({
    name: z.string(),
    config: z.object({ poi: z.string(), parameters: z.array(parameterSchema) }).strict(),
  })
  .strict();
const workspaceSchema = z
  .object({
    channels: z.array(channelSchema).min(1),
    measurements: z.array(measurementSchema).min(1),
    observations: z.array(z.object({ name: z.string(), data: nums }).strict()).min(1),
    version: z.literal("1.0.0", { error: 'expected version "1.0.0"' }),
  })
  .strict();

export type Workspace = z.infer<typeof workspaceSchema>;
export type PyhfModifier = z.infer<typeof modifierSchema>;

export interface InterpCodes {
  normsys: "code1" | "code4";
  histosys: "code0" | "code4p";
}
/** pyhf's defaults (pyhf/pdf.py `default_modifier_settings`) */
export const PYHF_DEFAULT_CODES: InterpCodes = { normsys: "code4", histosys: "code4p" };

/** validate a workspace (RangeError naming the JSON path and value) */
export function parseWorkspace(input: unknown, where = "workspace"): Workspace {
  const ws = parseOrThrow(workspaceSchema, input, where);
  const firstIndex = (names: string[]) => names.findIndex((n, i) => names.indexOf(n) !== i);
  const dupChannel = firstIndex(ws.channels.map((c) => c.name));
  if (dupChannel >= 0)
    throw new RangeError(
      `${where}.channels[${dupChannel}].name: expected a name no other channel has, got "${ws.channels[dupChannel].name}" twice`,
    );
  const dupObs = firstIndex(ws.observations.map((o) => o.name));
  if (dupObs >= 0)
    throw new RangeError(
      `${where}.observations[${dupObs}].name: expected one observation per channel, got "${ws.observations[dupObs].name}" twice`,
    );
  ws.observations.forEach((o, oi) => {
    const b = o.data.findIndex((v) => v < 0);
    if (b >= 0)
      throw new RangeError(`${where}.observations[${oi}].data[${b}]: expected a count ≥ 0, got ${o.data[b]}`);
  });
  ws.channels.forEach((c, ci) => {
    const dupSample = firstIndex(c.samples.map((s) => s.name));
    if (dupSample >= 0)
      throw new RangeError(
        `${where}.channels[${ci}].samples[${dupSample}].name: expected a sample name unique in channel "${c.name}", got "${c.samples[dupSample].name}" twice`,
      );
    const nb = c.samples[0].data.length;
    c.samples.forEach((s, si) => {
      const at = `${where}.channels[${ci}].samples[${si}]`;
      const dupMod = firstIndex(s.modifiers.map((m) => `${m.type}\u0000${m.name}`));
      if (dupMod >= 0)
        throw new RangeError(
          `${at}.modifiers[${dupMod}]: expected one ${s.modifiers[dupMod].type} modifier named "${s.modifiers[dupMod].name}" per sample, got it twice`,
        );
      if (s.data.length !== nb)
        throw new RangeError(
          `${at}.data: expected ${nb} bins like the channel's first sample, got ${s.data.length}`,
        );
      s.modifiers.forEach((m, mi) => {
        const mat = `${at}.modifiers[${mi}].data`;
        if (m.type === "histosys" && (m.data.hi_data.length !== nb || m.data.lo_data.length !== nb))
          throw new RangeError(
            `${mat}: expected hi_data and lo_data with ${nb} bins, got ${m.data.hi_data.length} and ${m.data.lo_data.length}`,
          );
        if ((m.type === "staterror" || m.type === "shapesys") && m.data.length !== nb)
          throw new RangeError(`${mat}: expected ${nb} uncertainties, got ${m.data.length}`);
      });
    });
    const obs = ws.observations.find((o) => o.name === c.name);
    if (!obs)
      throw new RangeError(
        `${where}.observations: no observation for channel "${c.name}", got ${JSON.stringify(ws.observations.map((o) => o.name))}`,
      );
    if (obs.data.length !== nb)
      throw new RangeError(
        `${where}.observations["${c.name}"].data: expected ${nb} bins, got ${obs.data.length}`,
      );
  });
  return ws;
}

interface ParamSet {
  name: string;
  type: string;
  indices: number[];
}

/** compile a measurement of a workspace into a model spec */
export function buildPyhfSpec(
  ws: Workspace,
  opts: { measurement?: string; codes?: Partial<InterpCodes>; poi?: string } = {},
): ModelSpec {
  const codes = { ...PYHF_DEFAULT_CODES, ...opts.codes };
  const meas = opts.measurement
    ? ws.measurements.find((m) => m.name === opts.measurement)
    : ws.measurements[0];
  if (!meas)
    throw new RangeError(
      `--measurement: expected one of ${ws.measurements.map((m) => m.name).join(", ")}, got "${opts.measurement}"`,
    );
  const poiName = opts.poi ?? meas.config.poi;
  const settings = new Map(meas.config.parameters.map((p) => [p.name, p]));
  const params: ParamSpec[] = [];
  const sets = new Map<string, ParamSet>();
  const binLabels: string[] = [];
  const observed: number[] = [];
  const channelOffset: number[] = [];
  for (const c of ws.channels) {
    channelOffset.push(binLabels.length);
    const obs = ws.observations.find((o) => o.name === c.name)!;
    c.samples[0].data.forEach((_, b) => {
      binLabels.push(`channel "${c.name}" bin ${b}`);
      observed.push(obs.data[b]);
    });
  }

  const newParam = (p: ParamSpec) => {
    params.push(p);
    return params.length - 1;
  };
  const getSet = (name: string, type: string, make: () => number[]): ParamSet => {
    const s = sets.get(name);
    if (s) {
      const compatible =
        s.type === type ||
        ((s.type === "normsys" || s.type === "histosys") && (type === "normsys" || type === "histosys"));
      if (!compatible)
        throw new RangeError(`workspace: modifier "${name}" is used as ${s.type} and ${type}, got both`);
      return s;
    }
    const ns: ParamSet = { name, type, indices: make() };
    sets.set(name, ns);
    return ns;
  };

  // staterror: relative uncertainty per (channel, bin) over the samples that carry each name
  const statRel = new Map<string, Map<number, number>>();
  ws.channels.forEach((c, ci) => {
    const byName = new Map<string, { unc2: number[]; nom: number[] }>();
    for (const s of c.samples)
      for (const m of s.modifiers) {
        if (m.type !== "staterror") continue;
        let e = byName.get(m.name);
        if (!e) byName.set(m.name, (e = { unc2: s.data.map(() => 0), nom: s.data.map(() => 0) }));
        s.data.forEach((v, b) => {
          e!.unc2[b] += m.data[b] ** 2;
          e!.nom[b] += v;
        });
      }
    for (const [name, e] of byName) {
      let mp = statRel.get(name);
      if (!mp) statRel.set(name, (mp = new Map()));
      e.nom.forEach((n, b) => {
        mp!.set(channelOffset[ci] + b, n > 0 ? Math.sqrt(e.unc2[b]) / n : 0);
      });
    }
  });

  const terms: TermSpec[] = [];
  const staterrorIndex = new Map<string, Map<number, number>>();
  const shapesysIndex = new Map<string, Map<number, number>>();
  ws.channels.forEach((c, ci) => {
    for (const s of c.samples) {
      const mods: { m: PyhfModifier }[] = s.modifiers.map((m) => ({ m }));
      s.data.forEach((nominal, b) => {
        const gbin = channelOffset[ci] + b;
        const out: ModifierSpec[] = [];
        for (const { m } of mods) {
          switch (m.type) {
            case "normfactor": {
              const set = getSet(m.name, m.type, () => [
                newParam({
                  name: m.name,
                  init: 1,
                  lo: 0,
                  hi: 10,
                  fixed: false,
                  constraint: { kind: "none" },
                }),
              ]);
              out.push({ type: "factor", param: set.indices[0] });
              break;
            }
            case "lumi": {
              const set = getSet(m.name, m.type, () => {
                const st = settings.get(m.name);
                if (!st?.auxdata || !st.sigmas)
                  throw new RangeError(
                    `measurements["${meas.name}"].config.parameters: lumi "${m.name}" needs auxdata and sigmas, got ${JSON.stringify(st ?? null)}`,
                  );
                return [
                  newParam({
                    name: m.name,
                    init: st.auxdata[0],
                    lo: 0,
                    hi: 10 * st.auxdata[0],
                    fixed: false,
                    constraint: { kind: "normal", aux: st.auxdata[0], sigma: st.sigmas[0] },
                  }),
                ];
              });
              out.push({ type: "factor", param: set.indices[0] });
              break;
            }
            case "normsys":
            case "histosys": {
              const set = getSet(m.name, m.type, () => [
                newParam({
                  name: m.name,
                  init: 0,
                  lo: -5,
                  hi: 5,
                  fixed: false,
                  constraint: { kind: "normal", aux: 0, sigma: 1 },
                }),
              ]);
              if (m.type === "normsys")
                out.push({
                  type: "normsys",
                  param: set.indices[0],
                  hi: m.data.hi,
                  lo: m.data.lo,
                  code: codes.normsys === "code1" ? 1 : 4,
                });
              else
                out.push({
                  type: "histosys",
                  param: set.indices[0],
                  hi: m.data.hi_data[b],
                  lo: m.data.lo_data[b],
                  code: codes.histosys === "code0" ? 0 : 4,
                });
              break;
            }
            case "shapefactor": {
              const set = getSet(m.name, m.type, () => []);
              while (set.indices.length <= b)
                set.indices.push(
                  newParam({
                    name: `${m.name}[${set.indices.length}]`,
                    init: 1,
                    lo: 0,
                    hi: 10,
                    fixed: false,
                    constraint: { kind: "none" },
                  }),
                );
              out.push({ type: "factor", param: set.indices[b] });
              break;
            }
            case "staterror": {
              getSet(m.name, m.type, () => []);
              let mp = staterrorIndex.get(m.name);
              if (!mp) staterrorIndex.set(m.name, (mp = new Map()));
              let idx = mp.get(gbin);
              if (idx === undefined) {
                const rel = statRel.get(m.name)!.get(gbin)!;
                idx = newParam({
                  name: `${m.name}[${mp.size}]`,
                  init: 1,
                  lo: 1e-10,
                  hi: 10,
                  fixed: rel === 0,
                  constraint: { kind: "normal", aux: 1, sigma: rel === 0 ? 1 : rel },
                });
                mp.set(gbin, idx);
              }
              out.push({ type: "factor", param: idx });
              break;
            }
            case "shapesys": {
              getSet(m.name, m.type, () => []);
              let mp = shapesysIndex.get(m.name);
              if (!mp) shapesysIndex.set(m.name, (mp = new Map()));
              let idx = mp.get(gbin);
              if (idx === undefined) {
                const unc = m.data[b];
                const valid = nominal > 0 && unc > 0;
                const tau = valid ? (nominal / unc) ** 2 : 1;
                idx = newParam({
                  name: `${m.name}[${mp.size}]`,
                  init: 1,
                  lo: 1e-10,
                  hi: 10,
                  fixed: !valid,
                  constraint: { kind: "poisson", tau },
                });
                mp.set(gbin, idx);
              }
              out.push({ type: "factor", param: idx });
              break;
            }
          }
        }
        terms.push({ bin: gbin, sample: `${c.name}/${s.name}`, nominal, modifiers: out });
      });
    }
  });

  // measurement parameter settings
  for (const st of meas.config.parameters) {
    const idx = params
      .map((p, i) => [p, i] as const)
      .filter(([p]) => p.name === st.name || p.name.startsWith(`${st.name}[`));
    if (idx.length === 0) continue; // pyhf ignores settings of absent parameters
    idx.forEach(([p], k) => {
      if (st.inits?.[k] !== undefined) p.init = st.inits[k];
      if (st.bounds?.[k] !== undefined) [p.lo, p.hi] = st.bounds[k];
      if (st.fixed !== undefined) p.fixed = st.fixed;
      if (p.constraint.kind === "normal") {
        if (st.auxdata?.[k] !== undefined) p.constraint.aux = st.auxdata[k];
        if (st.sigmas?.[k] !== undefined) p.constraint.sigma = st.sigmas[k];
      } else if (p.constraint.kind === "poisson" && st.factors?.[k] !== undefined)
        p.constraint.tau = st.factors[k];
    });
  }
  const poi = params.findIndex((p) => p.name === poiName);
  if (poi < 0)
    throw new RangeError(
      `measurements["${meas.name}"].config.poi: no parameter named "${poiName}" (have ${params.map((p) => p.name).join(", ")})`,
    );
  return { binLabels, params, terms, poi, observed };
}

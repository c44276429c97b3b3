/**
 * Key–value metadata of the ntuples `kaonlab simulate` writes (Parquet footer; see docs/outputs.md):
 *
 *   kaonlab.version     the kaonlab version that wrote the file
 *   kaonlab.command     the command ("simulate")
 *   kaonlab.seed        the random seed
 *   kaonlab.units       JSON { column: unit } for every column with a unit
 *   kaonlab.channels    JSON { channel id: channel name } (the ids of the catalogue)
 *   kaonlab.period      the period name; kaonlab.period_card: the resolved card (JSON, overrides applied)
 *   kaonlab.options     JSON of the other run options (channel, mode, source, z range, overrides, …)
 *
 * The older flat keys (generator, channel, period, seed, mode, source, card) stay for readers of
 * earlier files.
 */
import { channelNames } from "../../decays/catalogue.ts";
import type { ColumnSpec } from "../../io/table.ts";
import { VERSION } from "../../version.ts";

/** units by column name: exact names first, then name patterns; dimensionless columns have none */
const EXACT: Record<string, string> = {
  weight: "1",
  intensity: "fraction of nominal",
  cda: "mm",
  eop: "1",
  t: "ns",
  lkr_cluster_t: "ns",
  rich_radius: "mm",
  mass_rich: "GeV/c^2",
  vtx_mass: "GeV/c^2",
  vtx_chi2: "1",
  theta_track: "rad",
};

const PATTERNS: [RegExp, string][] = [
  [/^m2miss/, "GeV^2/c^4"],
  [/^e_|_e$|^e$/, "GeV"],
  [/^(p|px|py|pz|p_.*|vtx_p|vtx_pt)$/, "GeV/c"],
  [/^(tx|ty)(_|$)/, "rad (slope dx/dz, dy/dz)"],
  [/^(x|y|z)_|_(x|y|z)$|^(vx|vy|vz)$/, "mm"],
  [/^(vtx_x|vtx_y|vtx_z)$/, "mm"],
];

/** the unit of a column by its name; null for counts, codes, flags and probabilities */
export function columnUnit(c: ColumnSpec): string | null {
  if (c.type === "STRING" || c.type === "BOOLEAN") return null;
  if (c.name in EXACT) return EXACT[c.name];
  if (/^(pid_|trig_|acc_|eff|rich_(pi|mu|e)$|calo_|muv3|pv_|mult_|rv_|chanti_|ktag)/.test(c.name))
    return "probability";
  for (const [re, unit] of PATTERNS) if (re.test(c.name)) return unit;
  return null;
}

export interface NtupleMetadataInput {
  command: string;
  seed: number;
  period: string;
  /** the resolved period card (overrides applied) */
  card: unknown;
  schema: ColumnSpec[];
  options: Record<string, unknown>;
}

/** the key–value metadata of a simulate/generate ntuple */
export function ntupleMetadata(m: NtupleMetadataInput): Record<string, string> {
  const units: Record<string, string> = {};
  for (const c of m.schema) {
    const u = columnUnit(c);
    if (u !== null) units[c.name] = u;
  }
  const channels: Record<string, string> = {};
  channelNames().forEach((name, id) => {
    if (name !== undefined) channels[String(id)] = name;
  });
  const o = m.options;
  return {
    generator: `kaonlab ${VERSION}`,
    ...(typeof o.channel === "string" ? { channel: o.channel } : {}),
    period: m.period,
    seed: String(m.seed),
    ...(typeof o.mode === "string" ? { mode: o.mode } : {}),
    ...(typeof o.source === "string" ? { source: o.source } : {}),
    ...(Array.isArray(o.card) ? { card: JSON.stringify(o.card) } : {}),
    "kaonlab.version": VERSION,
    "kaonlab.command": m.command,
    "kaonlab.seed": String(m.seed),
    "kaonlab.units": JSON.stringify(units),
    "kaonlab.channels": JSON.stringify(channels),
    "kaonlab.period": m.period,
    "kaonlab.period_card": JSON.stringify(m.card),
    "kaonlab.options": JSON.stringify(o),
  };
}

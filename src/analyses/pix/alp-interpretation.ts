/**
 * What the K⁺→π⁺X limits exclude for an ALP coupled to gluons (src/decays/dark/alp-gluon.ts:
 * BR(K⁺→π⁺a) from [Bauer2021], τ_a from a → γγ [Bauer2017]): a point (m_a, f_G = f/|c_GG|) is
 * excluded when BR(K⁺→π⁺a) exceeds the limit at m_a for the ALP's lifetime, with the same lifetime
 * model as the dark scalar (interpretation.ts: UL(m, τ) = UL_stable(m)·exp(k(m)/τ)).
 */
import { gluonAlpLifetime, kaonToPionGluonAlpBR } from "../../decays/dark/alp-gluon.ts";
import { darkParams } from "../../decays/dark/params.ts";
import { limitAt, type MassLimitModel } from "./interpretation.ts";

/** f_G grid (GeV): 10 … 10⁹, ten points a decade */
export const FG_GRID = Array.from({ length: 81 }, (_, i) => 10 ** (1 + i / 10));
/** the smallest mass where the ALP is evaluated (GeV) */
const M_MIN = 0.001;

export interface AlpExclusion {
  mass: number;
  /** the excluded f_G intervals on the grid [lo, hi] (GeV) */
  excluded: [number, number][];
}

/** the excluded f_G intervals per mass */
export function gluonAlpExclusion(models: readonly MassLimitModel[]): AlpExclusion[] {
  return models.map((md) => {
    const m = Math.max(md.mass, M_MIN);
    const excluded: [number, number][] = [];
    // a → 3π (not modelled) opens at 3m_π⁰: no interpretation above (explicit `masses` may reach it)
    if (m >= 3 * darkParams().mPi0) return { mass: md.mass, excluded };
    let lo: number | null = null;
    let prev = 0;
    for (const f of FG_GRID) {
      const br = kaonToPionGluonAlpBR(m, f);
      const ex = br > 0 && br > limitAt(md, gluonAlpLifetime(m, f));
      if (ex && lo === null) lo = f;
      if (!ex && lo !== null) {
        excluded.push([lo, prev]);
        lo = null;
      }
      prev = f;
    }
    if (lo !== null) excluded.push([lo, prev]);
    return { mass: md.mass, excluded };
  });
}

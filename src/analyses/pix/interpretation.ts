/**
 * What the K⁺→π⁺X limits exclude for a dark scalar S mixing with the Higgs boson (docs/dark-sector.md):
 * BR(K⁺→π⁺S) = f(m_S)·sin²θ and the scalar's proper lifetime τ(m_S, sin²θ) from
 * src/decays/dark/dark-scalar.ts [Winkler2019]. A point (m_S, sin²θ) is excluded when BR(K⁺→π⁺S)
 * exceeds the limit at m_S for that lifetime.
 *
 * The limit at any lifetime: the scan gives the acceptance at the simulated lifetimes; between
 * stable and those, the acceptance follows A(τ) = A_stable·exp(−k(m)/τ) — the survival of X through the
 * detector for one effective decay distance over βγc — with k(m) fixed by the shortest simulated
 * lifetime whose acceptance is not zero (below the stable one), else from the median k/m of the other
 * masses (k ∝ m_X: the survival exponent over βγcτ). The limit on the signal count does not depend on τ (same
 * window, background and observed), so UL(m, τ) = UL_stable(m)·exp(k(m)/τ).
 *
 * The projection for another exposure scales SES by N_K/N_K' and the background by N_K'/N_K and
 * uses the median expected limit.
 */
import { kaonToPionScalarBR, scalarLifetime } from "../../decays/dark/dark-scalar.ts";
import { exactExpectedLimits } from "../../stats/exact.ts";
import type { LimitPoint } from "./scan.ts";

/** sin²θ grid: 10⁻¹² … 1, ten points a decade */
export const SIN2_GRID = Array.from({ length: 121 }, (_, i) => 10 ** (-12 + i / 10));
/** the smallest mass where the scalar's widths are evaluated (GeV) */
const M_MIN = 0.001;

export interface MassLimitModel {
  mass: number;
  /** limit on BR for a stable X (observed, or the projected median) */
  ulStable: number;
  /** A(τ) = A_stable·exp(−k/τ), k in ns */
  k: number;
}

export interface ScalarExclusion {
  mass: number;
  /** the excluded sin²θ intervals on the grid [lo, hi] */
  excluded: [number, number][];
}

/** per mass: the stable limit and the lifetime constant k from the scan's points */
export function limitModels(points: readonly LimitPoint[], projection = 1): MassLimitModel[] {
  const masses = [...new Set(points.map((p) => p.mass))];
  const out = masses.map((m) => {
    const at = points.filter((p) => p.mass === m);
    const st = at.find((p) => p.lifetime === null);
    if (!st) throw new RangeError("interpretation: the scan needs the stable lifetime");
    let k = Number.NaN;
    const finite = at
      .filter((p) => p.lifetime !== null && Number.isFinite(p.ses))
      .sort((a, b) => a.lifetime! - b.lifetime!);
    for (const p of finite) {
      const r = st.ses / p.ses;
      if (r > 0 && r < 1) {
        k = -Math.log(r) * p.lifetime!;
        break;
      }
    }
    let ul = st.brUpperLimit;
    if (projection !== 1) {
      const b = st.background * projection;
      ul = exactExpectedLimits(b)[2] * (st.ses / projection);
    }
    return { mass: m, ulStable: ul, k };
  });
  // where no simulated lifetime shows a loss of acceptance (a fluctuation, or no finite lifetime in
  // the scan), k follows the scaling k = L·m/(p·c) of the survival exponent with the X mass: the
  // median k/m of the other masses (0 for m = 0, and when no mass has one)
  const kappa = out.filter((o) => Number.isFinite(o.k) && o.mass > 0).map((o) => o.k / o.mass);
  kappa.sort((a, b) => a - b);
  const med = kappa.length ? kappa[Math.floor(kappa.length / 2)] : 0;
  for (const o of out) if (!Number.isFinite(o.k)) o.k = o.mass > 0 ? med * o.mass : 0;
  return out;
}

/** the limit on BR(K⁺→π⁺X) at proper lifetime τ (ns) */
export function limitAt(model: MassLimitModel, tau: number): number {
  return model.ulStable * Math.exp(model.k / tau);
}

/** the excluded sin²θ intervals per mass */
export function scalarExclusion(models: readonly MassLimitModel[]): ScalarExclusion[] {
  return models.map((md) => {
    const m = Math.max(md.mass, M_MIN);
    const excluded: [number, number][] = [];
    let lo: number | null = null;
    let prev = 0;
    for (const s2 of SIN2_GRID) {
      const br = kaonToPionScalarBR(m, s2);
      const tau = scalarLifetime(m, s2);
      const ex = br > 0 && br > limitAt(md, tau);
      if (ex && lo === null) lo = s2;
      if (!ex && lo !== null) {
        excluded.push([lo, prev]);
        lo = null;
      }
      prev = s2;
    }
    if (lo !== null) excluded.push([lo, prev]);
    return { mass: md.mass, excluded };
  });
}

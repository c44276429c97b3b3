/**
 * The K⁺→π⁺X scan from the merged spectra: per X mass and lifetime, the mass window (±k·σ of the
 * simulated m²miss resolution around the simulated peak), the acceptance (interpolated linearly in
 * m_X between the simulated mass nodes), SES, the expected background (πνν̄ backgrounds + SM
 * K⁺→π⁺νν̄) in the window, the observed count, and the CLs 90% upper limits (exact Poisson
 * calculator of src/stats) observed and expected (±1σ, ±2σ).
 */
import { exactExpectedLimits, exactUpperLimit } from "../../stats/exact.ts";
import { type ShapePeriod, shapeCategories, shapeUpperLimit } from "./shape-limit.ts";
import { GRID, integrate, quantile } from "./spectrum.ts";

/** per period: the inputs of the scan */
export interface PeriodScanInput {
  period: string;
  kaonDecays: number;
  observed: number;
  /** expected background events per fine m²miss bin (R1+R2) */
  background: Float64Array;
  /** expected SM K⁺→π⁺νν̄ events per fine bin (R1+R2) */
  sm: Float64Array;
  /** per lifetime index, per node: the X spectrum (selected weight per fine bin) and wFv */
  x: { spectrum: Float64Array; wFv: number }[][];
}

export interface NodeShape {
  /** mass (GeV) */
  mass: number;
  /** median of the selected m²miss minus m_X² (GeV²) */
  shift: number;
  /** half the 16–84% range of the selected m²miss (GeV²) */
  sigma: number;
}

export interface LimitPoint {
  mass: number;
  ctau: number | null;
  lifetime: number | null;
  window: [number, number];
  sigmaM2: number;
  acceptance: number;
  ses: number;
  background: number;
  smSignal: number;
  observed: number;
  brUpperLimit: number;
  expectedUpperLimit: { "-2": number; "-1": number; "0": number; "+1": number; "+2": number };
  /** the method of brUpperLimit and expectedUpperLimit */
  method?: LimitMethod;
  /** the limits of both methods (BR): observed and median expected; window-asymptotic isolates the approximation */
  methods?: {
    window: { observed: number; median: number };
    windowAsymptotic: { observed: number; median: number };
    shape: { observed: number; median: number };
    /** the shape fit's gain over the window count (both asymptotic) applied to the exact window limit */
    shapeCalibrated: { observed: number; median: number };
  };
  /** per period: SES, background + SM in the window, the share of the observed count in the window */
  perPeriod?: { period: string; ses: number; background: number; observed: number }[];
}

/** "window": exact CLs on the count in ±kσ; "shape": binned m²miss shape fit per period (asymptotic CLs) */
export type LimitMethod = "window" | "shape";

/** the resolution of each node, from the stable X's spectra summed over periods (weighted by N_K) */
export function nodeShapes(nodes: readonly number[], inputs: readonly PeriodScanInput[]): NodeShape[] {
  return nodes.map((m, j) => {
    const n = inputs[0]?.x[0]?.[j]?.spectrum.length ?? 0;
    const h = new Float64Array(n);
    for (const p of inputs) {
      const x = p.x[0][j];
      const s = x.wFv > 0 ? p.kaonDecays / x.wFv : 0;
      for (let k = 0; k < n; k++) h[k] += s * x.spectrum[k];
    }
    const q16 = quantile(h, 0.158655);
    const q50 = quantile(h, 0.5);
    const q84 = quantile(h, 0.841345);
    return { mass: m, shift: q50 - m * m, sigma: 0.5 * (q84 - q16) };
  });
}

/** linear interpolation of ys over xs (sorted) at x, clamped at the ends; NaN entries are skipped */
export function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  const pts: [number, number][] = [];
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(ys[i])) pts.push([xs[i], ys[i]]);
  if (pts.length === 0) return Number.NaN;
  if (x <= pts[0][0]) return pts[0][1];
  const last = pts[pts.length - 1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < pts.length; i++) {
    if (x <= pts[i][0]) {
      const [x0, y0] = pts[i - 1];
      const [x1, y1] = pts[i];
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return last[1];
}

/** the search's acceptance of a node in its own window, per period and lifetime */
function nodeAcceptance(x: { spectrum: Float64Array; wFv: number }, lo: number, hi: number): number {
  return x.wFv > 0 ? integrate(x.spectrum, lo, hi) / x.wFv : 0;
}

export interface ScanOptions {
  nodes: readonly number[];
  masses: readonly number[];
  /** proper lifetimes τ (ns; null: stable), in the order of PeriodScanInput.x */
  lifetimes: readonly (number | null)[];
  windowSigma: number;
  cl?: number;
  /** default "window" */
  method?: LimitMethod;
  /** the shape fit's range (±fitSigma·σ) and bin width (binSigma·σ); defaults 3 and 0.5 */
  fitSigma?: number;
  binSigma?: number;
}

export const C_MM_PER_NS = 299.792458;

export function scan(inputs: readonly PeriodScanInput[], o: ScanOptions): LimitPoint[] {
  const shapes = nodeShapes(o.nodes, inputs);
  const nodeM = shapes.map((s) => s.mass);
  const sig = shapes.map((s) => s.sigma);
  const shift = shapes.map((s) => s.shift);
  // per period and lifetime, the acceptance of each node in its own ±kσ window
  const acc = inputs.map((p) =>
    o.lifetimes.map((_, l) =>
      shapes.map((s, j) => {
        const c = s.mass * s.mass + s.shift;
        return nodeAcceptance(p.x[l][j], c - o.windowSigma * s.sigma, c + o.windowSigma * s.sigma);
      }),
    ),
  );
  // the total expected (background + SM) of each period, for spreading its observed count
  const totals = inputs.map((p) => sumArr(p.background) + sumArr(p.sm));
  // the shape fit's inputs: per period the expected (background + SM) per fine bin, and the regions
  const expected = inputs.map((p) => p.background.map((b, k) => b + p.sm[k]));
  const mask = new Uint8Array(GRID.n);
  for (const e of expected) for (let k = 0; k < GRID.n; k++) if (e[k] > 0) mask[k] = 1;
  const cl = o.cl ?? 0.9;
  const out: LimitPoint[] = [];
  for (let l = 0; l < o.lifetimes.length; l++) {
    for (const m of o.masses) {
      const sigma = interpolate(nodeM, sig, m);
      const c = m * m + interpolate(nodeM, shift, m);
      const lo = c - o.windowSigma * sigma;
      const hi = c + o.windowSigma * sigma;
      let nkA = 0;
      let bkg = 0;
      let sm = 0;
      let obs = 0;
      const perPeriod: NonNullable<LimitPoint["perPeriod"]> = [];
      const shapePeriods: ShapePeriod[] = [];
      inputs.forEach((p, i) => {
        const nkAi = p.kaonDecays * Math.max(0, interpolate(nodeM, acc[i][l], m));
        nkA += nkAi;
        const b = integrate(p.background, lo, hi);
        const s = integrate(p.sm, lo, hi);
        bkg += b;
        sm += s;
        const oi = totals[i] > 0 ? (p.observed * (b + s)) / totals[i] : 0;
        obs += oi;
        perPeriod.push({
          period: p.period,
          ses: nkAi > 0 ? 1 / nkAi : Number.POSITIVE_INFINITY,
          background: b + s,
          observed: oi,
        });
        shapePeriods.push({
          period: p.period,
          nkA: nkAi,
          expected: expected[i],
          observed: p.observed,
          total: totals[i],
        });
      });
      const n = Math.round(obs);
      const b = bkg + sm;
      const ses = nkA > 0 ? 1 / nkA : Number.POSITIVE_INFINITY;
      const winUl = exactUpperLimit(n, b, cl) * ses;
      const winEx = exactExpectedLimits(b, cl).map((v) => v * ses);
      const winAsym = shapeUpperLimit([{ name: "window", signal: [1], background: [b], observed: [n] }], cl);
      const shape = shapeUpperLimit(
        shapeCategories(shapePeriods, {
          centre: c,
          sigma,
          windowSigma: o.windowSigma,
          fitSigma: o.fitSigma ?? 3,
          binSigma: o.binSigma ?? 0.5,
          mask,
        }),
        cl,
      );
      const useShape = o.method === "shape";
      const ul = useShape ? shape.upperLimit * ses : winUl;
      const ex = useShape ? shape.expected.map((v) => v * ses) : winEx;
      const tau = o.lifetimes[l];
      out.push({
        mass: m,
        lifetime: tau,
        ctau: tau === null ? null : tau * C_MM_PER_NS,
        window: [lo, hi],
        sigmaM2: sigma,
        acceptance: nkA / inputs.reduce((a, p) => a + p.kaonDecays, 0),
        ses,
        background: b,
        smSignal: sm,
        observed: n,
        brUpperLimit: ul,
        expectedUpperLimit: { "-2": ex[0], "-1": ex[1], "0": ex[2], "+1": ex[3], "+2": ex[4] },
        method: useShape ? "shape" : "window",
        methods: {
          window: { observed: winUl, median: winEx[2] },
          windowAsymptotic: { observed: winAsym.upperLimit * ses, median: winAsym.expected[2] * ses },
          shape: { observed: shape.upperLimit * ses, median: shape.expected[2] * ses },
          shapeCalibrated: {
            observed: (winUl * shape.upperLimit) / winAsym.upperLimit,
            median: (winEx[2] * shape.expected[2]) / winAsym.expected[2],
          },
        },
        perPeriod,
      });
    }
  }
  return out;
}

function sumArr(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/**
 * The worker-thread task of the toy calculator: one chunk of pseudo-experiments drawn from the
 * model at `genPars` (main counts Poisson, auxiliary observables Normal or Poisson around their
 * expectations, as pyhf's ToyCalculator), each fitted to give the test statistic at every POI value
 * in `mus`. In "hybrid" mode (Cousins–Highland; RooStats' HybridCalculator) the nuisance parameters
 * are instead drawn from their constraints given the observed auxiliary data (Normal: N(a, σ)
 * truncated to the bounds; Poisson: the flat-prior posterior Gamma(a + 1, τ)), the main counts from
 * the resulting expectation, and the auxiliary data stay at their observed values. The random numbers come from stream(seed, shard, "toys", sub) only, so a chunk's result
 * depends on its argument alone — the same for any number of workers.
 */
import { stream } from "../core/rng/streams.ts";
import { Fitter, multiMinimumParams } from "./fit.ts";
import { type GammaBin, GammaBinFit, gammaSingleBin } from "./gamma-bin.ts";
import { CONS_NORMAL, CONS_POISSON, type Dataset, LikelihoodModel, type ModelSpec } from "./model.ts";
import { OneBinFreeFit, OneBinProfile } from "./one-bin.ts";
import { gamma, normal, poisson } from "./random.ts";

export type ToyStat = "qtilde" | "q0" | "tmu";

export interface ToyTask {
  spec: ModelSpec;
  /** identifies the spec for the worker's cache */
  key: string;
  genPars: number[];
  seed: number;
  shard: number;
  /** stream sub-index: 0 background-only toys, 1 signal-plus-background toys */
  sub: number;
  nToys: number;
  mus: number[];
  stat: ToyStat;
  /** "frequentist" (default) or "hybrid" (nuisance parameters drawn from their constraints) */
  mode?: ToyMode;
  /** observed auxiliary data (hybrid mode) */
  auxObs?: number[];
  /** reuse the test statistics of repeated data sets (default true; false only to test that it changes nothing) */
  memo?: boolean;
  /** use the closed-form fits of one-bin models (default true; false only to test them against the minimiser) */
  closedForm?: boolean;
}

export type ToyMode = "frequentist" | "hybrid";

interface Compiled {
  model: LikelihoodModel;
  fitter: Fitter;
  linear: [number, number] | null;
  gammaBin: GammaBin | null;
  oneBinFree: OneBinFreeFit | null;
  oneBinProfile: OneBinProfile | null;
}

const cache = new Map<string, Compiled>();

function compiled(key: string, spec: ModelSpec) {
  let c = cache.get(key);
  if (!c) {
    if (cache.size > 16) cache.clear();
    const model = new LikelihoodModel(spec);
    c = {
      model,
      fitter: new Fitter(model, { robust: multiMinimumParams(model).length > 0 }),
      linear: linearSingleBin(model),
      gammaBin: gammaSingleBin(model),
      oneBinFree: OneBinFreeFit.of(model),
      oneBinProfile: OneBinProfile.of(model),
    };
    cache.set(key, c);
  }
  return c;
}

/** draw one pseudo-data set at `pars` into `out` (main: Poisson; aux: Normal / Poisson) */
export function drawToy(
  model: LikelihoodModel,
  nu: Float64Array,
  pars: ArrayLike<number>,
  rng: ReturnType<typeof stream>,
  out: Dataset,
): void {
  for (let b = 0; b < model.nBins; b++) out.main[b] = poisson(rng, nu[b]);
  for (let p = 0; p < model.nPar; p++) {
    if (model.fixed[p]) continue; // a fixed parameter's constraint is a constant
    const k = model.consKind[p];
    if (k === CONS_NORMAL) out.aux[p] = pars[p] + model.consSigma[p] * normal(rng);
    else if (k === CONS_POISSON) out.aux[p] = poisson(rng, model.consTau[p] * pars[p]);
  }
}

/**
 * One bin whose only free parameter is the POI: ν(μ) = Aμ + B, so μ̂ = max(0, (n − B)/A) and the
 * test statistics are closed-form (no fit). Returns [A, B] or null when the model is not of this form.
 */
export function linearSingleBin(model: LikelihoodModel): [number, number] | null {
  const spec = model.spec;
  if (model.nBins !== 1) return null;
  for (let p = 0; p < model.nPar; p++) if (p !== model.poi && !model.fixed[p]) return null;
  let a = 0;
  let b = 0;
  for (const t of spec.terms) {
    if (t.modifiers.length === 0) b += t.nominal;
    else if (
      t.modifiers.length === 1 &&
      t.modifiers[0].type === "factor" &&
      t.modifiers[0].param === model.poi
    )
      a += t.nominal;
    else return null;
  }
  return a > 0 ? [a, b] : null;
}

/** −ln L of ν = Aμ + B for n events (up to a constant) */
function nllLinear(n: number, mu: number, a: number, b: number): number {
  const v = a * mu + b;
  return n > 0 ? v - n * Math.log(v) : v;
}

function runLinear(a: ToyTask, model: LikelihoodModel, A: number, B: number): Float64Array {
  const rng = stream(a.seed, a.shard, "toys", a.sub);
  const K = a.mus.length;
  const out = new Float64Array(a.nToys * K);
  const nu = A * a.genPars[model.poi] + B;
  const lo = model.lo[model.poi];
  const hi = model.hi[model.poi];
  for (let t = 0; t < a.nToys; t++) {
    const n = poisson(rng, nu);
    const muHat = Math.min(hi, Math.max(lo, (n - B) / A));
    const nllFree = nllLinear(n, muHat, A, B);
    for (let k = 0; k < K; k++) {
      const mu = a.mus[k];
      let q: number;
      if ((a.stat === "qtilde" && muHat > mu) || (a.stat === "q0" && muHat <= 0)) q = 0;
      else q = Math.max(0, 2 * (nllLinear(n, mu, A, B) - nllFree));
      out[t * K + k] = q;
    }
  }
  return out;
}

/** hybrid: draw the nuisance parameters from their constraints given the observed auxiliary data */
export function drawNuisances(
  model: LikelihoodModel,
  genPars: ArrayLike<number>,
  auxObs: ArrayLike<number>,
  rng: ReturnType<typeof stream>,
  out: Float64Array,
): void {
  for (let p = 0; p < model.nPar; p++) {
    out[p] = genPars[p];
    if (model.fixed[p] || p === model.poi) continue;
    const k = model.consKind[p];
    if (k === CONS_NORMAL) {
      let v: number;
      do v = auxObs[p] + model.consSigma[p] * normal(rng);
      while (v < model.lo[p] || v > model.hi[p]);
      out[p] = v;
    } else if (k === CONS_POISSON) out[p] = gamma(rng, auxObs[p] + 1, model.consTau[p]);
  }
}

/**
 * Keys of toy data sets for memoising their test statistics. A toy's test statistics depend only on
 * its data (the fits start from the task's fixed `genPars`), and counting data repeat: the main
 * counts are Poisson integers, the auxiliary data either stay at their observed values (hybrid) or
 * are Poisson integers too (frequentist toys of Poisson-constrained parameters). Returns null when
 * some observable varies continuously (frequentist toys of Normal constraints: no repeats).
 */
export function toyKeyer(
  model: LikelihoodModel,
  hybrid: boolean,
): ((toy: Dataset) => number | string) | null {
  const auxVarying: number[] = [];
  if (!hybrid)
    for (let p = 0; p < model.nPar; p++) {
      if (model.fixed[p]) continue;
      if (model.consKind[p] === CONS_NORMAL) return null;
      if (model.consKind[p] === CONS_POISSON) auxVarying.push(p);
    }
  const B = model.nBins;
  const V = B + auxVarying.length;
  // a numeric key packs the integers in `bits` bits each (exact below 2⁵³), else a string
  const bits = Math.floor(52 / V);
  const radix = 2 ** bits;
  const packed = (toy: Dataset): number | string => {
    let key = 0;
    for (let b = 0; b < B; b++) {
      const v = toy.main[b];
      if (v >= radix) return spelled(toy);
      key = key * radix + v;
    }
    for (const p of auxVarying) {
      const v = toy.aux[p];
      if (v >= radix) return spelled(toy);
      key = key * radix + v;
    }
    return key;
  };
  const spelled = (toy: Dataset): string => {
    let s = "";
    for (let b = 0; b < B; b++) s += `${toy.main[b]},`;
    for (const p of auxVarying) s += `${toy.aux[p]},`;
    return s;
  };
  return bits >= 8 ? packed : spelled;
}

/** test statistics of `nToys` pseudo-experiments: row t holds the values at mus[0..] */
export function runToys(a: ToyTask): Float64Array {
  const { model, fitter, linear, gammaBin, oneBinFree, oneBinProfile } = compiled(a.key, a.spec);
  if (linear && a.closedForm !== false) return runLinear(a, model, linear[0], linear[1]);
  // one bin with a gamma-constrained background: closed-form fits (src/stats/gamma-bin.ts)
  const closedForm = a.closedForm !== false;
  const closed = gammaBin && closedForm ? new GammaBinFit(gammaBin) : null;
  const closedGamma = gammaBin ? gammaBin.gamma : -1;
  const profile = closedForm && !closed ? oneBinProfile : null;
  const muLo = model.lo[model.poi];
  const rng = stream(a.seed, a.shard, "toys", a.sub);
  const K = a.mus.length;
  const out = new Float64Array(a.nToys * K);
  const nu = model.expected(a.genPars);
  const toy: Dataset = { main: new Float64Array(model.nBins), aux: model.auxNominal.slice() };
  const start = Float64Array.from(a.genPars);
  const poi = model.poi;
  const hybrid = a.mode === "hybrid";
  const drawn = new Float64Array(model.nPar);
  if (hybrid) toy.aux.set(a.auxObs ?? model.auxNominal);
  const keyer = a.memo === false ? null : toyKeyer(model, hybrid);
  const seen = new Map<number | string, number>();
  for (let t = 0; t < a.nToys; t++) {
    if (hybrid) {
      drawNuisances(model, a.genPars, toy.aux, rng, drawn);
      model.expected(drawn, nu);
      for (let b = 0; b < model.nBins; b++) toy.main[b] = poisson(rng, nu[b]);
    } else drawToy(model, nu, a.genPars, rng, toy);
    if (keyer) {
      // a data set seen before in this task: the same fits from the same start, so the same values
      const key = keyer(toy);
      const first = seen.get(key);
      if (first !== undefined) {
        out.copyWithin(t * K, first * K, first * K + K);
        continue;
      }
      seen.set(key, t);
    }
    let muHat: number;
    let nllFree: number;
    if (closed) {
      closed.setData(toy.main[0], toy.aux[closedGamma]);
      muHat = closed.muHat;
      nllFree = closed.nllFree;
    } else {
      start.set(a.genPars);
      let shortcut = oneBinFree && closedForm ? oneBinFree.fit(toy, start) : Number.NaN;
      if (Number.isNaN(shortcut) && profile) {
        // μ̂ on its lower bound: the profile at that bound is the free minimum when ∂/∂μ ≥ 0 there (ν ≥ n)
        const v = profile.fit(muLo, toy, start);
        if (!Number.isNaN(v) && profile.nu >= toy.main[0]) {
          shortcut = v;
          start[poi] = muLo;
          start[profile.theta] = profile.thetaHat;
        }
      }
      if (Number.isNaN(shortcut)) {
        const free = fitter.fitFree(toy, a.genPars);
        nllFree = free.nll;
        start.set(free.pars);
      } else nllFree = shortcut;
      muHat = start[poi];
    }
    for (let k = 0; k < K; k++) {
      const mu = a.mus[k];
      let q: number;
      if (a.stat === "qtilde" && muHat > mu) q = 0;
      else if (a.stat === "q0" && muHat <= 0) q = 0;
      else if (closed) q = Math.max(0, 2 * (closed.nllFixed(mu) - nllFree));
      else {
        const v = profile ? profile.fit(mu, toy, start) : Number.NaN;
        if (Number.isNaN(v)) q = fitter.tmu(mu, toy, nllFree, start);
        else {
          q = Math.max(0, 2 * (v - nllFree));
          start[profile!.theta] = profile!.thetaHat; // warm start of the next POI value
        }
      }
      out[t * K + k] = q;
    }
  }
  return out;
}

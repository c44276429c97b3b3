/**
 * The binned likelihood every kaonlab calculator works on: HistFactory's model restricted to what
 * counting analyses and pyhf workspaces need (K. Cranmer et al., CERN-OPEN-2012-016).
 *
 *   L(θ) = Πᵦ Pois(nᵦ | νᵦ(θ)) · Πₚ Cₚ(aₚ | θₚ),   νᵦ = Σ_terms in b (nominal + Σ Δₕ(θ)) · Π fₘ(θ)
 *
 * A term is one sample in one bin. Its modifiers are multiplicative factors (normfactor,
 * shapefactor, staterror, shapesys, lumi: f = θ; normsys: f = interpolated factor) or additive
 * shifts (histosys). Constraints Cₚ are Normal(aₚ | θₚ, σₚ) or Poisson(aₚ | τₚθₚ) (continuous in
 * aₚ, as pyhf); aₚ are the auxiliary ("global") observables, which pseudo-experiments redraw.
 *
 * The spec is plain JSON (it travels to worker threads); `LikelihoodModel` compiles it into typed
 * arrays and evaluates −ln L with its exact gradient and Hessian, allocation-free.
 */
import {
  code4Coefficients,
  histosysCode0,
  histosysCode4p,
  normsysCode1Ln,
  normsysCode4,
} from "./interpolation.ts";

export type ConstraintSpec =
  | { kind: "none" }
  /** Normal(a | θ, σ); `aux` is the nominal auxiliary observable */
  | { kind: "normal"; aux: number; sigma: number }
  /** Poisson(a | τθ), continuous in a; the nominal auxiliary observable is τ */
  | { kind: "poisson"; tau: number };

export interface ParamSpec {
  name: string;
  init: number;
  lo: number;
  hi: number;
  fixed: boolean;
  constraint: ConstraintSpec;
}

export type ModifierSpec =
  | { type: "factor"; param: number }
  | { type: "normsys"; param: number; hi: number; lo: number; code: 1 | 4 }
  /** hi and lo are the term's yields at α = +1 and −1 */
  | { type: "histosys"; param: number; hi: number; lo: number; code: 0 | 4 };

export interface TermSpec {
  bin: number;
  sample: string;
  nominal: number;
  modifiers: ModifierSpec[];
}

export interface ModelSpec {
  binLabels: string[];
  params: ParamSpec[];
  terms: TermSpec[];
  /** index of the parameter of interest */
  poi: number;
  /** observed counts per bin */
  observed: number[];
}

/** main and auxiliary observables of one data set */
export interface Dataset {
  main: Float64Array;
  /** per parameter (unconstrained parameters: ignored) */
  aux: Float64Array;
}

const MOD_FACTOR = 0;
const MOD_NORMSYS1 = 1;
const MOD_NORMSYS4 = 2;
const MOD_HISTO0 = 3;
const MOD_HISTO4 = 4;

export const CONS_NONE = 0;
export const CONS_NORMAL = 1;
export const CONS_POISSON = 2;

/** the most modifiers one term may carry (bounds the per-term scratch arrays) */
const MAX_MODS = 32;

export class LikelihoodModel {
  readonly spec: ModelSpec;
  readonly nPar: number;
  readonly nBins: number;
  readonly nTerms: number;
  readonly poi: number;
  readonly names: string[];
  readonly init: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly fixed: Uint8Array;
  readonly consKind: Int8Array;
  readonly consSigma: Float64Array;
  readonly consTau: Float64Array;
  readonly auxNominal: Float64Array;

  private readonly termBin: Int32Array;
  private readonly termNominal: Float64Array;
  private readonly modStart: Int32Array;
  private readonly modType: Int8Array;
  private readonly modParam: Int32Array;
  private readonly modHi: Float64Array;
  private readonly modLo: Float64Array;
  private readonly modCoef: Float64Array;
  /** slot of modifier k in its bin's parameter list */
  private readonly modSlot: Int32Array;
  /** parameters of bin b: binPar[binParStart[b] .. binParStart[b + 1]) */
  private readonly binParStart: Int32Array;
  private readonly binPar: Int32Array;

  // scratch
  private readonly nu: Float64Array;
  private readonly jac: Float64Array;
  private readonly fv = new Float64Array(MAX_MODS);
  private readonly f1 = new Float64Array(MAX_MODS);
  private readonly f2 = new Float64Array(MAX_MODS);
  private readonly d = new Float64Array(2);

  constructor(spec: ModelSpec) {
    this.spec = spec;
    const P = spec.params.length;
    this.nPar = P;
    this.nBins = spec.binLabels.length;
    this.nTerms = spec.terms.length;
    this.poi = spec.poi;
    this.names = spec.params.map((p) => p.name);
    this.init = new Float64Array(spec.params.map((p) => p.init));
    this.lo = new Float64Array(spec.params.map((p) => p.lo));
    this.hi = new Float64Array(spec.params.map((p) => p.hi));
    this.fixed = new Uint8Array(spec.params.map((p) => (p.fixed ? 1 : 0)));
    this.consKind = new Int8Array(P);
    this.consSigma = new Float64Array(P);
    this.consTau = new Float64Array(P);
    this.auxNominal = new Float64Array(P);
    spec.params.forEach((p, i) => {
      const c = p.constraint;
      if (c.kind === "normal") {
        this.consKind[i] = CONS_NORMAL;
        this.consSigma[i] = c.sigma;
        this.auxNominal[i] = c.aux;
      } else if (c.kind === "poisson") {
        this.consKind[i] = CONS_POISSON;
        this.consTau[i] = c.tau;
        this.auxNominal[i] = c.tau;
      }
    });
    if (spec.observed.length !== this.nBins)
      throw new RangeError(`model: ${spec.observed.length} observed counts for ${this.nBins} bins`);
    const T = this.nTerms;
    this.termBin = new Int32Array(T);
    this.termNominal = new Float64Array(T);
    this.modStart = new Int32Array(T + 1);
    const nMods = spec.terms.reduce((s, t) => s + t.modifiers.length, 0);
    this.modType = new Int8Array(nMods);
    this.modParam = new Int32Array(nMods);
    this.modHi = new Float64Array(nMods);
    this.modLo = new Float64Array(nMods);
    this.modCoef = new Float64Array(6 * nMods);
    let k = 0;
    spec.terms.forEach((t, i) => {
      if (t.modifiers.length > MAX_MODS)
        throw new RangeError(`model: term ${t.sample}/${t.bin} has more than ${MAX_MODS} modifiers`);
      this.termBin[i] = t.bin;
      this.termNominal[i] = t.nominal;
      this.modStart[i] = k;
      for (const m of t.modifiers) {
        this.modParam[k] = m.param;
        if (m.type === "factor") this.modType[k] = MOD_FACTOR;
        else if (m.type === "normsys") {
          if (!(m.hi > 0 && m.lo > 0))
            throw new RangeError(
              `model: normsys on ${t.sample} needs positive hi and lo factors, got hi=${m.hi} lo=${m.lo}`,
            );
          this.modHi[k] = m.hi;
          this.modLo[k] = m.lo;
          if (m.code === 4) {
            this.modType[k] = MOD_NORMSYS4;
            this.modCoef.set(code4Coefficients(m.hi, m.lo), 6 * k);
          } else {
            this.modType[k] = MOD_NORMSYS1;
            this.modCoef[6 * k] = Math.log(m.hi);
            this.modCoef[6 * k + 1] = -Math.log(m.lo);
          }
        } else {
          this.modType[k] = m.code === 4 ? MOD_HISTO4 : MOD_HISTO0;
          this.modHi[k] = m.hi - t.nominal; // up shift
          this.modLo[k] = t.nominal - m.lo; // down shift
        }
        k++;
      }
    });
    this.modStart[T] = k;
    this.nu = new Float64Array(this.nBins);
    // sparsity: the parameters each bin depends on (its Jacobian row), and each modifier's slot there
    const lists: number[][] = Array.from({ length: this.nBins }, () => []);
    this.modSlot = new Int32Array(nMods);
    spec.terms.forEach((t, i) => {
      const l = lists[t.bin];
      for (let k = this.modStart[i]; k < this.modStart[i + 1]; k++) {
        const p = this.modParam[k];
        let slot = l.indexOf(p);
        if (slot < 0) {
          slot = l.length;
          l.push(p);
        }
        this.modSlot[k] = slot;
      }
    });
    this.binParStart = new Int32Array(this.nBins + 1);
    lists.forEach((l, b) => {
      this.binParStart[b + 1] = this.binParStart[b] + l.length;
    });
    this.binPar = Int32Array.from(lists.flat());
    this.jac = new Float64Array(this.binPar.length);
  }

  /** the observed data set of the spec (auxiliary observables at their nominal values) */
  observedData(): Dataset {
    return { main: new Float64Array(this.spec.observed), aux: this.auxNominal.slice() };
  }

  /** evaluate modifier k at its parameter value: returns the factor (or shift), derivatives in d */
  private evalMod(k: number, x: number, d: Float64Array): number {
    switch (this.modType[k]) {
      case MOD_FACTOR:
        d[0] = 1;
        d[1] = 0;
        return x;
      case MOD_NORMSYS1:
        return normsysCode1Ln(x, this.modCoef[6 * k], this.modCoef[6 * k + 1], d);
      case MOD_NORMSYS4:
        return normsysCode4(x, this.modHi[k], this.modLo[k], this.modCoef, 6 * k, d);
      case MOD_HISTO0:
        return histosysCode0(x, this.modHi[k], this.modLo[k], d);
      default:
        return histosysCode4p(x, this.modHi[k], this.modLo[k], d);
    }
  }

  private isAdditive(k: number): boolean {
    return this.modType[k] >= MOD_HISTO0;
  }

  /** yield of term t */
  termYield(t: number, pars: ArrayLike<number>): number {
    let base = this.termNominal[t];
    let prod = 1;
    const d = this.d;
    for (let k = this.modStart[t]; k < this.modStart[t + 1]; k++) {
      const v = this.evalMod(k, pars[this.modParam[k]], d);
      if (this.isAdditive(k)) base += v;
      else prod *= v;
    }
    return base * prod;
  }

  /**
   * Expected count of one bin with its first and second derivatives with respect to parameter p
   * alone (the others held at `pars`), written to d[0], d[1]: for one-dimensional profile fits.
   */
  binExpectedD(bin: number, p: number, pars: ArrayLike<number>, d: Float64Array): number {
    const dm = this.d;
    let nu = 0;
    let nu1 = 0;
    let nu2 = 0;
    for (let t = 0; t < this.nTerms; t++) {
      if (this.termBin[t] !== bin) continue;
      // yield = (nominal + Σ additive shifts) · Π multiplicative factors, each part with its
      // derivatives in θp (product rule)
      let a = this.termNominal[t];
      let a1 = 0;
      let a2 = 0;
      let m = 1;
      let m1 = 0;
      let m2 = 0;
      for (let k = this.modStart[t]; k < this.modStart[t + 1]; k++) {
        const v = this.evalMod(k, pars[this.modParam[k]], dm);
        const on = this.modParam[k] === p;
        const v1 = on ? dm[0] : 0;
        const v2 = on ? dm[1] : 0;
        if (this.isAdditive(k)) {
          a += v;
          a1 += v1;
          a2 += v2;
        } else {
          m2 = m2 * v + 2 * m1 * v1 + m * v2;
          m1 = m1 * v + m * v1;
          m *= v;
        }
      }
      nu += a * m;
      nu1 += a1 * m + a * m1;
      nu2 += a2 * m + 2 * a1 * m1 + a * m2;
    }
    d[0] = nu1;
    d[1] = nu2;
    return nu;
  }

  /** expected main counts per bin */
  expected(pars: ArrayLike<number>, out: Float64Array = new Float64Array(this.nBins)): Float64Array {
    out.fill(0);
    for (let t = 0; t < this.nTerms; t++) out[this.termBin[t]] += this.termYield(t, pars);
    return out;
  }

  /** expected auxiliary observables: θ (normal), τθ (Poisson) */
  expectedAux(pars: ArrayLike<number>, out: Float64Array = new Float64Array(this.nPar)): Float64Array {
    for (let p = 0; p < this.nPar; p++) {
      const kind = this.consKind[p];
      out[p] = kind === CONS_NORMAL ? pars[p] : kind === CONS_POISSON ? this.consTau[p] * pars[p] : 0;
    }
    return out;
  }

  /** the Asimov data set at `pars`: main and auxiliary observables at their expectations */
  asimov(pars: ArrayLike<number>): Dataset {
    return { main: this.expected(pars), aux: this.expectedAux(pars) };
  }

  /** −ln L up to a data-dependent constant (+∞ where a bin with data has ν ≤ 0) */
  nll(pars: ArrayLike<number>, data: Dataset): number {
    const s = this.mainNll(this.expected(pars, this.nu), data.main);
    return s === Number.POSITIVE_INFINITY ? s : s + this.constraintNll(pars, data.aux, null, null);
  }

  /**
   * why the likelihood vanishes at `pars` (nll = +∞): the first bin with data but no expectation, or
   * the first Poisson constraint with auxiliary data at a parameter ≤ 0; null when it does not
   */
  whyVanishes(pars: ArrayLike<number>, data: Dataset): string | null {
    const nu = this.expected(pars, this.nu);
    for (let b = 0; b < this.nBins; b++)
      if (data.main[b] > 0 && !(nu[b] > 0))
        return `${this.spec.binLabels[b]} has ${data.main[b]} observed events but an expected count of ${nu[b]}`;
    for (let p = 0; p < this.nPar; p++)
      if (this.consKind[p] === CONS_POISSON && data.aux[p] > 0 && !(pars[p] > 0))
        return `parameter "${this.names[p]}" is ${pars[p]} under a Poisson constraint with auxiliary data ${data.aux[p]}`;
    return null;
  }

  /** the constraint part of −ln L alone (as in nll) */
  constraintsNll(pars: ArrayLike<number>, aux: Float64Array): number {
    return this.constraintNll(pars, aux, null, null);
  }

  /** Σᵦ νᵦ − nᵦ ln νᵦ (+∞ where a bin with data has ν ≤ 0) */
  private mainNll(nu: Float64Array, main: Float64Array): number {
    let s = 0;
    for (let b = 0; b < this.nBins; b++) {
      const n = main[b];
      const v = nu[b];
      if (n > 0) {
        if (!(v > 0)) return Number.POSITIVE_INFINITY;
        s += v - n * Math.log(v);
      } else s += v;
    }
    return s;
  }

  /** constraint part of −ln L; adds gradient and Hessian diagonal when given */
  private constraintNll(
    pars: ArrayLike<number>,
    aux: Float64Array,
    grad: Float64Array | null,
    hess: Float64Array | null,
  ): number {
    let s = 0;
    const P = this.nPar;
    for (let p = 0; p < P; p++) {
      const kind = this.consKind[p];
      if (kind === CONS_NORMAL) {
        const sg = this.consSigma[p];
        const r = (pars[p] - aux[p]) / sg;
        s += 0.5 * r * r;
        if (grad) {
          grad[p] += r / sg;
          hess![p * P + p] += 1 / (sg * sg);
        }
      } else if (kind === CONS_POISSON) {
        const tau = this.consTau[p];
        const x = pars[p];
        const a = aux[p];
        if (a > 0) {
          if (!(x > 0)) return Number.POSITIVE_INFINITY;
          s += tau * x - a * Math.log(tau * x);
          if (grad) {
            grad[p] += tau - a / x;
            hess![p * P + p] += a / (x * x);
          }
        } else {
          s += tau * x;
          if (grad) grad[p] += tau;
        }
      }
    }
    return s;
  }

  /**
   * −ln L with its exact gradient and Hessian (row-major P×P). Returns +∞ (grad/hess untouched)
   * where the likelihood vanishes. Only the Hessian's structural non-zeros are written (pairs of
   * parameters of one bin, and the diagonal): pass an array that is zero elsewhere (a fresh one, or
   * one only ever written by this method), so that models with one parameter per bin cost O(P).
   */
  nllGradHess(pars: ArrayLike<number>, data: Dataset, grad: Float64Array, hess: Float64Array): number {
    const P = this.nPar;
    const B = this.nBins;
    const nu = this.expected(pars, this.nu);
    const main = data.main;
    const s = this.mainNll(nu, main);
    if (s === Number.POSITIVE_INFINITY) return s;
    grad.fill(0);
    const bp = this.binPar;
    const bs = this.binParStart;
    for (let p = 0; p < P; p++) hess[p * P + p] = 0;
    for (let b = 0; b < B; b++)
      for (let i = bs[b]; i < bs[b + 1]; i++) {
        const row = bp[i] * P;
        for (let j = bs[b]; j < bs[b + 1]; j++) hess[row + bp[j]] = 0;
      }
    const jac = this.jac;
    jac.fill(0);
    const fv = this.fv;
    const f1 = this.f1;
    const f2 = this.f2;
    const d = this.d;
    for (let t = 0; t < this.nTerms; t++) {
      const b = this.termBin[t];
      const k0 = this.modStart[t];
      const M = this.modStart[t + 1] - k0;
      if (M === 0) continue;
      const n = main[b];
      const v = nu[b];
      const r = n > 0 ? 1 - n / v : 1; // residual weight of second derivatives
      // factor values: additive shifts are summed into the base (index −1 conceptually)
      let base = this.termNominal[t];
      for (let j = 0; j < M; j++) {
        const k = k0 + j;
        fv[j] = this.evalMod(k, pars[this.modParam[k]], d);
        f1[j] = d[0];
        f2[j] = d[1];
        if (this.isAdditive(k)) base += fv[j];
      }
      const jrow = bs[b];
      for (let j = 0; j < M; j++) {
        const kj = k0 + j;
        const pj = this.modParam[kj];
        const addJ = this.isAdditive(kj);
        // ∂y/∂θ via factor j: additive → Δ'·Πmult ; multiplicative → f'·base·Π_{m≠j} mult
        let pj1 = addJ ? f1[j] : f1[j] * base;
        for (let m = 0; m < M; m++) if (m !== j && !this.isAdditive(k0 + m)) pj1 *= fv[m];
        jac[jrow + this.modSlot[kj]] += pj1;
        if (r === 0) continue;
        // second derivatives: diagonal in the factor (same factor twice)
        let d2 = addJ ? f2[j] : f2[j] * base;
        for (let m = 0; m < M; m++) if (m !== j && !this.isAdditive(k0 + m)) d2 *= fv[m];
        hess[pj * P + pj] += r * d2;
        // cross terms between factor j and factor l ≠ j
        for (let l = 0; l < M; l++) {
          if (l === j) continue;
          const kl = k0 + l;
          const addL = this.isAdditive(kl);
          if (addJ && addL) continue; // shifts add: no cross term
          const pl = this.modParam[kl];
          // product of f'_j f'_l with the remaining multiplicative factors, times base if both mult
          let c = f1[j] * f1[l];
          if (!addJ && !addL) c *= base;
          for (let m = 0; m < M; m++) if (m !== j && m !== l && !this.isAdditive(k0 + m)) c *= fv[m];
          hess[pj * P + pl] += r * c;
        }
      }
    }
    // gradient and Gauss–Newton part from the per-bin Jacobian
    for (let b = 0; b < B; b++) {
      const n = main[b];
      const v = nu[b];
      const r = n > 0 ? 1 - n / v : 1;
      const w = n > 0 ? n / (v * v) : 0;
      for (let i = bs[b]; i < bs[b + 1]; i++) {
        const jp = jac[i];
        if (jp === 0) continue;
        const p = bp[i];
        grad[p] += r * jp;
        if (w === 0) continue;
        const wp = w * jp;
        for (let j = bs[b]; j < bs[b + 1]; j++) {
          const jq = jac[j];
          if (jq !== 0) hess[p * P + bp[j]] += wp * jq;
        }
      }
    }
    return s + this.constraintNll(pars, data.aux, grad, hess);
  }
}

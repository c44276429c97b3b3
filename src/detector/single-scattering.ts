/**
 * Single (large-angle) Coulomb scattering: the tail of the multiple-scattering distribution beyond
 * the Gaussian core that Highland's formula describes.
 *
 * Beyond a few θ₀ the Molière distribution is the Rutherford single-scattering tail: the probability
 * of one scattering by a space angle larger than θ in a layer is
 *
 *     P(> θ) = χc² (1/θ² − 1/θ_max²),   χc² = 0.157 MeV² cm²/g · Σ Z(Z+1)/A · ρt / (pβ)²
 *
 * (Molière's χc, e.g. Bethe, Phys. Rev. 89 (1953) 1256, eq. 20; Lynch & Dahl, NIM B58 (1991) 6),
 * i.e. a 1/θ³ density. With Tsai's radiation length, X₀ = 716.4 A / (Z(Z+1) ln(287/√Z)) g/cm²
 * (PDG 2024, eq. 34.26 without the small f(Z) and L′ terms), Z(Z+1)/A · ρt = 716.4 g/cm² ·
 * (x/X₀) / ln(287/√Z): the tail follows from the same x/X₀ as the Gaussian core, with a weak
 * (logarithmic) dependence on the material's Z. The nuclear form factor stops the 1/θ³ tail at
 * θ_max = q_nuc/p (q_nuc ≈ ħc/R, R = 1.2 A^{1/3} fm). Below θ_min = k·θ₀ (Highland) the Gaussian
 * core already describes the distribution, so only angles above θ_min are drawn here.
 *
 * Parameters (geometry.json "material"): singleScatteringZ, singleScatteringMinSigma (k),
 * singleScatteringQNuclear (q_nuc).
 */

/** 0.157 MeV² cm²/g · 716.4 g/cm², in GeV² */
const CHI_C2_CONSTANT = 0.157e-6 * 716.4;

export interface SingleScatteringParams {
  /** effective atomic number of the layer's material (enters as ln(287/√Z)) */
  z: number;
  /** θ_min in units of the layer's Highland angle */
  minSigma: number;
  /** momentum transfer of the nuclear form-factor cut-off, GeV/c */
  qNuclear: number;
}

export class SingleScattering {
  readonly xOverX0: number;
  private readonly kc: number;
  private readonly k: number;
  private readonly q: number;
  /** √(x/X₀) and 1 + 0.038 ln(x/X₀): the factors of highland() that do not depend on p (β = 1) */
  private readonly sqrtX: number;
  private readonly logTerm: number;

  constructor(xOverX0: number, params: SingleScatteringParams) {
    this.xOverX0 = xOverX0;
    this.kc = (CHI_C2_CONSTANT * xOverX0) / Math.log(287 / Math.sqrt(params.z));
    this.k = params.minSigma;
    this.q = params.qNuclear;
    this.sqrtX = Math.sqrt(xOverX0);
    this.logTerm = 1 + 0.038 * Math.log(xOverX0 / (1 * 1));
  }

  /** χc² (rad²) of the layer for momentum p (GeV/c, β = 1) */
  chiC2(p: number): number {
    return this.kc / (p * p);
  }

  /** θ_min (rad): k × Highland θ₀ of the layer (β = 1) */
  thetaMin(p: number): number {
    // highland(p, 1, x/X₀) with its p-independent factors computed once (the same operations)
    if (this.xOverX0 <= 0) return this.k * 0;
    return this.k * ((0.0136 / (1 * p)) * this.sqrtX * this.logTerm);
  }

  /** θ_max (rad): the nuclear form-factor cut-off */
  thetaMax(p: number): number {
    return this.q / p;
  }

  /** P(one scattering with space angle > θ) in the layer, θ ≥ θ_min */
  probabilityAbove(p: number, theta: number): number {
    const tmax = this.thetaMax(p);
    if (theta >= tmax) return 0;
    return this.chiC2(p) * (1 / (theta * theta) - 1 / (tmax * tmax));
  }

  /** P(a tail scattering, θ > θ_min) in the layer */
  probability(p: number): number {
    return this.probabilityAbove(p, this.thetaMin(p));
  }

  /** likelihood ratio (natural / biased density) of the last biasedAngle */
  weight = 1;

  /**
   * The space angle of a tail scattering at momentum p for a uniform v in [0, 1): the inverse of
   * the 1/θ³ distribution between θ_min and θ_max.
   */
  angle(p: number, v: number): number {
    const a = this.thetaMin(p);
    const b = this.thetaMax(p);
    if (!(b > a)) return a;
    const ia = 1 / (a * a);
    const ib = 1 / (b * b);
    return 1 / Math.sqrt(ia - v * (ia - ib));
  }

  /**
   * An importance-sampled tail angle (biasing.ts): with v < mix the natural 1/θ³ angle of v/mix,
   * otherwise an angle log-uniform between θ_min and θ_max; `weight` receives the likelihood ratio
   * f(θ) / (mix·f(θ) + (1 − mix)·g(θ)). With mix = 1 this is angle(p, v) with weight 1.
   */
  biasedAngle(p: number, v: number, mix: number): number {
    if (mix >= 1) {
      this.weight = 1;
      return this.angle(p, v);
    }
    const a = this.thetaMin(p);
    const b = this.thetaMax(p);
    if (!(b > a)) {
      this.weight = 1;
      return a;
    }
    const lr = Math.log(b / a);
    const th = v < mix ? this.angle(p, v / mix) : a * Math.exp(((v - mix) / (1 - mix)) * lr);
    const f = 2 / (th * th * th * (1 / (a * a) - 1 / (b * b)));
    const g = 1 / (th * lr);
    this.weight = f / (mix * f + (1 - mix) * g);
    return th;
  }
}

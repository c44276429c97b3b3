/**
 * The numbers of the dark-sector library, read once from conditions/dark/*.json (each with its
 * source there) and conditions/particles.json (PDG 2024 masses and lifetimes).
 */
import { loadConditions } from "../../core/conditions.ts";
import { particleTable } from "../../core/particles.ts";

interface Value {
  value: number;
  error?: number;
  source: string;
}

export interface VectorMesonModel {
  rho: { mass: number; width: number; brEE: number };
  omega: { mass: number; width: number; brEE: number };
  phi: { mass: number; width: number; brEE: number };
  continuum: { r: number; start: number; full: number };
}

export interface FormFactorPole {
  name: string;
  mass: number;
  width: number;
  f: number;
}

export interface PpCrossSectionFit {
  Z: number;
  B: number;
  Y1: number;
  Y2: number;
  s0: number;
  s1: number;
  eta1: number;
  eta2: number;
}

export interface HeavyQuark {
  name: string;
  mass: number;
  charge: number;
}

export interface DarkParams {
  /** masses, GeV */
  mE: number;
  mMu: number;
  mTau: number;
  mPi: number;
  mPi0: number;
  mEta: number;
  mEtaPrime: number;
  mOmega: number;
  mK: number;
  mProton: number;
  /** K⁺ proper lifetime, ns */
  kaonLifetime: number;
  br: { pi0GG: number; etaGG: number; etaPrimeGG: number; omegaPi0G: number };
  vector: VectorMesonModel;
  formFactor: FormFactorPole[];
  pp: PpCrossSectionFit;
  scalar: {
    mTop: number;
    Vts: number;
    Vtd: number;
    mS: number;
    mD: number;
    f0: number;
    mW: number;
    heavyQuarks: HeavyQuark[];
    /** [m_S, Γ_ππ(dispersive)/Γ_ππ(LO)] */
    pipiRatio: [number, number][];
  };
}

let cached: DarkParams | undefined;

export function darkParams(): DarkParams {
  if (cached) return cached;
  const pt = particleTable();
  const mes = loadConditions<{
    etaPrime: { mass: Value };
    omega: { mass: Value; width: Value };
    tau: { mass: Value };
    branchingRatios: Record<string, Value>;
  }>("dark/mesons.json");
  const vm = loadConditions<{
    rho: Record<string, Value>;
    omega: Record<string, Value>;
    phi: Record<string, Value>;
    continuum: Record<string, Value>;
  }>("dark/vector-mesons.json");
  const ff = loadConditions<{ mesons: FormFactorPole[] }>("dark/proton-form-factor.json");
  const pp = loadConditions<PpCrossSectionFit>("dark/pp-cross-section.json");
  const sc = loadConditions<
    Record<string, Value> & { heavyQuarks: HeavyQuark[]; pipiDispersiveRatio: { points: [number, number][] } }
  >("dark/dark-scalar.json");
  const br = mes.branchingRatios;
  cached = {
    mE: pt.mass("e-"),
    mMu: pt.mass("mu-"),
    mTau: mes.tau.mass.value,
    mPi: pt.mass("pi+"),
    mPi0: pt.mass("pi0"),
    mEta: pt.mass("eta"),
    mEtaPrime: mes.etaPrime.mass.value,
    mOmega: mes.omega.mass.value,
    mK: pt.mass("K+"),
    mProton: pt.mass("p"),
    kaonLifetime: pt.get("K+").lifetime,
    br: {
      pi0GG: br.pi0ToGammaGamma.value,
      etaGG: br.etaToGammaGamma.value,
      etaPrimeGG: br.etaPrimeToGammaGamma.value,
      omegaPi0G: br.omegaToPi0Gamma.value,
    },
    vector: {
      rho: { mass: vm.rho.mass.value, width: vm.rho.width.value, brEE: vm.rho.brEE.value },
      omega: { mass: vm.omega.mass.value, width: vm.omega.width.value, brEE: vm.omega.brEE.value },
      phi: { mass: vm.phi.mass.value, width: vm.phi.width.value, brEE: vm.phi.brEE.value },
      continuum: { r: vm.continuum.r.value, start: vm.continuum.start.value, full: vm.continuum.full.value },
    },
    formFactor: ff.mesons.map((m) => ({ ...m })),
    pp: { ...pp },
    scalar: {
      mTop: sc.topMass.value,
      Vts: sc.Vts.value,
      Vtd: sc.Vtd.value,
      mS: sc.strangeMass.value,
      mD: sc.downMass.value,
      f0: sc.scalarFormFactor.value,
      mW: sc.wMass.value,
      heavyQuarks: sc.heavyQuarks.map((q) => ({ name: q.name, mass: q.mass, charge: q.charge })),
      pipiRatio: sc.pipiDispersiveRatio.points.map(([m, r]): [number, number] => [m, r]),
    },
  };
  return cached;
}
